import { ParameterError } from '../core/errors.js';
import { validateSeed, type Seed } from '../core/random/index.js';
import { integer } from '../core/validate.js';
import type { Start, TeacherSpec, Weights } from '../core/vsdl/types.js';
import { checkAlpha, checkNoise, checkStart, checkSweeps, checkTau, checkTeacherSpec, checkWeights, examplesFor } from '../core/vsdl/params.js';

/**
 * Largest N: site indices are formed exactly in float32 from 12-bit limbs (kernels/limbs.ts scaleIndex), and a
 * spherical decision codes its pair as 1 + i·4096 + j ≤ 2^24.
 */
export const GPU_MAX_N = 4096;
/** Largest number of examples per chain (the decision loop's constant bound). */
export const GPU_MAX_P = 65536;
/** Largest state (chains × row width, float32 elements): 256 MiB. */
export const GPU_MAX_STATE = 1 << 26;
/** Most sweeps of one run: the sweep index is a word of the Philox4x24 counter (2^24). */
export const GPU_MAX_SWEEPS = 16777216;
/** Fixed schedule used where a cell leaves it to the automatic choice, which the GPU path does not have. */
export const GPU_DEFAULT_SWEEPS = { equilibrationSweeps: 1000, measurementSweeps: 1000 } as const;

export interface GridOptions {
  /** 'ising' (default) or 'spherical'. */
  weights?: Weights;
  n: number;
  alphas: readonly number[];
  taus: readonly number[];
  noise?: number;
  samples: number;
  seed: Seed;
  teacher?: TeacherSpec;
  start?: Start;
  equilibrationSweeps?: number;
  measurementSweeps?: number;
}

export interface CheckedGrid {
  weights: Weights;
  n: number;
  alphas: number[];
  taus: number[];
  noise: number;
  samples: number;
  seed: Seed;
  teacher: TeacherSpec;
  start: Start;
  equilibrationSweeps: number;
  measurementSweeps: number;
  /** Examples per α, and the largest. */
  ps: number[];
  pMax: number;
}

export function checkGrid(options: GridOptions): CheckedGrid {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const weights = checkWeights(options.weights ?? 'ising');
  // A pair rotation needs two sites.
  const n = integer('n', options.n, weights === 'spherical' ? 2 : 1, GPU_MAX_N);
  const alphas = checkAxis('alphas', options.alphas, (v, name) => checkAlpha(v, name));
  const taus = checkAxis('taus', options.taus, (v, name) => checkTau(v, name));
  const ps = alphas.map((alpha) => examplesFor(n, alpha));
  const pMax = Math.max(...ps);
  if (pMax > GPU_MAX_P) throw new ParameterError('alphas', Math.max(...alphas), `round(α·n) ≤ ${GPU_MAX_P}`);
  const samples = integer('samples', options.samples, 1, 1e4);
  const chains = alphas.length * taus.length * samples * 2;
  if (chains * (n + pMax + 1) > GPU_MAX_STATE) {
    throw new ParameterError('grid', `${chains} chains × ${n + pMax + 1}`, `at most ${GPU_MAX_STATE} state elements`);
  }
  const equilibrationSweeps = checkSweeps('equilibrationSweeps', options.equilibrationSweeps ?? GPU_DEFAULT_SWEEPS.equilibrationSweeps);
  const measurementSweeps = checkSweeps('measurementSweeps', options.measurementSweeps ?? GPU_DEFAULT_SWEEPS.measurementSweeps, 1);
  checkTotalSweeps(equilibrationSweeps, measurementSweeps);
  return {
    weights,
    n,
    alphas,
    taus,
    noise: checkNoise(options.noise ?? 0),
    samples,
    seed: validateSeed(options.seed),
    teacher: checkTeacherSpec(options.teacher ?? weights, n),
    start: checkStart(options.start ?? 'mixed', true),
    equilibrationSweeps,
    measurementSweeps,
    ps,
    pMax,
  };
}

export function checkTotalSweeps(equilibrationSweeps: number, measurementSweeps: number): void {
  if (equilibrationSweeps + measurementSweeps > GPU_MAX_SWEEPS) {
    throw new ParameterError('measurementSweeps', measurementSweeps, `equilibration + measurement ≤ ${GPU_MAX_SWEEPS} sweeps on the GPU`);
  }
}

function checkAxis(name: string, values: unknown, check: (v: unknown, name: string) => number): number[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > 4096) {
    throw new ParameterError(name, values, 'a non-empty array of at most 4096 numbers');
  }
  const checked = values.map((v, i) => check(v, `${name}[${i}]`));
  if (new Set(checked).size !== checked.length) throw new ParameterError(name, values, 'distinct values');
  return checked;
}
