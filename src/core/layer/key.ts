import { integer, record } from '../validate.js';
import { numberKey } from '../vsdl/index.js';
import { validateSeed } from '../random/index.js';
import type { CheckedLayerSchedule, CheckedTeacher } from './params.js';
import type { InputMode, RowNorms } from './types.js';
import type { Weights } from '../theory/index.js';

/**
 * The identity of a layer cell as text parts (also the chain streams' names, so that two cells with equal keys
 * give bit-identical results and a resumed sweep may reuse a stored cell exactly when its key matches).
 */
export interface LayerCellIdentity {
  teacher: CheckedTeacher;
  k: number;
  n: number;
  alpha: number;
  tau: number;
  inputs: InputMode;
  weights: Weights;
  rowNorms: RowNorms;
  schedule: CheckedLayerSchedule;
}

export function teacherName(t: CheckedTeacher): string {
  const parts = [`ensemble=${t.ensemble}`, `sigma=${numberKey(t.sigma)}`];
  if (t.mu !== null) parts.push(`mu=${numberKey(t.mu)}`);
  if (t.spikes.length) parts.push(`spikes=${t.spikes.map(numberKey).join(',')}`, `model=${t.spikeModel}`);
  if (t.covariance) parts.push(`covariance=${t.covariance.law}:${numberKey(t.covariance.mu)}`);
  return parts.join(' ');
}

export function cellParts(c: LayerCellIdentity): string[] {
  record('c', c);
  record('c.teacher', c.teacher);
  record('c.schedule', c.schedule);
  const s = c.schedule;
  return [
    c.weights,
    `teacher=${teacherName(c.teacher)}`,
    `k=${c.k}`,
    `n=${c.n}`,
    `alpha=${numberKey(c.alpha)}`,
    `tau=${numberKey(c.tau)}`,
    `inputs=${c.inputs}`,
    `rows=${c.rowNorms}`,
    `equilibration=${s.equilibrationSweeps ?? 'auto'}/${s.maxEquilibrationSweeps}`,
    `measurement=${s.measurementSweeps}`,
  ];
}

/** The key also names the samples and the seed (which are not stream names: the seed is the root). */
export function layerCellKey(c: LayerCellIdentity, samples: number, seed: string | number): string {
  integer('samples', samples, 1);
  validateSeed(seed);
  return ['layer', ...cellParts(c), `samples=${samples}`, `seed=${JSON.stringify(String(seed))}`].join(';');
}
