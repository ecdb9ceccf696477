import { ConvergenceError } from '../../errors.js';

/**
 * Globally adaptive Gauss–Kronrod (7/15) quadrature of a small vector of integrands sharing one set of nodes.
 * The perceptron integrals have sharp features at known places (a step of width √(1 − q) at the origin, the
 * temperature crossover further out); the caller passes those places as breakpoints and the adaptive bisection
 * resolves whatever they miss. Every component must meet max(absTol, relTol·|integral|).
 */

/** Kronrod abscissae on [−1, 1] (non-negative half, descending); the odd indices are the 7 Gauss nodes. */
export const KRONROD_NODES = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
export const KRONROD_WEIGHTS = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
/** Weights of the 7-point Gauss rule at KRONROD_NODES[1], [3], [5], [7]. */
export const GAUSS7_WEIGHTS = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327,
];

/** Fills `values` (length `dim`) with the integrands at x. */
export type VectorIntegrand = (x: number, values: Float64Array) => void;

export interface QuadratureOptions {
  relTol?: number;
  absTol?: number;
  maxPanels?: number;
}

interface Panels {
  lo: number[];
  hi: number[];
  est: Float64Array[];
  err: Float64Array[];
}

function ruleOnPanel(
  f: VectorIntegrand,
  dim: number,
  lo: number,
  hi: number,
  est: Float64Array,
  err: Float64Array,
  samples: Float64Array,
): void {
  const centre = 0.5 * (lo + hi);
  const half = 0.5 * (hi - lo);
  const fx = samples.subarray(15 * dim);
  // Samples in the order: centre, then the symmetric pairs of KRONROD_NODES[0..6].
  f(centre, fx);
  for (let c = 0; c < dim; c++) samples[c] = fx[c];
  for (let i = 0; i < 7; i++) {
    f(centre - half * KRONROD_NODES[i], fx);
    for (let c = 0; c < dim; c++) samples[(1 + 2 * i) * dim + c] = fx[c];
    f(centre + half * KRONROD_NODES[i], fx);
    for (let c = 0; c < dim; c++) samples[(2 + 2 * i) * dim + c] = fx[c];
  }
  for (let c = 0; c < dim; c++) {
    const mid = samples[c];
    let kronrod = KRONROD_WEIGHTS[7] * mid;
    let gauss = GAUSS7_WEIGHTS[3] * mid;
    let absolute = KRONROD_WEIGHTS[7] * Math.abs(mid);
    for (let i = 0; i < 7; i++) {
      const pair = samples[(1 + 2 * i) * dim + c] + samples[(2 + 2 * i) * dim + c];
      kronrod += KRONROD_WEIGHTS[i] * pair;
      if (i % 2 === 1) gauss += GAUSS7_WEIGHTS[(i - 1) / 2] * pair;
      absolute += KRONROD_WEIGHTS[i] * (Math.abs(samples[(1 + 2 * i) * dim + c]) + Math.abs(samples[(2 + 2 * i) * dim + c]));
    }
    const mean = 0.5 * kronrod;
    let spread = KRONROD_WEIGHTS[7] * Math.abs(mid - mean);
    for (let i = 0; i < 7; i++) {
      spread += KRONROD_WEIGHTS[i] * (Math.abs(samples[(1 + 2 * i) * dim + c] - mean) + Math.abs(samples[(2 + 2 * i) * dim + c] - mean));
    }
    // QUADPACK's QK15 estimate: |K − G| is the error of the 7-point rule; raising its ratio to the spread to the
    // power 1.5 scales it down to what the 15-point rule achieves on smooth panels.
    let e = Math.abs((kronrod - gauss) * half);
    spread *= Math.abs(half);
    if (spread !== 0 && e !== 0) e = spread * Math.min(1, Math.pow((200 * e) / spread, 1.5));
    e = Math.max(e, 50 * Number.EPSILON * absolute * Math.abs(half));
    est[c] = kronrod * half;
    err[c] = e;
  }
}

