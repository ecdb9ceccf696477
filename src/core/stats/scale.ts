/**
 * A power of two ≥ max |v| (1 when all are 0), capped at 2^1023 so that it is finite. Dividing by it is exact
 * (outside the subnormal range), so a computation on the scaled values rounds exactly as the unscaled one would,
 * but its sums and squares cannot overflow: the values are at most 2 in magnitude.
 */
export function powerOfTwoScale(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  if (!(m > 0) || !Number.isFinite(m)) return 1;
  const e = Math.min(1023, Math.max(-1074, Math.ceil(Math.log2(m))));
  let s = Math.pow(2, e);
  if (s < m && e < 1023) s *= 2; // log2 rounded down at an exact power
  return s;
}
