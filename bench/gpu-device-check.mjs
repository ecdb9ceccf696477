// The device check of the labs' GPU path, for a Linux machine with an NVIDIA GPU (it runs anywhere, and says what
// renders). It builds the sandbox, serves it, and drives headless Chromium:
//   1. tries several sets of GPU flags (Vulkan, EGL, desktop GL, Chromium's defaults, and SwiftShader as the
//      software baseline) and prints, per set, the WebGL2 renderer and the WebGPU adapter it gets;
//   2. with the first set that gives a hardware renderer (else SwiftShader, said plainly), runs the phase lab's
//      benchmark panel: the 64 × 64 Ising grid at N = 200 on one WebAssembly worker, on one worker per core at
//      once, and on the GPU (Metropolis proposals per second, steady state);
//   3. runs the edge lab's heavy-tailed draws (Pareto μ = 3, Q = 2) at N = 2000: 5000 draws with backend=gpu, and a
//      few with backend=cpu (dense float64 spectra, one draw at a time) whose rate is extrapolated to 5000;
//   4. prints a summary and appends it, with the machine, the renderer and the date, to bench/RESULTS.md.
// Targets on a hardware GPU: the grid ≥ 20× one WebAssembly worker; 5000 draws at N = 2000 in seconds.
//
//   node bench/gpu-device-check.mjs [--edge-draws 5000] [--edge-n 2000] [--cpu-edge-draws 10] [--flags vulkan|egl|gl|default|swiftshader]
//                                   [--panel-minutes 60] [--no-record] [--json FILE]
// Needs playwright-core (installed) and Chromium (CHROMIUM, default /usr/bin/chromium). Vulkan needs the NVIDIA
// Vulkan ICD visible (e.g. VK_DRIVER_FILES=/usr/share/vulkan/icd.d/nvidia_icd.json); EGL needs libEGL_nvidia.
// Here, without a GPU, use small edge sizes (the software renderer is slow): --edge-draws 200 --edge-n 400.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const edgeDraws = Number(option('edge-draws', 5000));
const edgeN = Number(option('edge-n', 2000));
const cpuEdgeDraws = Number(option('cpu-edge-draws', 10));
// A software renderer can take hours over the panel's GPU part: past this limit the panel is recorded as not
// finished and the edge lab is measured anyway.
const panelMinutes = Number(option('panel-minutes', 60));
const forced = option('flags', null);
const record = !argv.includes('--no-record');
const jsonOut = option('json', null);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const MINUTES = 60_000;

