/**
 * The landscape lab's table: per coupling law, what its instances say (the core's landscapeSummary, means over
 * instances with their standard errors) and how its ground states were found.
 */
import { instanceGaps, landscapeSummary, type InstanceRecord, type SpreadOverInstances } from '../../../core/landscape/index.js';
import { meanSe } from '../../../core/stats/index.js';
import type { LandscapeLaw } from '../../../labs/index.js';

export interface SummaryRow {
  key: string;
  label: string;
  /** Per law; null where the law has no finished instance yet or the quantity does not apply. */
  values: (SpreadOverInstances | null)[];
}

export interface LawSummary {
  instances: number;
  /** How the ground states were found, in words. */
  groundState: string;
}

const over = (values: number[]): SpreadOverInstances | null => {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const s = meanSe(finite);
  return { mean: s.mean, se: s.se };
};

export function groundStateWords(records: readonly InstanceRecord[], n: number): string {
  if (records.length === 0) return '—';
  if (records.every((r) => r.ground_state_exact)) return `exact (all 2^${n - 1} configurations)`;
  const count = (method: string) => records.filter((r) => r.ground_state_found_by === method).length;
  const tempering = count('tempering');
  const parts = [tempering ? `tempering in ${tempering}` : '', count('quench') ? `the lowest quench in ${count('quench')}` : ''].filter(Boolean);
  const agree = records.filter((r) => r.tempering_runs_agree === true).length;
  const agreement = tempering ? `; its two runs agree in ${agree} of ${records.filter((r) => r.tempering_runs_agree !== null).length}` : '';
  return `best found: ${parts.join(', ')} of ${records.length}${agreement}`;
}

export function lawSummaries(records: readonly InstanceRecord[][], n: number): LawSummary[] {
  return records.map((r) => ({ instances: r.length, groundState: groundStateWords(r, n) }));
}

/** Rows of the table, one quantity each, a value per law. */
export function summaryRows(laws: readonly LandscapeLaw[], records: readonly InstanceRecord[][], planted: number): SummaryRow[] {
  const per = (f: (r: readonly InstanceRecord[]) => SpreadOverInstances | null) => records.map((r) => (r.length > 0 ? f(r) : null));
  const summary = records.map((r) => (r.length > 0 ? landscapeSummary(r) : null));
  const from = (pick: (s: ReturnType<typeof landscapeSummary>) => SpreadOverInstances) => summary.map((s) => (s ? pick(s) : null));
  const rows: SummaryRow[] = [
    { key: 'ground', label: 'ground-state energy e_GS', values: from((s) => s.ground_state_energy) },
    { key: 'gap', label: 'gap ⟨e_min − e_GS⟩', values: from((s) => s.gap) },
    { key: 'relative', label: 'gap / |e_GS|', values: per((r) => over(r.map((i) => instanceGaps(i).gap / Math.abs(i.ground_state_energy)))) },
    { key: 'width', label: 'width: SD of e_min', values: from((s) => s.width) },
    { key: 'fraction', label: 'fraction of quenches at the ground state', values: from((s) => s.fraction_at_ground_state) },
    { key: 'overlap', label: 'overlap of a minimum with the ground state', values: from((s) => s.overlap) },
    { key: 'distinct', label: 'distinct minima per instance', values: per((r) => over(r.map((i) => i.distinct_minima))) },
    { key: 'basin', label: 'largest basin (fraction of quenches)', values: per((r) => over(r.map((i) => i.largest_basins[0]?.fraction ?? NaN))) },
  ];
  if (planted > 0) rows.push({ key: 'planted', label: 'overlap of the ground state with ξ', values: per((r) => over(r.map((i) => i.ground_state_planted_overlap ?? NaN))) });
  return laws.length === records.length ? rows : [];
}
