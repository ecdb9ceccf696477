#!/usr/bin/env node
// Regenerates the README's screenshots (docs/screenshots/*.png) from the end-to-end run: the same pages, settings
// and seeds the tests check, captured in view (not full page) so that each file stays small. Needs Debian's
// /usr/bin/chromium (as the end-to-end test does) and a build (`npm run build`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'docs/screenshots';
const LIMIT = 400 * 1024;
const run = spawnSync('npx', ['vitest', 'run', 'test/e2e'], { stdio: 'inherit', env: { ...process.env, VSDL_SCREENSHOTS: DIR } });
if (run.status !== 0) {
  console.error('the end-to-end run failed: screenshots may be missing or stale');
  process.exit(run.status ?? 1);
}
let large = 0;
for (const name of readdirSync(DIR).filter((f) => f.endsWith('.png')).sort()) {
  const size = statSync(join(DIR, name)).size;
  if (size > LIMIT) large++;
  console.log(`${join(DIR, name)}  ${(size / 1024).toFixed(0)} KiB${size > LIMIT ? '  (too large)' : ''}`);
}
if (large > 0) {
  console.error(`${large} screenshot(s) above ${LIMIT / 1024} KiB`);
  process.exit(1);
}
