import { ParameterError } from '../../core/errors.js';
import { beyondFloat64, isNormalFloat64 } from '../../core/float64.js';
import {
  bbpAdditive,
  bbpCovariance,
  checkBeta,
  frechetCdf,
  frechetPdf,
  frechetQuantile,
  frechetScale,
  heavyTailClass,
  johnstone,
  levyCurve,
  semicircleCdf,
  semicircleDensity,
  semicircleQuantile,
  wignerEdge,
  mpCdf,
  mpDensity,
  mpEdges,
  mpMoment,
  mpQuantile,
  perceptronAnnealed,
  perceptronHighTemperature,
  perceptronPhaseLines,
  perceptronReplica,
  twMoments,
  twPdf,
  twCdf,
  twQuantile,
  type Branch,
  type Method,
  type PerceptronParams,
} from '../../core/theory/index.js';
import type { OptionSpec } from '../command.js';
import { parseInteger, parseList, parseNumber } from '../parse.js';

type Options = Record<string, string | boolean | undefined>;

export interface TheoryTopic {
  usage: string;
  summary: string;
  output: string;
  options: Record<string, OptionSpec>;
  /**
   * The core's parameter names → the flags that set them: `vsdl theory` renames a refusal (withFlagNames) so
   * that it names what the user typed, e.g. `--quantile` rather than the core's `p`.
   */
  flags: Record<string, string>;
  compute(o: Options): Record<string, unknown>;
}

