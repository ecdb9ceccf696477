import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { perceptronPhaseLines, perceptronReplica } from '../../../src/core/theory/index.js';
import {
  MonteCarloAbortError,
  cpuSweepBackend,
  planSweep,
  runCellSync,
  runSweep,
  toCellRecord,
  type CellRecord,
  type SweepBackend,
  type SweepOptions,
  type SweepProgress,
  type SweepResult,
} from '../../../src/core/vsdl/index.js';

/** Small, fixed-length cells: the mechanics, not the physics. */
const small: SweepOptions = {
  weights: 'ising',
  alphas: [0.5, 1, 2],
  taus: [0.25, 0.5, 1],
  n: 30,
  samples: 2,
  seed: 'sweep',
  schedule: { equilibrationSweeps: 20, measurementSweeps: 40 },
};

/** A CPU backend that counts the cells it runs. */
function countingBackend(): SweepBackend & { calls: { alpha: number; tau: number }[] } {
  const calls: { alpha: number; tau: number }[] = [];
  return { name: 'cpu', calls, runCell: (params, control) => (calls.push({ alpha: params.alpha, tau: params.tau }), cpuSweepBackend.runCell(params, control)) };
}

const byCell = (result: SweepResult, alpha: number, tau: number): CellRecord => result.cells.find((c) => c.alpha === alpha && c.tau === tau)!;

describe('runSweep: cells independent of the grid', () => {
  it('computes a cell inside a 3×3 grid bit for bit as alone, in any order and with concurrency', async () => {
    const grid = await runSweep(small);
    expect(grid.status).toBe('complete');
    expect(grid.cells.map((c) => [c.tau, c.alpha])).toEqual(small.taus.flatMap((t) => small.alphas.map((a) => [t, a])));
    const alone = await runSweep({ ...small, alphas: [1], taus: [0.5] });
    expect(alone.cells[0]).toEqual(byCell(grid, 1, 0.5));
    // The record is runCell's result for the same parameters, whatever grid it came from.
    const plan = planSweep({ ...small, alphas: [1], taus: [0.5] });
    const direct = runCellSync({ ...small, start: plan.cells[0]!.params.start, alpha: 1, tau: 0.5 });
    expect(alone.cells[0]).toEqual(toCellRecord(plan.cells[0]!.key, plan.cells[0]!.params, direct));
    // Reversed axes and two cells in flight: same records, stored in the new grid order.
    const reversed = await runSweep({ ...small, alphas: [...small.alphas].reverse(), taus: [...small.taus].reverse(), concurrency: 2 });
    for (const cell of grid.cells) expect(byCell(reversed, cell.alpha, cell.tau)).toEqual(cell);
    expect(reversed.cells[0]).toMatchObject({ alpha: 2, tau: 1 });
  });

  it('gives different cells different keys and streams', async () => {
    const result = await runSweep({ ...small, alphas: [1], taus: [0.5, 0.5000000001] });
    expect(new Set(result.cells.map((c) => c.key)).size).toBe(2);
    expect(result.cells[0]!.R).not.toBe(result.cells[1]!.R);
    const plan = planSweep({ ...small, alphas: [1], taus: [1] });
    expect(plan.cells[0]!.key).not.toBe(planSweep({ ...small, alphas: [1], taus: [1], seed: 'other' }).cells[0]!.key);
    expect(plan.cells[0]!.key).not.toBe(planSweep({ ...small, alphas: [1], taus: [1], samples: 3 }).cells[0]!.key);
    const teacher = new Float64Array(30).fill(1);
    const given = planSweep({ ...small, alphas: [1], taus: [1], teacher }).cells[0]!.key;
    teacher[7] = -1;
    expect(planSweep({ ...small, alphas: [1], taus: [1], teacher }).cells[0]!.key).not.toBe(given);
  });
});

