import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpy } from '../../src/io/index.js';
import { pythonWithNumpy, runPython } from '../helpers/python.js';
import { tempDir, vsdl } from './harness.js';

describe('vsdl validate', () => {
  const out = join(tempDir(), 'export');
  let run: Awaited<ReturnType<typeof vsdl>>;

  it('prints the table and writes the export folder (quick preset)', async () => {
    run = await vsdl('validate', '--preset', 'quick', '--seed', '7', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/confusion matrix/);
    expect(run.stdout).toMatch(/gaussian-n400-m200\s+sigma_mp/);
    expect(run.stderr).toMatch(/validating \(preset quick\) done/);
    for (const f of ['manifest.json', 'results.json', 'results.csv', 'ww/ww_config.json', 'ww/analyze.py']) expect(existsSync(join(out, f))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.matrices).toHaveLength(48);
    expect(manifest).toMatchObject({ seed: 7, software: { name: 'vsdl-lab' }, generator: { name: 'philox4x32-10' } });
    const first = manifest.matrices[0];
    expect(first.file).toBe(`ww/${first.name}.weight.npy`);
    expect(first.truth.ensemble).toBe('gaussian');
    const w = readNpy(new Uint8Array(readFileSync(join(out, first.file))));
    expect(w.shape).toEqual([400, 200]);
    const config = JSON.parse(readFileSync(join(out, 'ww/ww_config.json'), 'utf8'));
    expect(Object.keys(config.layers)).toHaveLength(48);
    expect(readFileSync(join(out, 'results.csv'), 'utf8').split('\n')[0]).toMatch(/^name,cell,replicate,seed,status/);
    expect(readdirSync(join(out, '..')).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it.skipIf(!pythonWithNumpy)('its WeightWatcher layout loads with numpy as WeightWatcher does', () => {
    const text = runPython(`
import json, os, numpy as np
d = ${JSON.stringify(join(out, 'ww'))}
c = json.load(open(os.path.join(d, 'ww_config.json')))
ok = all(list(np.load(os.path.join(d, c['weights_dir'], l['weightfile'])).shape) == json.loads(l['dims']) for l in c['layers'].values())
print(ok, len(c['layers']))`);
    expect(text.trim()).toBe('True 48');
  });

  it('prints one JSON object with --json', async () => {
    const r = await vsdl('validate', '--json', '--seed', '7');
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout);
    expect(obj.rows).toHaveLength(48);
    expect(obj.summary.confusion.labels).toContain('rank-collapse');
    expect(obj.rows).toEqual(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).rows);
  });

  /** Ctrl-C `delay` ms after the run listens for it (in-process, an earlier signal would have no listener). */
  async function interrupted(dir: string, delay: number) {
    const pending = vsdl('validate', '--preset', 'paper', '--out', dir);
    while (process.listenerCount('SIGINT') === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    setTimeout(() => process.emit('SIGINT'), delay);
    return pending;
  }

  it('stops on Ctrl-C without writing results', async () => {
    const dir = join(tempDir(), 'aborted');
    const r = await interrupted(dir, 300);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/aborted after \d+ of 320 matrices; no results written/);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(join(dir, '..'))).toEqual([]);
  });

  it('exits 130 whenever Ctrl-C comes, also in the middle of writing a matrix', async () => {
    // A signal during a matrix's atomic write once deleted its temporary file under it (exit 2, "no such file"):
    // about one interrupt in twelve across the first matrices. Sweep the moment over them.
    for (let delay = 0; delay < 120; delay += 1) {
      const dir = join(tempDir(), 'aborted');
      const r = await interrupted(dir, delay);
      expect(r.code, `Ctrl-C after ${delay} ms: ${r.stderr}`).toBe(130);
      expect(existsSync(dir)).toBe(false);
    }
  }, 120_000);

  it('refuses a non-empty output folder and unknown presets', async () => {
    expect((await vsdl('validate', '--out', out)).stderr).toMatch(/does not exist yet or is empty/);
    const r = await vsdl('validate', '--preset', 'huge');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/quick or paper/);
  });
});
