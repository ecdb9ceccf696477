#!/usr/bin/env node
/**
 * Notebook 13's full version (the 2 < μ < 4 calibration) in parallel shards, for a machine with several cores:
 * the same cells as `vsdl notebook run 13 --full`, number for number (every draw's seed names its law, μ, M and
 * seed index, so a shard computes exactly its part of the full run).
 *
 *   node scripts/calibrate-alpha.mjs shard LAW M OUT.json    one law at one M (run several at once)
 *   node scripts/calibrate-alpha.mjs merge OUT.json…         the notebook's files into docs/notebooks/13-moderate-tails/
 *                                                            and the shipped table into src/core/ensembles/
 *
 * Needs `npm run build` first (it imports dist/).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { analyze, measure, notebook } from '../dist/notebooks/13-moderate-tails.js';
import { notebookFiles } from '../dist/report/index.js';

const full = notebook.params.full;
const [mode, ...args] = process.argv.slice(2);

if (mode === 'shard') {
  const [law, mText, out] = args;
  const m = Number(mText);
  const i = full.ms.indexOf(m);
  if (!full.laws.includes(law) || i < 0 || !out) {
    console.error(`usage: shard LAW M OUT.json with LAW in ${full.laws.join(', ')} and M in ${full.ms.join(', ')}`);
    process.exit(2);
  }
  const cells = await measure({ ...full, laws: [law], ms: [m], seeds: [full.seeds[i]] }, {
    onProgress: (f, what) => process.stderr.write(`\r${(100 * f).toFixed(1)}% ${what}      `),
  });
  writeFileSync(out, JSON.stringify(cells));
  process.stderr.write('\n');
} else if (mode === 'merge') {
  const cells = args.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')));
  // The full run's order: M, law, μ, Q.
  const rank = (c) => [full.ms.indexOf(c.m), full.laws.indexOf(c.law), c.mu, c.q];
  cells.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return ra[k] - rb[k];
    return 0;
  });
  const result = analyze(full, cells);
  const files = notebookFiles(notebook, 'full', full, result);
  const dir = new URL('../docs/notebooks/13-moderate-tails/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(new URL(name, dir), text);
  writeFileSync(new URL('../src/core/ensembles/alphaCalibration.json', import.meta.url), files['table.json']);
  console.log(`${cells.length} cells; checks ${result.checks.every((c) => c.passed) ? 'pass' : 'FAIL'}`);
} else {
  console.error('usage: node scripts/calibrate-alpha.mjs shard LAW M OUT.json | merge OUT.json…');
  process.exit(2);
}
