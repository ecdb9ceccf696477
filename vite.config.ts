import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig(({ mode }) => ({
  // The UI: index.html at the repository root loads src/ui/main.ts; `npm run ui:build` writes dist-ui/.
  plugins: [svelte({ configFile: false })],
  // The notebooks import the library by its package name; in the browser build that is the source itself. Tests
  // (mode 'test') keep Node's resolution, the package's dist/, as `npm test` builds it.
  resolve: mode === 'test' ? {} : { alias: [{ find: /^vsdl-lab$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  base: './',
  build: { outDir: 'dist-ui', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  test: {
    // Statistical tests draw millions of numbers; give them room on a 2-core machine.
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        // After the run, a notice for the tests that cannot run on this machine (no Chromium), and why.
        test: { name: 'core', include: ['test/**/*.test.ts'], exclude: ['test/ui/**', '**/node_modules/**'], globalSetup: ['test/setup/notices.ts'] },
      },
      // Svelte components must resolve to the client runtime under jsdom.
      { extends: true, resolve: { conditions: ['browser'] }, test: { name: 'ui', include: ['test/ui/**/*.test.ts'] } },
    ],
  },
}));
