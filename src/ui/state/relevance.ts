/** Which controls matter for the current values (others are hidden, not reset, so switching back restores them). */
import type { AnyLabValues, LabId } from '../../labs/index.js';

export function isRelevant(lab: LabId, name: string, v: AnyLabValues): boolean {
  if (lab === 'spectrum') {
    if (name === 'law' || name === 'mu') return v.ensemble === 'heavy-tailed';
    if (name === 'spikes' || name === 'spikeModel') return v.ensemble === 'spiked';
  }
  if (lab === 'edge' && (name === 'law' || name === 'mu')) return v.ensemble === 'heavy-tailed';
  if (lab === 'phase') {
    // The layer map has its own grid and teacher; the perceptron map its theory resolution, label noise and MC grid.
    if (name === 'layerSpikes') return v.mode === 'layer' && v.teacher === 'spiked';
    if (['teacher', 'layerK', 'layerN', 'layerAlphaSteps', 'layerTauSteps'].includes(name)) return v.mode === 'layer';
    if (['observable', 'alphaSteps', 'tauSteps', 'noise', 'mcN', 'mcAlphaSteps', 'mcTauSteps'].includes(name)) return v.mode !== 'layer';
  }
  // Gaussian couplings have no tail exponent, and nothing to be compared with but themselves.
  if (lab === 'landscape' && (name === 'mu' || name === 'compare')) return v.couplings !== 'gaussian';
  return true;
}
