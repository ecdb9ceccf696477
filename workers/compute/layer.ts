/**
 * The phase lab's layer map: the layer model's 5+1 phase over a coarse (α, τ) grid, run cell by cell
 * (runLayerSweep), with the BBP boundary: for each τ and each spike, the α at which the replica overlap R(α, τ)
 * reaches the spike's threshold_R (taken from the cells' theory; R on a fine α grid from the same row theory).
 */
import { ConvergenceError, ParameterError } from '../../src/core/errors.js';
import { drawTeacher, planLayerSweep, rowTheory, runLayerSweep, type LayerCellRecord, type LayerSweepOptions } from '../../src/core/layer/index.js';
import { examplesFor } from '../../src/core/vsdl/index.js';
import { buildLayerLayout, layerGpuLimit, measureLayoutRate, type GpuMode, type RateProbe } from '../../src/gpu/index.js';
import { chooseCompute, gpuBackend, gpuInstance, report, stage, timed } from './backend.js';
import { measureChainRate } from './chainRate.js';
import { PROBE_MS } from './phase.js';
import { JobCancelled, layerAxes, layerSweep, stepsUpTo, type BbpBoundary, type LayerMapResult, type LayerUpdate, type PhaseRequest } from '../../src/labs/index.js';
import type { JobControl } from './jobs.js';

/** Fine α grid for the boundary (the cells are coarse; R(α) is smooth). */
const FINE = 80;

/**
 * The α where R(α, τ) first reaches `threshold` on (0, alphaMax], by linear interpolation on a fine grid; null when
 * it does not within the range. `R` is cached per τ so every spike reuses one curve.
 */
export function crossing(alphas: readonly number[], R: readonly number[], threshold: number): number | null {
  for (let i = 0; i < alphas.length; i++) {
    if (!(R[i] >= threshold)) continue;
    if (i === 0) return alphas[0];
    const a0 = alphas[i - 1];
    const r0 = R[i - 1];
    if (!Number.isFinite(r0)) return alphas[i];
    return a0 + ((threshold - r0) / (R[i] - r0)) * (alphas[i] - a0);
  }
  return null;
}

export function bbpBoundaries(
  cells: readonly LayerCellRecord[],
  taus: readonly number[],
  alphaMax: number,
  weights: 'ising' | 'spherical',
  curves: Map<number, { alphas: number[]; R: number[] }> = new Map(),
): BbpBoundary[] {
  // Thresholds depend on the spike and the layer's shape only: take them from any cell whose theory has them.
  const thresholds = new Map<number, number>();
  for (const cell of cells) for (const b of cell.theory?.bbp ?? []) if (b.threshold_R !== null && !thresholds.has(b.strength)) thresholds.set(b.strength, b.threshold_R);
  if (thresholds.size === 0) return [];
  const curve = (tau: number) => {
    let c = curves.get(tau);
    if (!c) {
      const alphas = stepsUpTo(alphaMax, FINE);
      const R = alphas.map((alpha) => {
        try {
          return rowTheory(weights, alpha, tau).R;
        } catch (error) {
          if (error instanceof ConvergenceError || error instanceof ParameterError) return NaN;
          throw error;
        }
      });
      c = { alphas, R };
      curves.set(tau, c);
    }
    return c;
  };
  return [...thresholds].sort((a, b) => a[0] - b[0]).map(([spike, threshold_R]) => ({
    spike,
    threshold_R,
    points: taus.flatMap((tau) => {
      const c = curve(tau);
      const alpha = crossing(c.alphas, c.R, threshold_R);
      return alpha === null ? [] : [{ tau, alpha }];
    }),
  }));
}

export async function computeLayerMap(r: PhaseRequest, control: JobControl, onUpdate: (update: LayerUpdate) => void): Promise<LayerMapResult> {
  const { alphas, taus } = layerAxes(r);
  const { weights } = r;
  const curves = new Map<number, { alphas: number[]; R: number[] }>();
  let boundaries: BbpBoundary[] = [];
  const options = layerSweep(r);
  const limit = layerGpuLimit(r.layerK, r.layerN, alphas.length * taus.length, r.samples, r.alphaMax);
  const choice = await chooseCompute(r.backend, (mode) => (limit ? Promise.resolve({ gpuSeconds: null, cpuSeconds: null, gpuError: `${limit.name} ${limit.value}: ${limit.allowed}` }) : layerProbe(options, mode, control.signal)));
  if (choice.decision.use === 'gpu' && limit) choice.decision = { use: 'cpu', mode: null, needsRates: false, reason: `too large for the GPU path (${limit.name} ${limit.value}: ${limit.allowed}): WebAssembly on the CPU` };
  const where = stage(choice);
  const started = performance.now();
  try {
    const result = await runLayerSweep({
      ...options,
      learner: choice.decision.use === 'gpu' ? gpuBackend(choice.decision.mode!).layerLearner : undefined,
      signal: control.signal,
      onCell: (cell, snapshot) => {
        if (boundaries.length === 0) boundaries = bbpBoundaries(snapshot.cells, taus, r.alphaMax, weights, curves);
        onUpdate({ cell, boundaries });
      },
      onProgress: (p) => control.progress(p.fraction * p.total, p.total, where),
    });
    if (boundaries.length === 0) boundaries = bbpBoundaries(result.cells, taus, r.alphaMax, weights, curves);
    const seconds = (performance.now() - started) / 1000;
    return { status: result.status, cells: result.cells, boundaries, alphas, taus, compute: report(choice, layerProposals(options), 'proposals/s', seconds) };
  } catch (error) {
    if (control.signal.aborted) throw new JobCancelled();
    throw error;
  }
}

/** Proposals of a fixed-schedule layer sweep: one chain per row, cell and sample. */
function layerProposals(o: LayerSweepOptions): number {
  const sweeps = (o.schedule!.equilibrationSweeps ?? 0) + (o.schedule!.measurementSweeps ?? 0);
  return o.alphas.length * o.taus.length * (o.samples ?? 1) * o.k * o.n * sweeps;
}

/** auto's probe on a hardware device: a short GPU run of every row of every cell, against the core's chains. */
async function layerProbe(options: LayerSweepOptions, mode: string, signal: AbortSignal): Promise<RateProbe> {
  const { checked: c, cells } = planLayerSweep(options);
  const sweeps = (c.schedule.equilibrationSweeps ?? 0) + c.schedule.measurementSweeps;
  const gpu = await timed(async () => {
    const begin = performance.now();
    const teachers = Array.from({ length: c.samples }, (_, s) => drawTeacher(c.teacher, c.k, c.n, c.weights, c.seed, s));
    const { layout } = buildLayerLayout({ cells: cells.map((cell) => cell.identity), samples: c.samples, seed: c.seed, teacher: (s) => teachers[s]! });
    const rate = await measureLayoutRate(gpuInstance(mode), mode as GpuMode, layout, PROBE_MS);
    return (performance.now() - begin) / 1000 + sweeps / rate.sweepsPerSecond;
  });
  const probeCells = c.alphas.map((alpha) => ({ alpha, tau: c.taus[Math.floor(c.taus.length / 2)]! }));
  const cpu = await measureChainRate({ weights: c.weights, n: c.n, cells: probeCells, seed: String(c.seed), budgetMs: PROBE_MS / 2, signal });
  let fieldUpdates = 0;
  for (const alpha of c.alphas) fieldUpdates += c.taus.length * c.samples * c.k * c.n * sweeps * examplesFor(c.n, alpha);
  return { gpuSeconds: gpu.seconds, cpuSeconds: fieldUpdates / cpu.fieldUpdatesPerSecond, gpuError: gpu.error };
}