const str = (o: Options, k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
const num = (o: Options, k: string, fallback?: number) => (str(o, k) === undefined ? fallback : parseNumber(k, str(o, k)));
const list = (o: Options, k: string) => (str(o, k) === undefined ? undefined : parseList(k, str(o, k)));
function need(o: Options, k: string, allowed: string): number {
  if (str(o, k) === undefined) throw new ParameterError(`--${k}`, 'missing', allowed);
  return parseNumber(k, str(o, k), allowed);
}

const at: OptionSpec = { type: 'string', value: 'X1,X2', description: 'points at which to evaluate the density and CDF' };
const quantile: OptionSpec = { type: 'string', value: 'P1,P2', description: 'probabilities whose quantiles to return' };
const q: OptionSpec = { type: 'string', value: 'Q', description: 'aspect ratio Q = N/M ≥ 1' };
const sigma: OptionSpec = { type: 'string', value: 'S', description: 'entry standard deviation', default: '1' };

/**
 * Evaluates f at each --at point and g at each --quantile probability, naming the outputs as the contract does.
 * `checkP`, when given, refuses probabilities whose quantile is not a number (±∞ at an end of the support) before
 * any is computed.
 */
function curves(
  o: Options,
  density: (x: number) => number,
  cdf: (x: number) => number,
  inv: (p: number) => number,
  pdfName = 'density',
  checkP?: (p: number) => void,
) {
  const xs = list(o, 'at');
  const ps = list(o, 'quantile');
  if (ps && checkP) ps.forEach(checkP);
  const out: Record<string, unknown> = {};
  if (xs) Object.assign(out, { at: xs, [pdfName]: xs.map(density), cdf: xs.map(cdf) });
  if (ps) {
    const values = ps.map(inv);
    // One probability gives one number; a list gives a list.
    Object.assign(out, { p: ps.length === 1 ? ps[0] : ps, quantile: ps.length === 1 ? values[0] : values });
  }
  return out;
}

/** The moments beyond k ≈ 600 exceed float64 for any Q (they grow like λ₊^k): a thousand is more than enough. */
const MAX_MOMENTS = 1000;

const mp: TheoryTopic = {
  usage: '--q Q [--sigma S] [--at X1,X2,...] [--quantile P1,...] [--moments K]',
  summary: 'Marchenko–Pastur law of X = WᵀW/N for iid entries of variance σ²',
  output: '{ q, sigma, lambda_minus, lambda_plus, at, density, cdf, p, quantile, moments }',
  options: { q, sigma, at, quantile, moments: { type: 'string', value: 'K', description: `return the first K moments E[λ^k] (K ≤ ${MAX_MOMENTS})` } },
  flags: { q: '--q', sigma: '--sigma', p: '--quantile', k: '--moments', lambda: '--at' },
  compute(o) {
    const Q = need(o, 'q', 'Q = N/M ≥ 1');
    const s = num(o, 'sigma', 1) as number;
    const e = mpEdges(Q, s);
    const K = str(o, 'moments') === undefined ? 0 : parseInteger('moments', str(o, 'moments'), 1, MAX_MOMENTS);
    return {
      q: Q,
      sigma: s,
      lambda_minus: e.lambdaMinus,
      lambda_plus: e.lambdaPlus,
      ...curves(o, (x) => mpDensity(x, Q, s), (x) => mpCdf(x, Q, s), (p) => mpQuantile(p, Q, s)),
      ...(K ? { moments: Array.from({ length: K }, (_, k) => mpMoment(k + 1, Q, s)) } : {}),
    };
  },
};

const bbp: TheoryTopic = {
  usage: '--q Q --spike L1[,L2...] [--model covariance|additive] [--sigma S]',
  summary: 'BBP transition: threshold, outlier location and squared eigenvector overlap of each spike',
  output: '{ model, q, sigma, spike, threshold, detached, outlier, overlap2 } (a list of spikes gives { spikes: [...] })',
  options: {
    q,
    sigma,
    spike: { type: 'string', value: 'L', description: 'spike strength(s): ℓ (covariance) or θ (additive)' },
    model: { type: 'string', value: 'MODEL', description: 'covariance or additive', default: 'covariance' },
  },
  // ℓ (covariance) and θ (additive) are both --spike.
  flags: { q: '--q', sigma: '--sigma', ell: '--spike', theta: '--spike' },
  compute(o) {
    const Q = need(o, 'q', 'Q = N/M ≥ 1');
    const s = num(o, 'sigma', 1) as number;
    const model = str(o, 'model') ?? 'covariance';
    if (model !== 'covariance' && model !== 'additive') throw new ParameterError('--model', model, 'covariance or additive');
    const spikes = list(o, 'spike');
    if (!spikes) throw new ParameterError('--spike', 'missing', 'one or more spike strengths');
    const one = (x: number) => {
      const r = model === 'covariance' ? bbpCovariance(x, Q, s) : bbpAdditive(x, Q, s);
      return { spike: x, threshold: r.threshold, detached: r.detached, outlier: r.outlier, overlap2: r.overlap2 };
    };
    const base = { model, q: Q, sigma: s };
    return spikes.length === 1 ? { ...base, ...one(spikes[0]) } : { ...base, spikes: spikes.map(one) };
  },
};

const semicircle: TheoryTopic = {
  usage: '[--sigma S] [--at X1,X2,...] [--quantile P1,...]',
  summary: 'Wigner\'s semicircle law ρ(x) = √(4σ² − x²)/(2πσ²), the ESD of a symmetric matrix with off-diagonal variance σ²/N',
  output: '{ sigma, edges, at, density, cdf, p, quantile }',
  options: { sigma: { type: 'string', value: 'S', description: 'off-diagonal standard deviation times √N (radius 2σ)', default: '1' }, at, quantile },
  flags: { sigma: '--sigma', p: '--quantile' },
  compute(o) {
    const s = num(o, 'sigma', 1) as number;
    return {
      sigma: s,
      edges: [semicircleQuantile(0, s), semicircleQuantile(1, s)],
      ...curves(o, (x) => semicircleDensity(x, s), (x) => semicircleCdf(x, s), (p) => semicircleQuantile(p, s)),
    };
  },
};

const levy: TheoryTopic = {
  usage: '--mu MU [--tail-constant C] [--at X1,X2,...]',
  summary: 'limiting ESD of a Lévy matrix (symmetric, entries with P(|x| > t) ~ C·t^(−μ), scaled by N^(−1/μ)), 0.5 ≤ μ ≤ 1.9',
  output: '{ mu, tail_constant, method, at, density, cdf }',
  options: {
    mu: { type: 'string', value: 'MU', description: 'tail exponent of the entries, in [0.5, 1.9]' },
    'tail-constant': { type: 'string', value: 'C', description: 'C in P(|x| > t) ~ C·t^(−μ) (1: Pareto-I)', default: '1' },
    at,
  },
  flags: { mu: '--mu', tailConstant: '--tail-constant' },
  compute(o) {
    const mu = need(o, 'mu', 'a tail exponent μ in [0.5, 1.9]');
    const C = num(o, 'tail-constant', 1) as number;
    const xs = list(o, 'at');
    // Evaluated even without --at (on no points: it costs nothing), so that μ and C are checked either way.
    const c = levyCurve(xs ?? [], mu, { tailConstant: C });
    const out: Record<string, unknown> = { mu, tail_constant: C, method: 'Cizeau–Bouchaud self-consistent equation (Ben Arous–Guionnet form), Newton + exp-sinh quadrature' };
    if (xs) Object.assign(out, { at: xs, density: Array.from(c.density), cdf: Array.from(c.cdf) });
    return out;
  },
};

/** Tracy–Widom laws have unbounded support: the quantiles of 0 and 1 are −∞ and +∞, not numbers. */
function twProbability(p: number): void {
  if (p > 0 && p < 1) return;
  const end = p === 0 ? 'the quantile of 0 is −∞' : p === 1 ? 'the quantile of 1 is +∞' : undefined;
  throw new ParameterError('--quantile', p, 'probabilities 0 < p < 1', end && `Tracy–Widom laws have unbounded support: ${end}`);
}

/** The Fréchet law lives on (0, ∞): the quantile of 0 is its lower end 0, that of 1 is +∞, not a number. */
function frechetProbability(p: number): void {
  if (p >= 0 && p < 1) return;
  throw new ParameterError('--quantile', p, 'probabilities 0 ≤ p < 1', p === 1 ? 'the Fréchet law has no upper end: the quantile of 1 is +∞' : undefined);
}

/**
 * Math.ceil at `digits` significant digits, for a bound shown in a message: the value shown is itself allowed.
 */
function ceilDigits(x: number, digits = 3): number {
  const unit = 10 ** (Math.floor(Math.log10(x)) - digits + 1);
  return Number((Math.ceil(x / unit) * unit).toPrecision(digits));
}

/**
 * The Fréchet scale (N·M)^(2/μ)/N with flag names. It is at least 1/N, so only an overflow can happen, for a μ
 * small against ln(N·M): refused, naming --mu with the smallest μ whose scale fits,
 * μ ≥ 2 ln(N·M)/(ln(1.8e308) + ln N).
 */
function frechetScaleOf(n: number, m: number, mu: number): number {
  const scale = frechetScale(n, m, mu);
  if (scale <= Number.MAX_VALUE) return scale;
  const ln = (2 / mu) * Math.log(n * m) - Math.log(n);
  const muMin = ceilDigits((2 * Math.log(n * m)) / (Math.log(Number.MAX_VALUE) + Math.log(n)));
  throw new ParameterError(
    '--mu',
    mu,
    `μ ≥ ${muMin} with --n ${n} --m ${m}`,
    `the scale (N·M)^(2/μ)/N of λ_max would be about 1e${Math.floor(ln / Math.LN10)}, beyond float64`,
  );
}

const tw: TheoryTopic = {
  usage: '[--beta 1|2|4] [--at S1,S2,...] [--quantile P1,...] [--n N --m M [--sigma S] | --wigner --n N]',
  summary: 'Tracy–Widom laws (Bornemann\'s Nyström method); with --n/--m, Johnstone\'s centre and scale for X = WᵀW/N; with --wigner --n, the Wigner edge λ_max ≈ center + scale·s',
  output: '{ beta, at, cdf, pdf, p, quantile, mean, variance, skewness, kurtosis, center, scale } (+ lambda_at, lambda_quantile with --wigner)',
  options: {
    beta: { type: 'string', value: 'B', description: '1 (real), 2 (complex) or 4 (quaternion)', default: '1' },
    at,
    quantile,
    n: { type: 'string', value: 'N', description: 'rows of W (Johnstone), or the size of H (--wigner)' },
    m: { type: 'string', value: 'M', description: 'columns of W, for Johnstone\'s scaling' },
    sigma,
    wigner: { type: 'boolean', description: 'the edge of an N×N Wigner matrix (semicircle on [−2, 2]) instead of a Wishart one' },
  },
  flags: { beta: '--beta', p: '--quantile', n: '--n', m: '--m', sigma: '--sigma' },
  compute(o) {
    const beta = checkBeta(num(o, 'beta', 1));
    const moments = twMoments(beta);
    const out: Record<string, unknown> = {
      beta,
      ...curves(o, (x) => twPdf(x, beta), (x) => twCdf(x, beta), (p) => twQuantile(p, beta), 'pdf', twProbability),
      ...moments,
    };
    if (o.wigner === true) {
      if (str(o, 'm') !== undefined || str(o, 'sigma') !== undefined) {
        throw new ParameterError(str(o, 'm') !== undefined ? '--m' : '--sigma', str(o, 'm') ?? str(o, 'sigma'), 'only --n with --wigner (H is N×N with off-diagonal variance 1/N)');
      }
      if (str(o, 'n') === undefined) throw new ParameterError('--n', 'missing', 'the size N of H (required by --wigner)');
      const edge = wignerEdge(parseInteger('n', str(o, 'n')), { beta });
      // λ = center + scale·s: the same points and quantiles on the eigenvalue scale.
      const toLambda = (v: unknown) => (Array.isArray(v) ? v.map((s) => edge.center + edge.scale * s) : edge.center + edge.scale * (v as number));
      return {
        ...out,
        ...edge,
        ...(out.at !== undefined ? { lambda_at: toLambda(out.at) } : {}),
        ...(out.quantile !== undefined ? { lambda_quantile: toLambda(out.quantile) } : {}),
      };
    }
    if (str(o, 'n') !== undefined || str(o, 'm') !== undefined) {
      if (beta === 4) throw new ParameterError('--beta', 4, '1 or 2 with --n/--m (Johnstone scaling is for real or complex Wishart)');
      const n = parseInteger('n', str(o, 'n'));
      const m = parseInteger('m', str(o, 'm'));
      const edge = johnstone(n, m, { beta, sigma: num(o, 'sigma', 1) });
      if (!isNormalFloat64(edge.scale)) {
        // The centre's overflow is the core's refusal; a scale below the normal range would have lost its digits.
        const unit = johnstone(n, m, { beta }).scale;
        const log10 = Math.log10(unit) + 2 * Math.log10(num(o, 'sigma', 1) as number);
        throw beyondFloat64('--sigma', num(o, 'sigma', 1), 'a σ', `scale at --n ${n} --m ${m}`, log10, 'use --sigma 1 and multiply the centre and the scale by σ²');
      }
      Object.assign(out, edge);
    }
    return out;
  },
};

const frechet: TheoryTopic = {
  usage: '--mu MU [--n N --m M] [--at X1,...] [--quantile P1,...]',
  summary: 'heavy tails: universality class of μ, and the Fréchet law of λ_max for μ < 4 (x in units of the scale)',
  output: '{ mu, shape, regime, predicted_alpha, lambda_max_law, scale, at, cdf, pdf, p, quantile }',
  options: {
    mu: { type: 'string', value: 'MU', description: 'tail exponent μ > 0 of the entries, P(|x| > t) ~ t^(−μ)' },
    n: { type: 'string', value: 'N', description: 'rows of W (for the scale (NM)^(2/μ)/N, Pareto-I constant)' },
    m: { type: 'string', value: 'M', description: 'columns of W' },
    at,
    quantile,
  },
  flags: { mu: '--mu', p: '--quantile', n: '--n', m: '--m' },
  compute(o) {
    const mu = need(o, 'mu', 'a tail exponent μ > 0');
    const cls = heavyTailClass(mu);
    const shape = mu / 2;
    const out: Record<string, unknown> = {
      mu,
      shape,
      regime: cls.regime,
      predicted_alpha: cls.predictedAlpha,
      lambda_max_law: cls.lambdaMaxLaw,
    };
    if (str(o, 'n') !== undefined || str(o, 'm') !== undefined) {
      out.scale = frechetScaleOf(parseInteger('n', str(o, 'n')), parseInteger('m', str(o, 'm')), mu);
    }
    return { ...out, ...curves(o, (x) => frechetPdf(x, shape), (x) => frechetCdf(x, shape), (p) => frechetQuantile(p, shape), 'pdf', frechetProbability) };
  },
};

const METHOD_FUNCTIONS: Record<Method, (p: PerceptronParams) => unknown> = {
  replica: perceptronReplica,
  annealed: perceptronAnnealed,
  'high-temperature': perceptronHighTemperature,
};

const perceptron: TheoryTopic = {
  usage: '--weights ising|spherical --alpha A --tau T [--noise P] [--branch poor|perfect|equilibrium] [--method M] | --phase-lines --tau T [--noise P]',
  summary: 'teacher–student perceptron at load α and temperature τ: order parameters, errors, free energy; Ising phase lines',
  output: '{ R, q, eps_g, eps_g_noisy, eps_t, f, s, branch, method, ... } or { alpha_c, alpha_spinodal, alpha_zero_entropy }',
  options: {
    weights: { type: 'string', value: 'W', description: 'ising or spherical students' },
    alpha: { type: 'string', value: 'A', description: 'load: examples per weight, α ≥ 0' },
    tau: { type: 'string', value: 'T', description: 'temperature τ ≥ 0 (0: Gibbs learning on the version space)' },
    noise: { type: 'string', value: 'P', description: 'label-flip probability in [0, 0.5]', default: '0' },
    branch: { type: 'string', value: 'B', description: 'poor, perfect or equilibrium (lower free energy)', default: 'equilibrium' },
    method: { type: 'string', value: 'M', description: 'replica (quenched RS), annealed or high-temperature', default: 'replica' },
    'phase-lines': { type: 'boolean', description: 'the Ising transition, spinodal and zero-entropy loads at --tau' },
  },
  flags: { weights: '--weights', alpha: '--alpha', tau: '--tau', noise: '--noise', branch: '--branch', method: '--method' },
  compute(o) {
    const tau = need(o, 'tau', 'a temperature τ ≥ 0');
    const noise = num(o, 'noise', 0);
    const method = (str(o, 'method') ?? 'replica') as Method;
    if (!(method in METHOD_FUNCTIONS)) throw new ParameterError('--method', method, Object.keys(METHOD_FUNCTIONS).join(', '));
    if (o['phase-lines'] === true) {
      // The lines are loads at one temperature, of Ising students: a load, a branch or spherical weights would be
      // ignored, so they are refused as any option a topic does not take.
      if (str(o, 'weights') !== undefined && str(o, 'weights') !== 'ising') {
        throw new ParameterError('--weights', str(o, 'weights'), 'ising (or no --weights) with --phase-lines', 'spherical students have one branch, with no transition, spinodal or zero-entropy load');
      }
      const unused = { alpha: 'the lines are loads α, found at --tau', branch: 'the lines are where the poor and perfect branches meet or end' };
      for (const [flag, why] of Object.entries(unused)) {
        if (str(o, flag) !== undefined) {
          throw new ParameterError(`--${flag}`, str(o, flag), 'the options of --phase-lines: --tau, --noise, --method, --weights ising', `${why}: --${flag} has no use there`);
        }
      }
      return { tau, noise, method, ...perceptronPhaseLines({ tau, noise, method }) };
    }
    const weights = str(o, 'weights');
    if (weights === undefined) throw new ParameterError('--weights', 'missing', 'ising or spherical');
    const alpha = need(o, 'alpha', 'a load α ≥ 0');
    const branch = (str(o, 'branch') ?? 'equilibrium') as Branch;
    return { ...(METHOD_FUNCTIONS[method]({ weights: weights as 'ising', alpha, tau, noise, branch }) as object) };
  },
};

export const THEORY_TOPICS: Record<string, TheoryTopic> = { mp, semicircle, bbp, tw, frechet, levy, perceptron };
