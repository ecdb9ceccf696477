/**
 * The phase lab: the perceptron's replica theory over an (α, τ) grid, one τ row at a time (each row follows its
 * branch by continuation in α), with the Ising phase lines at each τ; and the Monte Carlo sweep cell by cell.
 */
import { ConvergenceError, ParameterError } from '../../src/core/errors.js';
import { perceptronCurve, perceptronPhaseLines, perceptronReplica } from '../../src/core/theory/index.js';
import { examplesFor, runSweep, type CellRecord, type SweepBackend } from '../../src/core/vsdl/index.js';
import { buildLayout, checkGrid, measureLayoutRate, type GpuMode, type RateProbe } from '../../src/gpu/index.js';
import { JobCancelled, monteCarloAxes, monteCarloSweep, phaseAxes, type MonteCarloResult, type PhaseRequest, type TheoryRow } from '../../src/labs/index.js';
import { chooseCompute, gpuBackend, gpuInstance, report, stage, timed } from './backend.js';
import { measureChainRate } from './chainRate.js';
import { yieldToEvents, type JobControl } from './jobs.js';

/** Timed stretch of a backend probe on the GPU (the CPU's takes half): short against any job worth a GPU. */
export const PROBE_MS = 300;

function declined(error: unknown): string {
  if (error instanceof ConvergenceError || error instanceof ParameterError) return error.message;
  throw error;
}

export function theoryRow(r: PhaseRequest, row: number): TheoryRow {
  const { alphas, taus } = phaseAxes(r);
  const tau = taus[row];
  const width = alphas.length;
  const out: TheoryRow = {
    row,
    tau,
    eps_g: new Float64Array(width).fill(NaN),
    R: new Float64Array(width).fill(NaN),
    q: new Float64Array(width).fill(NaN),
    eps_t: new Float64Array(width).fill(NaN),
    lines: null,
    error: null,
  };
  const fill = (i: number, s: { eps_g: number; R: number; q: number; eps_t: number }) => {
    out.eps_g[i] = s.eps_g;
    out.R[i] = s.R;
    out.q[i] = s.q;
    out.eps_t[i] = s.eps_t;
  };
  try {
    perceptronCurve({ weights: r.weights, tau, alphas, noise: r.noise }).forEach((s, i) => fill(i, s));
  } catch (error) {
    // Continuation failed somewhere: solve the points one by one and keep those that converge.
    out.error = declined(error);
    alphas.forEach((alpha, i) => {
      try {
        fill(i, perceptronReplica({ weights: r.weights, alpha, tau, noise: r.noise }));
      } catch (inner) {
        declined(inner);
      }
    });
  }
  if (r.weights === 'ising') {
    try {
      out.lines = perceptronPhaseLines({ tau, noise: r.noise });
    } catch (error) {
      out.error = declined(error);
    }
  }
  return out;
}

/** Every row of the theory grid, each passed to `onRow` as soon as it is solved. */
export async function computeTheoryRows(r: PhaseRequest, control: JobControl, onRow: (row: TheoryRow) => void): Promise<TheoryRow[]> {
  const { taus } = phaseAxes(r);
  const rows: TheoryRow[] = [];
  for (let i = 0; i < taus.length; i++) {
    const row = theoryRow(r, i);
    rows.push(row);
    onRow(row);
    control.progress(i + 1, taus.length);
    await yieldToEvents();
    if (control.signal.aborted) throw new JobCancelled();
  }
  return rows;
}

/**
 * The sweep monteCarloSweep describes, on the backend chooseCompute picks for the request; one the core finds too
 * long runs only when the page `confirmed` it.
 */
export async function computeMonteCarlo(r: PhaseRequest, control: JobControl, onCell: (cell: CellRecord) => void, confirmed = false): Promise<MonteCarloResult> {
  const { alphas, taus } = monteCarloAxes(r);
  const choice = await chooseCompute(r.backend, (mode) => monteCarloProbe(r, mode, control.signal));
  const where = stage(choice);
  const started = performance.now();
  try {
    const result = await runSweep({
      ...monteCarloSweep(r),
      confirm: confirmed,
      // The GPU runs every cell of the grid in shared launches (runCells); the CPU one cell after another.
      backend: choice.decision.use === 'gpu' ? (gpuBackend(choice.decision.mode!) as unknown as SweepBackend) : undefined,
      signal: control.signal,
      onCell: (record) => onCell(record),
      onProgress: (p) => control.progress(p.fraction * p.total, p.total, where),
      // The lab draws the phase lines from its own theory grid: cells should not wait for them.
      withPhaseLines: false,
    });
    const seconds = (performance.now() - started) / 1000;
    const proposals = alphas.length * taus.length * r.samples * 2 * r.mcN * 2 * r.sweeps;
    return { status: result.status, cells: result.cells, compute: report(choice, proposals, 'proposals/s', seconds) };
  } catch (error) {
    if (control.signal.aborted) throw new JobCancelled();
    throw error;
  }
}

/**
 * The probe of `auto` on a hardware device: a short run of this very grid on the GPU (its start-up, then its
 * sweep rate) against the core's chains on the same cells (their field-update rate), as predicted seconds.
 */
async function monteCarloProbe(r: PhaseRequest, mode: string, signal: AbortSignal): Promise<RateProbe> {
  const { alphas, taus } = monteCarloAxes(r);
  const sweeps = 2 * r.sweeps;
  const gpu = await timed(async () => {
    const begin = performance.now();
    // The very grid the job runs (monteCarloSweep), with its fixed schedule of r.sweeps + r.sweeps.
    const g = monteCarloSweep(r);
    const layout = buildLayout(checkGrid({ weights: g.weights, n: g.n, alphas: g.alphas, taus: g.taus, noise: g.noise, samples: g.samples, seed: g.seed, equilibrationSweeps: r.sweeps, measurementSweeps: r.sweeps }));
    const rate = await measureLayoutRate(gpuInstance(mode), mode as GpuMode, layout, PROBE_MS);
    return (performance.now() - begin) / 1000 + sweeps / rate.sweepsPerSecond;
  });
  const cells = alphas.map((alpha) => ({ alpha, tau: taus[Math.floor(taus.length / 2)]! }));
  const cpu = await measureChainRate({ weights: r.weights, n: r.mcN, cells, seed: r.seed, budgetMs: PROBE_MS / 2, signal });
  let fieldUpdates = 0;
  for (const alpha of alphas) fieldUpdates += taus.length * r.samples * 2 * r.mcN * sweeps * examplesFor(r.mcN, alpha);
  return { gpuSeconds: gpu.seconds, cpuSeconds: fieldUpdates / cpu.fieldUpdatesPerSecond, gpuError: gpu.error };
}
