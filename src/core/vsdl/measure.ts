import { integratedAutocorrelation } from '../stats/autocorrelation.js';
import { advance } from './advance.js';
import type { Chain } from './chain.js';
import type { Program } from './drive.js';

/**
 * Measurement: after every sweep, E and R = J·T/N of every chain and, for two chains, q = J¹·J²/N. The width
 * is not tuned. Automatic length: max(MIN_MEASUREMENT_SWEEPS, ⌈50·τ⌉) with τ the equilibration's estimate of
 * the largest τ_int of E and R; if the measured series then shows a larger τ_int, it is extended once to
 * ⌈50·τ_int⌉ sweeps; both steps respect the cap.
 */

export const MIN_MEASUREMENT_SWEEPS = 200;
export const AUTOCORRELATION_TIMES_MEASURED = 50;

export interface MeasurementOptions {
  fixedSweeps?: number;
  maxSweeps: number;
  tauEstimate: number;
  block: number;
  progress: (sweepsDone: number) => number;
  /** Sweeps done before (for progress). */
  done: number;
}

export interface MeasurementSeries {
  sweeps: number;
  energy: Float64Array[];
  R: Float64Array[];
  /** Replica overlap per sweep (null unless there are exactly two chains). */
  q: Float64Array | null;
  accepted: number;
  proposed: number;
}

export function* measure(chains: readonly Chain[], teacher: Float64Array, options: MeasurementOptions): Program<MeasurementSeries> {
  const auto = options.fixedSweeps === undefined;
  const tauGuess = Number.isFinite(options.tauEstimate) ? options.tauEstimate : 0;
  let target = auto
    ? Math.min(options.maxSweeps, Math.max(MIN_MEASUREMENT_SWEEPS, Math.ceil(AUTOCORRELATION_TIMES_MEASURED * tauGuess)))
    : options.fixedSweeps!;
  const acceptedBefore = chains.reduce((sum, c) => sum + c.accepted, 0);
  const proposedBefore = chains.reduce((sum, c) => sum + c.proposed, 0);
  let series = allocate(chains.length, target);
  let sweeps = 0;
  for (let pass = 0; pass < 2; pass++) {
    const start = sweeps;
    yield* advance(chains, target - start, {
      tune: false,
      block: options.block,
      progress: options.progress,
      done: options.done + start,
      onSweep: (t) => record(chains, teacher, series, start + t),
    });
    sweeps = target;
    if (!auto || pass === 1) break;
    const tau = largestTau(series, sweeps);
    const wanted = Math.min(options.maxSweeps, Math.ceil(AUTOCORRELATION_TIMES_MEASURED * tau));
    if (wanted <= sweeps) break;
    series = grow(series, wanted);
    target = wanted;
  }
  return {
    sweeps,
    energy: series.energy,
    R: series.R,
    q: series.q,
    accepted: chains.reduce((sum, c) => sum + c.accepted, 0) - acceptedBefore,
    proposed: chains.reduce((sum, c) => sum + c.proposed, 0) - proposedBefore,
  };
}

interface ChainSeries {
  energy: Float64Array[];
  R: Float64Array[];
  q: Float64Array | null;
}

function allocate(chains: number, length: number): ChainSeries {
  return {
    energy: Array.from({ length: chains }, () => new Float64Array(length)),
    R: Array.from({ length: chains }, () => new Float64Array(length)),
    q: chains === 2 ? new Float64Array(length) : null,
  };
}

function grow(series: ChainSeries, length: number): ChainSeries {
  const copy = (a: Float64Array): Float64Array => {
    const b = new Float64Array(length);
    b.set(a);
    return b;
  };
  return { energy: series.energy.map(copy), R: series.R.map(copy), q: series.q && copy(series.q) };
}

function record(chains: readonly Chain[], teacher: Float64Array, series: ChainSeries, t: number): void {
  chains.forEach((chain, c) => {
    series.energy[c]![t] = chain.energy;
    series.R[c]![t] = chain.overlap(teacher);
  });
  if (series.q) series.q[t] = chains[0]!.overlap(chains[1]!.J);
}

function largestTau(series: ChainSeries, length: number): number {
  let tau = 0.5;
  for (const s of [...series.energy, ...series.R]) tau = Math.max(tau, integratedAutocorrelation(s.subarray(0, length)).tau);
  return tau;
}