describe('runSweep: resuming, streaming, cancelling', () => {
  const grid: SweepOptions = { ...small, alphas: [0.5, 1], taus: [0.5, 1] };

  it('skips completed cells and ends with the same result as an uninterrupted run', async () => {
    const full = await runSweep(grid);
    const backend = countingBackend();
    const streamed: CellRecord[] = [];
    const resumed = await runSweep({ ...grid, backend, completed: [full.cells[3]!, full.cells[0]!], onCell: (record) => streamed.push(record) });
    expect(backend.calls).toEqual([{ alpha: 1, tau: 0.5 }, { alpha: 0.5, tau: 1 }]);
    expect(streamed).toEqual([full.cells[1], full.cells[2]]);
    expect(resumed).toEqual(full);
    // A stored record from other parameters is not reused.
    const other = countingBackend();
    await runSweep({ ...grid, seed: 'another', backend: other, completed: full.cells });
    expect(other.calls).toHaveLength(4);
  });

  it('streams every cell with a partial snapshot and reports monotone progress', async () => {
    const snapshots: SweepResult[] = [];
    const progress: SweepProgress[] = [];
    const result = await runSweep({ ...grid, onCell: (_r, s) => snapshots.push(s), onProgress: (p) => progress.push(p) });
    expect(snapshots.map((s) => [s.status, s.cells.length])).toEqual([['partial', 1], ['partial', 2], ['partial', 3], ['partial', 4]]);
    expect(snapshots[3]!.cells).toEqual(result.cells);
    expect(progress[0]).toEqual({ done: 0, total: 4, fraction: 0 });
    expect(progress.at(-1)).toEqual({ done: 4, total: 4, fraction: 1 });
    for (let k = 1; k < progress.length; k++) expect(progress[k]!.fraction).toBeGreaterThanOrEqual(progress[k - 1]!.fraction);
    // Within a cell: fractions between cells (yielded every block of sweeps, here ~69 sweeps at N = 200, P = 600).
    const inside: SweepProgress[] = [];
    await runSweep({ ...grid, n: 200, alphas: [3], taus: [1], schedule: { equilibrationSweeps: 150, measurementSweeps: 150 }, onProgress: (p) => inside.push(p) });
    expect(inside.some((p) => p.done === 0 && p.fraction > 0 && p.fraction < 1)).toBe(true);
  });

  it('stops on abort with the finished cells already delivered', async () => {
    const controller = new AbortController();
    const snapshots: SweepResult[] = [];
    const run = runSweep({ ...grid, signal: controller.signal, onCell: (_r, s) => (snapshots.push(s), controller.abort(new Error('stop'))) });
    await expect(run).rejects.toBeInstanceOf(MonteCarloAbortError);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.status).toBe('partial');
    // Resuming from that snapshot completes the same sweep.
    const resumed = await runSweep({ ...grid, completed: snapshots[0]!.cells });
    expect(resumed).toEqual(await runSweep(grid));
    const before = new AbortController();
    before.abort();
    const backend = countingBackend();
    await expect(runSweep({ ...grid, backend, signal: before.signal })).rejects.toBeInstanceOf(MonteCarloAbortError);
    expect(backend.calls).toHaveLength(0);
  });

  it('propagates a backend failure and stops the other cells', async () => {
    const failing: SweepBackend = { name: 'broken', runCell: async (params, control) => (params.alpha === 1 ? Promise.reject(new RangeError('boom')) : cpuSweepBackend.runCell(params, control)) };
    await expect(runSweep({ ...grid, backend: failing, concurrency: 2 })).rejects.toThrow('boom');
  });
});

describe('runSweep: theory beside every cell', () => {
  it('records the equilibrium-branch replica theory per cell and the Ising phase lines per τ', async () => {
    const result = await runSweep({ ...small, alphas: [0.5, 2], taus: [0.5] });
    for (const cell of result.cells) {
      const state = perceptronReplica({ weights: 'ising', alpha: cell.alpha, tau: cell.tau, noise: 0 });
      expect(cell.theory).toEqual({ R: state.R, q: state.q, eps_g: state.eps_g, eps_t: state.eps_t, f: state.f, s: state.s, branch: state.branch });
      expect(cell.theory_error).toBeNull();
    }
    expect(byCell(result, 2, 0.5).theory!.branch).toBe('perfect'); // α_c(0.5) ≈ 1.57
    expect(result.phase_lines).toEqual([{ tau: 0.5, ...perceptronPhaseLines({ tau: 0.5 }), error: null }]);
    const spherical = await runSweep({ ...small, weights: 'spherical', alphas: [1], taus: [1] });
    expect(spherical.phase_lines).toBeNull();
    expect(spherical.cells[0]!.theory!.branch).toBe('unique');
  });

  it('records null with the reason where the theory declines (label noise at τ = 0)', async () => {
    const result = await runSweep({ ...small, alphas: [1], taus: [0, 0.5], noise: 0.1 });
    expect(result.cells[0]!.theory).toBeNull();
    expect(result.cells[0]!.theory_error).toMatch(/noise/);
    expect(result.cells[1]!.theory).not.toBeNull();
    expect(result.phase_lines![0]).toMatchObject({ tau: 0, alpha_c: null, error: expect.stringMatching(/noise/) });
  });

  it('agrees with theory on the Ising poor branch within 3 SE + 1/N (N = 60, 3×3)', async () => {
    // Loads below α_c(τ) (1.33 at τ = 0.3 … 2.33 at τ = 1), random starts: equilibrium on the poor branch, where
    // the finite-N corrections of R are below 1/N (test/core/vsdl/cell.test.ts). R_se is the SE over 6 samples.
    const result = await runSweep({ weights: 'ising', alphas: [0.3, 0.6, 0.9], taus: [0.5, 1, 1.5], n: 60, samples: 6, seed: 'agree', start: 'random' });
    expect(result.cells).toHaveLength(9);
    for (const cell of result.cells) {
      expect(cell.error_kind).toBe('disorder');
      expect(cell.unequilibrated).toBe(0);
      expect(cell.theory!.branch).toBe('poor');
      expect(Math.abs(cell.R - cell.theory!.R)).toBeLessThan(3 * cell.R_se + 1 / 60);
      expect(Math.abs(cell.eps_t - cell.theory!.eps_t)).toBeLessThan(3 * cell.eps_t_se + 0.5 / 60);
    }
  });
});

