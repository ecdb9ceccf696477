import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig(({ mode }) => ({
  // The UI: index.html at the repository root loads src/ui/main.ts; `npm run ui:build` writes dist-ui/.
  plugins: [svelte({ configFile: false })],
  // The notebooks import the library by its package name; in the browser build that is the source itself. Tests
  // (mode 'test') keep Node's resolution, the package's dist/, as `npm test` builds it.
  resolve: mode === 'test' ? {} : { alias: [{ find: /^vsdl-lab$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  base: './',
  // Cross-origin isolation lets the labs use SharedArrayBuffer, hence worker threads for dense spectra; a host
  // that does not send these headers gets the single-thread path (same numbers, slower).
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: { outDir: 'dist-ui', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
  // Workers are not minified: gpu.js compiles kernels from their JavaScript source, and a minifier's renamed
  // parameters and locals shadow one another there (a loop variable `e` read as the argument `e`).
  worker: { format: 'es', rolldownOptions: { output: { minify: false } } },
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
