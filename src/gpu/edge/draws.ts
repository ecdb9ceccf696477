import * as gpujs from 'gpu.js';
import type { GPU } from 'gpu.js';
import { generate, predictTruth, resolveParams, type EnsembleParams, type ResolvedParams } from '../../core/ensembles/index.js';
import { ParameterError } from '../../core/errors.js';
import { esd, tridiagonalEigenvalues } from '../../core/linalg/index.js';
import { createStream } from '../../core/random/index.js';
import type { PhiloxStream } from '../../core/random/stream.js';
import { throwIfAborted, type AbortSignalLike } from '../../core/vsdl/abort.js';
import { LN_EXP_FUNCTIONS, WORD_FUNCTIONS } from '../helpers.js';
import { executedMode, type GpuMode } from '../modes.js';
import { generateKernel } from './generate.js';
import { applyKernel, applyTransposeKernel, dotKernel, normalizeKernel, normKernel, residualKernel } from './lanczos.js';

/**
 * λ_max of many draws of X = WᵀW/N on a GPU: W drawn on the device from the CPU's Philox words (symmetric Pareto-I
 * and Lomax; other laws are drawn by the CPU's samplers and uploaded), then batched Lanczos in float32 on
 * A = (W/a)ᵀ(W/a), λ_max = θ·a²/N with θ the largest eigenvalue of the Lanczos tridiagonal (float64, on the host).
 *
 * A batch of draws runs as one gpu.js plan (createPipeline): the draw, then LANCZOS_STEPS steps, with α and β read
 * back at its end. A batch continues in further plans from its last two Lanczos vectors (regenerating W, which
 * never leaves the device) until every draw's θ has settled: θ_L − θ_{L−8} ≤ RELATIVE_TOLERANCE·θ_L. In exact
 * arithmetic θ_L rises monotonically to λ_max; in float32 without reorthogonalisation, copies of converged Ritz
 * values appear but θ_L still converges to the largest eigenvalue of the float32 A. A draw that has not settled
 * after MAX_STEPS steps, or whose θ is not finite (an entry beyond float32's range), is computed on the CPU
 * (dense float64 spectrum of the same draw) and listed in `cpuDraws`.
 *
 * Accuracy: the float32 draw and products perturb A by about (N + M)·2^−24 relative (Weyl: so much for λ_max), far
 * below Tracy–Widom's scale at any N ≤ 4000 (Johnstone's scale/centre is about (NM)^(−1/6)/… ≈ 0.5 % at N = 2000).
 */

export const LANCZOS_STEPS = 32;
export const MAX_STEPS = 512;
export const RELATIVE_TOLERANCE = 1e-6;
/** Largest batch: draws × N × M float32 values held at once (128 MiB). */
export const MAX_BATCH_VALUES = 1 << 25;
const MAX_BATCH = 64;
/** Laws whose words the device turns into entries itself (law codes of generate.ts). */
const DEVICE_LAWS: Record<string, number> = { pareto: 0, lomax: 1 };

export interface EdgeDrawOptions {
  /** The draws, as generate() takes them: one seed each, everything else shared. */
  draws: readonly EnsembleParams[];
  signal?: AbortSignalLike;
  onProgress?: (done: number, total: number) => void;
}

export interface EdgeDrawResult {
  /** λ_max of X = WᵀW/N per draw, in the order given. */
  lambdaMax: Float64Array;
  /** Lanczos steps per draw (0 for a draw computed on the CPU). */
  steps: Uint16Array;
  /** Where W came from: 'device' (the Philox words drawn on the GPU) or 'host' (the CPU's sampler, uploaded). */
  source: 'device' | 'host';
  batch: number;
  /** Draws whose λ_max came from the CPU instead (not settled, or out of float32's range). */
  cpuDraws: number[];
  mode: GpuMode;
  executed: string[];
  executor: string;
}

/** The scale a that W is divided by: the largest entry's (μ < 4) or the bulk's (σ_e·√N) order of magnitude. */
export function entryScale(p: ResolvedParams): number {
  const truth = predictTruth(p);
  if (truth.heavy_tail?.frechet_scale) return Math.sqrt(truth.heavy_tail.frechet_scale * p.n);
  if (truth.element_variance !== null) return Math.sqrt(truth.element_variance * p.n);
  throw new ParameterError('ensemble', p.ensemble, 'a law with a finite variance or a Fréchet scale');
}

/** Words → halves (hi, lo). */
const halves = (word: number): [number, number] => [Math.floor(word / 65536), word % 65536];

export function batchSize(n: number, m: number, draws: number): number {
  return Math.max(1, Math.min(MAX_BATCH, draws, Math.floor(MAX_BATCH_VALUES / (n * m))));
}

