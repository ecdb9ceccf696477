#!/usr/bin/env node
// Entry point for the `vsdl` command: runs the compiled CLI from dist/ (built by `npm run build`, and by `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('vsdl: the compiled CLI is missing; run `npm run build` (npm ci does it for you)\n');
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
