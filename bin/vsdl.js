#!/usr/bin/env node
// Entry point for the `vsdl` command: runs the compiled CLI from dist/ (built by `npm run build`, and by `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// V8 first runs WebAssembly from a baseline compiler and swaps in optimized code between calls, never inside one;
// the dense kernels spend seconds inside a few calls, so a one-off command would run much of them unoptimized
// (measured: 0.3 s of 2.3 s CPU for `vsdl esd` of a 4000×2000 W). Optimized code from the start costs milliseconds.
setFlagsFromString('--no-liftoff');

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('vsdl: the compiled CLI is missing; run `npm run build` (npm ci does it for you)\n');
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
