/**
 * What the landscape lab draws, gathered from a finished run or from what a running one has streamed so far: per
 * coupling law its finished instances (the core's records), the quenches of the instance still running, the widths
 * against N and the spectrum of J. Plain TypeScript: the figures (figures.ts) and the table read this.
 */
import type { InstanceRecord } from '../../../core/landscape/index.js';
import { landscapeLaws, type LandscapeItem, type LandscapeLabResult, type LandscapeLaw, type LandscapeRequest, type LawSpectrum, type WidthPoint } from '../../../labs/index.js';

/** Gaps above the ground state per spin, or relative to each instance's |e_GS| (the laws' energy scales differ). */
export type GapUnits = 'per-spin' | 'relative';

export interface LawMinima {
  /** Finished instances, in order. */
  records: InstanceRecord[];
  /** Per minimum (finished instances first, then the running one): e_min − e_GS, that over |e_GS|, overlap with the GS. */
  gaps: number[];
  relativeGaps: number[];
  overlaps: number[];
}

export interface LandscapePicture {
  /** N and the planted strength of the run drawn. */
  n: number;
  planted: number;
  laws: LandscapeLaw[];
  minima: LawMinima[];
  widths: WidthPoint[];
  spectra: (LawSpectrum | null)[];
}

type Partial = { groundStateEnergy: number; energies: number[]; overlaps: number[] };

function lawMinima(records: InstanceRecord[], running: Partial[]): LawMinima {
  const m: LawMinima = { records, gaps: [], relativeGaps: [], overlaps: [] };
  const add = (groundStateEnergy: number, energies: readonly number[], overlaps: readonly number[]) => {
    const scale = Math.abs(groundStateEnergy);
    energies.forEach((e, i) => {
      m.gaps.push(e - groundStateEnergy);
      m.relativeGaps.push(scale > 0 ? (e - groundStateEnergy) / scale : NaN);
      m.overlaps.push(overlaps[i]);
    });
  };
  for (const r of records) add(r.ground_state_energy, r.minima_energies, r.minima_overlaps);
  for (const p of running) add(p.groundStateEnergy, p.energies, p.overlaps);
  return m;
}

export function pictureOfResult(result: LandscapeLabResult): LandscapePicture {
  return {
    n: result.records[0].n,
    planted: result.records[0].planted,
    laws: result.laws,
    minima: result.records.map((record) => lawMinima(record.instances, [])),
    widths: result.widths,
    spectra: result.laws.map((_, k) => result.spectra.find((s) => s.law === k) ?? null),
  };
}

/** A running job's picture: its items in arrival order (an instance's record replaces its streamed quenches). */
export function pictureOfItems(request: LandscapeRequest, items: readonly LandscapeItem[]): LandscapePicture {
  const laws = landscapeLaws(request);
  const records: InstanceRecord[][] = laws.map(() => []);
  const running = laws.map(() => new Map<number, Partial>());
  const widths: WidthPoint[] = [];
  const spectra: (LawSpectrum | null)[] = laws.map(() => null);
  for (const item of items) {
    if (item.kind === 'minima') {
      const seen = running[item.law].get(item.instance);
      if (seen) {
        seen.energies.push(...item.energies);
        seen.overlaps.push(...item.overlaps);
        seen.groundStateEnergy = item.groundStateEnergy;
      } else running[item.law].set(item.instance, { groundStateEnergy: item.groundStateEnergy, energies: [...item.energies], overlaps: [...item.overlaps] });
    } else if (item.kind === 'instance') {
      records[item.law].push(item.record);
      running[item.law].delete(item.instance);
    } else if (item.kind === 'width') widths.push(item.point);
    else spectra[item.spectrum.law] = item.spectrum;
  }
  return { n: request.n, planted: request.planted, laws, minima: laws.map((_, k) => lawMinima(records[k], [...running[k].values()])), widths, spectra };
}

export function hasMinima(p: LandscapePicture): boolean {
  return p.minima.some((m) => m.gaps.length > 0);
}
