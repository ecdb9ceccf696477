import { tailKsDistance, ksTerm } from './ks.js';

/**
 * The xmin scan of WWFit: over candidates x_first..x_last of an ascending sample, pick the first minimum of D.
 *
 * The fast scan is exact, not approximate. For a candidate i, model survival (x_k/x_i)^(1−α) falls and the
 * empirical j/n rises with k, so on any index block [a, b] every term is bounded by
 *   max(1 − s_b − (a−i)/n, (b−i)/n − 1 + s_a)
 * from the block's end points alone. A depth-first search over a binary split of [i, N−1] skips every block
 * whose bound cannot beat the largest term found so far, so the maximum it returns is the very float the naive
 * loop returns. A candidate stops as soon as one of its terms shows it cannot be the first minimum, which for
 * most candidates is the first term tried (the previous candidate's arg max). Skips carry a margin far above the
 * rounding of `ksTerm`, so a non-monotone last ulp of `**` cannot hide a term.
 */

export interface ScanOutcome {
  /** Index into the sample of the chosen xmin. */
  best: number;
  /** KS distance at each candidate (all of them when requested, else only the chosen one is meaningful). */
  Ds: Float64Array | null;
  /** D at the chosen candidate. */
  D: number;
}

const LEAF = 8; // below this a block is cheaper to scan than to bound (two powers per bound)
const MARGIN = 1e-13; // ≫ the few-ulp error of a term (all terms lie in [0, 1])
const SEEDS = 32; // candidates evaluated in full first, to start with a small bound on the minimum

class KsSearch {
  private readonly lo = new Int32Array(128);
  private readonly hi = new Int32Array(128);
  private readonly bound = new Float64Array(128);
  /** True when the last `evaluate` stopped because the candidate cannot win. */
  lost = false;
  /** Index of the largest term seen by the last `evaluate`. */
  argMax = 0;
  private fellBack = false;

  constructor(private readonly x: Float64Array) {}

  private blockBound(a: number, b: number, i: number, xi: number, exponent: number, n: number): number {
    const x = this.x;
    const ra = x[a] / xi;
    const rb = x[b] / xi;
    const sa = ra === 1 ? 1 : ra ** exponent;
    const sb = rb === 1 ? 1 : rb ** exponent;
    const above = 1 - sb - (a - i) / n;
    const below = (b - i) / n - 1 + sa;
    return (above > below ? above : below) + MARGIN;
  }

  /**
   * D at candidate i, exact unless the candidate loses: it loses when some term exceeds `limit`, or reaches it
   * and `tieLoses`. Then `lost` is set and the value returned is only a lower bound.
   */
  evaluate(i: number, alpha: number, limit: number, tieLoses: boolean, guess: number): number {
    const x = this.x;
    const last = x.length - 1;
    const n = last - i + 1;
    const xi = x[i];
    this.lost = false;
    if (!(alpha > 1)) {
      this.lost = tieLoses ? 1 >= limit : 1 > limit;
      return 1;
    }
    const exponent = 1 - alpha;
    let best = 0;
    let arg = i;
    if (guess > i && guess <= last) {
      best = ksTerm(x[guess], xi, alpha, guess - i, n);
      arg = guess;
    }
    if (best > limit || (tieLoses && best >= limit)) {
      this.lost = true;
      this.argMax = arg;
      return best;
    }
    const lo = this.lo;
    const hi = this.hi;
    const bound = this.bound;
    let top = 0;
    lo[0] = i;
    hi[0] = last;
    bound[0] = Infinity;
    // Where terms are all of one size (a sample that fits very well) bounds prune little; past a budget of
    // about one pass, a plain pass is cheaper and gives the same maximum.
    // A candidate that needed the plain pass predicts the next one will too: probe with a smaller budget then.
    let budget = this.fellBack ? n >> 5 : n >> 1;
    this.fellBack = false;
    while (top >= 0) {
      if (budget <= 0) return this.linearPass(i, alpha, limit, tieLoses, best, arg);
      const a = lo[top];
      const b = hi[top];
      const ub = bound[top];
      top--;
      if (ub <= best) continue;
      if (b - a < LEAF) {
        budget -= b - a + 1;
        for (let k = a; k <= b; k++) {
          const t = ksTerm(x[k], xi, alpha, k - i, n);
          if (t > best) {
            best = t;
            arg = k;
          }
        }
        if (best > limit || (tieLoses && best >= limit)) {
          this.lost = true;
          this.argMax = arg;
          return best;
        }
        continue;
      }
      budget -= 4;
      const mid = (a + b) >>> 1;
      const left = this.blockBound(a, mid, i, xi, exponent, n);
      const right = this.blockBound(mid + 1, b, i, xi, exponent, n);
      // Push the more promising half last so it is searched first and raises `best` early.
      if (left > right) {
        if (right > best) this.push(++top, mid + 1, b, right);
        if (left > best) this.push(++top, a, mid, left);
      } else {
        if (left > best) this.push(++top, a, mid, left);
        if (right > best) this.push(++top, mid + 1, b, right);
      }
    }
    this.argMax = arg;
    return best;
  }

