/**
 * How each lab's controls are laid out: the essential ones first, always in view; the rest in folded groups with
 * a title. Every field of a lab is in exactly one group (a test checks it), so a new field must be placed here.
 */
import type { LabId } from '../../labs/index.js';

export interface ControlGroup {
  /** Shown on the fold; the first group of a lab has none: it is never folded. */
  title: string | null;
  fields: readonly string[];
}

export const CONTROL_GROUPS: Record<LabId, readonly ControlGroup[]> = {
  spectrum: [
    { title: null, fields: ['ensemble', 'law', 'mu', 'spikes', 'n', 'q', 'seed'] },
    { title: 'more: σ, spike model, bins', fields: ['sigma', 'spikeModel', 'bins'] },
  ],
  edge: [
    { title: null, fields: ['ensemble', 'law', 'mu', 'n', 'q'] },
    { title: 'more: draws, bins, seed, compute on', fields: ['draws', 'bins', 'seed', 'backend'] },
  ],
  fitter: [
    { title: null, fields: ['law', 'mus', 'n', 'q'] },
    { title: 'more: seeds per μ, seed', fields: ['reps', 'seed'] },
  ],
  phase: [
    { title: null, fields: ['mode', 'weights', 'observable', 'teacher', 'layerSpikes', 'alphaMax', 'tauMax'] },
    { title: 'theory grid and label noise', fields: ['alphaSteps', 'tauSteps', 'noise'] },
    { title: 'Monte Carlo grid', fields: ['mcN', 'mcAlphaSteps', 'mcTauSteps'] },
    { title: 'layer map grid', fields: ['layerK', 'layerN', 'layerAlphaSteps', 'layerTauSteps'] },
    { title: 'simulation: samples, sweeps, seed, compute on', fields: ['samples', 'sweeps', 'seed', 'backend'] },
  ],
  landscape: [
    { title: null, fields: ['couplings', 'mu', 'compare', 'planted', 'n', 'method'] },
    { title: 'more: instances, quenches, rule, sizes, units, seed', fields: ['instances', 'quenches', 'rule', 'sizes', 'units', 'seed'] },
  ],
  train: [
    { title: null, fields: ['model', 'data', 'batchSize', 'learningRate', 'epochs', 'trainSize', 'layer'] },
    { title: 'more: momentum, weight decay, patience, noise, seed', fields: ['momentum', 'weightDecay', 'patience', 'labelNoise', 'inputNoise', 'seed'] },
  ],
};

/** Words for enum options where the value is an identifier (the URL keeps the identifier). */
export const OPTION_LABELS: Record<string, string> = {
  eps_g: 'ε_g, generalisation error',
  eps_t: 'ε_t, training error',
  R: 'R, overlap with the teacher',
  q: 'q, overlap of two students',
  'heavy-tailed': 'heavy-tailed',
  'student-t': 'Student-t',
  pareto: 'Pareto-I',
  lomax: 'Lomax',
  stable: 'α-stable',
  mlp3: 'mlp3 (784→300→100→10)',
  lenet5: 'LeNet-5',
  minialexnet: 'mini-AlexNet',
  mnist: 'MNIST digits',
  teacher: 'teacher task (synthetic)',
  enumerate: 'exact (enumerate)',
  tempering: 'parallel tempering',
  'per-spin': 'per spin',
  relative: 'relative to |E₀|',
  gpu: 'GPU',
  cpu: 'CPU (WebAssembly)',
};