describe('runSweep: boundaries', () => {
  it.each([
    [{ alphas: [0] }, 'alphas[0]'],
    [{ alphas: [1, -1] }, 'alphas[1]'],
    [{ alphas: [] }, 'alphas'],
    [{ alphas: [1, 1] }, 'alphas[1]'],
    [{ taus: [-0.1] }, 'taus[0]'],
    [{ taus: [NaN] }, 'taus[0]'],
    [{ n: 1 }, 'n'],
    [{ n: 2.5 }, 'n'],
    [{ noise: 0.6 }, 'noise'],
    [{ noise: -0.1 }, 'noise'],
    [{ samples: 0 }, 'samples'],
    [{ weights: 'binary' }, 'weights'],
    [{ schedule: { measurementSweeps: 0 } }, 'schedule.measurementSweeps'],
    [{ concurrency: 0 }, 'concurrency'],
  ])('refuses %j naming %s, before running anything', async (patch, parameter) => {
    const backend = countingBackend();
    const error = await runSweep({ ...small, backend, ...(patch as object) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).parameter).toBe(parameter);
    expect(backend.calls).toHaveLength(0);
  });

  it('refuses grids beyond the limits with the estimate, unless confirmed', async () => {
    const backend = countingBackend();
    const big = { ...small, alphas: Array.from({ length: 60 }, (_, k) => 0.1 + k / 20), taus: Array.from({ length: 50 }, (_, k) => k / 50), backend };
    await expect(runSweep(big)).rejects.toThrow(/3000 cells.*at most 2500 cells/);
    await expect(runSweep({ ...small, n: 6000, backend })).rejects.toThrow(/N ≤ 5000/);
    await expect(runSweep({ ...small, backend, limits: { maxSeconds: 1e-3 } })).rejects.toThrow(/9 of 9 cells to run.*estimated run time/);
    expect(backend.calls).toHaveLength(0);
    const confirmed = await runSweep({ ...small, alphas: [1], taus: [1], backend, limits: { maxSeconds: 1e-9 }, confirm: true });
    expect(confirmed.cells).toHaveLength(1);
  });
});

describe('runSweep: the equilibrium start and batch backends', () => {
  it("starts each Ising cell on the branch replica theory calls stable ('equilibrium')", () => {
    const plan = planSweep({ ...small, alphas: [0.5, 1.2, 2.5], taus: [0.2], start: 'equilibrium' });
    // At τ = 0.2 the transition lies near α ≈ 1.3: below it the poor branch, above it the teacher state.
    const { alpha_c } = perceptronPhaseLines({ tau: 0.2 });
    for (const cell of plan.cells) {
      const branch = perceptronReplica({ weights: 'ising', alpha: cell.params.alpha, tau: 0.2 }).branch;
      expect(cell.params.start).toBe(branch === 'perfect' ? 'teacher' : 'random');
      expect(cell.params.start).toBe(cell.params.alpha > alpha_c! ? 'teacher' : 'random');
    }
    expect(plan.header.start).toBe('equilibrium');
  });

  it('hands all pending cells to a backend with runCells, in order, and records them like single cells', async () => {
    const calls: number[] = [];
    const batch: SweepBackend = {
      name: 'batch',
      runCell: () => Promise.reject(new Error('runCell must not be called when runCells exists')),
      runCells: async (cells) => {
        calls.push(cells.length);
        return cells.map((params) => runCellSync(params));
      },
    };
    const viaBatch = await runSweep({ ...small, backend: batch });
    const viaCells = await runSweep(small);
    expect(calls).toEqual([small.alphas.length * small.taus.length]);
    expect(viaBatch.cells).toEqual(viaCells.cells);
  });
});

describe('runSweep: phase lines on request', () => {
  it('skips the Ising phase lines with withPhaseLines: false, leaving the cells unchanged', async () => {
    const withLines = await runSweep(small);
    const without = await runSweep({ ...small, withPhaseLines: false });
    expect(withLines.phase_lines).toHaveLength(small.taus.length);
    expect(without.phase_lines).toBeNull();
    expect(without.cells).toEqual(withLines.cells);
  });
});
