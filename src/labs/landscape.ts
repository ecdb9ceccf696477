/**
 * The landscape lab's plan, shared by the page and its worker: which coupling laws a request compares, the core
 * runs it makes (the landscape at N, then the width of the band of minima at each of `sizes`), how many threads
 * enumerate, what it will cost, and what the worker streams and returns. Both sides call the same functions, so
 * the estimate the page asks about is the one the worker checks.
 */
import { estimateLandscape, resolveLandscape, type CouplingLaw, type InstanceRecord, type LandscapeOptions, type LandscapeRecord, type LandscapeSummary } from '../core/landscape/index.js';
import { LAWS } from '../core/ensembles/index.js';
import { parseSeed } from '../core/random/index.js';
import { formatSeconds } from '../core/vsdl/index.js';
import type { LabValues } from './definitions.js';
import { ASK_SECONDS, type Estimate } from './estimate.js';

export type LandscapeRequest = LabValues<'landscape'>;

/** The fields the computation reads: a change to the others (the gap units) only redraws. */
export const LANDSCAPE_INPUTS = ['couplings', 'mu', 'compare', 'planted', 'n', 'instances', 'method', 'quenches', 'rule', 'sizes', 'seed'] as const satisfies readonly (keyof LandscapeRequest)[];

/** Up to this N the lab worker enumerates alone (2^27 configurations, about a tenth of a second per instance). */
export const THREAD_ENUMERATION_N = 28;
/** Web workers that share a larger enumeration, at most (each scans chunks of 2^26 configurations). */
const MAX_ENUMERATION_WORKERS = 8;

/** The spectrum of J pools the eigenvalues of this many draws at least (one draw has only N). */
const SPECTRUM_EIGENVALUES = 1000;
/** Seconds per N³ of a dense symmetric spectrum (measured 0.42 s at N = 1000 in Node, on the project's machine). */
const SPECTRUM_SECONDS_PER_N3 = 5e-10;

/** One coupling law of a run. */
export interface LandscapeLaw {
  couplings: CouplingLaw;
  mu: number | null;
  label: string;
  /** Whether the law has a finite variance (couplings scaled to variance 1/N: the semicircle applies to J). */
  finiteVariance: boolean;
}

const LAW_NAMES: Record<CouplingLaw, string> = { gaussian: 'Gaussian (SK)', pareto: 'Pareto', 'student-t': 'Student-t', stable: 'stable' };

function lawOf(couplings: CouplingLaw, mu: number | null): LandscapeLaw {
  return {
    couplings,
    mu,
    label: mu === null ? LAW_NAMES[couplings] : `${LAW_NAMES[couplings]} μ = ${mu}`,
    finiteVariance: LAWS[couplings].variance(mu, 1) !== null,
  };
}

/** The chosen law first, then Gaussian couplings beside it when `compare` asks for them. */
export function landscapeLaws(r: Pick<LandscapeRequest, 'couplings' | 'mu' | 'compare'>): LandscapeLaw[] {
  const chosen = lawOf(r.couplings, r.couplings === 'gaussian' ? null : r.mu);
  return r.compare && r.couplings !== 'gaussian' ? [chosen, lawOf('gaussian', null)] : [chosen];
}

/** The core run of one law at the request's N (every law with the same seed, N and settings). */
export function landscapeOptions(r: LandscapeRequest, law: LandscapeLaw): LandscapeOptions {
  return { couplings: law.couplings, mu: law.mu, planted: r.planted, n: r.n, instances: r.instances, method: r.method, quenches: r.quenches, rule: r.rule, seed: parseSeed(r.seed) };
}

/** The run behind one point of the width against N: quenches only (the width needs no ground state). */
export function widthOptions(r: LandscapeRequest, law: LandscapeLaw, n: number): LandscapeOptions {
  return { ...landscapeOptions(r, law), n, method: 'quench' };
}

/** The cores a browser reports (navigator.hardwareConcurrency, read by the page and its worker alike); 1 when it does not say. */
export function reportedCores(hardwareConcurrency: number | undefined): number {
  return hardwareConcurrency !== undefined && hardwareConcurrency >= 1 ? Math.floor(hardwareConcurrency) : 1;
}

