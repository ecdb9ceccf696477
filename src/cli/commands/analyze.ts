import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { analyzeModel, CONV_LAYOUTS, DEFAULT_FALSE_POSITIVE_RATE, selectWeights, spectrumWork, weightGeometry, type LayerRecord, type ModelAnalysis } from '../../core/analyze/index.js';
import { FormatError, ParameterError } from '../../core/errors.js';
import {
  detectModelFormat,
  jsonText,
  kernelWithoutLayout,
  MAX_SAFETENSORS_HEADER,
  npzModel,
  readSafetensorsHeader,
  readTfjsManifest,
  safetensorsModel,
  tfjsModel,
  type ModelFile,
} from '../../io/index.js';
import { SOFTWARE } from '../../version.js';
import type { Command } from '../command.js';
import { MAX_NPY_BYTES, MAX_TEXT_BYTES, readFileByPrefix, type PrefixBound } from '../input.js';
import { parseChoice, parseNumber } from '../parse.js';
import { Progress } from '../progress.js';

type Layout = (typeof CONV_LAYOUTS)[number];

const FPR_RANGE = 'a number in (0, 0.5]';
const NOT_A_MODEL = 'not a safetensors file, a .npz archive of layer arrays or a TensorFlow.js model.json';

/**
 * Reads any supported model file; TF.js shards are read from model.json's folder. Every read is bounded by what the
 * bytes already read say: a model by its first bytes (a safetensors file by its header; a ZIP at most 2 GB; JSON
 * at most 256 MiB), each weight shard by the bytes the manifest's weights still need. MODEL is opened once, so it
 * may be a FIFO (`<(cat model.safetensors)`); a shard that is a FIFO is refused before it is opened.
 */
async function readModel(path: string, layout: Layout | undefined): Promise<ModelFile> {
  const bytes = await readFileByPrefix(path, (prefix, complete) => modelBound(prefix, complete, path), { flag: 'MODEL' });
  const format = detectModelFormat(bytes);
  if (format === 'safetensors') return safetensorsModel(bytes, path, layout);
  if (format === 'npz') return npzModel(bytes, path, layout);
  if (format === 'tfjs') {
    const manifest = readTfjsManifest(bytes, path);
    const shards = new Map<string, Uint8Array>();
    for (const [g, group] of manifest.groups.entries()) {
      let needed = group.byteLength;
      for (const shard of group.paths) {
        const data = await readShard(path, shard, needed, `the manifest's weight group ${g} needs ${needed} ${needed === group.byteLength ? '' : 'more '}bytes`);
        shards.set(shard, data);
        needed = Math.max(0, needed - data.length);
      }
    }
    return tfjsModel(manifest, shards, path, layout);
  }
  throw new FormatError(path, NOT_A_MODEL);
}

/** One weight shard of model.json at `path`, at most `maxBytes` long (the bytes its group still needs). */
async function readShard(path: string, shard: string, maxBytes: number, says: string): Promise<Uint8Array> {
  const file = join(dirname(path), shard);
  const name = JSON.stringify(shard);
  // Opening a FIFO waits for a writer, forever if there is none: refuse it from its type, before opening it.
  const info = await stat(file).catch(() => null); // a missing file is reported by the reader, naming the shard
  if (info?.isFIFO()) throw new FormatError(path, `its weight shard ${name} is a FIFO; shards are read from files beside model.json`);
  try {
    return await readFileByPrefix(file, () => ({ maxBytes, says }), { flag: 'shard', what: `weight shard ${name} of ${path}`, prefixBytes: 0 });
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    throw new FormatError(path, `its weight shard ${name} cannot be read: ${error.message}`);
  }
}

