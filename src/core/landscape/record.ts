import { GENERATOR } from '../random/index.js';
import { SOFTWARE } from '../../version.js';
import type { Seed } from '../random/index.js';
import { list, record } from '../validate.js';
import { resolveLandscape } from './params.js';
import type { InstanceResult, LandscapeResult } from './run.js';

/**
 * The serialised landscape (snake_case, energies per spin), as `vsdl landscape --json` prints it. The first
 * fields of an instance are the contract of the command; the rest describe the minima further.
 */

export interface InstanceRecord {
  ground_state_energy: number;
  ground_state_exact: boolean;
  minima_energies: number[];
  minima_overlaps: number[];
  fraction_at_ground_state: number;
  ground_state_found_by: string;
  tempering_runs_agree: boolean | null;
  distinct_minima: number;
  /** The ten most often reached minima: energy per spin, overlap with the ground state, basin fraction. */
  largest_basins: { energy: number; overlap: number; fraction: number }[];
  ground_state_planted_overlap: number | null;
  minima_planted_overlaps: number[] | null;
}

export interface LandscapeRecord {
  couplings: string;
  mu: number | null;
  planted: number;
  n: number;
  method: string;
  seed: Seed;
  quenches: number;
  rule: string;
  tempering: { replicas: number; sweeps: number; t_min: number; t_max: number } | null;
  versions: { software: typeof SOFTWARE; generator: typeof GENERATOR };
  instances: InstanceRecord[];
}

export const LARGEST_BASINS = 10;

export function instanceRecord(r: InstanceResult): InstanceRecord {
  record('r', r, 'an instance result (runLandscape)');
  record('r.groundState', r.groundState, 'a ground state');
  record('r.summary', r.summary, 'a summary of the minima');
  return {
    ground_state_energy: r.groundState.energy,
    ground_state_exact: r.groundState.exact,
    minima_energies: r.summary.energies,
    minima_overlaps: r.summary.overlaps,
    fraction_at_ground_state: r.summary.fractionAtGroundState,
    ground_state_found_by: r.groundState.foundBy,
    tempering_runs_agree: r.groundState.runsAgree,
    distinct_minima: r.summary.basins.length,
    largest_basins: r.summary.basins.slice(0, LARGEST_BASINS).map(({ energy, overlap, fraction }) => ({ energy, overlap, fraction })),
    ground_state_planted_overlap: r.plantedOverlap,
    minima_planted_overlaps: r.summary.plantedOverlaps,
  };
}

export function landscapeRecord(result: LandscapeResult): LandscapeRecord {
  record('result', result, 'a landscape result (runLandscape)');
  const p = resolveLandscape(result.params);
  list('result.instances', result.instances);
  const t = p.tempering;
  return {
    couplings: p.couplings,
    mu: p.mu,
    planted: p.planted,
    n: p.n,
    method: p.method,
    seed: p.seed,
    quenches: p.quenches,
    rule: p.rule,
    tempering: p.method === 'tempering' ? { replicas: t.replicas, sweeps: t.sweeps, t_min: t.tMin, t_max: t.tMax } : null,
    versions: { software: SOFTWARE, generator: GENERATOR },
    instances: result.instances.map(instanceRecord),
  };
}
