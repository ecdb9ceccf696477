import { dirname, join } from 'node:path';
import { analyzeModel, CONV_LAYOUTS, selectWeights, spectrumWork, weightGeometry, type LayerRecord, type ModelAnalysis } from '../../core/analyze/index.js';
import { FormatError, ParameterError } from '../../core/errors.js';
import {
  detectModelFormat,
  jsonText,
  kernelWithoutLayout,
  npzModel,
  readTfjsManifest,
  safetensorsModel,
  tfjsModel,
  tfjsShardPaths,
  type ModelFile,
} from '../../io/index.js';
import { SOFTWARE } from '../../version.js';
import type { Command } from '../command.js';
import { readBytes } from '../files.js';
import { optionalNumber, parseChoice } from '../parse.js';
import { Progress } from '../progress.js';

type Layout = (typeof CONV_LAYOUTS)[number];

/** Reads any supported model file; TF.js shards are read from model.json's folder. */
async function readModel(path: string, layout: Layout | undefined): Promise<ModelFile> {
  const bytes = await readBytes(path, 'MODEL');
  const format = detectModelFormat(bytes);
  if (format === 'safetensors') return safetensorsModel(bytes, path, layout);
  if (format === 'npz') return npzModel(bytes, path, layout);
  if (format === 'tfjs') {
    const manifest = readTfjsManifest(bytes, path);
    const shards = new Map<string, Uint8Array>();
    for (const shard of tfjsShardPaths(manifest)) {
      const file = join(dirname(path), shard);
      try {
        shards.set(shard, await readBytes(file, 'shard'));
      } catch (error) {
        if (!(error instanceof ParameterError)) throw error;
        throw new FormatError(path, `its weight shard ${JSON.stringify(shard)} cannot be read: ${error.message}`);
      }
    }
    return tfjsModel(manifest, shards, path, layout);
  }
  throw new FormatError(path, 'not a safetensors file, a .npz archive of layer arrays or a TensorFlow.js model.json');
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return String(v);
}