const FLAG_SETS = {
  vulkan: ['--use-angle=vulkan', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan', '--ignore-gpu-blocklist', '--enable-unsafe-webgpu', '--enable-gpu'],
  egl: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist', '--enable-unsafe-webgpu', '--enable-gpu'],
  gl: ['--use-angle=gl', '--ignore-gpu-blocklist', '--enable-unsafe-webgpu', '--enable-gpu'],
  default: ['--ignore-gpu-blocklist', '--enable-unsafe-webgpu', '--enable-gpu'],
  swiftshader: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu'],
};
const COMMON = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i;

// 1. The sandbox, built and served (cross-origin isolated, so that WebAssembly threads may use shared memory).
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vsdl-device-check-'));
process.env.NODE_ENV = 'production';
await build({ root, configFile: path.join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const file = path.normalize(path.join(out, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
  if (!file.startsWith(out) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
  const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' }[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const launch = (flags) => chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...COMMON, ...flags] });

/** What a flag set gives: the WebGL2 renderer and the WebGPU adapter, as a page (and the labs' worker) sees them. */
async function devices(flags) {
  const browser = await launch(flags);
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/?lab=phase&mode=layer`);
    const found = await page.evaluate(async () => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      const webgl2 = gl ? String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : null;
      let webgpu = null;
      try {
        const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
        if (adapter) webgpu = { description: [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(Boolean).join(' '), fallback: Boolean(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) };
      } catch (error) {
        webgpu = { description: `error: ${error}`, fallback: true };
      }
      return { webgl2, webgpu };
    });
    return { ...found, version: browser.version() };
  } finally {
    await browser.close();
  }
}

const hardware = (d) => Boolean((d.webgl2 && !SOFTWARE.test(d.webgl2)) || (d.webgpu && !d.webgpu.fallback && !SOFTWARE.test(d.webgpu.description)));
const probes = {};
let chosen = forced;
for (const [name, flags] of Object.entries(FLAG_SETS)) {
  if (forced && name !== forced) continue;
  try {
    probes[name] = await devices(flags);
  } catch (error) {
    probes[name] = { error: String(error?.message ?? error).split('\n')[0] };
  }
  const d = probes[name];
  console.log(`flags ${name.padEnd(12)} ${d.error ? `failed: ${d.error}` : `WebGL2: ${d.webgl2 ?? 'none'} | WebGPU: ${d.webgpu ? `${d.webgpu.description || '(no description)'}${d.webgpu.fallback ? ' (fallback adapter)' : ''}` : 'none'}${hardware(d) ? '  ← hardware' : ''}`}`);
  if (!chosen && !d.error && hardware(d)) chosen = name;
}
chosen ??= 'swiftshader';
const software = !(probes[chosen] && !probes[chosen].error && hardware(probes[chosen]));
console.log(`\nusing flags: ${chosen}${software ? ' (no hardware renderer was found: these are software-rendered numbers)' : ''}\n`);

const browser = await launch(FLAG_SETS[chosen]);
const results = { date: new Date().toISOString(), host: os.hostname(), cpu: `${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores)`, load: os.loadavg()[0], chromium: browser.version(), flags: chosen, flag_probes: probes, software, benchmark: null, edge: {} };
try {
  // 2. The benchmark panel, exactly as a user runs it; its JSON export carries every number.
  const page = await browser.newPage({ acceptDownloads: true });
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text().slice(0, 300)));
  await page.goto(`${origin}/?lab=phase&mode=layer`);
  await page.click('[data-testid=benchmark] summary');
  await page.click('[data-control=benchmark]');
  console.log('benchmark panel: running (the GPU part compiles, then times; a software renderer takes minutes) …');
  // The panel's own status line, every 30 s, so that a slow (software) device shows where it is.
  const ticker = setInterval(() => {
    page.textContent('[data-testid=benchmark] [aria-live]').then((text) => console.log(`  … ${text?.trim() || 'waiting'}`), () => {});
  }, 30_000);
  let finished = true;
  try {
    await page.waitForSelector('[data-testid=benchmark] button:has-text("JSON")', { timeout: panelMinutes * MINUTES });
  } catch {
    finished = false;
    results.benchmark_unfinished_after_minutes = panelMinutes;
    console.log(`benchmark panel: not finished after ${panelMinutes} minutes; recorded as such (--panel-minutes raises the limit)`);
  } finally {
    clearInterval(ticker);
  }
  if (finished) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=benchmark] button:has-text("JSON")')]);
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    results.benchmark = exported;
    const rows = exported.meta.rows.map((label, i) => ({ label, proposals: exported.columns.proposals_per_second[i], fields: exported.columns.field_updates_per_second[i], speedup: exported.columns.speedup[i], start: exported.columns.start_seconds[i] }));
    for (const r of rows) console.log(`  ${r.label.padEnd(60).slice(0, 60)} ${(r.proposals / 1e6).toFixed(3).padStart(9)} M proposals/s  ×${Number.isFinite(r.speedup) ? r.speedup.toFixed(2) : '—'}  (start-up ${r.start.toFixed(2)} s)`);
  }
  await page.close();

  // 3. The edge lab's draws: the GPU run in full, the CPU's rate from a few draws.
  for (const [backend, draws] of [['gpu', edgeDraws], ['cpu', cpuEdgeDraws]]) {
    const edge = await browser.newPage();
    const started = Date.now();
    await edge.goto(`${origin}/?lab=edge&ensemble=heavy-tailed&law=pareto&mu=3&q=2&n=${edgeN}&draws=${draws}&backend=${backend}`);
    // A long job waits for "run anyway" (its estimate is the CPU's): confirm it.
    await edge.waitForSelector('[data-testid=backend], [data-control=confirm]', { timeout: 10 * MINUTES });
    if (await edge.$('[data-control=confirm]')) await edge.click('[data-control=confirm]');
    const badge = await edge.waitForSelector('[data-testid=backend]', { timeout: 120 * MINUTES });
    const report = { draws, n: edgeN, backend: await badge.getAttribute('data-backend'), mode: await badge.getAttribute('data-mode'), rate: Number(await badge.getAttribute('data-rate')), seconds: Number(await badge.getAttribute('data-seconds')), reason: await badge.getAttribute('title'), wall_seconds: (Date.now() - started) / 1000 };
    results.edge[backend] = report;
    console.log(`edge lab, backend=${backend}: ${draws} draws at N = ${edgeN} in ${report.seconds.toFixed(2)} s (${report.rate.toFixed(3)} draws/s) on ${report.backend} ${report.mode}`);
    await edge.close();
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(out, { recursive: true, force: true });
}

// 4. The record.
const benchRows = results.benchmark ? results.benchmark.meta.rows.map((label, i) => ({ label: label.replace(/^\d+: /, ''), proposals: results.benchmark.columns.proposals_per_second[i], speedup: results.benchmark.columns.speedup[i] })) : [];
const renderer = probes[chosen]?.webgpu?.description || probes[chosen]?.webgl2 || 'unknown';
const gpuEdge = results.edge.gpu;
const cpuEdge = results.edge.cpu;
const lines = [
  '',
  `## GPU device check (\`node bench/gpu-device-check.mjs\`), ${results.date.slice(0, 10)}`,
  '',
  `${results.host}, ${results.cpu}, load average ${results.load.toFixed(1)}; Chromium ${results.chromium}, flags \`${chosen}\`; renderer: ${renderer}.` +
    (software ? ' **No hardware GPU renderer was found: the GPU numbers below are Chromium\'s software renderer (SwiftShader) on the CPU.**' : ''),
  '',
  'Flag sets tried: ' + Object.entries(probes).map(([name, d]) => `\`${name}\` → ${d.error ? `failed (${d.error})` : `WebGL2 ${d.webgl2 ?? 'none'}, WebGPU ${d.webgpu ? d.webgpu.description || 'adapter' : 'none'}${d.webgpu?.fallback ? ' (fallback)' : ''}`}`).join('; ') + '.',
  '',
  '64 × 64 Ising grid at N = 200 (the benchmark panel: steady-state Metropolis proposals per second):',
  '',
  '| where | M proposals/s | × one WebAssembly worker |',
  '|---|---|---|',
  ...benchRows.map((r) => `| ${r.label} | ${(r.proposals / 1e6).toFixed(3)} | ${Number.isFinite(r.speedup) ? r.speedup.toFixed(2) : '—'} |`),
  ...(results.benchmark ? [] : [`| (the panel had not finished after ${panelMinutes} minutes) | — | — |`]),
  '',
  `Edge lab, Pareto μ = 3, N = ${edgeN}, Q = 2: ${gpuEdge ? `${gpuEdge.draws} draws with backend=gpu in ${gpuEdge.seconds.toFixed(1)} s (${gpuEdge.rate.toFixed(2)} draws/s, ${gpuEdge.backend} ${gpuEdge.mode})` : 'GPU run missing'}; ` +
    `${cpuEdge ? `WebAssembly ${cpuEdge.rate.toFixed(3)} draws/s over ${cpuEdge.draws} draws, i.e. ${(edgeDraws / cpuEdge.rate / 60).toFixed(1)} minutes for ${edgeDraws}` : 'CPU run missing'}.`,
  '',
];
const text = lines.join('\n');
console.log(text);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(results, null, 2));
if (record) fs.appendFileSync(path.join(here, 'RESULTS.md'), text);
