// The landscape lab off the page: the worker's computation against the core's own runs (the lab must show exactly
// what `vsdl landscape` computes), what it streams against what it returns, and the pictures, table and exports
// the page builds from them.
import { describe, expect, it } from 'vitest';
import {
  drawInstance,
  enumerateOn,
  landscapeRecord,
  landscapeSummary,
  planEnumeration,
  resolveLandscape,
  runLandscape,
  scanChunk,
  type InstanceRecord,
} from '../../src/core/landscape/index.js';
import { symmetricEigenvalues } from '../../src/core/linalg/index.js';
import { fitLine } from '../../src/core/stats/index.js';
import { parseCsv } from '../../src/io/index.js';
import { JobCancelled, labDefaults, landscapeLaws, landscapeOptions, spectrumDraws, widthOptions, type LandscapeItem, type LandscapeRequest, type Progress } from '../../src/labs/index.js';
import { csvExport, provenance } from '../../src/ui/export/exporters.js';
import { figureExport } from '../../src/ui/labs/landscape/exports.js';
import { gapFigure, gapHistogram, scatterFigure, SCATTER_POINTS, spectrumFigure, widthFigure } from '../../src/ui/labs/landscape/figures.js';
import { pictureOfItems, pictureOfResult, type LandscapePicture } from '../../src/ui/labs/landscape/picture.js';
import { groundStateWords, summaryRows } from '../../src/ui/labs/landscape/summary.js';
import { silentControl } from '../../workers/compute/jobs.js';
import { computeLandscape } from '../../workers/compute/landscape.js';

const small: LandscapeRequest = { ...labDefaults('landscape'), n: 12, instances: 3, quenches: 40, sizes: [10, 14], seed: '5' };

describe('landscape computation (the worker side)', () => {
  it('returns, per law, the record and summary of the core run with the same parameters, and streams what it returns', async () => {
    const items: LandscapeItem[] = [];
    const progress: Progress[] = [];
    const r = await computeLandscape(small, silentControl((p) => progress.push(p)), (item) => items.push(item), { cores: 1, confirmed: false });
    expect(r.laws.map((l) => l.label)).toEqual(['Pareto μ = 1.5', 'Gaussian (SK)']);
    for (const [k, law] of r.laws.entries()) {
      const core = landscapeRecord(await runLandscape(landscapeOptions(small, law)));
      expect(r.records[k]).toEqual(core);
      expect(r.records[k].instances.every((i) => i.ground_state_exact)).toBe(true);
      expect(r.summaries[k]).toEqual(landscapeSummary(core.instances));
    }
    // Each width is the core's quench statistic at that size (quenches only), law by law.
    expect(r.widths.map((w) => [w.law, w.n])).toEqual([[0, 10], [1, 10], [0, 14], [1, 14]]);
    for (const w of r.widths) {
      const core = landscapeRecord(await runLandscape(widthOptions(small, r.laws[w.law], w.n)));
      const width = landscapeSummary(core.instances).width;
      expect([w.width, w.widthSe]).toEqual([width.mean, width.se]);
    }
    // The spectrum pools the eigenvalues of the law's first draws of J (the run's instances first).
    const spectrum = r.spectra[1];
    expect(spectrum.draws).toBe(spectrumDraws(12));
    expect(spectrum.eigenvalues).toHaveLength(12 * spectrum.draws);
    const J = drawInstance(resolveLandscape(landscapeOptions(small, r.laws[1])), 2).J;
    expect(Array.from(spectrum.eigenvalues.subarray(24, 36))).toEqual(Array.from(symmetricEigenvalues({ rows: 12, cols: 12, data: J })));
    // What was streamed draws the same picture as the reply.
    expect(pictureOfItems(small, items)).toEqual(pictureOfResult(r));
    // Progress counts instances (law by law at N, then at each size) and a spectrum per law, and ends complete.
    const total = 2 * (3 * 3 + 1);
    expect(progress.every((p) => p.total === total)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ done: total, total, stage: 'done' });
  });

  it('shares a large enumeration among the threads it is given, with the one-thread ground states', async () => {
    const request = { ...small, couplings: 'gaussian' as const, n: 29, instances: 1, quenches: 5, sizes: [] };
    const scan = async (J: Float64Array, n: number, chunk: { start: number; end: number }) => scanChunk(J, planEnumeration(n), chunk);
    let used = 0;
    const pool = () => {
      used++;
      return (J: Float64Array, n: number, control: object) => enumerateOn([scan, scan], J, n, control);
    };
    const shared = await computeLandscape(request, silentControl(), () => {}, { cores: 2, confirmed: true, pool });
    const alone = await computeLandscape(request, silentControl(), () => {}, { cores: 1, confirmed: true });
    expect([shared.workers, alone.workers, used]).toEqual([2, 1, 1]);
    expect(shared.records).toEqual(alone.records);
  });

  it('refuses a run its estimate asks about unless the page confirmed it, and stops when cancelled', async () => {
    const long = { ...small, n: 36, instances: 4 };
    await expect(computeLandscape(long, silentControl(), () => {}, { cores: 2, confirmed: false })).rejects.toThrow(/^invalid landscape run: "about 2\.\d min in all: 2 laws × 4 instances at N = 36: exact ground states \(2\^35 configurations each, 2 web workers\).*; allowed: a run of at most 5 s, or one the page has confirmed$/);
    const controller = new AbortController();
    const control = { signal: controller.signal, progress: () => controller.abort() };
    await expect(computeLandscape({ ...small, n: 200, method: 'quench', quenches: 2000 }, control, () => {}, { cores: 1, confirmed: true })).rejects.toBeInstanceOf(JobCancelled);
  });
});

