import { summarizeSeries, type SeriesSummary } from '../stats/autocorrelation.js';
import { advance } from './advance.js';
import type { Chain } from './chain.js';
import type { Program } from './drive.js';

/**
 * Equilibration of a set of chains on the same data (the replicas of a cell).
 *
 * Fixed: run the given number of sweeps. Automatic: run rounds of 32, 64, 128, … sweeps, recording E and R of
 * every chain, until (a) the chains' round means of E and of R agree within 3 combined standard errors (with
 * a teacher-start and a random-start replica this is the two-sided test of equilibrium) and (b) the round's
 * pair mean agrees with the previous round's within 3 combined standard errors (no drift left); or until the
 * cap. Standard errors use each round's own τ_int. The rotation width is tuned throughout.
 */

export const FIRST_ROUND_SWEEPS = 32;
const Z_AGREEMENT = 3;

export interface EquilibrationOptions {
  fixedSweeps?: number;
  maxSweeps: number;
  block: number;
  progress: (sweepsDone: number) => number;
}

export interface EquilibrationOutcome {
  sweeps: number;
  /** null when the length was fixed by the caller (no test was made). */
  equilibrated: boolean | null;
  /** Largest τ_int of E and R over the chains in the last round (NaN when there was none). */
  tauEstimate: number;
}

interface RoundMeans {
  energy: SeriesSummary[];
  R: SeriesSummary[];
}

export function* equilibrate(chains: readonly Chain[], teacher: Float64Array, options: EquilibrationOptions): Program<EquilibrationOutcome> {
  const { block, progress } = options;
  if (options.fixedSweeps !== undefined) {
    yield* advance(chains, options.fixedSweeps, { tune: true, block, progress, done: 0 });
    return { sweeps: options.fixedSweeps, equilibrated: null, tauEstimate: NaN };
  }
  if (options.maxSweeps <= 0) return { sweeps: 0, equilibrated: false, tauEstimate: NaN };
  let done = 0;
  let round = FIRST_ROUND_SWEEPS;
  let previous: RoundMeans | null = null;
  for (;;) {
    const length = Math.min(round, options.maxSweeps - done);
    const energy = chains.map(() => new Float64Array(length));
    const overlap = chains.map(() => new Float64Array(length));
    yield* advance(chains, length, {
      tune: true,
      block,
      progress,
      done,
      onSweep: (t) => {
        chains.forEach((chain, c) => {
          energy[c]![t] = chain.energy;
          overlap[c]![t] = chain.overlap(teacher);
        });
      },
    });
    done += length;
    const current: RoundMeans = { energy: energy.map(summarizeSeries), R: overlap.map(summarizeSeries) };
    const tauEstimate = Math.max(...current.energy.map((s) => s.tau), ...current.R.map((s) => s.tau));
    const settled = replicasAgree(current) && previous !== null && noDrift(previous, current);
    if (settled) return { sweeps: done, equilibrated: true, tauEstimate };
    if (done >= options.maxSweeps) return { sweeps: done, equilibrated: false, tauEstimate };
    previous = current;
    round *= 2;
  }
}

function agree(a: number, seA: number, b: number, seB: number): boolean {
  return Math.abs(a - b) <= Z_AGREEMENT * Math.hypot(seA, seB) + 1e-12 * (1 + Math.abs(a));
}

function replicasAgree(round: RoundMeans): boolean {
  for (const summaries of [round.energy, round.R]) {
    for (let c = 1; c < summaries.length; c++) {
      if (!agree(summaries[0]!.mean, summaries[0]!.se, summaries[c]!.mean, summaries[c]!.se)) return false;
    }
  }
  return true;
}

function pooled(summaries: SeriesSummary[]): { mean: number; se: number } {
  const k = summaries.length;
  let mean = 0;
  let variance = 0;
  for (const s of summaries) {
    mean += s.mean / k;
    variance += (s.se * s.se) / (k * k);
  }
  return { mean, se: Math.sqrt(variance) };
}

function noDrift(previous: RoundMeans, current: RoundMeans): boolean {
  for (const key of ['energy', 'R'] as const) {
    const a = pooled(previous[key]);
    const b = pooled(current[key]);
    if (!agree(a.mean, a.se, b.mean, b.se)) return false;
  }
  return true;
}
