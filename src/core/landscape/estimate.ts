import { ParameterError } from '../errors.js';
import { formatBytes, formatSeconds } from '../vsdl/sweep/estimate.js';
import type { ResolvedLandscape } from './params.js';
import { TEMPERING_ACCEPTANCE } from './tempering.js';

/**
 * Cost before running, from rates measured by bench/landscape-enumerate.mjs and bench/landscape-quench.mjs on the
 * project's 2-core machine (kept on the low side, so that estimates err long):
 * - enumeration visits 2^(N−1) configurations per instance at ENUMERATION_RATE per worker;
 * - a quench computes the N fields twice (at its start, and exactly at its end: 2N² updates) and flips about
 *   0.4N spins from a random start, each with a scan and an update of the N fields: about QUENCH_COST·N²;
 * - tempering sweeps R replicas S times, N proposals each, with N updates per accepted flip (TEMPERING_ACCEPTANCE
 *   of them on average); two runs.
 */

/** Configurations per second and worker (measured 2–4·10⁹ on a busy machine; see bench/RESULTS.md). */
export const ENUMERATION_RATE = 1e9;
/** Field updates per second on one thread (plain TypeScript loops). */
export const FIELD_UPDATE_RATE = 3e8;
/** Field updates per quench, in units of N² (greedy, N = 200: 84 flips on average). */
const QUENCH_COST = 3;
const TEMPERING_RUNS = 2;

export interface LandscapeEstimate {
  instances: number;
  /** Per instance. */
  configurations: number;
  quenchUpdates: number;
  temperingUpdates: number;
  /** Seconds of each stage per instance, with `workers` enumerating in parallel, and in all. */
  enumerationSeconds: number;
  quenchSeconds: number;
  temperingSeconds: number;
  seconds: number;
  workers: number;
  /** Couplings, states of the minima and (when kept for saving) every instance's couplings. */
  bytes: number;
}

export interface LandscapeLimits {
  /** Largest N enumerated without confirmation. */
  maxEnumerationN: number;
  maxN: number;
  maxSeconds: number;
  maxBytes: number;
}

export const DEFAULT_LANDSCAPE_LIMITS: LandscapeLimits = { maxEnumerationN: 36, maxN: 5000, maxSeconds: 3600, maxBytes: 4 * 2 ** 30 };

export function estimateLandscape(p: ResolvedLandscape, { workers = 1, keepCouplings = false } = {}): LandscapeEstimate {
  const n2 = p.n * p.n;
  const configurations = p.method === 'enumerate' ? 2 ** (p.n - 1) : 0;
  const quenchUpdates = p.quenches * QUENCH_COST * n2;
  const { replicas, sweeps } = p.tempering;
  const temperingUpdates = p.method === 'tempering' ? TEMPERING_RUNS * replicas * sweeps * p.n * (1 + TEMPERING_ACCEPTANCE * p.n) : 0;
  const enumerationSeconds = configurations / ENUMERATION_RATE / Math.max(1, workers);
  const quenchSeconds = quenchUpdates / FIELD_UPDATE_RATE;
  const temperingSeconds = temperingUpdates / FIELD_UPDATE_RATE;
  const perInstance = enumerationSeconds + quenchSeconds + temperingSeconds;
  const stateBytes = p.quenches * (p.n + 64) + (p.method === 'tempering' ? 2 * replicas * p.n * 9 : 0);
  return {
    instances: p.instances,
    configurations,
    quenchUpdates,
    temperingUpdates,
    enumerationSeconds,
    quenchSeconds,
    temperingSeconds,
    seconds: perInstance * p.instances,
    workers: Math.max(1, workers),
    bytes: 8 * n2 * (keepCouplings ? p.instances : 1) + stateBytes,
  };
}

/** Refuses a run beyond the limits, naming the estimate, unless the caller confirmed it. */
export interface SizeCheckOptions {
  confirm?: boolean;
  limits?: Partial<LandscapeLimits>;
  /** How the caller confirms, for the message (the CLI: 'pass --yes to run anyway'). */
  howToConfirm?: string;
}

export function checkLandscapeSize(e: LandscapeEstimate, p: ResolvedLandscape, { confirm = false, limits = {}, howToConfirm = 'confirm to run anyway' }: SizeCheckOptions = {}): void {
  if (confirm) return;
  const l = { ...DEFAULT_LANDSCAPE_LIMITS, ...limits };
  const refuse = (parameter: string, value: unknown, allowed: string) => {
    throw new ParameterError(parameter, value, `${allowed}, or ${howToConfirm}`, describeLandscapeEstimate(e));
  };
  if (p.method === 'enumerate' && p.n > l.maxEnumerationN) refuse('n', p.n, `N ≤ ${l.maxEnumerationN} for enumeration`);
  if (p.n > l.maxN) refuse('n', p.n, `N ≤ ${l.maxN}`);
  if (e.seconds > l.maxSeconds) refuse('run', `about ${formatSeconds(e.seconds)}`, `an estimated run time up to ${formatSeconds(l.maxSeconds)}`);
  if (e.bytes > l.maxBytes) refuse('run', `about ${formatBytes(e.bytes)}`, `an estimated memory use up to ${formatBytes(l.maxBytes)}`);
}

/** One line for people. */
export function describeLandscapeEstimate(e: LandscapeEstimate): string {
  const parts: string[] = [];
  if (e.configurations) parts.push(`${e.configurations.toExponential(2)} configurations (${formatSeconds(e.enumerationSeconds)} on ${e.workers} worker${e.workers === 1 ? '' : 's'})`);
  if (e.temperingUpdates) parts.push(`tempering ${formatSeconds(e.temperingSeconds)}`);
  parts.push(`quenches ${formatSeconds(e.quenchSeconds)}`);
  return `${e.instances} instance${e.instances === 1 ? '' : 's'}, each ${parts.join(', ')}: about ${formatSeconds(e.seconds)} in all, ${formatBytes(e.bytes)}`;
}
