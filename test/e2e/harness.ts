/** Builds the UI once, serves dist-ui/ on 127.0.0.1 with a tiny static server, and launches Debian's Chromium. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';

import { CHROMIUM } from '../helpers/chromium.js';

export { CHROMIUM, hasChromium } from '../helpers/chromium.js';
export const ROOT = new URL('../..', import.meta.url).pathname;
export const DIST = join(ROOT, 'dist-ui');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A production build, as `npm run ui:build` makes it (vitest sets NODE_ENV=test, which would build in dev mode). */
/** `outDir`: where to write it (test files that run in parallel build into folders of their own). */
export async function buildApp(outDir = DIST): Promise<void> {
  const { build } = await import('vite');
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = before;
  }
}

/** Headers that make a page cross-origin isolated (SharedArrayBuffer, hence worker threads for the kernels). */
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

export async function serve(dir: string, { isolated = false } = {}): Promise<{ origin: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...(isolated ? ISOLATION : {}) }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

/** `gpu`: Chromium's flags for the GPU APIs (default --disable-gpu: WebGL is still there, rendered by SwiftShader). */
export async function launch(gpu: string[] = ['--disable-gpu']): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', ...gpu, '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Where the run leaves its screenshots: the README's (docs/screenshots) when VSDL_SCREENSHOTS names a folder
 * (`npm run screenshots` does), otherwise a scratch folder.
 */
export const SCREENSHOTS = process.env.VSDL_SCREENSHOTS ? join(ROOT, process.env.VSDL_SCREENSHOTS) : '/tmp/ui-shots';
