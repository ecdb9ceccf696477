import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds test/gpu/browser/page.ts with vite (no minification: gpu.js reads function names from their source),
 * serves it on localhost with cross-origin isolation (webasm threads need SharedArrayBuffer) and opens it in
 * headless Chromium with software rendering (SwiftShader for WebGL and WebGPU). Returns the page and a close.
 */

export { CHROMIUM } from '../../helpers/chromium.js';
import { CHROMIUM } from '../../helpers/chromium.js';

const ARGS = [
  '--no-sandbox',
  // WebGL and WebGPU on the CPU: no GPU is needed, and none is used if present.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

export async function openPage(): Promise<BrowserPage> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..', '..');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vsdl-gpu-page-'));
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: { outDir: out, emptyOutDir: true, minify: false, lib: { entry: path.join(here, 'page.ts'), formats: ['es'], fileName: () => 'page.js' } },
  });
  fs.writeFileSync(path.join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./page.js"></script>');
  const server = http.createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : path.basename(req.url ?? '');
    const file = path.join(out, name);
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'vsdlGpu' in globalThis);
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async close() {
      await browser.close();
      server.close();
      fs.rmSync(out, { recursive: true, force: true });
    },
  };
}
