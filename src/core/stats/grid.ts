/** n points evenly spaced on [lo, hi], or geometrically (lo > 0) when log is true; both ends exact. */
export function grid(lo: number, hi: number, n: number, log = false): number[] {
  return Array.from({ length: n }, (_, i) => {
    if (i === n - 1 && n > 1) return hi;
    const t = n === 1 ? 0 : i / (n - 1);
    return log ? lo * Math.pow(hi / lo, t) : lo + (hi - lo) * t;
  });
}