/** An instance record as the core writes it, with the fields the pictures read. */
function record(groundStateEnergy: number, energies: number[], overlaps: number[], extra: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    ground_state_energy: groundStateEnergy,
    ground_state_exact: true,
    minima_energies: energies,
    minima_overlaps: overlaps,
    fraction_at_ground_state: energies.filter((e) => e === groundStateEnergy).length / energies.length,
    ground_state_found_by: 'enumerate',
    tempering_runs_agree: null,
    distinct_minima: new Set(energies).size,
    largest_basins: [{ energy: groundStateEnergy, overlap: 1, fraction: 0.5 }],
    ground_state_planted_overlap: null,
    minima_planted_overlaps: null,
    ...extra,
  };
}

describe('landscape pictures (the page side)', () => {
  const request: LandscapeRequest = { ...labDefaults('landscape'), couplings: 'gaussian', compare: false, n: 16, instances: 2 };
  const done = record(-0.8, [-0.8, -0.7, -0.6], [1, 0.5, 0.25]);

  it('replaces the streamed quenches of an instance by its record, and keeps those of the one still running', () => {
    const items: LandscapeItem[] = [
      { kind: 'minima', law: 0, instance: 0, groundStateEnergy: -0.8, energies: [-0.7], overlaps: [0.5] },
      { kind: 'instance', law: 0, instance: 0, record: done },
      { kind: 'minima', law: 0, instance: 1, groundStateEnergy: -0.5, energies: [-0.4], overlaps: [0.125] },
      { kind: 'minima', law: 0, instance: 1, groundStateEnergy: -0.5, energies: [-0.5, -0.3], overlaps: [1, 0] },
    ];
    const p = pictureOfItems(request, items);
    expect(p.laws.map((l) => l.label)).toEqual(['Gaussian (SK)']);
    expect(p.minima[0].records).toEqual([done]);
    expect(p.minima[0].gaps.map((g) => +g.toFixed(12))).toEqual([0, 0.1, 0.2, 0.1, 0, 0.2]);
    expect(p.minima[0].relativeGaps.map((g) => +g.toFixed(12))).toEqual([0, 0.125, 0.25, 0.2, 0, 0.4]);
    expect(p.minima[0].overlaps).toEqual([1, 0.5, 0.25, 0.125, 1, 0]);
  });

  const picture = (gaps: number[][], extra: Partial<LandscapePicture> = {}): LandscapePicture => ({
    n: 16,
    planted: 0,
    laws: landscapeLaws({ couplings: 'pareto', mu: 1.5, compare: true }),
    minima: gaps.map((g) => ({ records: [], gaps: g, relativeGaps: g.map((x) => x / 2), overlaps: g.map(() => 0.5) })),
    widths: [],
    spectra: [null, null],
    ...extra,
  });

  it('draws the gaps as densities on shared bins, which integrate to the share of minima inside them', () => {
    const gaps = [Array.from({ length: 1000 }, (_, i) => (i / 1000) ** 2), Array.from({ length: 400 }, (_, i) => i / 4000)];
    const p = picture(gaps);
    const h = gapHistogram(p, 'per-spin')!;
    expect(h.counts).toEqual([1000, 400]);
    h.density.forEach((d, k) => {
      const inside = d.reduce((sum, v, j) => sum + v * (h.edges[j + 1] - h.edges[j]), 0);
      expect(inside).toBeCloseTo(1 - h.beyond[k] / h.counts[k], 12);
    });
    // The last edge is the 99.5% quantile of the wider law (so a few outliers do not squash the bars): the value of
    // rank round(0.995 · 999) = 994 of 0…999, which leaves 5 beyond.
    expect(h.beyond[0]).toBe(5);
    const figure = gapFigure(p, h, 'per-spin');
    expect(figure.series.map((s) => s.kind)).toEqual(['bars', 'bars']);
    expect(figure.caption).toContain('5 beyond the last bar');
    expect(gapHistogram(picture([[], []]), 'per-spin')).toBeNull();
    // All quenches at the ground state: one bar at 0, no division by a zero range.
    expect(gapHistogram(picture([[0, 0], [0]]), 'relative')!.density[0][0]).toBeGreaterThan(0);
  });

  it(`draws at most ${SCATTER_POINTS} minima per law in the scatter, in the chosen units`, () => {
    const p = picture([Array.from({ length: SCATTER_POINTS + 10 }, () => 0.3), [0.1]]);
    const figure = scatterFigure(p, 'relative')!;
    expect(figure.series.map((s) => s.x.length)).toEqual([SCATTER_POINTS, 1]);
    expect(figure.series[1].y).toEqual([0.05]);
    expect(figure.caption).toContain(`first ${SCATTER_POINTS}`);
  });

  it('fits width ∝ N^(−κ) per law, weighted by the standard errors', () => {
    const sizes = [16, 32, 64, 128];
    const widths = sizes.flatMap((n, i) => [
      { law: 0, n, width: 2 * n ** -0.5 * (1 + 0.01 * (i % 2)), widthSe: 0.01 * n ** -0.5, instanceSpread: 0 },
      { law: 1, n, width: n ** -0.25, widthSe: NaN, instanceSpread: 0 },
    ]);
    const figure = widthFigure(picture([[], []], { widths }))!;
    const expected = fitLine(sizes.map(Math.log), widths.filter((w) => w.law === 0).map((w) => Math.log(w.width)), widths.filter((w) => w.law === 0).map((w) => w.widthSe / w.width));
    expect(figure.series[0].label).toBe(`Pareto μ = 1.5: κ = ${(-expected.slope).toFixed(2)} ± ${expected.slopeSe.toFixed(2)}`);
    // One instance has no SE: the fit is unweighted, and exact for an exact power law.
    expect(figure.series[1].label).toMatch(/^Gaussian \(SK\): κ = 0\.25 ± 0\.00$/);
    expect(widthFigure(picture([[], []]))).toBeNull();
  });

  it('draws the Wigner semicircle over finite-variance couplings only', () => {
    const spectrum = (law: number) => ({ law, draws: 1, eigenvalues: Float64Array.from([-1.5, -0.5, 0.5, 1.5, 30]) });
    const both = spectrumFigure(picture([[], []], { spectra: [spectrum(0), spectrum(1)] }))!;
    const theory = both.series.filter((s) => s.theory);
    expect(theory.map((s) => s.label)).toEqual(['Wigner semicircle']);
    // √(4 − x²)/2π on [−2, 2]: 1/π at the centre, 0 at the edges, and unit area (trapezoids on 201 points: the
    // square-root edges leave an error of order h^1.5 ≈ 3e-3).
    const { x, y } = theory[0];
    expect(x[0]).toBe(-2);
    expect(x[x.length - 1]).toBe(2);
    expect(y[100]).toBeCloseTo(1 / Math.PI, 14);
    expect(y[0]).toBe(0);
    const area = x.slice(1).reduce((sum, xi, i) => sum + ((xi - x[i]) * (y[i] + y[i + 1])) / 2, 0);
    expect(area).toBeCloseTo(1, 2);
    expect(both.caption).toContain('1 beyond');
    const heavy = spectrumFigure(picture([[], []], { spectra: [spectrum(0), null] }))!;
    expect(heavy.series.some((s) => s.theory)).toBe(false);
    const studentT = { ...picture([[]]), laws: landscapeLaws({ couplings: 'student-t', mu: 3, compare: false }), spectra: [spectrum(0)] };
    expect(spectrumFigure(studentT)!.series.some((s) => s.theory)).toBe(true);
  });

  it('tabulates the core summary per law and says how the ground states were found', () => {
    const records = [done, record(-0.6, [-0.6, -0.55], [1, 0.5])];
    const rows = summaryRows(landscapeLaws(request), [records], 0);
    const s = landscapeSummary(records);
    const row = (key: string) => rows.find((r) => r.key === key)!.values[0];
    expect(row('ground')).toEqual(s.ground_state_energy);
    expect(row('gap')).toEqual(s.gap);
    expect(row('width')).toEqual(s.width);
    expect(row('fraction')).toEqual(s.fraction_at_ground_state);
    expect(row('distinct')!.mean).toBe(2.5);
    expect(rows.some((r) => r.key === 'planted')).toBe(false);
    expect(groundStateWords(records, 16)).toBe('exact (all 2^15 configurations)');
    const tempered = [
      record(-0.7, [-0.7], [1], { ground_state_exact: false, ground_state_found_by: 'tempering', tempering_runs_agree: true }),
      record(-0.7, [-0.7], [1], { ground_state_exact: false, ground_state_found_by: 'quench', tempering_runs_agree: false }),
    ];
    expect(groundStateWords(tempered, 200)).toBe('best found: tempering in 1, the lowest quench in 1 of 2; its two runs agree in 1 of 2');
  });

  it('exports a figure in long form, with its provenance in the CSV comments', () => {
    const p = picture([[0.1, 0.2], [0.3]]);
    const figure = scatterFigure(p, 'per-spin')!;
    const data = figureExport(figure, 'landscape-energy-overlap', provenance('landscape', { ...request, seed: '9' }, 'http://x/?lab=landscape'));
    const csv = parseCsv(csvExport(data));
    expect(csv.columns).toEqual(['series', 'x', 'y', 'y_err']);
    expect(csv.rows.map((row) => row.slice(0, 3))).toEqual([[0, 0.5, 0.1], [0, 0.5, 0.2], [1, 0.5, 0.3]]);
    expect(csvExport(data)).toMatch(/^# seed: 9$/m);
    expect(data.meta.series).toEqual(['Pareto μ = 1.5', 'Gaussian (SK)']);
  });
});