/**
 * Integrates `dim` functions over [breaks[0], breaks[last]] and writes the integrals into `result`. `breaks`
 * must be non-decreasing; empty panels are skipped. Returns the number of panels used. Throws ConvergenceError
 * when maxPanels bisections do not reach the tolerance.
 */
export function integrateVector(
  f: VectorIntegrand,
  dim: number,
  breaks: readonly number[],
  result: Float64Array,
  { relTol = 1e-11, absTol = 1e-15, maxPanels = 400 }: QuadratureOptions = {},
): number {
  const samples = new Float64Array(16 * dim);
  const panels: Panels = { lo: [], hi: [], est: [], err: [] };
  const add = (lo: number, hi: number): void => {
    const est = new Float64Array(dim);
    const err = new Float64Array(dim);
    ruleOnPanel(f, dim, lo, hi, est, err, samples);
    panels.lo.push(lo);
    panels.hi.push(hi);
    panels.est.push(est);
    panels.err.push(err);
  };
  for (let i = 0; i + 1 < breaks.length; i++) if (breaks[i + 1] > breaks[i]) add(breaks[i], breaks[i + 1]);

  const total = new Float64Array(dim);
  const totalErr = new Float64Array(dim);
  const tol = new Float64Array(dim);
  for (;;) {
    total.fill(0);
    totalErr.fill(0);
    const n = panels.lo.length;
    for (let p = 0; p < n; p++) {
      for (let c = 0; c < dim; c++) {
        total[c] += panels.est[p][c];
        totalErr[c] += panels.err[p][c];
      }
    }
    let done = true;
    for (let c = 0; c < dim; c++) {
      tol[c] = Math.max(absTol, relTol * Math.abs(total[c]));
      if (!(totalErr[c] <= tol[c])) done = false;
    }
    if (done) break;
    if (n >= maxPanels) {
      throw new ConvergenceError('adaptive Gauss–Kronrod quadrature', `error above tolerance after ${n} panels`);
    }
    let worst = 0;
    let worstScore = -1;
    for (let p = 0; p < n; p++) {
      let score = 0;
      for (let c = 0; c < dim; c++) score = Math.max(score, panels.err[p][c] / tol[c]);
      if (Number.isNaN(score)) score = Infinity;
      if (score > worstScore) {
        worstScore = score;
        worst = p;
      }
    }
    const lo = panels.lo[worst];
    const hi = panels.hi[worst];
    const mid = 0.5 * (lo + hi);
    if (!(mid > lo && mid < hi)) {
      throw new ConvergenceError('adaptive Gauss–Kronrod quadrature', `panel [${lo}, ${hi}] cannot be split further`);
    }
    // Replace the worst panel by its left half and append the right half.
    const est = panels.est[worst];
    const err = panels.err[worst];
    ruleOnPanel(f, dim, lo, mid, est, err, samples);
    panels.hi[worst] = mid;
    add(mid, hi);
  }
  result.set(total.subarray(0, dim));
  for (let c = 0; c < dim; c++) {
    if (!Number.isFinite(result[c])) {
      throw new ConvergenceError('adaptive Gauss–Kronrod quadrature', `integral ${c} is ${result[c]}`);
    }
  }
  return panels.lo.length;
}

/**
 * Breakpoints centre ± width·ratio^k, k = 0, 1, …, out to `limit` from the centre: panels that grow with the
 * distance from a feature of size `width`, so that no panel is so long that its nodes step over the feature.
 */
export function geometricPoints(centre: number, width: number, limit: number, ratio = 4): number[] {
  const out = [centre];
  if (!(width > 0) || !Number.isFinite(width)) return out;
  for (let d = width; d < 2 * limit; d *= ratio) out.push(centre - d, centre + d);
  return out;
}

/** Sorted, de-duplicated breakpoints clipped to [−limit, limit], always including both ends. */
export function breakpoints(limit: number, points: readonly number[]): number[] {
  const inside = points.filter((x) => Number.isFinite(x) && x > -limit && x < limit);
  inside.push(-limit, limit);
  inside.sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of inside) if (out.length === 0 || x > out[out.length - 1]) out.push(x);
  return out;
}
