/**
 * "Open in lab": for each lesson, the labs where its picture can be explored by hand, with parameters close to the
 * notebook's. The links are built through the labs' own URL serializer, so they carry every field and stay valid
 * when a field's default changes (a test parses each one back without a notice).
 */
import { labDefaults, type AnyLabValues, type LabId } from '../../labs/index.js';
import { serializeUrlState } from '../state/urlState.js';

export interface LabLink {
  label: string;
  lab: LabId;
  href: string;
}

function link(label: string, lab: LabId, values: AnyLabValues): LabLink {
  return { label, lab, href: serializeUrlState({ lab, values: { ...labDefaults(lab), ...values }, hidden: [] }) };
}

const LINKS: Record<string, LabLink[]> = {
  '01': [
    link('Spectrum lab: Gaussian W, Q = 3, against Marchenko–Pastur', 'spectrum', { ensemble: 'gaussian', n: 1500, q: 3, seed: '1' }),
    link('Edge lab: λ_max against Tracy–Widom', 'edge', { ensemble: 'gaussian', n: 2000, q: 2, seed: '1' }),
  ],
  '02': [link('Spectrum lab: a covariance spike ℓ = 3 (Q = 2)', 'spectrum', { ensemble: 'spiked', spikeModel: 'covariance', spikes: [3], n: 1000, q: 2, seed: '1' })],
  '03': [
    link('Edge lab: Gaussian λ_max against TW₁', 'edge', { ensemble: 'gaussian', n: 2000, q: 2, seed: '1' }),
    link('Edge lab: Pareto μ = 3 against Fréchet', 'edge', { ensemble: 'heavy-tailed', law: 'pareto', mu: 3, n: 200, q: 2, draws: 150, seed: '1' }),
  ],
  '04': [
    link('Spectrum lab: Pareto entries, μ = 3', 'spectrum', { ensemble: 'heavy-tailed', law: 'pareto', mu: 3, n: 1000, q: 2, seed: '1' }),
    link('Fitter lab: fitted α against μ', 'fitter', {}),
  ],
  '05': [link('Fitter lab: calibrate the power-law fit', 'fitter', {})],
  '06': [link('Phase lab: the (α, τ) diagram and Monte Carlo', 'phase', {})],
  '08': [link('Training lab: minialexnet at batch 8 on 4,000 digits', 'train', { model: 'minialexnet', data: 'mnist', trainSize: 4000, batchSize: 8, epochs: 8, learningRate: 0.01, momentum: 0.9, seed: '1', layer: 3 })],
  '09': [link('Training lab: mlp3 on 1,500 digits, batch 16, 4 epochs', 'train', { model: 'mlp3', data: 'mnist', trainSize: 1500, batchSize: 16, epochs: 4, learningRate: 0.01, seed: '1' })],
  '14': [
    link('Landscape lab: Pareto μ = 1.5 beside SK couplings, exact ground states at N = 20', 'landscape', {
      couplings: 'pareto',
      mu: 1.5,
      compare: true,
      n: 20,
      instances: 8,
      method: 'enumerate',
      quenches: 200,
      sizes: [32, 64, 128, 256],
      seed: '1',
    }),
    link('Landscape lab: the planted funnel (SK couplings, λ = 2)', 'landscape', { couplings: 'gaussian', planted: 2, n: 20, instances: 8, method: 'enumerate', quenches: 200, sizes: [], seed: '1' }),
  ],
};

export function labLinks(lessonKey: string): LabLink[] {
  return LINKS[lessonKey] ?? [];
}

export const LINKED_LESSONS = Object.keys(LINKS);
