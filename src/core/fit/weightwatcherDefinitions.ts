import { ParameterError } from '../errors.js';
import { triangularKde } from '../stats/kde.js';
import { float64Array, integer } from '../validate.js';
import { fminScalar } from '../theory/special/minimize.js';
import { mpDensity, mpEdges } from '../theory/mp.js';

/**
 * WeightWatcher's own definitions of num_spikes, mp_softrank and rand_distance (its weightwatcher.py, 0.7.5),
 * offered next to ours so that results can be compared with WeightWatcher's columns like for like. Ours are the
 * default (README, "Where we differ from WeightWatcher"); these reproduce its procedure step by step:
 *
 * MP fit. The eigenvalues λ = s(W)² are rescaled to mean 1 (x = λ·M/Σλ). σ is found by a grid search over
 * [0.05, 2)·s* in steps of 0.01·s*, s* = √x_max/(1 + 1/√Q), polished by Nelder–Mead from the best grid point
 * (SciPy's `brute` with its default `fmin` finish). The objective is Σ (ρ_MP(x) − ρ̂(x))² over the points of
 * a 1000-point grid on [0, x_max + 0.5] where a triangular-kernel density estimate ρ̂ (bandwidth 0.1) exceeds
 * 0.01; a σ whose MP edges do not bracket the estimate's peak, or whose upper edge lies beyond the grid, scores
 * 1000 per point. At Q = 1 the singular values are fitted to (1/(πσ²))√(4 − x²) instead. Then
 *   bulk_max = σ²(1 + 1/√Q)², num_spikes = #{x > bulk_max + √((1/√Q)·bulk_max^(2/3)·M^(−2/3))},
 *   mp_softrank = bulk_max / x_max.
 * rand_distance. The sorted eigenvalues of W and of W with permuted entries, each taken as a probability vector
 * over the rank (normalised to sum 1), and the Jensen–Shannon distance between them in natural log
 * (SciPy's `entropy`), so its values lie in [0, √ln 2].
 */

export type MetricDefinitions = 'vsdl' | 'weightwatcher';
export const METRIC_DEFINITIONS: readonly MetricDefinitions[] = ['vsdl', 'weightwatcher'];

export interface WeightWatcherMpFit {
  /** σ of the rescaled ESD (mean eigenvalue 1), as WeightWatcher's sigma_mp. */
  sigma_mp: number;
  /** Upper MP edge in the units of the eigenvalues given (WeightWatcher's bulk_max). */
  bulk_max: number;
  num_spikes: number;
  mp_softrank: number;
}

const BANDWIDTH = 0.1;
const DENSITY_FLOOR = 0.01;
const GRID = 1000;
const PENALTY = 1000;

/** The density estimate on WeightWatcher's grid, kept where it exceeds the floor, and the grid point of its peak. */
function estimate(toFit: Float64Array): { x: Float64Array; y: Float64Array; peak: number } {
  let top = -Infinity;
  for (const v of toFit) top = Math.max(top, v);
  const grid = new Float64Array(GRID);
  for (let i = 0; i < GRID; i++) grid[i] = ((top + 0.5) * i) / (GRID - 1);
  const density = triangularKde(toFit, BANDWIDTH, grid);
  const keep = [...density.keys()].filter((i) => density[i] > DENSITY_FLOOR);
  const x = Float64Array.from(keep, (i) => grid[i]);
  const y = Float64Array.from(keep, (i) => density[i]);
  let peak = 0;
  for (let i = 1; i < y.length; i++) if (y[i] > y[peak]) peak = i;
  return { x, y, peak: x[peak] };
}

function residual(sigma: number, q: number, kde: { x: Float64Array; y: Float64Array; peak: number }): number {
  const { x, y, peak } = kde;
  let sum = 0;
  if (q === 1) {
    // WeightWatcher's quarter circle keeps its support [0, 2] whatever σ is.
    for (let i = 0; i < x.length; i++) {
      const model = x[i] <= 2 ? Math.sqrt(4 - x[i] * x[i]) / (Math.PI * sigma * sigma) : 0;
      sum += (model - y[i]) ** 2;
    }
    return sum;
  }
  const s = Math.abs(sigma);
  const { lambdaMinus, lambdaPlus } = s > 0 ? mpEdges(q, s) : { lambdaMinus: 0, lambdaPlus: 0 };
  if (lambdaPlus < peak || lambdaPlus > x[x.length - 1] || lambdaMinus > peak) return PENALTY * PENALTY * x.length;
  for (let i = 0; i < x.length; i++) sum += (mpDensity(x[i], q, s) - y[i]) ** 2;
  return sum;
}

