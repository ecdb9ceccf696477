import { ParameterError } from '../../errors.js';
import { selectCells } from '../../shards/index.js';
import { describe, integer, list, record } from '../../validate.js';
import { MonteCarloAbortError, throwIfAborted, type AbortSignalLike } from '../abort.js';
import { cpuSweepBackend } from './cpuBackend.js';
import { checkSweepSize, estimateSweep } from './estimate.js';
import { planSweep, type PlannedCell, type SweepPlan } from './plan.js';
import { toCellRecord } from './record.js';
import { phaseLinesAt } from './theory.js';
import type { CellResult } from '../cell.js';
import type { CellRecord, PhaseLineRecord, SweepBackend, SweepLimits, SweepOptions, SweepProgress, SweepResult } from './types.js';

/**
 * A sweep over the (α, τ) grid: every cell is an independent runCell with the shared parameters, so a cell's
 * result depends on its own α and τ only, never on the grid's shape, the order of evaluation, the backend's
 * threads or an interruption (cellKey names exactly what it depends on). Cells run `concurrency` at a time on
 * the backend; each finished cell is recorded with its theory and handed to `onCell` with a snapshot of the
 * sweep so far, so that a caller can show or save results cell by cell and resume from them later.
 */

export interface SweepRunOptions extends SweepOptions {
  /** Where cells run (default: the CPU reference in this thread). */
  backend?: SweepBackend;
  /** Cells in flight at once (default 1): a pool backend runs that many in parallel. */
  concurrency?: number;
  /** Records of an earlier run: cells whose key matches are not run again; others are ignored. */
  completed?: readonly CellRecord[];
  /**
   * Keys of the cells to run, a shard of the grid (src/core/shards); the others are neither run nor part of the
   * result, whose status is 'complete' once these are done. Default: every cell.
   */
  only?: readonly string[];
  /** Called after each finished cell with the sweep so far (status 'partial'). */
  onCell?: (record: CellRecord, snapshot: SweepResult) => void;
  onProgress?: (progress: SweepProgress) => void;
  /** Checked between blocks of sweeps; an abort rejects with MonteCarloAbortError once running cells stop. */
  signal?: AbortSignalLike;
  /** Run even when the estimate exceeds the limits. */
  confirm?: boolean;
  limits?: Partial<SweepLimits>;
  /** Field updates per second per worker for the estimate (default ASSUMED_RATE). */
  rate?: number;
  /**
   * Compute the Ising phase lines at every τ before the first cell (default true). They take ~0.1–0.5 s per τ;
   * a caller that draws its own theory (the UI) skips them so that the first cell arrives at once.
   */
  withPhaseLines?: boolean;
}