  private linearPass(i: number, alpha: number, limit: number, tieLoses: boolean, best: number, arg: number): number {
    this.fellBack = true;
    const x = this.x;
    const n = x.length - i;
    const xi = x[i];
    for (let k = i + 1; k < x.length; k++) {
      const t = ksTerm(x[k], xi, alpha, k - i, n);
      if (t > best) {
        best = t;
        arg = k;
        if (best > limit || (tieLoses && best >= limit)) {
          this.lost = true;
          break;
        }
      }
    }
    this.argMax = arg;
    return best;
  }

  private push(slot: number, a: number, b: number, ub: number): void {
    this.lo[slot] = a;
    this.hi[slot] = b;
    this.bound[slot] = ub;
  }
}

/**
 * Exact fast scan over candidates first..last (inclusive, last ≤ N − 2) with their exponents `alphas`
 * (indexed from `first`). With `keepCurve` every D is computed (still exactly, with block skipping).
 */
export function scanFast(
  x: Float64Array,
  first: number,
  last: number,
  alphas: Float64Array,
  keepCurve: boolean,
): ScanOutcome {
  const search = new KsSearch(x);
  let guess = x.length - 1;
  if (keepCurve) {
    const Ds = new Float64Array(last - first + 1);
    let best = first;
    for (let i = first; i <= last; i++) {
      const d = search.evaluate(i, alphas[i - first], Infinity, false, guess);
      guess = search.argMax;
      Ds[i - first] = d;
      if (d < Ds[best - first]) best = i;
    }
    return { best, Ds, D: Ds[best - first] };
  }

  let bestD = Infinity;
  let best = -1;
  const stride = Math.max(1, Math.floor((last - first + 1) / SEEDS));
  for (let i = first; i <= last; i += stride) {
    const d = search.evaluate(i, alphas[i - first], Infinity, false, guess);
    guess = search.argMax;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  for (let i = first; i <= last; i++) {
    if (i === best) continue;
    // Before the incumbent a tie wins (first minimum); after it a tie loses.
    const d = search.evaluate(i, alphas[i - first], bestD, i > best, guess);
    guess = search.argMax;
    if (!search.lost) {
      bestD = d;
      best = i;
    }
  }
  return { best, Ds: null, D: bestD };
}

/**
 * The O(n²) reference scan: the full maximum for every candidate, then the first minimum. Same inputs and
 * output as `scanFast` with `keepCurve`.
 */
export function scanNaive(x: Float64Array, first: number, last: number, alphas: Float64Array): ScanOutcome {
  const Ds = new Float64Array(last - first + 1);
  let best = first;
  for (let i = first; i <= last; i++) {
    Ds[i - first] = tailKsDistance(x, i, x[i], alphas[i - first]);
    if (Ds[i - first] < Ds[best - first]) best = i;
  }
  return { best, Ds, D: Ds[best - first] };
}
