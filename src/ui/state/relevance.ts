/** Which controls matter for the current values (others are hidden, not reset, so switching back restores them). */
import type { AnyLabValues, LabId } from './labs.js';

export function isRelevant(lab: LabId, name: string, v: AnyLabValues): boolean {
  if (lab === 'spectrum') {
    if (name === 'law' || name === 'mu') return v.ensemble === 'heavy-tailed';
    if (name === 'spikes' || name === 'spikeModel') return v.ensemble === 'spiked';
  }
  if (lab === 'edge' && (name === 'law' || name === 'mu')) return v.ensemble === 'heavy-tailed';
  if (lab === 'phase' && name === 'noise') return true;
  return true;
}
