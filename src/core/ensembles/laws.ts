import { ParameterError } from '../errors.js';
import { fillLomax, fillNormal, fillParetoSymmetric, fillStableSymmetric, fillStudentT, type RandomStream } from '../random/index.js';
import { lnGamma } from '../theory/special/gamma.js';
import { finite, record } from '../validate.js';

/**
 * The element laws of iid random matrices, one descriptor each: what the law needs (a tail exponent μ, and in
 * which range), how its entries are drawn, and what theory knows of it (mean, variance, tail constant). The
 * ensembles, the truth of a draw, the layer model's teachers, the CLI and the UI read these entries, so a new law
 * is one entry here. Every law has a scale σ: the standard deviation for the Gaussian, the law's scale otherwise.
 */

/** Allowed tail exponents: μ in (0, max], or (0, max) when `maxOpen`. */
export interface MuRange {
  max: number;
  maxOpen: boolean;
}

export interface LawDescriptor {
  /** The name callers use (an ensemble, a teacher, couplings). */
  name: LawName;
  /** The name a truth records for parameter μ: Pareto-I is written out, and stable μ = 2 is the Gaussian law. */
  recordedAs(mu: number | null): ElementLaw;
  /** True when the law has a power-law tail P(|x| > t) ~ C·t^(−μ) and takes μ. */
  heavyTailed: boolean;
  /** Allowed tail exponents; null for a law without one. */
  mu: MuRange | null;
  /** Fills `out` with iid entries at tail exponent μ (ignored without one) and scale σ, from the stream. */
  fill(stream: RandomStream, out: Float64Array, mu: number | null, sigma: number): Float64Array;
  /** Mean of one entry; null when infinite. */
  mean(mu: number | null, sigma: number): number | null;
  /** Variance of one entry; null when infinite. */
  variance(mu: number | null, sigma: number): number | null;
  /** C in P(|x| > t) ~ C·t^(−μ) as t → ∞ (it fixes the Fréchet scale of λ_max); null without a power-law tail. */
  tailConstant(mu: number | null, sigma: number): number | null;
}

/** The element law actually sampled, as a truth records it: numbers differ between laws with the same μ. */
export type ElementLaw = 'gaussian' | 'pareto-i' | 'lomax' | 'student-t' | 'stable';

const m = (mu: number | null): number => mu as number;

const gaussian: LawDescriptor = {
  name: 'gaussian',
  recordedAs: () => 'gaussian',
  heavyTailed: false,
  mu: null,
  fill: (s, out, _mu, sigma) => fillNormal(s, out, 0, sigma),
  mean: () => 0,
  variance: (_mu, sigma) => sigma * sigma,
  tailConstant: () => null,
};

/** Symmetric Pareto-I: |x| = σU^(−1/μ), random sign; P(|x| > t) = (t/σ)^(−μ) exactly. */
const pareto: LawDescriptor = {
  name: 'pareto',
  recordedAs: () => 'pareto-i',
  heavyTailed: true,
  mu: { max: Infinity, maxOpen: true },
  fill: (s, out, mu, sigma) => fillParetoSymmetric(s, out, m(mu), sigma),
  mean: () => 0,
  // E|x|² = σ²∫₁^∞ t² μ t^(−μ−1) dt
  variance: (mu, sigma) => (m(mu) > 2 ? (sigma * sigma * m(mu)) / (m(mu) - 2) : null),
  tailConstant: (mu, sigma) => sigma ** m(mu),
};

/** NumPy's `pareto`: x = σ(U^(−1/μ) − 1) ≥ 0, not centred; P(x > t) = (1 + t/σ)^(−μ). */
const lomax: LawDescriptor = {
  name: 'lomax',
  recordedAs: () => 'lomax',
  heavyTailed: true,
  mu: { max: Infinity, maxOpen: true },
  fill: (s, out, mu, sigma) => fillLomax(s, out, m(mu), sigma),
  mean: (mu, sigma) => (m(mu) > 1 ? sigma / (m(mu) - 1) : null),
  variance: (mu, sigma) => (m(mu) > 2 ? (sigma * sigma * m(mu)) / ((m(mu) - 1) ** 2 * (m(mu) - 2)) : null),
  tailConstant: (mu, sigma) => sigma ** m(mu),
};

