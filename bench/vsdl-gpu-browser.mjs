// The 32×32-grid benchmark of the VSDL GPU path in Chromium (webgpu, webgl2, webgl, webasm, cpu), driven by
// playwright-core. It bundles bench/vsdl-gpu-page.ts with vite (no minification: gpu.js reads kernel and helper
// function names from their source), serves it locally with cross-origin isolation, and prints the page's numbers.
// On a machine without a GPU, Chromium renders WebGL in software (SwiftShader): the numbers then say so, and
// chooseGpuMode does not pick it over webasm. On a machine with an NVIDIA GPU run, for example:
//   CHROMIUM=/usr/bin/chromium node bench/vsdl-gpu-browser.mjs 8 --enable-features=Vulkan --use-angle=vulkan
// Arguments: [sweeps-scale] [extra Chromium flags…]. Needs playwright-core and a Chromium binary (CHROMIUM).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const scale = Number(process.argv[2] ?? 1);
const extraFlags = process.argv.slice(3);
const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '.tmp', 'vsdl-gpu-browser');
fs.rmSync(out, { recursive: true, force: true });

await build({
  configFile: false,
  logLevel: 'warn',
  root: here,
  build: {
    outDir: out,
    emptyOutDir: true,
    minify: false,
    lib: { entry: path.join(here, 'vsdl-gpu-page.ts'), formats: ['es'], fileName: () => 'page.js' },
  },
});
fs.writeFileSync(path.join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./page.js"></script>');

const server = http.createServer((req, res) => {
  const file = path.join(out, req.url === '/' ? 'index.html' : path.normalize(req.url).replace(/^\/+/, ''));
  if (!file.startsWith(out) || !fs.existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html',
    // SharedArrayBuffer (webasm threads) needs cross-origin isolation.
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--ignore-gpu-blocklist', '--enable-gpu-rasterization', ...extraFlags],
});
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  await page.goto(url);
  await page.waitForFunction(() => typeof globalThis.runBench === 'function');
  const linspace = (a, b, k) => Array.from({ length: k }, (_, i) => Number((a + ((b - a) * i) / (k - 1)).toFixed(6)));
  const grid = {
    n: 32, alphas: linspace(0.25, 2, 32), taus: linspace(0.1, 2, 32), samples: 1, seed: 'bench',
    equilibrationSweeps: Math.max(1, Math.round(2 * scale)), measurementSweeps: Math.max(1, Math.round(4 * scale)),
  };
  const report = await page.evaluate((g) => globalThis.runBench(g), grid);
  console.log('vsdl-gpu-browser: Ising Metropolis proposals per second, whole 32×32 grid in shared launches');
  console.log(`host: ${os.hostname()}, ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores); browser: ${report.userAgent}`);
  console.log(`date: ${new Date().toISOString()}; grid: N = 32, 2048 chains, ${grid.equilibrationSweeps + grid.measurementSweeps} sweeps`);
  console.log('chooseGpuMode:', report.choice.mode);
  for (const m of report.choice.measurements) {
    console.log(`  ${m.mode.padEnd(10)} ${!m.available ? 'not available' : m.ms === null ? `error: ${m.error}` : `${m.ms.toFixed(2)} ms/probe`}` +
      `${m.renderer ? `  renderer: ${m.renderer}` : ''}${m.software ? ' (software)' : ''}`);
  }
  const base = report.rows[0].proposals / report.rows[0].seconds;
  for (const r of report.rows) {
    const pps = r.proposals / r.seconds;
    console.log(`${r.backend.padEnd(30)} ${r.error ? `error: ${r.error}` : `${r.seconds.toFixed(2).padStart(7)} s  ${(pps / 1e6).toFixed(3).padStart(8)} M proposals/s  ×${(pps / base).toFixed(2)} vs reference` +
      (r.executed ? `  (ran on ${r.executed.join(', ')}; results identical to the first mode: ${r.sameAsFirst})` : '')}`);
  }
} finally {
  await browser.close();
  server.close();
}
