// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { provenance } from '../../src/ui/export/exporters.js';
import { chartSvg, heatmapSvg } from '../../src/ui/export/svg.js';
import type { ChartSpec } from '../../src/ui/plots/chartSpec.js';

const meta = provenance('spectrum', { n: 1000, q: 2, seed: '7', spikes: [4] }, 'http://127.0.0.1/?lab=spectrum&seed=7&a=1&b=<2>');
const spec: ChartSpec = {
  title: 'ESD of X = WᵀW/N',
  xLabel: 'λ',
  yLabel: 'density',
  lines: [
    { key: 'esd', label: 'ESD', color: '#37474f', style: 'step', fill: 'rgba(84, 110, 122, 0.25)', width: 1 },
    { key: 'mp', label: 'Marchenko–Pastur & <theory>', color: '#1f7a1f', style: 'line', dash: [8, 4] },
    { key: 'pts', label: 'points', color: '#0d47a1', style: 'points' },
  ],
};
const data = {
  series: { x: Float64Array.of(0.5, 1, 1.5, 2, 2.5), ys: { esd: Float64Array.of(0.2, 0.5, NaN, 0.3, 0.1), mp: Float64Array.of(0.1, 0.4, 0.45, 0.3, 0.05), pts: Float64Array.of(0.2, 0.3, 0.4, 0.5, 0.6) } },
  markers: [{ x: 2.2, label: 'λ+', kind: 'mp' as const }],
  bands: [{ from: 2.1, to: 2.4, label: 'TW 90%' }],
};

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror').length).toBe(0);
  expect(doc.documentElement.tagName).toBe('svg');
  return doc;
}

describe('SVG export', () => {
  it('is well-formed XML with axes, ticks, every series, markers, bands and a legend', () => {
    const svg = chartSvg(spec, data, meta);
    const doc = parse(svg);
    const series = Array.from(doc.querySelectorAll('g.series'));
    expect(series.map((g) => g.getAttribute('data-key'))).toEqual(['esd', 'mp', 'pts']);
    // The NaN breaks the step line into two runs; the dashed line is one polyline through all five points.
    expect(series[0].querySelectorAll('polyline').length).toBe(2);
    const mp = series[1].querySelector('polyline')!;
    expect(mp.getAttribute('points')!.split(' ').length).toBe(5);
    expect(mp.getAttribute('stroke-dasharray')).toBe('8 4');
    expect(series[2].querySelectorAll('circle').length).toBe(5);
    expect(doc.querySelectorAll('.ticks text').length).toBeGreaterThan(6);
    expect(doc.querySelector('.marker text')!.textContent).toBe('λ+');
    expect(doc.querySelectorAll('rect.band').length).toBe(1);
    expect(doc.querySelector('.legend')!.textContent).toContain('Marchenko–Pastur & <theory>');
  });

  it('embeds the seed and parameters as <metadata> JSON and a comment', () => {
    const svg = chartSvg(spec, data, meta);
    expect(svg).toMatch(/<!-- seed: 7; vsdl-lab /);
    const doc = parse(svg);
    const embedded = JSON.parse(doc.querySelector('metadata')!.textContent!);
    expect(embedded).toMatchObject({ lab: 'spectrum', seed: '7', parameters: { n: 1000, q: 2, spikes: [4] } });
    expect(embedded.url).toContain('b=<2>');
    expect(embedded.generator.name).toBe('philox4x32-10');
  });

  it('draws log axes on decades and leaves out values ≤ 0; aligned data with bands and error bars', () => {
    const svg = chartSvg({ ...spec, log: true, lines: [spec.lines[2]] }, { series: { x: Float64Array.of(0.1, 1, 10, 100), ys: { pts: Float64Array.of(1, 0, 10, 1000) } } }, meta);
    const doc = parse(svg);
    expect(doc.querySelectorAll('g.series circle').length).toBe(3);
    expect(Array.from(doc.querySelectorAll('.ticks text')).map((t) => t.textContent)).toContain('100');
    const aligned = chartSvg(
      { ...spec, lines: [{ key: 'a', label: 'a', color: '#000', style: 'line' }] },
      { x: [1, 2, 3], columns: [[1, undefined, 3]], errorBars: [{ low: [0.5, null, 2.5], high: [1.5, null, 3.5], color: '#f00' }], yBands: [{ x: [1, 3], low: [0, 1], high: [2, 4], color: 'rgba(0,0,0,0.1)' }] },
      meta,
    );
    const adoc = parse(aligned);
    // undefined means "no point here" and is joined over.
    expect(adoc.querySelector('g.series polyline')!.getAttribute('points')!.split(' ').length).toBe(2);
    expect(adoc.querySelectorAll('.error-bars line').length).toBe(2);
    expect(adoc.querySelectorAll('polygon.yband').length).toBe(1);
  });

  it('writes the heatmap: theory cells, tiles, boundary lines', () => {
    const svg = heatmapSvg(
      {
        alphas: [1, 2],
        taus: [0.5],
        rows: [Float64Array.of(0.1, 0.3)],
        range: [0, 0.5],
        lines: [{ tau: 0.5, alpha_c: 1.5, alpha_spinodal: null, alpha_zero_entropy: null }],
        cells: [{ alpha: 1, tau: 0.5, value: 0.2, key: 'c1' }],
        tiles: [{ alpha: 2, tau: 0.5, key: 't1', fill: '#e69f00', inner: '#56b4e9' }],
        boundaries: [{ label: 'BBP ℓ = 5', color: '#111', dash: [8, 4], points: [{ tau: 0.5, alpha: 1.7 }] }],
        title: 'map',
      },
      meta,
    );
    const doc = parse(svg);
    expect(doc.querySelectorAll('rect.tile').length).toBe(1);
    expect(doc.querySelectorAll('polyline.boundary').length).toBe(1);
    expect(doc.querySelectorAll('circle.cell').length).toBe(1);
    expect(JSON.parse(doc.querySelector('metadata')!.textContent!).seed).toBe('7');
  });
});