/** How much of MODEL may be read, from its first bytes (readFileByPrefix's bound). */
function modelBound(prefix: Uint8Array, complete: boolean, what: string): PrefixBound {
  if (prefix.length < 16 && !complete) return { needBytes: 16 };
  // The first bytes tell whether it can be a model at all (not /dev/zero, not an endless stream of noise).
  if (!couldBeModel(prefix.subarray(0, 16))) throw new FormatError(what, `${NOT_A_MODEL} (its first bytes say so)`);
  if (prefix[0] === 0x50 && prefix[1] === 0x4b) return { maxBytes: MAX_NPY_BYTES }; // a ZIP: its sizes are at its end
  if (!couldBeSafetensors(prefix)) {
    // model.json: JSON text has no control bytes but tab and line ends, so a stream of zeros or noise stops here.
    const control = prefix.findIndex((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
    if (control >= 0) throw new FormatError(what, `not JSON text: byte ${control} is 0x${prefix[control].toString(16).padStart(2, '0')}`);
    return { maxBytes: MAX_TEXT_BYTES };
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const n = view.getUint32(0, true);
  if (n > MAX_SAFETENSORS_HEADER) throw new FormatError(what, `header length ${n} exceeds the ${MAX_SAFETENSORS_HEADER}-byte limit`);
  if (prefix.length < 8 + n) return complete ? { maxBytes: prefix.length } : { needBytes: 8 + n }; // short: the reader says so
  let header: unknown = null;
  try {
    header = JSON.parse(new TextDecoder().decode(prefix.subarray(8, 8 + n)));
  } catch {
    // not JSON: the reader says so below, from the header alone
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    readSafetensorsHeader(prefix.subarray(0, 8 + n), what); // throws: not UTF-8, not JSON, not an object
    return { maxBytes: 8 + n };
  }
  // The end of the last tensor's bytes; the reader checks every entry and that the tensors tile the data.
  let end = 0;
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    const offsets = name === '__metadata__' || entry === null || typeof entry !== 'object' ? undefined : (entry as { data_offsets?: unknown }).data_offsets;
    if (Array.isArray(offsets) && Number.isSafeInteger(offsets[1]) && offsets[1] > end) end = offsets[1];
  }
  const total = 8 + n + end;
  if (total > MAX_NPY_BYTES) throw new FormatError(what, `its header describes ${total} bytes, more than the ${MAX_NPY_BYTES} read at most`);
  return { maxBytes: total, says: `its header describes ${total} bytes` };
}

/** What the first bytes of a safetensors file are: a little-endian header length below 2^32, then '{'. */
function couldBeSafetensors(head: Uint8Array): boolean {
  return head.length >= 9 && head[8] === 0x7b && head[4] === 0 && head[5] === 0 && head[6] === 0 && head[7] === 0;
}

/** What the first bytes of a model file can be: safetensors (a little-endian header length, then '{'), a ZIP, JSON. */
function couldBeModel(head: Uint8Array): boolean {
  if (couldBeSafetensors(head)) return true;
  if (head.length >= 2 && head[0] === 0x50 && head[1] === 0x4b) return true;
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{');
}

/** --fpr as a number in (0, 0.5], checked before the model is read. */
function parseFpr(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_FALSE_POSITIVE_RATE;
  const fpr = parseNumber('fpr', String(value), FPR_RANGE);
  if (!(fpr > 0 && fpr <= 0.5)) throw new ParameterError('--fpr', value, FPR_RANGE);
  return fpr;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return String(v);
}

function table(analysis: ModelAnalysis, source: string, file: ModelFile, falsePositiveRate: number): string {
  const head = ['layer', 'shape', 'matrices', 'alpha', 'alpha_w', 'D', 'entropy', 'stable_rank', 'log_norm', 'spikes', 'phase'];
  const rows = analysis.layers.map((l: LayerRecord) => [
    l.name, l.shape.join('×'), l.matrices > 1 ? `${l.matrices}×${l.N}×${l.M}` : `${l.N}×${l.M}`,
    cell(l.alpha), cell(l.alpha_weighted), cell(l.D), cell(l.entropy), cell(l.stable_rank), cell(l.log_norm), cell(l.num_spikes), l.phase ?? '–',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => (c < 3 || c === 10 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ').trimEnd();
  const layout = file.layout ? `; convolution kernels ${file.layout} (${file.layoutSource})` : '';
  const fpr = falsePositiveRate === DEFAULT_FALSE_POSITIVE_RATE ? '' : `; spike test at --fpr ${falsePositiveRate}`;
  const out = [`${source}: ${file.format}, ${analysis.layers.length} layers analysed, ${analysis.skipped.length} tensors skipped${layout}${fpr}`, '', line(head), ...rows.map(line)];
  const notes = analysis.layers.filter((l) => l.status === 'failed' || l.phase === null).map((l) => `  ${l.name}: ${l.phase_reason}`);
  if (notes.length) out.push('', 'no phase:', ...notes);
  if (analysis.skipped.length) out.push('', 'skipped:', ...analysis.skipped.map((s) => `  ${s.name} (${s.shape.join('×') || 'scalar'}): ${s.reason}`));
  out.push('', 'eigenvalue-valued numbers (log_norm, lambda_max, ...) are in units of s(W)², the squared singular values, as WeightWatcher reports them');
  return out.join('\n') + '\n';
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'every layer of a trained model (safetensors, .npz, TF.js): ESD fits, metrics and the 5+1 phase',
  usage: 'vsdl analyze MODEL [--layout hwio|oihw] [--fpr P] [--json]',
  maxPositionals: 1,
  options: {
    layout: { type: 'string', value: 'hwio|oihw', description: 'layout of 4-D convolution kernels: hwio = [k, k, c_in, c_out] (TF/TF.js), oihw = [c_out, c_in, k, k] (PyTorch); required for a .npz with 4-D arrays' },
    fpr: { type: 'string', value: 'P', description: 'false-positive rate of the Tracy–Widom spike test, per layer: a number in (0, 0.5]', default: '0.01' },
  },
  details: `MODEL is a .safetensors file, a .npz archive of layer arrays (np.savez), or a TensorFlow.js model.json
with its weight shards beside it; the format is recognised from the file's content.
Layers: 2-D float tensors are dense weights (oriented N ≥ M, as vsdl fit); 4-D tensors are convolution kernels,
k×k matrices of c_in×c_out whose eigenvalues are pooled into one ESD (WeightWatcher's convention). Kernel layout:
--layout, else the file's (TF.js: hwio; safetensors: its metadata "conv_layout", else oihw as PyTorch writes).
Skipped, with the reason: integer and boolean tensors, 0-D, 1-D (biases, norms), 3-D and 5-D+ tensors, and
layers with fewer than 10 eigenvalues.
Output (--json): { source, format, layout, layout_source, metadata, parameters: { layout, false_positive_rate },
layers: [ { name, shape, kind, layout, N, M, Q, matrices, num_eigenvalues, normalization, status, reason, alpha,
alpha_weighted, D, xmin, sigma, num_pl_spikes, warning, entropy, stable_rank, log_norm, log_spectral_norm,
lambda_max, sigma_mp, lambda_plus, mp_ks, num_spikes, phase, phase_reason } ], skipped: [ { name, shape, reason } ],
software }. parameters are the options that change the numbers: --layout ("file" when not given) and --fpr.
Exit code 1 when a layer cannot be fitted (NaN weights, entries whose eigenvalues pass float64, an empty tensor,
...: its record is "failed", with the reason, and the other layers are analysed) or no layer is found; the output
is still printed. Exit code 2 for bad flags or a missing file.

examples:
  vsdl analyze model.safetensors
  vsdl analyze web_model/model.json --json | jq '.layers[] | {name, alpha, phase}'
  vsdl analyze weights.npz --layout hwio`,

  async run(ctx) {
    const o = ctx.options;
    const [input] = ctx.positionals;
    if (!input) throw new ParameterError('MODEL', 'missing', 'the path of a .safetensors, .npz or TF.js model.json file');
    const json = o.json === true;
    const layout = parseChoice('layout', o.layout, CONV_LAYOUTS);
    const falsePositiveRate = parseFpr(o.fpr);

    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
    progress.stage(`reading ${input}`);
    const file = await readModel(input, layout);
    const kernel = kernelWithoutLayout(file);
    if (kernel) {
      throw new ParameterError('--layout', 'missing', CONV_LAYOUTS.join(' or '), `${input} holds 4-D arrays (${kernel.name}, ...) and a .npz does not record their layout`);
    }
    // Progress by the work done so far: the layers' costs, from their shapes alone.
    const costs = selectWeights(file.tensors).weights.map(({ tensor, layout: l }) => spectrumWork(weightGeometry(tensor, l, { allowEmpty: true })));
    const total = costs.reduce((a, b) => a + b, 0);
    let done = 0;
    const analysis = analyzeModel(file.tensors, {
      falsePositiveRate,
      onLayer: (i, count, name) => {
        progress.stage(`layer ${i + 1}/${count} ${name}`);
        progress.update(total > 0 ? done / total : 0);
        done += costs[i];
      },
    });
    progress.finish();

    if (json) {
      // parameters: every option that changes the numbers (the lab's exports record the same object).
      const parameters = { layout: layout ?? 'file', false_positive_rate: falsePositiveRate };
      const record = { source: input, format: file.format, layout: file.layout, layout_source: file.layoutSource, metadata: file.metadata, parameters, ...analysis, software: SOFTWARE };
      ctx.stdout(jsonText(record) + '\n');
    } else ctx.stdout(table(analysis, input, file, falsePositiveRate));
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
