import { ConvergenceError } from '../../errors.js';

/** Small derivative-free minimisers for the two-parameter likelihoods of the alternative distributions. */

/**
 * Nelder–Mead in 2-D (standard coefficients), from `start` with initial steps `step`. Stops when the simplex's
 * function values agree to `tolerance` relative and its vertices to 1e-9 (scipy's fmin criteria).
 * Non-finite values count as +∞, so a parameter region can be forbidden by returning NaN or ∞.
 */
export function nelderMead2(
  f: (a: number, b: number) => number,
  start: [number, number],
  step: [number, number],
  tolerance = 1e-13,
  maxIterations = 10000,
): { point: [number, number]; value: number } {
  const g = (a: number, b: number): number => {
    const v = f(a, b);
    return Number.isFinite(v) ? v : Infinity;
  };
  const p: [number, number][] = [
    [start[0], start[1]],
    [start[0] + step[0], start[1]],
    [start[0], start[1] + step[1]],
  ];
  const v = p.map(([a, b]) => g(a, b));
  for (let it = 0; it < maxIterations; it++) {
    const order = [0, 1, 2].sort((i, j) => v[i] - v[j]);
    const [best, mid, worst] = order;
    const spread = Math.max(Math.abs(p[worst][0] - p[best][0]), Math.abs(p[worst][1] - p[best][1]));
    const close = v[worst] - v[best] <= tolerance * (1 + Math.abs(v[best]));
    if (Number.isFinite(v[worst]) && close && spread < 1e-9 * (1 + Math.abs(p[best][0]) + Math.abs(p[best][1]))) {
      return { point: p[best], value: v[best] };
    }
    const cx = (p[best][0] + p[mid][0]) / 2;
    const cy = (p[best][1] + p[mid][1]) / 2;
    const at = (t: number): [number, number] => [cx + t * (p[worst][0] - cx), cy + t * (p[worst][1] - cy)];
    const r = at(-1);
    const vr = g(r[0], r[1]);
    if (vr < v[best]) {
      const e = at(-2);
      const ve = g(e[0], e[1]);
      if (ve < vr) [p[worst], v[worst]] = [e, ve];
      else [p[worst], v[worst]] = [r, vr];
      continue;
    }
    if (vr < v[mid]) {
      [p[worst], v[worst]] = [r, vr];
      continue;
    }
    const c = vr < v[worst] ? at(-0.5) : at(0.5);
    const vc = g(c[0], c[1]);
    if (vc < Math.min(vr, v[worst])) {
      [p[worst], v[worst]] = [c, vc];
      continue;
    }
    for (const k of [mid, worst]) {
      p[k] = [(p[k][0] + p[best][0]) / 2, (p[k][1] + p[best][1]) / 2];
      v[k] = g(p[k][0], p[k][1]);
    }
  }
  throw new ConvergenceError('Nelder–Mead', `no convergence in ${maxIterations} iterations from (${start[0]}, ${start[1]})`);
}

/** Golden-section minimum of a unimodal f on [lo, hi], to an interval of width `tolerance`. */
export function goldenMinimum(f: (t: number) => number, lo: number, hi: number, tolerance = 1e-10): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Minimum of f over a grid on [lo, hi] refined by golden section around the best grid point: robust to a
 * likelihood that is flat or not unimodal far from its optimum.
 */
export function gridGoldenMinimum(f: (t: number) => number, lo: number, hi: number, points = 48): number {
  const h = (hi - lo) / (points - 1);
  let bestK = 0;
  let bestV = Infinity;
  for (let k = 0; k < points; k++) {
    const v = f(lo + k * h);
    if (v < bestV) {
      bestV = v;
      bestK = k;
    }
  }
  if (!Number.isFinite(bestV)) throw new ConvergenceError('grid search', `no finite value on [${lo}, ${hi}]`);
  const safe = (t: number): number => {
    const v = f(t);
    return Number.isFinite(v) ? v : Infinity;
  };
  return goldenMinimum(safe, lo + Math.max(0, bestK - 1) * h, lo + Math.min(points - 1, bestK + 1) * h);
}

/**
 * Nelder–Mead in one variable exactly as SciPy's `optimize.fmin` runs it (standard coefficients, initial simplex
 * x0 and 1.05·x0, or 0.00025 when x0 = 0; stops when both points agree to `xatol` and their values to `fatol`,
 * absolute, or after 200 iterations or evaluations). It exists to reproduce results of code that uses fmin (such
 * as WeightWatcher's σ fit); `nelderMead2` is the library's own minimiser.
 */
export function fminScalar(f: (x: number) => number, x0: number, xatol = 1e-4, fatol = 1e-4): { x: number; value: number } {
  const max = 200;
  let calls = 0;
  const g = (x: number): number => {
    calls++;
    return f(x);
  };
  let sim = [x0, x0 !== 0 ? 1.05 * x0 : 0.00025];
  let fsim = sim.map(g);
  const sort = (): void => {
    if (fsim[1] < fsim[0]) {
      sim = [sim[1], sim[0]];
      fsim = [fsim[1], fsim[0]];
    }
  };
  sort();
  for (let iterations = 1; calls < max && iterations < max; iterations++) {
    if (Math.abs(sim[1] - sim[0]) <= xatol && Math.abs(fsim[0] - fsim[1]) <= fatol) break;
    const xbar = sim[0];
    const xr = 2 * xbar - sim[1];
    const fxr = g(xr);
    if (fxr < fsim[0]) {
      const xe = 3 * xbar - 2 * sim[1];
      const fxe = g(xe);
      [sim[1], fsim[1]] = fxe < fxr ? [xe, fxe] : [xr, fxr];
    } else {
      // With one variable the second-worst point is the best, so a reflection that does not beat it contracts.
      let shrink = false;
      if (fxr < fsim[1]) {
        const xc = 1.5 * xbar - 0.5 * sim[1];
        const fxc = g(xc);
        if (fxc <= fxr) [sim[1], fsim[1]] = [xc, fxc];
        else shrink = true;
      } else {
        const xcc = 0.5 * xbar + 0.5 * sim[1];
        const fxcc = g(xcc);
        if (fxcc < fsim[1]) [sim[1], fsim[1]] = [xcc, fxcc];
        else shrink = true;
      }
      if (shrink) {
        sim[1] = sim[0] + 0.5 * (sim[1] - sim[0]);
        fsim[1] = g(sim[1]);
      }
    }
    sort();
  }
  return { x: sim[0], value: Math.min(fsim[0], fsim[1]) };
}