function table(analysis: ModelAnalysis, source: string, file: ModelFile): string {
  const head = ['layer', 'shape', 'matrices', 'alpha', 'alpha_w', 'D', 'entropy', 'stable_rank', 'log_norm', 'spikes', 'phase'];
  const rows = analysis.layers.map((l: LayerRecord) => [
    l.name, l.shape.join('×'), l.matrices > 1 ? `${l.matrices}×${l.N}×${l.M}` : `${l.N}×${l.M}`,
    cell(l.alpha), cell(l.alpha_weighted), cell(l.D), cell(l.entropy), cell(l.stable_rank), cell(l.log_norm), cell(l.num_spikes), l.phase ?? '–',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => (c < 3 || c === 10 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ').trimEnd();
  const layout = file.layout ? `; convolution kernels ${file.layout} (${file.layoutSource})` : '';
  const out = [`${source}: ${file.format}, ${analysis.layers.length} layers analysed, ${analysis.skipped.length} tensors skipped${layout}`, '', line(head), ...rows.map(line)];
  const notes = analysis.layers.filter((l) => l.status === 'failed' || l.phase === null).map((l) => `  ${l.name}: ${l.phase_reason}`);
  if (notes.length) out.push('', 'no phase:', ...notes);
  if (analysis.skipped.length) out.push('', 'skipped:', ...analysis.skipped.map((s) => `  ${s.name} (${s.shape.join('×') || 'scalar'}): ${s.reason}`));
  out.push('', "eigenvalue-valued numbers (log_norm, lambda_max, ...) are in units of s(W)², WeightWatcher's");
  return out.join('\n') + '\n';
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'every layer of a trained model (safetensors, .npz, TF.js): ESD fits, metrics and the 5+1 phase',
  usage: 'vsdl analyze MODEL [--layout hwio|oihw] [--fpr P] [--json]',
  options: {
    layout: { type: 'string', value: 'hwio|oihw', description: 'layout of 4-D convolution kernels: hwio = [k, k, c_in, c_out] (TF/TF.js), oihw = [c_out, c_in, k, k] (PyTorch); required for a .npz with 4-D arrays' },
    fpr: { type: 'string', value: 'P', description: 'false-positive rate of the Tracy–Widom spike test, per layer', default: '0.01' },
  },
  details: `MODEL is a .safetensors file, a .npz archive of layer arrays (np.savez), or a TensorFlow.js model.json
with its weight shards beside it; the format is recognised from the file's content.
Layers: 2-D float tensors are dense weights (oriented N ≥ M, as vsdl fit); 4-D tensors are convolution kernels,
k×k matrices of c_in×c_out whose eigenvalues are pooled into one ESD (WeightWatcher's convention). Kernel layout:
--layout, else the file's (TF.js: hwio; safetensors: its metadata "conv_layout", else oihw as PyTorch writes).
Skipped, with the reason: integer and boolean tensors, 0-D, 1-D (biases, norms), 3-D and 5-D+ tensors, and
layers with fewer than 10 eigenvalues.
Output (--json): { source, format, layout, layout_source, metadata, layers: [ { name, shape, kind, layout, N, M, Q,
matrices, num_eigenvalues, normalization, status, reason, alpha, alpha_weighted, D, xmin, sigma, num_pl_spikes,
warning, entropy, stable_rank, log_norm, log_spectral_norm, lambda_max, sigma_mp, lambda_plus, mp_ks, num_spikes,
phase, phase_reason } ], skipped: [ { name, shape, reason } ], software }.
Exit code 1 when a layer cannot be fitted (NaN weights, ...) or no layer is found; the output is still printed.

examples:
  vsdl analyze model.safetensors
  vsdl analyze web_model/model.json --json | jq '.layers[] | {name, alpha, phase}'
  vsdl analyze weights.npz --layout hwio`,

  async run(ctx) {
    const o = ctx.options;
    const [input, ...extra] = ctx.positionals;
    if (!input) throw new ParameterError('MODEL', 'missing', 'the path of a .safetensors, .npz or TF.js model.json file');
    if (extra.length) throw new ParameterError('arguments', extra.join(' '), 'exactly one model file');
    const json = o.json === true;
    const layout = parseChoice('layout', o.layout, CONV_LAYOUTS);
    const falsePositiveRate = optionalNumber('fpr', o.fpr);

    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
    progress.stage(`reading ${input}`);
    const file = await readModel(input, layout);
    const kernel = kernelWithoutLayout(file);
    if (kernel) {
      throw new ParameterError('--layout', 'missing', CONV_LAYOUTS.join(' or '), `${input} holds 4-D arrays (${kernel.name}, ...) and a .npz does not record their layout`);
    }
    // Progress by the work done so far: the layers' costs, from their shapes alone.
    const costs = selectWeights(file.tensors).weights.map(({ tensor, layout: l }) => spectrumWork(weightGeometry(tensor, l)));
    const total = costs.reduce((a, b) => a + b, 0);
    let done = 0;
    const analysis = analyzeModel(file.tensors, {
      falsePositiveRate,
      onLayer: (i, count, name) => {
        progress.stage(`layer ${i + 1}/${count} ${name}`);
        progress.update(done / total);
        done += costs[i];
      },
    });
    progress.finish();

    if (json) {
      const record = { source: input, format: file.format, layout: file.layout, layout_source: file.layoutSource, metadata: file.metadata, ...analysis, software: SOFTWARE };
      ctx.stdout(jsonText(record) + '\n');
    } else ctx.stdout(table(analysis, input, file));
    const failed = analysis.layers.filter((l) => l.status === 'failed');
    if (failed.length) {
      ctx.stderr(`vsdl analyze: ${input}: ${failed.map((l) => `${l.name}: ${l.reason}`).join('; ')}\n`);
      return 1;
    }
    if (analysis.layers.length === 0) {
      ctx.stderr(`vsdl analyze: ${input}: no weight matrix to analyse (all ${analysis.skipped.length} tensors skipped; see "skipped")\n`);
      return 1;
    }
    return 0;
  },
};
