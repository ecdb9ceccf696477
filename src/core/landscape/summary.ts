import { meanSe } from '../stats/summary.js';
import { finite, list, numbers, record } from '../validate.js';
import type { InstanceRecord } from './record.js';

/**
 * Quench statistics over the instances of a landscape run. Per instance: the mean gap ⟨e_min − e_GS⟩ of its
 * local minima above its ground state, their spread (the standard deviation of e_min over its quenches), the
 * fraction of quenches that reach the ground state and the mean overlap with it. Each is then averaged over
 * instances, with the standard error over instances (disorder), which is the error that matters here: the
 * quenches of one instance share its couplings.
 */

export interface SpreadOverInstances {
  mean: number;
  /**
   * Standard error over instances. With one instance it is undefined: NaN here (so that arithmetic and the
   * `Number.isNaN` checks of callers keep working) and null in JSON, through the object's toJSON.
   */
  se: number;
}

export interface LandscapeSummary {
  instances: number;
  ground_state_energy: SpreadOverInstances;
  gap: SpreadOverInstances;
  width: SpreadOverInstances;
  fraction_at_ground_state: SpreadOverInstances;
  overlap: SpreadOverInstances;
}

/** Per instance: mean and SD of e_min − e_GS over its quenches. */
export function instanceGaps(r: InstanceRecord): { gap: number; width: number } {
  record('r', r, 'an instance record (instanceRecord)');
  const ground = finite('ground_state_energy', r.ground_state_energy);
  const gaps = Array.from(numbers('minima_energies', r.minima_energies, { minLength: 1 }), (e) => e - ground);
  const s = meanSe(gaps);
  return { gap: s.mean, width: gaps.length > 1 ? s.sd : 0 };
}

/**
 * `{ mean, se }` whose JSON form has `"se": null` when se is undefined (one instance): JSON has no NaN, and
 * jsonText would write the string "NaN", which reads as a value. toJSON is not enumerable, so the object still
 * compares and spreads as a plain `{ mean, se }`.
 */
function spread(mean: number, se: number): SpreadOverInstances {
  return Object.defineProperty({ mean, se }, 'toJSON', {
    value: () => ({ mean, se: Number.isFinite(se) ? se : null }),
    enumerable: false,
  });
}

export function landscapeSummary(instances: readonly InstanceRecord[]): LandscapeSummary {
  const over = (values: number[]): SpreadOverInstances => {
    const s = meanSe(values);
    return spread(s.mean, s.se);
  };
  list('instances', instances, 'an array of instance records');
  const gaps = instances.map(instanceGaps);
  return {
    instances: instances.length,
    ground_state_energy: over(instances.map((r) => r.ground_state_energy)),
    gap: over(gaps.map((g) => g.gap)),
    width: over(gaps.map((g) => g.width)),
    fraction_at_ground_state: over(instances.map((r) => r.fraction_at_ground_state)),
    overlap: over(instances.map((r) => meanSe(r.minima_overlaps).mean)),
  };
}
