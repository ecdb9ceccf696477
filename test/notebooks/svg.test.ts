// @vitest-environment jsdom
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSvg, type Figure } from '../../src/report/index.js';

// jsdom's DOMParser is a real XML parser: a stray '&' or an unclosed tag is a parsererror.
function parseSvg(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror').length).toBe(0);
  return doc;
}

/** Every number in the drawing attributes must be finite: a NaN would silently break the picture. */
function coordinates(doc: Document): number[] {
  const out: number[] = [];
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const name of ['x', 'y', 'cx', 'cy', 'r', 'width', 'height', 'd', 'points']) {
      const v = el.getAttribute(name);
      if (v === null) continue;
      expect(v, `${el.tagName} ${name}="${v}"`).not.toMatch(/NaN|Infinity|undefined/);
      for (const m of v.match(/-?\d+(\.\d+)?/g) ?? []) out.push(Number(m));
    }
  }
  return out;
}

describe('renderSvg', () => {
  const logFigure: Figure = {
    title: 'log <axes> & "quotes"',
    x: { label: 'M', log: true },
    y: { label: 'rms', log: true },
    series: [
      { label: 'points', x: [100, 1000, 10000, 100000], y: [0.1, 0.02, 0.004, 0.001], yErr: [0.01, 0.002, 0.0004, 0.002], kind: 'points' },
      // Non-positive and NaN values cannot be drawn on log axes: they are skipped, and the line breaks there.
      { label: 'line with gaps', x: [100, 1000, NaN, 10000, 100000], y: [0.1, 0, 0.01, -1, 0.001], kind: 'line' },
      { label: 'band', x: [100, 100000], y: [0.05, 0.0005], yErr: [0.01, 0.0001], kind: 'band' },
    ],
  };

  it('writes well-formed SVG with log ticks and escaped text', () => {
    const svg = renderSvg(logFigure);
    const doc = parseSvg(svg);
    const labels = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent);
    expect(labels).toContain('log <axes> & "quotes"');
    for (const tick of ['100', '1000', '10000', '1e5', '0.001', '0.01', '0.1']) expect(labels).toContain(tick);
    expect(doc.querySelectorAll('circle').length).toBeGreaterThanOrEqual(4);
    expect(doc.querySelectorAll('polygon').length).toBe(1);
    // Decades are equally spaced on a log axis.
    const xs = Array.from(doc.querySelectorAll('text')).filter((t) => ['100', '1000', '10000'].includes(t.textContent ?? '')).map((t) => Number(t.getAttribute('x')));
    expect(Math.abs(xs[2] - xs[1] - (xs[1] - xs[0]))).toBeLessThan(0.02);
  });

  it('never emits NaN coordinates, and rounds them to 2 decimals', () => {
    const nasty: Figure = {
      title: 'edge cases',
      x: { label: 'x' },
      y: { label: 'y' },
      series: [
        { label: 'bars', x: [0, 1, 2], y: [1, NaN, 3], yErr: [0.1, 0.1, NaN], kind: 'bars' },
        { label: 'empty', x: [], y: [], kind: 'line' },
        { label: 'one point', x: [1], y: [1], kind: 'points' },
      ],
    };
    for (const figure of [logFigure, nasty, { ...nasty, series: [] }]) {
      const svg = renderSvg(figure);
      const numbers = coordinates(parseSvg(svg));
      expect(numbers.length).toBeGreaterThan(0);
      expect(svg).not.toMatch(/="[^"]*\d\.\d{3,}/);
    }
  });
});

describe('committed notebook figures', () => {
  // Relative to the repository root (vitest's root): under jsdom, import.meta.url is not a file URL.
  const docs = join(process.cwd(), 'docs', 'notebooks');
  const svgs = existsSync(docs)
    ? readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.svg'))
    : [];
  it.skipIf(svgs.length === 0)('are well-formed and drawable', () => {
    for (const f of svgs) coordinates(parseSvg(readFileSync(join(docs, f), 'utf8')));
  });
});
