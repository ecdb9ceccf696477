import { GENERATOR } from '../core/random/index.js';
import { summarizeSeries } from '../core/stats/index.js';
import { disorderAverage, type CellResult, type SampleResult } from '../core/vsdl/index.js';
import type { GridEngine } from './engine.js';
import type { PerceptronLayout } from './layout.js';
import { chainWidth } from './width.js';
import { PHILOX24 } from './philox24.js';
import { GPU_REFRESH_SWEEPS, type RawSeries } from './simulate.js';

/** How a GPU result was computed (in addition to CellResult's fields). */
export interface GpuRunInfo {
  /** gpu.js mode the kernels were compiled for, and the modes they actually ran on. */
  mode: string;
  executed: string[];
  /** How blocks of sweeps ran: 'launches' (one call per kernel) or the gpu.js pipeline executor of the plans. */
  executor: string;
  /** Sweeps per block: the state stays where the kernels run for that long between host transfers. */
  blockSweeps: number;
  rng: typeof PHILOX24;
  precision: 'float32';
  refreshSweeps: number;
  /** Largest correction |h(incremental) − h(recomputed)| at any field refresh of the run. */
  maxFieldDrift: number;
  launches: number;
}

/** A cell as runCell reports it (same fields and meanings), plus `backend` and the GPU run's details. */
export interface GpuCellResult extends CellResult {
  backend: string;
  gpu: GpuRunInfo;
}

/** What a finished run reports about how it ran. */
export function runInfo(engine: GridEngine, raw: RawSeries): GpuRunInfo {
  return {
    mode: engine.mode,
    executed: engine.executed,
    executor: engine.executor,
    blockSweeps: engine.blockSweeps,
    rng: PHILOX24,
    precision: 'float32',
    refreshSweeps: GPU_REFRESH_SWEEPS,
    maxFieldDrift: raw.maxDrift,
    launches: engine.launches,
  };
}

/**
 * One result per cell in grid order (τ-major: all α of taus[0], then of taus[1], …). Summaries as in runCell (src/core/vsdl/cell.ts): per sample, thermal means over the measurement sweeps and
 * both replicas, thermal SEs from τ_int; per cell, means over samples with the SE over samples (or the thermal
 * SE when there is one sample).
 */
export function summarizeGrid(layout: PerceptronLayout, raw: RawSeries, info: GpuRunInfo): GpuCellResult[] {
  const { grid, n } = layout;
  const cells = grid.alphas.length * grid.taus.length;
  const out: GpuCellResult[] = [];
  for (let cell = 0; cell < cells; cell++) {
    const a = cell % grid.alphas.length;
    const p = grid.ps[a]!;
    const samples: SampleResult[] = [];
    for (let k = 0; k < grid.samples; k++) {
      const c0 = (cell * grid.samples + k) * 2;
      samples.push(summarizeSample(k, p, n, raw, [c0, c0 + 1], layout));
    }
    out.push(combine(layout, cell, p, samples, info));
  }
  return out;
}

function summarizeSample(sample: number, p: number, n: number, raw: RawSeries, chains: number[], layout: PerceptronLayout): SampleResult {
  const { grid } = layout;
  const T = raw.sweeps;
  const energy = chains.map((c) => summarizeSeries(raw.energy[c]!));
  const overlap = chains.map((c) => summarizeSeries(raw.dotTeacher[c]!.map((x) => x / n)));
  const average = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const pooledSe = (values: number[]) => Math.sqrt(values.reduce((s, v) => s + v * v, 0)) / values.length;
  let epsG = 0;
  for (const c of chains) for (let t = 0; t < T; t++) epsG += Math.acos(Math.max(-1, Math.min(1, raw.dotTeacher[c]![t]! / n))) / Math.PI;
  epsG /= chains.length * T;
  let q = 0;
  for (let t = 0; t < T; t++) q += raw.dotPartner[chains[0]!]![t]! / n;
  q /= T;
  const meanEnergy = average(energy.map((s) => s.mean));
  const accepted = chains.reduce((s, c) => s + raw.accepted[c]!, 0);
  return {
    sample,
    R: average(overlap.map((s) => s.mean)),
    q,
    eps_g: epsG,
    eps_t: meanEnergy / p,
    energy: meanEnergy,
    R_se: pooledSe(overlap.map((s) => s.se)),
    eps_t_se: pooledSe(energy.map((s) => s.se)) / p,
    acceptance: accepted / (chains.length * T * n),
    tau_int: { energy: average(energy.map((s) => s.tau)), R: average(overlap.map((s) => s.tau)) },
    schedule: { equilibrationSweeps: grid.equilibrationSweeps, measurementSweeps: grid.measurementSweeps, equilibrated: true },
    // As runCell: the first replica's measurement width (spherical), NaN for Ising.
    width: grid.weights === 'spherical' ? chainWidth(layout, chains[0]!) : NaN,
  };
}

function combine(layout: PerceptronLayout, cell: number, p: number, samples: SampleResult[], info: GpuRunInfo): GpuCellResult {
  const { grid } = layout;
  return {
    weights: grid.weights,
    n: grid.n,
    p,
    alpha: grid.alphas[cell % grid.alphas.length]!,
    tau: grid.taus[Math.floor(cell / grid.alphas.length)]!,
    noise: grid.noise,
    start: grid.start,
    seed: grid.seed,
    generator: GENERATOR,
    ...disorderAverage(samples, p),
    schedule: {
      mode: { equilibration: 'fixed', measurement: 'fixed' },
      equilibrationSweeps: grid.equilibrationSweeps,
      measurementSweeps: grid.measurementSweeps,
      unequilibrated: 0,
    },
    samples,
    backend: `gpu.js:${info.mode}`,
    gpu: info,
  };
}

