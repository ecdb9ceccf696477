import { ParameterError } from '../errors.js';
import { integer, list, record } from '../validate.js';
import { meanSe } from '../stats/summary.js';
import type { CellResult, SampleResult } from './cell.js';

export type DisorderAverage = Pick<
  CellResult,
  'R' | 'q' | 'eps_g' | 'eps_t' | 'energy' | 'R_se' | 'q_se' | 'eps_g_se' | 'eps_t_se' | 'energy_se' | 'errorKind' | 'acceptance' | 'tau_int'
>;

/**
 * A cell's observables from its disorder samples (P examples each): means over samples, with standard errors
 * over samples when there are two or more, else the one sample's thermal errors (from its autocorrelation). q
 * has no thermal error (a sample records none for it), so with one sample q_se is null: undefined, not NaN,
 * which JSON would carry as the string "NaN". The CPU reference and the GPU path summarise their samples
 * through this one function.
 */
export function disorderAverage(samples: readonly SampleResult[], p: number): DisorderAverage {
  list('samples', samples, 'an array of sample results').forEach((s, i) => record(`samples[${i}]`, s));
  if (samples.length === 0) throw new ParameterError('samples', '[]', 'at least one sample result');
  integer('p', p, 1);
  const disorder = samples.length >= 2;
  const stat = (pick: (s: SampleResult) => number, thermalSe: (s: SampleResult) => number) => {
    const { mean, se } = meanSe(samples.map(pick));
    return { mean, se: disorder ? se : thermalSe(samples[0]!) };
  };
  const R = stat((s) => s.R, (s) => s.R_se);
  const q = meanSe(samples.map((s) => s.q));
  const epsG = stat((s) => s.eps_g, (s) => s.R_se / (Math.PI * Math.sqrt(Math.max(1e-300, 1 - s.R * s.R))));
  const epsT = stat((s) => s.eps_t, (s) => s.eps_t_se);
  const energy = stat((s) => s.energy, (s) => s.eps_t_se * p);
  const mean = (pick: (s: SampleResult) => number) => samples.reduce((a, s) => a + pick(s), 0) / samples.length;
  return {
    R: R.mean,
    q: q.mean,
    eps_g: epsG.mean,
    eps_t: epsT.mean,
    energy: energy.mean,
    R_se: R.se,
    q_se: disorder ? q.se : null,
    eps_g_se: epsG.se,
    eps_t_se: epsT.se,
    energy_se: energy.se,
    errorKind: disorder ? 'disorder' : 'thermal',
    acceptance: mean((s) => s.acceptance),
    tau_int: { energy: mean((s) => s.tau_int.energy), R: mean((s) => s.tau_int.R) },
  };
}
