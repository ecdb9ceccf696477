import { examplesFor } from '../vsdl/params.js';
import type { LayerCellIdentity } from './key.js';

/**
 * The work of one layer cell in the unit of the perceptron sweep's estimate (local-field updates, so that
 * ASSUMED_RATE turns it into seconds): every sample runs K rows, each with two chains under the automatic schedule
 * (one with a fixed one) of N proposals per sweep, each proposal updating the P = round(αN) fields. Sweeps are
 * counted as learnLayer's progress counts them (automatic equilibration: 500 or its cap, if lower). The spectrum
 * of each sample (min(K, N)³ operations) is left out: it is below one sweep of the rows at the sizes allowed.
 */
export function layerCellWork(identity: LayerCellIdentity, samples: number): number {
  const s = identity.schedule;
  const chains = s.equilibrationSweeps === undefined ? 2 : 1;
  const sweeps = (s.equilibrationSweeps ?? Math.min(s.maxEquilibrationSweeps, 500)) + s.measurementSweeps;
  return samples * identity.k * chains * sweeps * identity.n * examplesFor(identity.n, identity.alpha);
}
