/**
 * The Kolmogorov–Smirnov distance of WeightWatcher's WWFit, term by term.
 *
 * For candidate xmin = x_i with tail size n and exponent α, the distance is
 *   D_i = max_{j=0..n−1} |1 − (x_{i+j}/x_i)^(1−α) − j/n|
 * (model CDF against the left empirical CDF j/n, ties counted by position), and D_i = 1 when α ≤ 1.
 * Every scan evaluates terms through `ksTerm` so that equal inputs give bit-identical D values.
 */

/** One term |F(x) − j/n| with F(x) = 1 − (x/xmin)^(1−α). */
export function ksTerm(x: number, xmin: number, alpha: number, j: number, n: number): number {
  const ratio = x / xmin;
  // 1^±∞ is NaN in JavaScript but 1 in numpy; α = ∞ happens for an all-equal tail.
  const survival = ratio === 1 ? 1 : ratio ** (1 - alpha);
  return Math.abs(1 - survival - j / n);
}

/**
 * D for the tail x[first..] of an ascending sample, the full O(n) maximum. Used for a fixed xmin, where xmin
 * need not be a sample point, and by the naive scan.
 */
export function tailKsDistance(x: Float64Array, first: number, xmin: number, alpha: number): number {
  if (!(alpha > 1)) return 1;
  const n = x.length - first;
  let d = 0;
  for (let j = 0; j < n; j++) {
    const t = ksTerm(x[first + j], xmin, alpha, j, n);
    if (t > d) d = t;
  }
  return d;
}
