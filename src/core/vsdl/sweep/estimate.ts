import { finite, inRange, integer, list, positive, record } from '../../validate.js';
import { ParameterError } from '../../errors.js';
import { examplesFor } from '../params.js';
import type { PlannedCell } from './plan.js';
import type { ResolvedCellParams } from '../types.js';
import type { SweepEstimate, SweepLimits } from './types.js';

/**
 * Cost before running. A sweep is N proposals and each proposal updates (or reads) the P local fields, so the
 * work of a cell is samples × 2 replicas × sweeps × N × P field updates. Automatic schedules are counted at
 * 1000 + 1000 sweeps (what cell progress assumes; most cells stop earlier, cells near a transition later) and,
 * for the upper estimate, at their caps.
 */

/** Field updates per second of one core for the CPU chain (bench/vsdl-cpu.mjs measured 2.6–4.7e8 at N = 100–400). */
export const ASSUMED_RATE = 3e8;
const TYPICAL_AUTO_SWEEPS = 1000;

export const DEFAULT_SWEEP_LIMITS: SweepLimits = {
  maxCells: 2500,
  maxN: 5000,
  maxSeconds: 6 * 3600,
  maxBytes: 4 * 2 ** 30,
};

/** The work of one cell: proposals and field updates (typical, and at the caps of automatic schedules), and its data. */
export function cellWork(params: ResolvedCellParams): { proposals: number; fieldUpdates: number; fieldUpdatesMax: number; bytes: number } {
  const s = params.schedule;
  const p = examplesFor(params.n, params.alpha);
  const chains = 2 * params.samples;
  const typical = (s.equilibrationSweeps ?? TYPICAL_AUTO_SWEEPS) + (s.measurementSweeps ?? TYPICAL_AUTO_SWEEPS);
  const most = (s.equilibrationSweeps ?? s.maxEquilibrationSweeps ?? 0) + (s.measurementSweeps ?? s.maxMeasurementSweeps ?? 0);
  return { proposals: chains * typical * params.n, fieldUpdates: chains * typical * params.n * p, fieldUpdatesMax: chains * most * params.n * p, bytes: 16 * p * params.n };
}

export function estimateSweep(cells: readonly PlannedCell[], pending: readonly PlannedCell[], workers = 1, rate = ASSUMED_RATE): SweepEstimate {
  list('cells', cells);
  list('pending', pending).forEach((cell, i) => record(`pending[${i}]`, cell));
  integer('workers', workers, 1);
  positive('rate', rate);
  let proposals = 0;
  let fieldUpdates = 0;
  let fieldUpdatesMax = 0;
  let bytesPerCell = 0;
  for (const { params } of pending) {
    const work = cellWork(params);
    proposals += work.proposals;
    fieldUpdates += work.fieldUpdates;
    fieldUpdatesMax += work.fieldUpdatesMax;
    bytesPerCell = Math.max(bytesPerCell, work.bytes);
  }
  const parallel = Math.max(1, Math.min(workers, pending.length));
  return {
    cells: cells.length,
    pending: pending.length,
    proposals,
    fieldUpdates,
    rate,
    seconds: fieldUpdates / rate / parallel,
    secondsMax: fieldUpdatesMax / rate / parallel,
    workers: parallel,
    bytesPerCell,
    bytes: bytesPerCell * parallel,
  };
}

/** Refuses a sweep beyond the limits (naming the estimate) unless the caller confirmed it. */
export function checkSweepSize(estimate: SweepEstimate, n: number, options: { confirm?: boolean; limits?: Partial<SweepLimits> } = {}): void {
  const { confirm = false, limits = {} } = record<{ confirm?: boolean; limits?: Partial<SweepLimits> }>('options', options);
  record('estimate', estimate);
  finite('n', n);
  if (confirm) return;
  const l = { ...DEFAULT_SWEEP_LIMITS, ...limits };
  const summary = describeEstimate(estimate);
  const refuse = (parameter: string, value: unknown, allowed: string) => {
    throw new ParameterError(parameter, value, `${allowed}, or confirm to run anyway`, summary);
  };
  if (estimate.cells > l.maxCells) refuse('grid', `${estimate.cells} cells`, `at most ${l.maxCells} cells`);
  if (n > l.maxN) refuse('n', n, `N ≤ ${l.maxN}`);
  if (estimate.seconds > l.maxSeconds) refuse('grid', `about ${formatSeconds(estimate.seconds)}`, `an estimated run time up to ${formatSeconds(l.maxSeconds)}`);
  if (estimate.bytes > l.maxBytes) refuse('grid', `about ${formatBytes(estimate.bytes)}`, `an estimated memory use up to ${formatBytes(l.maxBytes)}`);
}

/** One line for people: cells, time on the workers (typical and at the caps) and memory. */
export function describeEstimate(e: SweepEstimate): string {
  record('e', e);
  const time = e.secondsMax > e.seconds * 1.01 ? `about ${formatSeconds(e.seconds)} (up to ${formatSeconds(e.secondsMax)} if automatic schedules run to their caps)` : `about ${formatSeconds(e.seconds)}`;
  return `${e.pending} of ${e.cells} cells to run, ${e.proposals.toExponential(2)} proposals, ${time} on ${e.workers} worker${e.workers === 1 ? '' : 's'} at ${e.rate.toExponential(1)} field updates/s each, ${formatBytes(e.bytes)} of data`;
}

export function formatSeconds(s: number): string {
  inRange('s', s, 0, Infinity);
  if (s < 90) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 5400) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function formatBytes(b: number): string {
  if (b < 2 ** 20) return `${(b / 2 ** 10).toFixed(0)} KiB`;
  if (b < 2 ** 30) return `${(b / 2 ** 20).toFixed(0)} MiB`;
  return `${(b / 2 ** 30).toFixed(1)} GiB`;
}
