/**
 * Closed forms for the Ising student parametrized by x = artanh R ≥ 0, shared by the annealed and
 * high-temperature theories: with R = tanh x, 1 − R = 2/(1 + e^(2x)) and arccos R = 2·atan(e^(−x)), so
 * nothing loses precision as R → 1.
 */

/** 1 − tanh x for x ≥ 0 */
export function gapOf(x: number): number {
  return 2 / (1 + Math.exp(2 * x));
}

/** ε_g = arccos(tanh x)/π */
export function epsGOf(x: number): number {
  return (2 * Math.atan(Math.exp(-x))) / Math.PI;
}

/** x·sech x: the entropic force per unit energetic slope; its maximum sits where x·tanh x = 1. */
export function xSech(x: number): number {
  return x / Math.cosh(x);
}

/** argmax of x·sech x, the root of x·tanh x = 1 (≈ 1.19967864), by Newton's method. */
export const X_HUMP = (() => {
  let x = 1.2;
  for (let i = 0; i < 50; i++) {
    const t = Math.tanh(x);
    const step = (x * t - 1) / (t + x * (1 - t * t));
    x -= step;
    if (Math.abs(step) < 1e-16) break;
  }
  return x;
})();
