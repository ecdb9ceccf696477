/** Rules that tie fields together (beyond each field's own range). Each returns notes for what it changed. */
import { columnsFor, MAX_M, type AnyLabValues, type LabId } from './labs.js';

type Rule = (v: AnyLabValues) => string | null;

const rules: Record<LabId, Rule[]> = {
  spectrum: [
    (v) => (columnsFor(v.n as number, v.q as number) < 2 ? ((v.q = 1), 'Q gives fewer than 2 columns: Q reset to 1') : null),
    (v) => {
      const m = columnsFor(v.n as number, v.q as number);
      if (m <= MAX_M) return null;
      v.n = Math.floor(MAX_M * (v.q as number));
      return `M = ${m} is above the lab's limit of ${MAX_M}: N reduced to ${v.n}`;
    },
    stableMu,
  ],
  edge: [
    (v) => (columnsFor(v.n as number, v.q as number) < 2 ? ((v.q = 1), 'Q gives fewer than 2 columns: Q reset to 1') : null),
    (v) => {
      // Heavy-tailed draws need a dense spectrum each: keep them small enough to finish in seconds.
      if (v.ensemble !== 'heavy-tailed' || (v.n as number) <= 2000) return null;
      v.n = 2000;
      return 'heavy-tailed edge draws are dense spectra: N reduced to 2000';
    },
    stableMu,
  ],
  fitter: [stableMuList],
  phase: [
    (v) => {
      if (v.teacher !== 'spiked' || (v.layerSpikes as number[]).length > 0) return null;
      v.layerSpikes = [5, 10];
      return 'a spiked teacher needs at least one spike: layerSpikes reset to 5,10';
    },
  ],
};

function stableMu(v: AnyLabValues): string | null {
  if (v.law !== 'stable' || (v.mu as number) <= 2) return null;
  v.mu = 2;
  return 'the stable law needs μ ≤ 2: μ set to 2';
}

function stableMuList(v: AnyLabValues): string | null {
  if (v.law !== 'stable') return null;
  const mus = v.mus as number[];
  const kept = mus.filter((mu) => mu <= 2);
  if (kept.length === mus.length) return null;
  v.mus = kept.length > 0 ? kept : [1, 1.5, 2];
  return 'the stable law needs μ ≤ 2: larger μ values dropped';
}

/** Applies the lab's cross-field rules in place and returns what was changed. */
export function applyConstraints(lab: LabId, values: AnyLabValues): string[] {
  const notes: string[] = [];
  for (const rule of rules[lab]) {
    const note = rule(values);
    if (note) notes.push(note);
  }
  return notes;
}
