import { describe, expect, it } from 'vitest';
import { parseCsv, readNpy, readNpz } from '../../src/io/index.js';
import { labDefaults } from '../../src/labs/index.js';
import { csvExport, jobProvenance, jsonExport, npyExport, npzExport, provenance, type ExportData } from '../../src/ui/export/exporters.js';
import { parseUrlState } from '../../src/ui/state/urlState.js';

const data: ExportData = {
  name: 'spectrum-linear',
  columns: { lambda: Float64Array.of(0.5, 1, 1.5), esd: Float64Array.of(0.2, NaN, 0.1) },
  meta: provenance('spectrum', { n: 1000, q: 2, seed: '7' }, 'http://127.0.0.1/?lab=spectrum&seed=7'),
  arrays: { eigenvalues: Float64Array.of(0.1, 0.2, 2.9) },
};

describe('exports carry their provenance', () => {
  it("a job's provenance records the job's parameters and a link that reproduces them, not the page's", () => {
    const computed = { ...labDefaults('spectrum'), n: 1000, seed: '5' };
    // The page already shows other settings (waiting for "run anyway").
    const meta = jobProvenance('spectrum', computed, 'http://127.0.0.1:5173/?lab=spectrum&n=8000&seed=5&hide=seed');
    expect(meta).toMatchObject({ lab: 'spectrum', seed: '5', parameters: computed });
    const url = new URL(meta.url as string);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:5173/');
    expect(parseUrlState(url.search)).toMatchObject({ lab: 'spectrum', values: computed, notices: [] });
  });

  it('CSV: comment lines with seed, parameters and generator, then the columns', () => {
    const text = csvExport(data);
    expect(text).toMatch(/^# spectrum-linear exported by vsdl-lab/m);
    expect(text).toMatch(/^# seed: 7$/m);
    expect(text).toMatch(/^# parameters: \{"n":1000,"q":2,"seed":"7"\}$/m);
    expect(text).toMatch(/^# generator: \{"name":"philox4x32-10","version":1\}$/m);
    const parsed = parseCsv(text);
    expect(parsed.columns).toEqual(['lambda', 'esd']);
    expect(parsed.rows[2]).toEqual([1.5, 0.1]);
  });

  it('JSON: meta, columns and arrays, with NaN spelled as a string', () => {
    const json = JSON.parse(jsonExport(data));
    expect(json.meta.seed).toBe('7');
    expect(json.columns.esd[1]).toBe('NaN');
    expect(json.arrays.eigenvalues).toEqual([0.1, 0.2, 2.9]);
  });

  it('.npy of the raw array with a JSON sidecar', () => {
    const { npy, sidecar } = npyExport(data);
    expect(Array.from(readNpy(npy).data as Float64Array)).toEqual([0.1, 0.2, 2.9]);
    expect(JSON.parse(sidecar)).toMatchObject({ lab: 'spectrum', seed: '7', array: 'eigenvalues' });
  });

  it('.npz batch with a manifest naming its arrays', () => {
    const { npz, manifest } = npzExport({ a: Float64Array.of(1, 2), b: Float64Array.of(3) }, { seed: 1 });
    const back = readNpz(npz);
    expect([...back.keys()].sort()).toEqual(['a', 'b']);
    expect(JSON.parse(manifest).arrays).toEqual(['a', 'b']);
  });
});
