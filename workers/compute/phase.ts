/**
 * The phase lab: the perceptron's replica theory over an (α, τ) grid, one τ row at a time (each row follows its
 * branch by continuation in α), with the Ising phase lines at each τ; and the Monte Carlo sweep cell by cell.
 */
import { ConvergenceError, ParameterError } from '../../src/core/errors.js';
import { perceptronCurve, perceptronPhaseLines, perceptronReplica } from '../../src/core/theory/index.js';
import { runSweep, type CellRecord, type SweepResult } from '../../src/core/vsdl/index.js';
import { JobCancelled, monteCarloSweep, phaseAxes, type PhaseRequest, type TheoryRow } from '../../src/labs/index.js';
import { yieldToEvents, type JobControl } from './jobs.js';

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

/** The sweep monteCarloSweep describes; one the core finds too long runs only when the page `confirmed` it. */
export async function computeMonteCarlo(r: PhaseRequest, control: JobControl, onCell: (cell: CellRecord) => void, confirmed = false): Promise<SweepResult> {
  try {
    return await runSweep({
      ...monteCarloSweep(r),
      confirm: confirmed,
      signal: control.signal,
      onCell: (record) => onCell(record),
      onProgress: (p) => control.progress(p.fraction * p.total, p.total),
      // The lab draws the phase lines from its own theory grid: cells should not wait for them.
      withPhaseLines: false,
    });
  } catch (error) {
    if (control.signal.aborted) throw new JobCancelled();
    throw error;
  }
}
