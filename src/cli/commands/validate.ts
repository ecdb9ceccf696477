import { existsSync } from 'node:fs';
import { mkdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ParameterError } from '../../core/errors.js';
import { PRESETS, runValidation, type Preset, type ValidationMatrix, type ValidationResult } from '../../core/fit/index.js';
import { GENERATOR } from '../../core/random/index.js';
import {
  jsonText,
  matrixNpy,
  recordsCsv,
  sidecarJson,
  weightFileName,
  weightWatcherConfig,
  weightWatcherScript,
  WW_CONFIG_FILENAME,
  type WwLayer,
} from '../../io/index.js';
import { SOFTWARE } from '../../version.js';
import type { Command } from '../command.js';
import { checkOutputs, writeAtomic } from '../files.js';
import { parseSeedFlag } from '../parse.js';
import { Progress } from '../progress.js';

const fmt = (x: number | string | null, digits = 4): string =>
  x === null ? '–' : typeof x === 'string' ? x : Number.isInteger(x) ? String(x) : x.toFixed(digits);

function table(result: ValidationResult): string {
  const header = ['cell', 'quantity', 'truth', 'n', 'fail', 'bias', 'sd', 'rmse', 'accuracy'];
  const body = result.summary.quantities.map((q) => [
    q.cell, q.quantity, fmt(q.truth), String(q.n), String(q.failures), fmt(q.bias), fmt(q.sd), fmt(q.rmse), fmt(q.accuracy, 3),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  const { labels, counts } = result.summary.confusion;
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const confusion = [
    `confusion matrix (rows: constructed phase, columns: fitted phase); accuracy ${fmt(result.summary.accuracy, 3)}`,
    `${''.padEnd(labelWidth)}  ${labels.map((l) => l.padStart(labelWidth)).join(' ')}`,
    ...counts.map((row, i) => `${labels[i].padEnd(labelWidth)}  ${row.map((c) => String(c).padStart(labelWidth)).join(' ')}`),
  ];
  return [
    `vsdl validate: preset ${result.preset}, seed ${result.seed}, ${result.rows.length} matrices (lambda_max: bias of ln(λ̂/prediction))`,
    '',
    line(header),
    ...body.map(line),
    '',
    ...confusion,
    '',
  ].join('\n');
}

/** Signals that stop the run; the staging folder is removed and nothing is written. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export const validateCommand: Command = {
  name: 'validate',
  summary: 'run the fitters on generated matrices of known truth and report bias, spread, RMSE and the phase confusion matrix',
  usage: 'vsdl validate [--preset quick|paper] [--out DIR] [--seed S] [--json]',
  options: {
    preset: { type: 'string', value: 'NAME', description: "'quick' (seconds) or 'paper' (a bigger grid, minutes)", default: 'quick' },
    out: { type: 'string', value: 'DIR', description: 'export folder (must not exist or be empty): matrices, manifest, WeightWatcher layout, results' },
    seed: { type: 'string', value: 'SEED', description: 'root seed; matrix r of cell c uses SEED/c/r', default: '0' },
  },
  details: `Prints one row per grid cell and quantity: alpha against 1 + μ/2 (μ < 2), sigma_mp against σ, num_spikes
against the number of detached BBP spikes, lambda_max against its prediction (BBP outlier, TW mean or Fréchet
median; as ln(λ̂/prediction)), and the phase accuracy, then the confusion matrix of the 5+1 phases.
With --out DIR:
  DIR/manifest.json      per matrix: file, seed, parameters, construction, phase, truth; seed, generator, software
  DIR/ww/NAME.weight.npy the matrices (float64, N×M), one per grid draw
  DIR/ww/ww_config.json  WeightWatcher's flat-file config (weights_dir "."); DIR/ww/analyze.py runs it there
  DIR/results.json       rows (estimate and truth per matrix) and the summary; DIR/results.csv the rows
Ctrl-C stops the run; nothing is written then (the folder is built aside and renamed only when complete).`,

  async run(ctx) {
    const o = ctx.options;
    const json = o.json === true;
    const preset = (o.preset ?? 'quick') as Preset;
    if (!PRESETS.includes(preset)) throw new ParameterError('--preset', o.preset, PRESETS.join(' or '));
    const seed = o.seed === undefined ? 0 : parseSeedFlag('seed', o.seed);
    const out = o.out === undefined ? undefined : String(o.out);
    if (out !== undefined) await checkOutputs([{ flag: '--out', path: out, kind: 'folder', empty: true }]);
    const staging = out === undefined ? undefined : `${out.replace(/[\\/]+$/, '')}.partial-${process.pid}`;
    const layers: WwLayer[] = [];
    const manifest: object[] = [];
    if (staging) {
      await rm(staging, { recursive: true, force: true });
      await mkdir(join(staging, 'ww'), { recursive: true });
    }
    const onMatrix = staging
      ? async (mx: ValidationMatrix): Promise<void> => {
          const file = weightFileName(mx.name);
          await writeAtomic(join(staging, 'ww', file), matrixNpy(mx.W));
          manifest.push({
            name: mx.name, file: `ww/${file}`, layer_id: layers.length, cell: mx.cell, replicate: mx.replicate,
            seed: mx.seed, construction: mx.construction, phase: mx.phase, params: mx.params, truth: mx.truth,
          });
          layers.push({ name: mx.name, rows: mx.W.rows, cols: mx.W.cols });
        }
      : undefined;

    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    for (const signal of STOP_SIGNALS) process.on(signal, onSigint);
    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
    progress.stage(`validating (preset ${preset})`);
    let result: ValidationResult;
    try {
      result = await runValidation({
        preset, seed, onMatrix, signal: controller.signal,
        onProgress: (done, total) => progress.update(done / total),
      });
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
      if (staging) await rm(staging, { recursive: true, force: true });
      ctx.stderr(`\nvsdl validate: ${(error as Error).message}; no results written\n`);
      return 130;
    } finally {
      for (const signal of STOP_SIGNALS) process.removeListener(signal, onSigint);
    }
    progress.finish();

    if (out && staging) {
      const meta = { software: SOFTWARE, generator: GENERATOR, preset, seed };
      await writeAtomic(join(staging, 'manifest.json'), sidecarJson({
        ...meta,
        normalization: '1/N',
        layout: { matrices: 'ww/<name>.weight.npy (float64, N×M, C order)', weightwatcher: `ww/${WW_CONFIG_FILENAME}` },
        matrices: manifest,
      }));
      await writeAtomic(join(staging, 'ww', WW_CONFIG_FILENAME), sidecarJson(weightWatcherConfig(layers, `vsdl-validate-${preset}`)));
      await writeAtomic(join(staging, 'ww', 'analyze.py'), weightWatcherScript());
      await writeAtomic(join(staging, 'results.json'), sidecarJson({ ...meta, cells: result.cells, summary: result.summary, rows: result.rows }));
      await writeAtomic(join(staging, 'results.csv'), recordsCsv(result.rows as unknown as Record<string, unknown>[]));
      if (existsSync(out)) await rmdir(out);
      await rename(staging, out);
    }
    if (json) {
      ctx.stdout(jsonText({ preset, seed, software: SOFTWARE, generator: GENERATOR, out: out ?? null, summary: result.summary, rows: result.rows }) + '\n');
    } else {
      ctx.stdout(table(result) + (out ? `wrote ${out}/ (manifest.json, ww/, results.json, results.csv)\n` : ''));
    }
    return 0;
  },
};
