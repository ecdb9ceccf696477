import { ParameterError } from '../errors.js';
import { finite } from '../validate.js';
import table from './alphaCalibration.json' with { type: 'json' };

/**
 * The empirical calibration of the fitted ESD tail exponent α̂ for moderately heavy tails, 2 ≤ μ ≤ 4, where no
 * limit theorem gives one. The data are the table of notebook 13's full version (`vsdl notebook run 13 --full`):
 * per law, μ, Q and M, the mean of `fitPowerLaw`'s α̂ over seeds, its standard error and the seed-to-seed SD.
 */

export const CALIBRATED_LAWS = ['pareto', 'lomax', 'student-t'] as const;
export type CalibratedLaw = (typeof CALIBRATED_LAWS)[number];

interface CellRecord {
  row: string;
  law: string;
  mu: number;
  Q: number;
  M: number;
  seeds: number;
  alpha_mean: number;
  alpha_se: number;
  alpha_sd: number;
  /** The 95% t-interval of the mean over seeds. */
  alpha_ci_lo: number;
  alpha_ci_hi: number;
  ln_alpha_m1_mean: number;
  ln_alpha_m1_sd: number;
}

/** The shipped table as written by the notebook: seed, parameters, software and generator versions, rows. */
export const ALPHA_CALIBRATION = table as unknown as {
  notebook: string;
  size: string;
  seed?: number;
  params?: Record<string, unknown>;
  software?: { name: string; version: string };
  generator?: { name: string; version: number };
  rows: CellRecord[];
};

export interface CalibratedAlpha {
  /** Expected α̂ of one fit: the mean over the calibration's seeds, interpolated. */
  alpha: number;
  /** Standard error of that mean. */
  se: number;
  /** Seed-to-seed standard deviation of a single fit. */
  sd: number;
  /**
   * Where the α̂ of a single draw falls about 95% of the time: 1 + exp(m ± 2s), m and s the mean and SD of
   * ln(α̂ − 1) over seeds (α̂ − 1 is n over a sum of log-excesses, so its spread is skewed and ln(α̂ − 1) is close
   * to normal).
   */
  interval: [number, number];
  law: CalibratedLaw;
  mu: number;
  q: number;
  m: number;
  /** Fewest seeds behind any cell used. */
  seeds: number;
  /** False when (μ, Q, M) is a grid point of the calibration. */
  interpolated: boolean;
}

interface Grid {
  qs: number[];
  ms: number[];
  /** The cells of one law, Q and M, sorted by μ (the μ grid may be coarser at large M). */
  rows: Map<string, CellRecord[]>;
  /** μ range covered at every Q and M. */
  muRange: [number, number];
}

const key = (law: string, q: number, m: number) => `${law}|${q}|${m}`;
const sortedUnique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

let grid: Grid | null = null;

function theGrid(): Grid {
  if (grid) return grid;
  const cells = ALPHA_CALIBRATION.rows.filter((r) => r.row === 'cell');
  const rows = new Map<string, CellRecord[]>();
  for (const c of cells) rows.set(key(c.law, c.Q, c.M), [...(rows.get(key(c.law, c.Q, c.M)) ?? []), c]);
  for (const list of rows.values()) list.sort((a, b) => a.mu - b.mu);
  const lists = [...rows.values()];
  grid = {
    qs: sortedUnique(cells.map((r) => r.Q)),
    ms: sortedUnique(cells.map((r) => r.M)),
    rows,
    muRange: [Math.max(...lists.map((l) => l[0].mu)), Math.min(...lists.map((l) => l[l.length - 1].mu))],
  };
  return grid;
}

/** Lower grid index and weight of the upper neighbour for x in [xs[0], xs[last]], on the scale `f`. */
function bracket(xs: number[], x: number, f: (v: number) => number = (v) => v): [number, number] {
  if (xs.length === 1) return [0, 0];
  let i = 0;
  while (i < xs.length - 2 && x > xs[i + 1]) i++;
  const w = (f(x) - f(xs[i])) / (f(xs[i + 1]) - f(xs[i]));
  return [i, Math.min(1, Math.max(0, w))];
}

