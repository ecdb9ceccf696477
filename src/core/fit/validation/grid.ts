import { finite } from '../../validate.js';
import type { EnsembleParams } from '../../ensembles/index.js';
import { ParameterError } from '../../errors.js';
import { johnstone } from '../../theory/index.js';
import type { Phase } from '../phases.js';
import type { LowRankParams } from './lowRank.js';

/** One grid point: a construction whose phase (and other truth) is known, drawn `replicates` times. */
export interface ValidationCell {
  id: string;
  /** The phase the construction produces. */
  phase: Phase;
  /** What was built, in words (goes into the manifest). */
  construction: string;
  ensemble?: Omit<EnsembleParams, 'seed'>;
  lowRank?: Omit<LowRankParams, 'seed'>;
  replicates: number;
}

export const PRESETS = ['quick', 'paper'] as const;
export type Preset = (typeof PRESETS)[number];

/**
 * Covariance spike ℓ whose BBP outlier ℓ(1 + γ/(ℓ−1)) (σ = 1) sits `score` Johnstone TW scales above the TW
 * centre: the larger root of ℓ² − (1 − γ + t)ℓ + t = 0 with t the target location.
 */
export function spikeAtTwScore(n: number, m: number, score: number): number {
  finite('score', score);
  const gamma = m / n;
  const edge = johnstone(n, m);
  const t = edge.center + score * edge.scale;
  const b = 1 - gamma + t;
  return (b + Math.sqrt(b * b - 4 * t)) / 2;
}

function cellsFor(n: number, m: number, replicates: number, heavyMus: number[], decayMus: number[]): ValidationCell[] {
  const tag = `n${n}-m${m}`;
  const g = Math.sqrt(m / n);
  const near = spikeAtTwScore(n, m, 4);
  const cells: ValidationCell[] = [
    { id: `gaussian-${tag}`, phase: 'random-like', construction: 'iid N(0, 1)', ensemble: { ensemble: 'gaussian', n, m }, replicates },
    {
      id: `near-spikes-${tag}`,
      phase: 'bleeding-out',
      construction: 'two covariance spikes whose BBP outliers are predicted 4 TW scales above the edge',
      ensemble: { ensemble: 'spiked', n, m, spikes: [near, near], spikeModel: 'covariance' },
      replicates,
    },
    {
      id: `strong-spikes-${tag}`,
      phase: 'bulk+spikes',
      construction: 'covariance spikes ℓ = 1 + 3√γ and 1 + 6√γ (3× and 6× the BBP distance)',
      ensemble: { ensemble: 'spiked', n, m, spikes: [1 + 3 * g, 1 + 6 * g], spikeModel: 'covariance' },
      replicates,
    },
  ];
  for (const mu of decayMus) {
    cells.push({
      id: `student-t-mu${mu}-${tag}`,
      phase: 'bulk-decay',
      construction: `Student-t entries, ν = μ = ${mu}`,
      ensemble: { ensemble: 'student-t', n, m, mu },
      replicates,
    });
  }
  for (const mu of heavyMus) {
    cells.push({
      id: `pareto-mu${mu}-${tag}`,
      phase: 'heavy-tailed',
      construction: `symmetric Pareto-I entries, μ = ${mu} (ESD tail α = 1 + μ/2)`,
      ensemble: { ensemble: 'pareto', n, m, mu },
      replicates,
    });
  }
  cells.push({
    id: `low-rank-${tag}`,
    phase: 'rank-collapse',
    construction: `W = A·B of rank M/10 = ${Math.max(1, Math.round(m / 10))}`,
    lowRank: { n, m, rank: Math.max(1, Math.round(m / 10)) },
    replicates,
  });
  return cells;
}

/**
 * 'quick': 400×200, six constructions (one per phase) × 8 draws; seconds, used by the tests.
 * 'paper': Q ∈ {2, 4}, M ∈ {250, 500}, two tail exponents per heavy class, 10 draws each; minutes.
 */
export function presetCells(preset: Preset): ValidationCell[] {
  if (preset === 'quick') return cellsFor(400, 200, 8, [1.5], [3]);
  if (preset === 'paper') {
    const cells: ValidationCell[] = [];
    for (const m of [250, 500]) for (const q of [2, 4]) cells.push(...cellsFor(q * m, m, 10, [1, 1.5], [3, 3.5]));
    return cells;
  }
  throw new ParameterError('preset', preset, PRESETS.join(' or '));
}