/** generate.ts's kernel for draws of N×M (tests use it alone, law 2 gives the raw words). */
export function createGenerateKernel(gpu: GPU, n: number, m: number, draws: number): (info: Float32Array[]) => Promise<unknown> {
  return (gpu as any).createKernel(generateKernel, {
    constants: { rows: n, cols: m },
    output: [m, n, draws],
    functions: [...WORD_FUNCTIONS, ...LN_EXP_FUNCTIONS],
    precision: 'single',
    tactic: 'precision',
  });
}

/** Kernels and plan for draws of one shape and law, reused by every batch (compiled once, on the first). */
export interface EdgeRunner {
  batch: number;
  /** λ_max of these draws (same law and shape as the runner's). */
  run(draws: readonly EnsembleParams[], control?: Omit<EdgeDrawOptions, 'draws'>): Promise<EdgeDrawResult>;
  destroy(): void;
}

export function createEdgeRunner(gpu: GPU, mode: GpuMode, shape: EnsembleParams, draws: number): EdgeRunner {
  const first = resolveParams(shape);
  const { n, m } = first;
  if (first.spikes.length > 0) throw new ParameterError('spikes', first.spikes, 'none for edge draws');
  const law = DEVICE_LAWS[first.ensemble];
  const onDevice = law !== undefined;
  const a = entryScale(first);
  const B = batchSize(n, m, draws);
  const constants = { rows: n, cols: m };
  const base = { constants, precision: 'single', tactic: 'precision', loopMaxIterations: Math.max(1000, n, m) + 1 };
  const make = (fn: unknown, output: number[]) => (gpu as any).createKernel(fn, { ...base, output });
  const kernels = {
    generate: createGenerateKernel(gpu, n, m, B) as any,
    apply: make(applyKernel, [n, B]),
    applyT: make(applyTransposeKernel, [m, B]),
    dot: make(dotKernel, [B]),
    residual: make(residualKernel, [m, B]),
    norm: make(normKernel, [B]),
    normalize: make(normalizeKernel, [m, B]),
  };
  const plan = (gpu as any).createPipeline(function (source: unknown, previous: unknown, q: unknown, beta: unknown) {
    const W = onDevice ? kernels.generate(source) : source;
    let qp = previous;
    let qc = q;
    let b = beta;
    const alphas: unknown[] = [];
    const betas: unknown[] = [];
    for (let s = 0; s < LANCZOS_STEPS; s++) {
      const v = kernels.applyT(W, kernels.apply(W, qc));
      const alpha = kernels.dot(qc, v);
      const w = kernels.residual(v, qc, qp, alpha, b);
      const next = kernels.norm(w);
      alphas.push(alpha);
      betas.push(next);
      qp = qc;
      qc = kernels.normalize(w, next);
      b = next;
    }
    return [qp, qc, ...alphas, ...betas];
  });
  const toInput = (data: Float32Array, size: number[]) => (gpujs as unknown as { input: (v: Float32Array, s: number[]) => unknown }).input(data, size);

  async function run(list: readonly EnsembleParams[], control: Omit<EdgeDrawOptions, 'draws'> = {}): Promise<EdgeDrawResult> {
    const resolved = list.map(resolveParams);
    for (const p of resolved) {
      if (p.ensemble !== first.ensemble || p.n !== n || p.m !== m || p.mu !== first.mu || p.sigma !== first.sigma || p.spikes.length > 0) {
        throw new ParameterError('draws', p.seed, 'draws of one ensemble and shape, without spikes, differing only in their seed');
      }
    }
    const lambdaMax = new Float64Array(list.length);
    const steps = new Uint16Array(list.length);
    const cpuDraws: number[] = [];
    for (let start = 0; start < list.length; start += B) {
      throwIfAborted(control.signal);
      // The last batch is padded with copies of its first draw (their results are dropped).
      const members = Array.from({ length: B }, (_, k) => Math.min(start + k, list.length - 1));
      const count = Math.min(B, list.length - start);
      const source = onDevice ? deviceInfo(members.map((i) => resolved[i]!), law!, a) : toInput(hostDraws(members.map((i) => list[i]!), n, m, a), [m, n, B]);
      const thetas = await lanczosBatch(plan, source, B, m);
      for (let k = 0; k < count; k++) {
        const t = thetas[k]!;
        if (t.settled && Number.isFinite(t.theta)) {
          lambdaMax[start + k] = (t.theta * a * a) / n;
          steps[start + k] = t.steps;
        } else {
          const values = esd(generate(list[start + k]!).W);
          lambdaMax[start + k] = values[values.length - 1]!;
          cpuDraws.push(start + k);
        }
      }
      control.onProgress?.(start + count, list.length);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    return {
      lambdaMax,
      steps,
      source: onDevice ? 'device' : 'host',
      batch: B,
      cpuDraws,
      mode,
      executed: [...new Set(Object.values(kernels).map(executedMode))],
      executor: plan.executorKind ?? 'generic',
    };
  }

  return {
    batch: B,
    run,
    destroy() {
      plan.destroy?.();
      for (const k of Object.values(kernels)) k.destroy?.();
    },
  };
}

export async function edgeLambdaMax(gpu: GPU, mode: GpuMode, options: EdgeDrawOptions): Promise<EdgeDrawResult> {
  if (options.draws.length === 0) throw new ParameterError('draws', 0, 'at least one draw');
  const runner = createEdgeRunner(gpu, mode, options.draws[0]!, options.draws.length);
  try {
    return await runner.run(options.draws, options);
  } finally {
    runner.destroy();
  }
}

/** Info rows of generate.ts: the Philox identity of each draw's W stream as halves, the law, 1/μ, ln a, 1/a. */
export function deviceInfo(draws: readonly ResolvedParams[], law: number, a: number): Float32Array[] {
  return draws.map((p) => {
    const stream = createStream(p.seed, 'ensemble').fork('W') as PhiloxStream;
    const [k0, k1, c2, c3] = stream.identity;
    return Float32Array.from([...halves(k0), ...halves(k1), ...halves(c2), ...halves(c3), law, 1 / p.mu!, Math.log(a), 1 / a]);
  });
}

/** The draws as the CPU samples them, divided by a, in float32 ([draw][row][column]). */
function hostDraws(draws: readonly EnsembleParams[], n: number, m: number, a: number): Float32Array {
  const out = new Float32Array(draws.length * n * m);
  draws.forEach((p, k) => {
    const W = generate(p).W.data;
    for (let i = 0; i < n * m; i++) out[k * n * m + i] = W[i]! / a;
  });
  return out;
}

interface Settled {
  theta: number;
  steps: number;
  settled: boolean;
}

/** Runs the plan until every draw of the batch has settled (or MAX_STEPS); θ per draw. */
async function lanczosBatch(plan: (...args: unknown[]) => Promise<unknown[]>, source: unknown, B: number, m: number): Promise<Settled[]> {
  let previous: Float32Array[] = Array.from({ length: B }, () => new Float32Array(m));
  let q: Float32Array[] = Array.from({ length: B }, () => new Float32Array(m).fill(Math.fround(1 / Math.sqrt(m))));
  let beta = new Float32Array(B);
  const alphas: number[][] = Array.from({ length: B }, () => []);
  const betas: number[][] = Array.from({ length: B }, () => []);
  const state: Settled[] = Array.from({ length: B }, () => ({ theta: NaN, steps: 0, settled: false }));
  const exhausted = new Array<boolean>(B).fill(false);
  for (let done = 0; done < MAX_STEPS && state.some((s) => !s.settled); done += LANCZOS_STEPS) {
    const out = await plan(source, previous, q, beta);
    previous = out[0] as Float32Array[];
    q = out[1] as Float32Array[];
    const stepAlphas = out.slice(2, 2 + LANCZOS_STEPS) as Float32Array[];
    const stepBetas = out.slice(2 + LANCZOS_STEPS) as Float32Array[];
    beta = Float32Array.from(stepBetas[LANCZOS_STEPS - 1]!);
    for (let d = 0; d < B; d++) {
      if (state[d]!.settled) continue;
      for (let s = 0; s < LANCZOS_STEPS && !exhausted[d]; s++) {
        alphas[d]!.push(stepAlphas[s]![d]!);
        // β = 0: the Krylov space is invariant, T's eigenvalues are exact; later steps carry nothing.
        if (stepBetas[s]![d]! > 0) betas[d]!.push(stepBetas[s]![d]!);
        else exhausted[d] = true;
      }
      const length = alphas[d]!.length;
      const theta = topEigenvalue(alphas[d]!, betas[d]!, length);
      const earlier = topEigenvalue(alphas[d]!, betas[d]!, length - 8);
      const settled = exhausted[d]! || !Number.isFinite(theta) || theta - earlier <= RELATIVE_TOLERANCE * Math.abs(theta);
      state[d] = { theta, steps: length, settled };
    }
  }
  return state;
}

/** The largest eigenvalue of the Lanczos tridiagonal of the first `length` steps (float64). */
function topEigenvalue(alphas: readonly number[], betas: readonly number[], length: number): number {
  const d = alphas.slice(0, length);
  const e = betas.slice(0, length - 1);
  if (!d.every(Number.isFinite) || !e.every(Number.isFinite)) return NaN;
  const values = tridiagonalEigenvalues(Float64Array.from(d), Float64Array.from(e));
  return values[values.length - 1]!;
}
