import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

/**
 * Worker threads load JavaScript, and the tests run the TypeScript sources: a worker entry (a path relative to
 * the repository root) is bundled with its imports into one file, as `npm run build` gives the CLI its compiled
 * workers, and its URL is returned.
 */
export async function bundleWorker(entry: string): Promise<URL> {
  const outDir = mkdtempSync(join(tmpdir(), 'vsdl-worker-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: join(import.meta.dirname, '../..', entry),
      outDir,
      write: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'worker.mjs' } },
    },
  });
  return pathToFileURL(join(outDir, 'worker.mjs'));
}
