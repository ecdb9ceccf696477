import { ParameterError } from '../errors.js';
import { beyondFloat64 } from '../float64.js';
import { integer, oneOf, positive } from '../validate.js';

export interface JohnstoneOptions {
  /** 1: real Wishart (uses n − 1 and p, Johnstone 2001); 2: complex Wishart (uses n and p). Default 1. */
  beta?: 1 | 2;
  /** Entry scale: centre and scale are multiplied by σ². Default 1. */
  sigma?: number;
  /** '1/N' (default): for X = WᵀW/N; 'none': for WᵀW (squared singular values of W). */
  normalization?: '1/N' | 'none';
}

export interface EdgeScaling {
  center: number;
  scale: number;
}

/**
 * Centre μ and scale s such that (λ_max − μ)/s → TW_β for W an n×m matrix (n = N rows, m = M columns, N ≥ M)
 * with iid N(0, σ²) entries: μ = (√n′ + √m)², s = (√n′ + √m)(1/√n′ + 1/√m)^(1/3) with n′ = n − 1 for real
 * data (Johnstone 2001) and n′ = n for complex data (Johnstone 2001; El Karoui 2006).
 * A σ whose centre exceeds float64 is refused, naming sigma (the centre is σ² times a number of order one, or of
 * order n with 'none').
 */
export function johnstone(n: number, m: number, opts: JohnstoneOptions = {}): EdgeScaling {
  if (opts === null || typeof opts !== 'object') throw new ParameterError('opts', opts, 'an object { beta, sigma }');
  const beta = oneOf('beta', opts.beta ?? 1, [1, 2] as const);
  const sigma = positive('sigma', opts.sigma ?? 1);
  const normalization = oneOf('normalization', opts.normalization ?? '1/N', ['1/N', 'none'] as const);
  integer('m', m, 1);
  integer('n', n, beta === 1 ? 2 : 1);
  if (n < m) throw new ParameterError('n', n, `an integer ≥ m = ${m} (W is N×M with N ≥ M)`);
  const nEff = beta === 1 ? n - 1 : n;
  const rn = Math.sqrt(nEff);
  const rm = Math.sqrt(m);
  const factor = (sigma * sigma) / (normalization === '1/N' ? n : 1);
  const center = factor * (rn + rm) * (rn + rm);
  if (!(center <= Number.MAX_VALUE)) {
    const log10 = 2 * Math.log10(sigma) - (normalization === '1/N' ? Math.log10(n) : 0) + 2 * Math.log10(rn + rm);
    throw beyondFloat64('sigma', sigma, 'a σ', 'centre', log10, 'use σ = 1 and multiply the centre and the scale by σ²');
  }
  return { center, scale: factor * (rn + rm) * Math.cbrt(1 / rn + 1 / rm) };
}
