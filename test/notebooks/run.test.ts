import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Notebook } from '../../src/report/index.js';
import { check, notebookFiles, renderSvg, tableCsv } from '../../src/report/index.js';
import { tempDir, vsdl } from '../cli/harness.js';
import { nodePlatform } from '../../src/cli/train/platform.js';

// Well-formedness of the SVG (an XML parser) is tested in svg.test.ts.
// The notebooks import the library as 'vsdl-lab' (the package's own name), which resolves to dist/: `npm test`
// builds first.
const DIR = new URL('../../notebooks/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => /^\d\d-.*\.ts$/.test(f)).sort();

/** Attribute values of the SVG must hold numbers only: a NaN would silently break the picture. */
function expectDrawable(svg: string): void {
  expect(svg.startsWith('<svg ')).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  expect(svg).not.toMatch(/="[^"]*(NaN|Infinity|undefined)/);
}

describe('notebooks (small versions)', () => {
  it('has the seven lessons', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(7);
    expect(FILES).toContain('07-layer-phases.ts');
  });

  for (const file of FILES) {
    it(`${file}: runs and every check passes`, async () => {
      const { notebook } = (await import(new URL(file, DIR).href)) as { notebook: Notebook };
      expect(notebook.id).toBe(file.replace(/\.ts$/, ''));
      expect(notebook.sections.length).toBeGreaterThan(0);
      const stages: number[] = [];
      const result = await notebook.run(notebook.params.small, { onProgress: (f) => stages.push(f), platform: nodePlatform() });
      expect(stages.at(-1)).toBe(1);
      expect(result.figures.length).toBeGreaterThan(0);
      expect(result.table.length).toBeGreaterThan(0);
      expect(result.checks.length).toBeGreaterThan(0);
      const failed = result.checks.filter((c) => !c.passed);
      expect(failed, JSON.stringify(failed, null, 1)).toEqual([]);
      for (const c of result.checks) expect(c.why.length).toBeGreaterThan(10);
      for (const figure of result.figures) {
        for (const s of figure.series) expect(s.x.length).toBe(s.y.length);
        expectDrawable(renderSvg(figure));
      }
      const files = notebookFiles(notebook, 'small', notebook.params.small, result);
      expect(JSON.parse(files['checks.json']).passed).toBe(true);
      expect(JSON.parse(files['table.json']).seed).toBe(notebook.params.small.seed);
    });
  }

  it('honours an abort signal', async () => {
    const { notebook } = (await import(new URL(FILES[0], DIR).href)) as { notebook: Notebook };
    const controller = new AbortController();
    controller.abort();
    await expect(notebook.run(notebook.params.small, { signal: controller.signal })).rejects.toThrow();
  });
});

describe('checks and tables', () => {
  it('decides checks by their comparison, and fails NaN', () => {
    expect(check('a', 1.05, 1, 0.1, 'why').passed).toBe(true);
    expect(check('a', 1.2, 1, 0.1, 'why').passed).toBe(false);
    expect(check('a', 0.5, 1, 0, 'why', 'at-most').passed).toBe(true);
    expect(check('a', 0.5, 1, 0, 'why', 'at-least').passed).toBe(false);
    expect(check('a', NaN, 1, 10, 'why').passed).toBe(false);
  });

  it('writes CSV with the union of keys and quoted strings', () => {
    const csv = tableCsv([{ a: 1, b: 'x,y' }, { a: NaN, c: 'z' }], ['seed: 1']);
    expect(csv).toBe('# seed: 1\na,b,c\n1,"x,y",\nNaN,,z\n');
  });
});

describe('vsdl notebook', () => {
  it('lists the notebooks and runs one into a folder', async () => {
    const list = await vsdl('notebook', 'list', '--json');
    expect(list.code).toBe(0);
    const ids = (JSON.parse(list.stdout) as { notebooks: { id: string }[] }).notebooks.map((n) => n.id);
    expect(ids).toContain('01-marchenko-pastur');

    const out = tempDir();
    const ran = await vsdl('notebook', 'run', '01', '--out', out, '--json');
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout);
    expect(report.passed).toBe(true);
    const dir = join(out, '01-marchenko-pastur');
    for (const f of ['figure-1.svg', 'table.csv', 'table.json', 'checks.json']) expect(existsSync(join(dir, f))).toBe(true);
    expect(readFileSync(join(dir, 'table.csv'), 'utf8')).toMatch(/^# notebook: 01-marchenko-pastur \(small\)/);
  });

  it('refuses unknown names and subcommands with exit code 2', async () => {
    expect((await vsdl('notebook', 'run', '99')).code).toBe(2);
    expect((await vsdl('notebook', 'frobnicate')).code).toBe(2);
  });

  it('refuses a --dir that is missing or holds no notebook (an empty list with exit 0 before)', async () => {
    const empty = tempDir();
    const none = await vsdl('notebook', 'list', '--dir', empty);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`invalid --dir: "${empty}" (it holds none); allowed: a folder of notebook modules`);
    const missing = await vsdl('notebook', 'list', '--dir', join(empty, 'nowhere'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('(no such folder)');
    const file = join(empty, 'file.txt');
    writeFileSync(file, 'x');
    const notFolder = await vsdl('notebook', 'list', '--dir', file);
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain('(it is not a folder)');
  });
});
