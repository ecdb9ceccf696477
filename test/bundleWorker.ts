import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { tempDir } from './cli/harness.js';

/**
 * Worker threads load JavaScript, and the tests run the TypeScript sources: a worker entry is bundled with its
 * imports into one file first (what `npm run build` gives the CLI under dist/). `entry` is relative to the
 * repository root.
 */
export async function bundleWorker(entry: string, fileName: string): Promise<URL> {
  const outDir = tempDir();
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: join(import.meta.dirname, '..', entry),
      outDir,
      write: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: fileName } },
    },
  });
  return pathToFileURL(join(outDir, fileName));
}
