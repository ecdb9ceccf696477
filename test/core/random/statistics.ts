/**
 * Exact distribution functions and test statistics for the sampler tests, written independently of the product.
 */
import { spawnSync } from 'node:child_process';

const SQRT_PI = Math.sqrt(Math.PI);

/** erfc to about 1e−15 absolute: positive series for erf below 3, Laplace continued fraction above. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // erf(x) = 2/√π · e^(−x²) · Σ 2^n x^(2n+1) / (1·3·…·(2n+1)): all terms positive, no cancellation.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  let t = x;
  for (let k = 120; k >= 1; k--) t = x + k / 2 / t;
  return Math.exp(-x * x) / (SQRT_PI * t);
}

export function erf(x: number): number {
  return 1 - erfc(x);
}

export function normalCdf(x: number, mean = 0, sd = 1): number {
  return 0.5 * erfc(-(x - mean) / (sd * Math.SQRT2));
}

/** ln Γ(x), x > 0 (Lanczos, g = 7, 9 terms; ~1e−15 relative). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) return h;
  }
  throw new Error('incomplete beta continued fraction did not converge');
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student-t CDF with ν degrees of freedom: F(t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0. */
export function studentTCdf(t: number, nu: number): number {
  const tail = 0.5 * incompleteBeta(nu / (nu + t * t), 0.5 * nu, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Asymptotic Kolmogorov threshold: P(√n·D > 1.95) ≈ 1e−3, so D above 1.95/√n rejects at p < 1e−3. */
export function ksThreshold(n: number): number {
  return 1.95 / Math.sqrt(n);
}

/** Kolmogorov–Smirnov statistic D of a sample against a continuous CDF. */
export function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/**
 * Pearson chi-square of probability-integral transforms u = F(x) over `bins` equal bins (a finer look than KS
 * at local defects such as a ziggurat wedge).
 */
export function chiSquareOfUniforms(sample: Float64Array, cdf: (x: number) => number, bins: number): number {
  const counts = new Float64Array(bins);
  for (const x of sample) counts[Math.min(bins - 1, Math.floor(cdf(x) * bins))]!++;
  const expected = sample.length / bins;
  let chi2 = 0;
  for (const c of counts) chi2 += ((c - expected) * (c - expected)) / expected;
  return chi2;
}

/** Upper 1e−3 point of χ²_df by Wilson–Hilferty (z = 3.0902), accurate to < 0.5 % for df ≥ 100. */
export function chiSquareThreshold(df: number): number {
  const h = 2 / (9 * df);
  return df * Math.pow(1 - h + 3.0902 * Math.sqrt(h), 3);
}

/**
 * Hill estimate of the tail index from the k largest |x|: α̂ = k / Σ ln(X_(i)/X_(k+1)). For an exact
 * Pareto tail k/α̂ ~ Gamma(k, 1/α), so the standard error is α/√k.
 */
export function hillEstimate(sample: Float64Array, k: number): number {
  const magnitudes = Float64Array.from(sample, Math.abs).sort();
  const n = magnitudes.length;
  const threshold = magnitudes[n - k - 1]!;
  let sum = 0;
  for (let i = n - k; i < n; i++) sum += Math.log(magnitudes[i]! / threshold);
  return k / sum;
}

export function mean(sample: Float64Array): number {
  let s = 0;
  for (const x of sample) s += x;
  return s / sample.length;
}

export function variance(sample: Float64Array): number {
  const m = mean(sample);
  let s = 0;
  for (const x of sample) s += (x - m) * (x - m);
  return s / (sample.length - 1);
}

export function correlation(a: Float64Array, b: Float64Array): number {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Runs a python3 script and parses its JSON output, or returns undefined when python3 (or a module) is missing. */
export function runPython(script: string): unknown {
  const result = spawnSync('python3', ['-c', script], { encoding: 'utf8', timeout: 60_000 });
  if (result.error || result.status !== 0) return undefined;
  return JSON.parse(result.stdout);
}

export const HAS_PYTHON = spawnSync('python3', ['-c', 'print(1)'], { encoding: 'utf8' }).status === 0;
export const HAS_SCIPY = spawnSync('python3', ['-c', 'import scipy'], { encoding: 'utf8' }).status === 0;
