import { float64Array, integer, list } from '../validate.js';
import { fitEsd, type EsdFit } from '../fit/index.js';
import { esd, matrix, type Matrix } from '../linalg/index.js';
import type { SpectrumSummary } from './types.js';

/**
 * The learned layer as a matrix for spectral analysis, in the repository's convention (W is N_a×M_a with
 * N_a ≥ M_a, ESD of X = WᵀW/N_a): for K ≤ N, A = Wᵀ (N×K) and X = W Wᵀ/N (K×K); for K > N, A = W (K×N) and
 * X = WᵀW/K (N×N). Both choices are the teacher's orientation (teacher.ts), so the ensemble's truth applies.
 * `scales` (rowNorms = 'teacher') multiplies row k of W by |T_k|/√N.
 */
export function layerMatrix(J: Float64Array, k: number, n: number, scales: Float64Array | null): Matrix {
  const transposed = k <= n;
  const A = transposed ? matrix(n, k) : matrix(k, n);
  for (let r = 0; r < k; r++) {
    const s = scales ? scales[r]! : 1;
    for (let i = 0; i < n; i++) {
      const x = s * J[r * n + i]!;
      if (transposed) A.data[i * k + r] = x;
      else A.data[r * n + i] = x;
    }
  }
  return A;
}

export interface LayerSpectrum {
  /** Eigenvalues of X = AᵀA/N_a, ascending. */
  eigenvalues: Float64Array;
  /** fitEsd's record; its eigenvalue-valued columns are in units of s(A)² = N_a·X (`normalization: 'none'`). */
  fit: EsdFit;
  /** N_a: divide the fit's eigenvalue-valued columns by this to get X units. */
  unitsPerX: number;
}

/** One dense spectrum and the full fit (power law, MP fit with TW spike count, metrics, phase); no rand_distance. */
export function analyseLayer(A: Matrix): LayerSpectrum {
  const eigenvalues = esd(A, '1/N');
  const fit = fitEsd({ eigenvalues, normalization: '1/N', n: A.rows }, { randNull: 'none' });
  return { eigenvalues, fit, unitsPerX: fit.normalization === 'none' ? A.rows : 1 };
}

export const HISTOGRAM_BINS = 64;
export const TOP_EIGENVALUES = 10;

/** Pooled histogram on [0, max λ] and the rank-wise mean of the top eigenvalues over the samples' spectra. */
export function summarizeSpectra(spectra: readonly Float64Array[], bins = HISTOGRAM_BINS, top = TOP_EIGENVALUES): SpectrumSummary {
  list('spectra', spectra).forEach((ev, i) => float64Array(`spectra[${i}]`, ev));
  integer('bins', bins, 1, 1e6);
  integer('top', top, 0);
  let max = 0;
  let count = 0;
  for (const ev of spectra) {
    max = Math.max(max, ev[ev.length - 1] ?? 0);
    count += ev.length;
  }
  const density = new Array<number>(bins).fill(0);
  for (const ev of spectra) {
    for (let i = 0; i < ev.length; i++) {
      const b = max > 0 ? Math.min(bins - 1, Math.max(0, Math.floor((ev[i]! / max) * bins))) : 0;
      density[b]! += 1 / count;
    }
  }
  const m = Math.min(top, ...spectra.map((ev) => ev.length));
  const largest = new Array<number>(m).fill(0);
  for (const ev of spectra) for (let j = 0; j < m; j++) largest[j]! += ev[ev.length - 1 - j]! / spectra.length;
  return { max, bins, density, top: largest };
}
