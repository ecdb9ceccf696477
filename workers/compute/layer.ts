/**
 * The phase lab's layer map: the layer model's 5+1 phase over a coarse (α, τ) grid, run cell by cell
 * (runLayerSweep), with the BBP boundary: for each τ and each spike, the α at which the replica overlap R(α, τ)
 * reaches the spike's threshold_R (taken from the cells' theory; R on a fine α grid from the same row theory).
 */
import { ConvergenceError, ParameterError } from '../../src/core/errors.js';
import { rowTheory, runLayerSweep, type LayerCellRecord } from '../../src/core/layer/index.js';
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
  try {
    const result = await runLayerSweep({
      ...layerSweep(r),
      signal: control.signal,
      onCell: (cell, snapshot) => {
        if (boundaries.length === 0) boundaries = bbpBoundaries(snapshot.cells, taus, r.alphaMax, weights, curves);
        onUpdate({ cell, boundaries });
      },
      onProgress: (p) => control.progress(p.fraction * p.total, p.total),
    });
    if (boundaries.length === 0) boundaries = bbpBoundaries(result.cells, taus, r.alphaMax, weights, curves);
    return { status: result.status, cells: result.cells, boundaries, alphas, taus };
  } catch (error) {
    if (control.signal.aborted) throw new JobCancelled();
    throw error;
  }
}