/**
 * WeightWatcher's MP fit of raw eigenvalues λ = s(W)² of an N×M matrix with Q = N/M. `m` is M, the eigenvalues
 * per matrix, when the eigenvalues pool several matrices (a convolution's slices): it enters the TW margin, while
 * the rescaling counts every eigenvalue, as WeightWatcher does.
 */
export function weightWatcherMpFit(eigenvalues: Float64Array, q: number, perMatrix?: number): WeightWatcherMpFit {
  float64Array('eigenvalues', eigenvalues);
  const m = perMatrix === undefined ? eigenvalues.length : integer('m', perMatrix, 1);
  const count = eigenvalues.length;
  if (count < 2) throw new ParameterError('eigenvalues', count, 'at least 2 eigenvalues');
  if (!(q >= 1)) throw new ParameterError('q', q, 'a number ≥ 1 (Q = N/M)');
  let total = 0;
  for (const v of eigenvalues) total += v;
  if (!(total > 0)) throw new ParameterError('eigenvalues', 'all zero', 'at least one positive eigenvalue');
  const scale = count / total;
  const x = Float64Array.from(eigenvalues, (v) => v * scale);
  let xMax = 0;
  for (const v of x) xMax = Math.max(xMax, v);
  const kde = estimate(q === 1 ? x.map(Math.sqrt) : x);
  const objective = (sigma: number) => residual(sigma, q, kde);
  // The grid of SciPy's brute over slice(0.05·s*, 2·s*, 0.01·s*): NumPy's arange, first minimum wins.
  const sStar = Math.sqrt(xMax / mpEdges(q).lambdaPlus);
  const [start, stop, step] = [0.05 * sStar, 2 * sStar, 0.01 * sStar];
  let best = start;
  let bestValue = Infinity;
  for (let k = 0, n = Math.ceil((stop - start) / step); k < n; k++) {
    const value = objective(start + k * step);
    if (value < bestValue) [best, bestValue] = [start + k * step, value];
  }
  const sigma = fminScalar(objective, best).x;
  const bulkMax = sigma === 0 ? 0 : mpEdges(q, Math.abs(sigma)).lambdaPlus;
  const margin = Math.sqrt((1 / Math.sqrt(q)) * bulkMax ** (2 / 3) * m ** (-2 / 3));
  let spikes = 0;
  for (const v of x) if (v > bulkMax + margin) spikes++;
  return { sigma_mp: sigma, bulk_max: bulkMax / scale, num_spikes: spikes, mp_softrank: bulkMax / xMax };
}

/**
 * WeightWatcher's rand_distance: the Jensen–Shannon distance (natural log) between two equally long spectra read
 * as probability vectors over the rank, each sorted ascending and normalised to sum 1.
 */
export function sortedProfileDistance(a: Float64Array, b: Float64Array): number {
  float64Array('a', a);
  float64Array('b', b);
  if (a.length !== b.length || a.length === 0) {
    throw new ParameterError('spectra', `${a.length} and ${b.length} eigenvalues`, 'two non-empty spectra of the same length');
  }
  const p = Float64Array.from(a).sort();
  const r = Float64Array.from(b).sort();
  // SciPy's entropy(p, m) normalises p and the mixture m = (p + r)/2 separately.
  const sum = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
  const [sp, sr] = [sum(p), sum(r)];
  const sm = (sp + sr) / 2;
  const kl = (v: Float64Array, sv: number): number => {
    let d = 0;
    for (let i = 0; i < v.length; i++) {
      const pi = v[i] / sv;
      const mi = (p[i] + r[i]) / 2 / sm;
      if (pi > 0) d += pi * Math.log(pi / mi);
    }
    return d;
  };
  return Math.sqrt(Math.max(0, (kl(p, sp) + kl(r, sr)) / 2));
}