/**
 * Why the calibration has no value at (law, μ, Q, M), or null when it has one. The box is the calibrated grid:
 * μ, Q and M between its smallest and largest values, for the laws it measured.
 */
export function calibratedAlphaGap(law: string, mu: number, q: number, m: number): string | null {
  finite('mu', mu);
  finite('q', q);
  finite('m', m);
  const g = theGrid();
  if (g.rows.size === 0) return 'no calibration is shipped';
  if (!(CALIBRATED_LAWS as readonly string[]).includes(law)) {
    return `no calibration for the ${law} law (calibrated: ${CALIBRATED_LAWS.join(', ')}; stable laws have μ ≤ 2)`;
  }
  const span = (name: string, v: number, lo: number, hi: number) => (v < lo || v > hi ? `${name} = ${v} is outside the calibrated range [${lo}, ${hi}]` : null);
  return (
    span('μ', mu, g.muRange[0], g.muRange[1]) ??
    span('Q', q, g.qs[0], g.qs[g.qs.length - 1]) ??
    span('M', m, g.ms[0], g.ms[g.ms.length - 1])
  );
}

const FIELDS = ['alpha_mean', 'alpha_se', 'alpha_sd', 'ln_alpha_m1_mean', 'ln_alpha_m1_sd'] as const;

/** The cell fields at μ, linear between the two nearest calibrated μ of one law, Q and M. */
function alongMu(list: CellRecord[], mu: number): { values: number[]; seeds: number; exact: boolean } {
  const [i, w] = bracket(list.map((c) => c.mu), mu);
  const lo = list[i];
  const hi = list[Math.min(i + 1, list.length - 1)];
  return {
    values: FIELDS.map((f) => (1 - w) * lo[f] + w * hi[f]),
    seeds: w === 0 ? lo.seeds : w === 1 ? hi.seeds : Math.min(lo.seeds, hi.seeds),
    exact: w === 0 || w === 1,
  };
}

/**
 * The calibrated α̂ of `fitPowerLaw` on the ESD of an N×M matrix with iid entries of the given law and tail
 * exponent μ (Q = N/M), or null outside the calibrated box (`calibratedAlphaGap` says why). Interpolation is
 * linear in μ within each calibrated Q and M (the μ grid is coarser at large M), then bilinear in log Q and log M
 * (the grid doubles Q and M). The standard error and SD are interpolated the same way, which bounds the
 * interpolated mean's true standard error from above.
 */
export function calibratedAlpha(law: string, mu: number, q: number, m: number): CalibratedAlpha | null {
  if (calibratedAlphaGap(law, mu, q, m) !== null) return null;
  const g = theGrid();
  const [j, wq] = bracket(g.qs, q, Math.log);
  const [k, wm] = bracket(g.ms, m, Math.log);
  const sum = FIELDS.map(() => 0);
  let seeds = Infinity;
  let onGrid = [wq, wm].every((w) => w === 0 || w === 1);
  for (const [b, wb] of [[j, 1 - wq], [j + 1, wq]]) {
    for (const [c, wc] of [[k, 1 - wm], [k + 1, wm]]) {
      const w = wb * wc;
      if (w === 0) continue;
      const list = g.rows.get(key(law, g.qs[b], g.ms[c]));
      if (!list) throw new ParameterError('calibration', `${law} Q=${g.qs[b]} M=${g.ms[c]}`, 'a complete grid', 'cells are missing from the shipped table');
      const at = alongMu(list, mu);
      at.values.forEach((v, f) => (sum[f] += w * v));
      seeds = Math.min(seeds, at.seeds);
      onGrid &&= at.exact;
    }
  }
  const [alpha, se, sd, lnMean, lnSd] = sum;
  return { alpha, se, sd, interval: [1 + Math.exp(lnMean - 2 * lnSd), 1 + Math.exp(lnMean + 2 * lnSd)], law: law as CalibratedLaw, mu, q, m, seeds, interpolated: !onGrid };
}
