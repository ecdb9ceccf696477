import { ParameterError } from '../errors.js';

/**
 * Universality classes of the ESD of X = WᵀW/N for entries with P(|x| > t) ~ t^(−μ)
 * (Martin & Mahoney, ICML 2019 slide 7 and JMLR 22(165) 2021, Table 1; Biroli, Bouchaud & Potters 2007;
 * Auffinger, Ben Arous & Péché 2009). Boundaries: weak μ > 4, moderate 2 < μ ≤ 4, very heavy μ ≤ 2; μ = 4 is
 * the marginal case (Biroli et al.), put with 'moderate' because λ_max no longer converges to λ₊ there.
 * 'gaussian-like' is used only for μ = Infinity (all moments finite).
 */

export type HeavyTailRegime = 'gaussian-like' | 'weak' | 'moderate' | 'very-heavy';

export interface UniversalityClassRow {
  regime: HeavyTailRegime;
  /** Open/closed interval of μ, as text for display. */
  muRange: string;
  /** Model named in the table. */
  model: string;
  /** Global shape of the ESD at finite N. */
  finiteSizeShape: string;
  /** Limiting bulk as N → ∞. */
  bulk: string;
  /** Local statistics at the bulk edge. */
  edge: string;
  /** Statistics of the largest eigenvalue. */
  lambdaMax: string;
  /** ESD tail. */
  esdTail: string;
}

export const MARTIN_MAHONEY_TABLE: readonly UniversalityClassRow[] = Object.freeze([
  {
    regime: 'gaussian-like',
    muRange: 'μ = ∞ (Gaussian; with low-rank spikes: Spiked-MP)',
    model: 'Basic MP / Spiked-MP',
    finiteSizeShape: 'MP (plus Gaussian spikes)',
    bulk: 'Marchenko–Pastur',
    edge: 'Tracy–Widom',
    lambdaMax: 'Tracy–Widom (spikes: Gaussian, BBP)',
    esdTail: 'none',
  },
  {
    regime: 'weak',
    muRange: '4 < μ',
    model: '(Weakly) heavy-tailed',
    finiteSizeShape: 'MP + power-law tail',
    bulk: 'Marchenko–Pastur',
    edge: 'heavy-tailed (TW with large finite-size corrections)',
    lambdaMax: 'Tracy–Widom in the limit, heavy-tailed at finite N',
    esdTail: 'finite-N power law, vanishing as N → ∞',
  },
  {
    regime: 'moderate',
    muRange: '2 < μ < 4',
    model: '(Moderately) heavy-tailed ("fat-tailed")',
    finiteSizeShape: 'power law ρ ~ λ^(−(aμ+b)) (phenomenological fit)',
    bulk: 'Marchenko–Pastur (slowly approached)',
    edge: 'no edge',
    lambdaMax: 'Fréchet',
    esdTail: 'ρ ~ λ^(−(μ/2+1)) in the limit',
  },
  {
    regime: 'very-heavy',
    muRange: '0 < μ < 2',
    model: '(Very) heavy-tailed',
    finiteSizeShape: 'power law ρ ~ λ^(−(μ/2+1))',
    bulk: 'heavy-tailed (Lévy-type, normalise by N^(2/μ)); no MP limit',
    edge: 'no edge',
    lambdaMax: 'Fréchet',
    esdTail: 'ρ ~ λ^(−(μ/2+1))',
  },
]);

export interface HeavyTailClass {
  regime: HeavyTailRegime;
  /** Predicted ESD tail exponent α of ρ(λ) ~ λ^(−α), or null where theory gives none. */
  predictedAlpha: number | null;
  lambdaMaxLaw: 'tracy-widom' | 'frechet';
  bulk: 'marchenko-pastur' | 'heavy-tailed';
  note: string;
}

/**
 * Class of the tail index μ (μ > 0; Infinity for Gaussian-like entries).
 *
 * predictedAlpha: 1 + μ/2 for μ ≤ 2 (exact limit). For 2 < μ < 4 Martin & Mahoney report a finite-size linear
 * relation α ≈ aμ + b whose coefficients depend on N and Q; no size-independent value exists, so it is null
 * here (a draw's truth reads the empirical calibration at its law, Q and M: `calibratedAlpha` in the ensembles).
 * Null for μ > 4 (no power-law tail in the limit).
 */
export function heavyTailClass(mu: number): HeavyTailClass {
  if (typeof mu !== 'number' || Number.isNaN(mu) || mu <= 0) {
    throw new ParameterError('mu', mu, 'a number > 0 (Infinity for Gaussian-like entries)');
  }
  if (mu === Infinity) {
    return {
      regime: 'gaussian-like',
      predictedAlpha: null,
      lambdaMaxLaw: 'tracy-widom',
      bulk: 'marchenko-pastur',
      note: 'Gaussian universality: MP bulk, Tracy–Widom edge, no tail.',
    };
  }
  if (mu > 4) {
    return {
      regime: 'weak',
      predictedAlpha: null,
      lambdaMaxLaw: 'tracy-widom',
      bulk: 'marchenko-pastur',
      note: 'MP bulk; the edge is Tracy–Widom only asymptotically, with large finite-size corrections and a finite-N power-law tail.',
    };
  }
  if (mu > 2) {
    return {
      regime: 'moderate',
      predictedAlpha: null,
      lambdaMaxLaw: 'frechet',
      bulk: 'marchenko-pastur',
      note: 'MP bulk in the limit but λ_max → ∞ with Fréchet statistics; finite-N spectra show a power law whose exponent depends on the law, N and Q (measured by an empirical calibration).',
    };
  }
  return {
    regime: 'very-heavy',
    predictedAlpha: 1 + mu / 2,
    lambdaMaxLaw: 'frechet',
    bulk: 'heavy-tailed',
    note: 'No MP limit (normalise by N^(2/μ)); ESD tail ρ(λ) ~ λ^(−(1+μ/2)); Fréchet largest eigenvalues.',
  };
}