/** Student-t with ν = μ degrees of freedom, scaled by σ. */
const studentT: LawDescriptor = {
  name: 'student-t',
  recordedAs: () => 'student-t',
  heavyTailed: true,
  mu: { max: Infinity, maxOpen: true },
  fill: (s, out, mu, sigma) => fillStudentT(s, out, m(mu), sigma),
  mean: () => 0,
  variance: (mu, sigma) => (m(mu) > 2 ? (sigma * sigma * m(mu)) / (m(mu) - 2) : null),
  // The density's tail K·ν^((ν+1)/2)·t^(−ν−1), K = Γ((ν+1)/2)/(√(νπ)Γ(ν/2)), integrated over both sides.
  tailConstant: (mu, sigma) => {
    const nu = m(mu);
    const lnK = lnGamma((nu + 1) / 2) - lnGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
    return 2 * Math.exp(lnK + ((nu - 1) / 2) * Math.log(nu)) * sigma ** nu;
  },
};

/** Symmetric α-stable with α = μ ∈ (0, 2], E e^(itx) = exp(−|σt|^μ) (Chambers–Mallows–Stuck). */
const stable: LawDescriptor = {
  name: 'stable',
  // α = 2 is the Gaussian law N(0, 2σ²) in the exp(−|σt|^α) parametrization.
  recordedAs: (mu) => (mu === 2 ? 'gaussian' : 'stable'),
  heavyTailed: true,
  mu: { max: 2, maxOpen: false },
  fill: (s, out, mu, sigma) => fillStableSymmetric(s, out, m(mu), sigma),
  mean: () => 0,
  variance: (mu, sigma) => (m(mu) === 2 ? 2 * sigma * sigma : null),
  // 2·Γ(α)·sin(πα/2)/π · σ^α (Samorodnitsky & Taqqu 1994, Property 1.2.15); α = 2 has no power-law tail.
  tailConstant: (mu, sigma) => (m(mu) < 2 ? ((2 * Math.exp(lnGamma(m(mu))) * Math.sin((Math.PI * m(mu)) / 2)) / Math.PI) * sigma ** m(mu) : null),
};

/** Every law, in the order help texts list them. */
export const LAWS = { gaussian, pareto, lomax, 'student-t': studentT, stable } as const;
export type LawName = keyof typeof LAWS;
export const LAW_NAMES = Object.keys(LAWS) as LawName[];
/** The laws with a power-law tail (they take μ). */
export const HEAVY_TAILED_LAWS = LAW_NAMES.filter((name) => LAWS[name].heavyTailed) as Exclude<LawName, 'gaussian'>[];

/** The descriptor of a law by name. @throws ParameterError naming `parameter` for an unknown name. */
export function lawOf(name: unknown, parameter = 'law'): LawDescriptor {
  if (typeof name !== 'string' || !Object.hasOwn(LAWS, name)) throw new ParameterError(parameter, name, `one of ${LAW_NAMES.join(', ')}`);
  return LAWS[name as LawName];
}

/**
 * Checks μ against a law: required (and in range) for a heavy-tailed law, absent for the others.
 * @throws ParameterError naming `parameter`, the value and the allowed range.
 */
export function checkMu(law: LawDescriptor, mu: unknown, parameter = 'mu'): number | null {
  record('law', law, 'a law descriptor (lawOf)');
  if (!law.mu) {
    if (mu !== undefined && mu !== null) throw new ParameterError(parameter, mu, `no μ: the ${law.name} law has no tail exponent`);
    return null;
  }
  const allowed = law.mu.max === Infinity ? 'a tail exponent μ > 0' : `a tail exponent μ in (0, ${law.mu.max}${law.mu.maxOpen ? ')' : ']'}`;
  if (mu === undefined || mu === null) throw new ParameterError(parameter, 'missing', `${allowed} (required by ${law.name})`);
  const x = finite(parameter, mu, allowed);
  if (!(x > 0) || x > law.mu.max || (law.mu.maxOpen && x === law.mu.max)) throw new ParameterError(parameter, mu, `${allowed} for ${law.name}`);
  return x;
}