/** Threads that enumerate: the lab worker alone up to THREAD_ENUMERATION_N, else web workers, one per core. */
export function enumerationWorkers(r: Pick<LandscapeRequest, 'n' | 'method'>, cores: number): number {
  if (r.method !== 'enumerate' || r.n <= THREAD_ENUMERATION_N) return 1;
  return Math.min(MAX_ENUMERATION_WORKERS, cores);
}

/** Draws of J whose eigenvalues the spectrum pools: the run's first instances, then more of the same law. */
export function spectrumDraws(n: number): number {
  return Math.max(1, Math.ceil(SPECTRUM_EIGENVALUES / n));
}

const seconds = (s: number) => (s < 0.05 ? 'under 0.1 s' : formatSeconds(s));

export interface LandscapeEstimate extends Estimate {
  /** What the time is made of, in words. */
  detail: string;
  /** The total and what it is made of. */
  text: string;
}

/** The cost of a request, by the core's estimates of each run plus the spectra; `cores` as the browser reports them. */
export function landscapeEstimate(r: LandscapeRequest, cores: number): LandscapeEstimate {
  const laws = landscapeLaws(r);
  const workers = enumerationWorkers(r, cores);
  let main = 0;
  let sweep = 0;
  for (const law of laws) {
    main += estimateLandscape(resolveLandscape(landscapeOptions(r, law)), { workers }).seconds;
    for (const n of r.sizes) sweep += estimateLandscape(resolveLandscape(widthOptions(r, law, n))).seconds;
  }
  const spectra = laws.length * spectrumDraws(r.n) * SPECTRUM_SECONDS_PER_N3 * r.n ** 3;
  const total = main + sweep + spectra;
  const ground = r.method === 'enumerate' ? `exact ground states (2^${r.n - 1} configurations each, ${workers === 1 ? 'one thread' : `${workers} web workers`})` : `ground states by ${r.method}`;
  const parts = [`${laws.length} law${laws.length > 1 ? 's' : ''} × ${r.instances} instance${r.instances > 1 ? 's' : ''} at N = ${r.n}: ${ground} and ${r.quenches} quenches each, ${seconds(main)}`];
  if (r.sizes.length > 0) parts.push(`widths at N = ${r.sizes.join(', ')}: ${seconds(sweep)}`);
  parts.push(`spectra of J: ${seconds(spectra)}`);
  const detail = parts.join('; ');
  return { seconds: total, ask: total > ASK_SECONDS, detail, text: `about ${seconds(total)} in all: ${detail}` };
}

/** The width of the band of minima at one N, for one law (quench statistics over instances, ± SE). */
export interface WidthPoint {
  law: number;
  n: number;
  /** SD of e_min within an instance: mean over instances and its SE (NaN with one instance). */
  width: number;
  widthSe: number;
  /** SD over instances of the mean minimum energy: how far the energy scale itself varies between instances. */
  instanceSpread: number;
}

/** Eigenvalues of J pooled over `draws` draws of one law at the run's N. */
export interface LawSpectrum {
  law: number;
  draws: number;
  eigenvalues: Float64Array;
}

/**
 * What the worker streams while it runs: the quenches of an instance in batches (their gaps and overlaps with
 * the ground state known so far), each finished instance, each point of the width against N, and each spectrum.
 */
export type LandscapeItem =
  | { kind: 'minima'; law: number; instance: number; groundStateEnergy: number; energies: number[]; overlaps: number[] }
  | { kind: 'instance'; law: number; instance: number; record: InstanceRecord }
  | { kind: 'width'; point: WidthPoint }
  | { kind: 'spectrum'; spectrum: LawSpectrum };

export interface LandscapeLabResult {
  laws: LandscapeLaw[];
  /** Per law: the record `vsdl landscape --json` prints, and its summary over instances. */
  records: LandscapeRecord[];
  summaries: LandscapeSummary[];
  widths: WidthPoint[];
  spectra: LawSpectrum[];
  /** Threads that enumerated. */
  workers: number;
  /** Wall-clock milliseconds in the worker: the runs at N per law (ground states and quenches), the widths, the spectra. */
  millis: { runs: number[]; widths: number; spectra: number; total: number };
}