export async function runSweep(options: SweepRunOptions): Promise<SweepResult> {
  const plan = planSweep(options);
  const concurrency = integer('concurrency', options.concurrency ?? 1, 1, 1024);
  const backend = options.backend ?? cpuSweepBackend;
  const { signal, onCell, onProgress } = options;

  const cells = selectCells(plan.cells, options.only);
  const done = reusableRecords(cells, options.completed ?? []);
  const pending = cells.filter((cell) => !done.has(cell.key));
  checkSweepSize(estimateSweep(plan.cells, pending, concurrency, options.rate), plan.header.N, { confirm: options.confirm, limits: options.limits });
  throwIfAborted(signal);
  const phaseLines = options.withPhaseLines === false ? null : await sweepPhaseLines(plan, signal);

  // One failing cell stops the others: the backend sees this signal, not the caller's.
  let failure: { error: unknown } | null = null;
  const stop: AbortSignalLike = {
    get aborted() {
      return failure !== null || signal?.aborted === true;
    },
    get reason() {
      return failure ? failure.error : signal?.reason;
    },
  };
  const running = new Map<string, number>();
  const report = () => {
    if (!onProgress) return;
    let inFlight = 0;
    for (const f of running.values()) inFlight += f;
    const total = cells.length;
    onProgress({ done: done.size, total, fraction: total === 0 ? 1 : Math.min(1, (done.size + inFlight) / total) });
  };
  report();

  const record = (cell: SweepPlan['cells'][number], result: CellResult) => {
    const stored = toCellRecord(cell.key, cell.params, result);
    done.set(cell.key, stored);
    running.delete(cell.key);
    onCell?.(stored, assembleSweep(plan, phaseLines, done, 'partial'));
    report();
  };

  if (backend.runCells && pending.length > 0) {
    // A batch backend (a GPU) runs every pending cell in shared launches.
    const batch = 'batch';
    running.set(batch, 0);
    const results = await backend.runCells(
      pending.map((cell) => cell.params),
      { signal: stop, onProgress: (fraction) => (running.set(batch, fraction * pending.length), report()) },
    );
    running.delete(batch);
    pending.forEach((cell, k) => record(cell, results[k]!));
    throwIfAborted(signal);
    return assembleSweep(plan, phaseLines, done, 'complete');
  }

  let next = 0;
  const lane = async () => {
    while (next < pending.length && !stop.aborted) {
      const cell = pending[next++]!;
      running.set(cell.key, 0);
      try {
        const result = await backend.runCell(cell.params, {
          signal: stop,
          onProgress: (fraction) => {
            running.set(cell.key, fraction);
            report();
          },
        });
        record(cell, result);
        // A turn of the event loop between cells, so that an abort or the caller's file writes get through even
        // when cells are shorter than one block of sweeps (runCell then never yields).
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      } catch (error) {
        running.delete(cell.key);
        if (!(error instanceof MonteCarloAbortError) && failure === null) failure = { error };
        if (error instanceof MonteCarloAbortError) break;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, pending.length)) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
  throwIfAborted(signal);
  return assembleSweep(plan, phaseLines, done, 'complete');
}

/** Stored records that belong to these cells, by key; α and τ must match too (a guard against edited files). */
function reusableRecords(cells: readonly PlannedCell[], completed: readonly CellRecord[]): Map<string, CellRecord> {
  const byKey = new Map(cells.map((cell) => [cell.key, cell]));
  const done = new Map<string, CellRecord>();
  for (const record of completed) {
    const cell = byKey.get(record?.key);
    if (cell && Object.is(record.alpha, cell.params.alpha) && Object.is(record.tau, cell.params.tau)) done.set(cell.key, record);
  }
  return done;
}

/** The Ising phase lines at every τ of the grid (null for spherical students), yielding between temperatures. */
export async function sweepPhaseLines(plan: SweepPlan, signal?: AbortSignalLike): Promise<PhaseLineRecord[] | null> {
  checkPlan(plan);
  if (plan.header.weights !== 'ising') return null;
  const lines: PhaseLineRecord[] = [];
  for (const tau of plan.header.taus) {
    throwIfAborted(signal);
    lines.push(phaseLinesAt(tau, plan.header.noise));
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  throwIfAborted(signal);
  return lines;
}

/** The plan's shape, for the functions that take one (planSweep made it; a caller may not have). */
function checkPlan(plan: unknown): asserts plan is SweepPlan {
  const p = record<SweepPlan>('plan', plan);
  record('plan.header', p.header);
  list('plan.header.alphas', p.header.alphas);
  list('plan.header.taus', p.header.taus);
  list('plan.cells', p.cells);
}

/** The sweep document: header, phase lines, status and the finished cells in grid order. */
export function assembleSweep(
  plan: SweepPlan,
  phaseLines: PhaseLineRecord[] | null,
  records: ReadonlyMap<string, CellRecord>,
  status: SweepResult['status'],
): SweepResult {
  checkPlan(plan);
  if (phaseLines !== null) list('phaseLines', phaseLines);
  if (!(records instanceof Map)) throw new ParameterError('records', describe(records), 'a Map from cell keys to records');
  const cells: CellRecord[] = [];
  for (const cell of plan.cells) {
    const record = records.get(cell.key);
    if (record) cells.push(record);
  }
  return { ...plan.header, alphas: [...plan.header.alphas], taus: [...plan.header.taus], phase_lines: phaseLines, status, cells };
}
