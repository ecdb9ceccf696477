/**
 * The phase lab's simulations as the core runs them: the Monte Carlo sweep and the layer sweep that a set of phase
 * values asks for. The worker runs exactly these options and the page estimates their cost from them, so the
 * estimate always describes the run it asks about.
 */
import type { LayerSweepOptions } from '../core/layer/index.js';
import { parseSeed } from '../core/random/index.js';
import type { SweepOptions } from '../core/vsdl/index.js';
import { layerAxes, monteCarloAxes } from './axes.js';
import type { LabValues } from './definitions.js';

type PhaseValues = LabValues<'phase'>;

/** The Monte Carlo sweep over the lab's coarse grid, with the lab's short fixed schedule. */
export function monteCarloSweep(v: PhaseValues): SweepOptions {
  const { alphas, taus } = monteCarloAxes(v);
  return {
    weights: v.weights,
    alphas,
    taus,
    n: v.mcN,
    noise: v.noise,
    samples: v.samples,
    seed: parseSeed(v.seed),
    schedule: { equilibrationSweeps: v.sweeps, measurementSweeps: v.sweeps },
  };
}

/** The layer sweep over the layer map's grid (without callbacks and signal, which the worker adds). */
export function layerSweep(v: PhaseValues): LayerSweepOptions {
  const { alphas, taus } = layerAxes(v);
  return {
    teacher: v.teacher === 'spiked' ? { ensemble: 'spiked', spikes: [...v.layerSpikes], spikeModel: 'covariance' } : { ensemble: 'gaussian' },
    k: v.layerK,
    n: v.layerN,
    alphas,
    taus,
    weights: v.weights,
    samples: v.samples,
    seed: parseSeed(v.seed),
    // A short fixed schedule: the lab is for a first look; the CLI runs the automatic one.
    schedule: { equilibrationSweeps: v.sweeps, measurementSweeps: v.sweeps },
  };
}
