import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError, ParameterError } from '../../../src/core/errors.js';
import { runLayerSweepCommand } from '../../../src/cli/sweep/layer.js';
import type { CommandContext } from '../../../src/cli/command.js';
import { tempDir, vsdl } from '../harness.js';

async function call(options: CommandContext['options']) {
  let stdout = '';
  let stderr = '';
  const code = await runLayerSweepCommand({
    options,
    positionals: [],
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}

const flags = { layer: true, teacher: 'spiked', spikes: '5,10', k: '12', n: '40', alpha: '1,2', tau: '0.5', equilibration: '60', seed: '3' };

describe('vsdl sweep --layer (the layer piece)', () => {
  it('writes the layer sweep document with its metadata, cells and phase grids', async () => {
    const dir = tempDir();
    const out = join(dir, 'layer.json');
    const { code, stdout } = await call({ ...flags, json: true, out });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(doc);
    expect(doc).toMatchObject({
      model: 'vsdl-layer', N: 40, K: 12, samples: 1, seed: 3, inputs: 'independent', weights: 'spherical', row_norms: 'unit',
      orientation: 'A = Wᵀ (N×K)', normalization: '1/N', status: 'complete', alphas: [1, 2], taus: [0.5],
      teacher: { ensemble: 'spiked', spikes: [5, 10], spike_model: 'covariance', mu: null, sigma: 1, law: 'gaussian' },
      schedule: { equilibration: 60, max_equilibration: 4000, measurement: 0 },
      versions: { software: { name: 'vsdl-lab' }, generator: { name: 'philox4x32-10' } },
    });
    expect(doc.cells).toHaveLength(2);
    expect(doc.phase_grid).toEqual([doc.cells.map((c: { phase: string }) => c.phase)]);
    const cell = doc.cells[1];
    for (const field of ['alpha', 'tau', 'phase', 'eps_g', 'R', 'alpha_pl', 'num_spikes', 'lambda_max', 'mp_lambda_plus', 'entropy', 'stable_rank', 'extremes', 'spectrum', 'theory']) {
      expect(cell).toHaveProperty(field);
    }
    expect(cell.theory.bbp).toHaveLength(2);
    expect(Object.keys(cell.theory).sort()).toEqual(['R', 'bbp', 'eps_g', 'heavy_tail', 'lambda_plus', 'note', 'predicted_phase']);
    expect(cell.spectrum.density).toHaveLength(64);
  });

  it('resumes from --out, and names the flag in errors', async () => {
    const dir = tempDir();
    const out = join(dir, 'layer.json');
    await call({ ...flags, alpha: '1', out });
    const resumed = await call({ ...flags, out, resume: true, json: true });
    expect(JSON.parse(resumed.stdout).cells).toHaveLength(2);
    await expect(call({ ...flags, k: '5' })).rejects.toThrow(/--k/);
    await expect(call({ ...flags, inputs: 'both' })).rejects.toBeInstanceOf(ParameterError);
    await expect(call({ ...flags, teacher: 'pareto' })).rejects.toThrow(/--spikes/);
    await expect(call({ ...flags, spikes: undefined, teacher: 'pareto' })).rejects.toThrow(/--mu/);
  });
  it('refuses to resume a file made with other parameters, and leaves it alone', async () => {
    const dir = tempDir();
    const out = join(dir, 'layer.json');
    await call({ ...flags, alpha: '1', out });
    const before = readFileSync(out, 'utf8');
    const refused = async (changed: CommandContext['options'], message: RegExp) => {
      await expect(call({ ...flags, alpha: '1', ...changed, out, resume: true })).rejects.toThrow(message);
      expect(readFileSync(out, 'utf8')).toBe(before);
    };
    await refused({ seed: '9' }, /invalid --seed: 9 \(--resume needs the parameters the file was made with\); allowed: 3 as in /);
    await refused({ k: '13' }, /invalid --k: .*12 as in/);
    await refused({ n: '41' }, /invalid --n: .*40 as in/);
    await refused({ spikes: '5' }, /invalid --spikes: .*\[5,10\] as in/);
    await refused({ teacher: 'gaussian', spikes: undefined }, /invalid --teacher: .*"spiked" as in/);
    await refused({ equilibration: '61' }, /invalid --equilibration\/--measurement/);
    await refused({ samples: '2' }, /invalid --samples/);
    await refused({ alpha: '2' }, /--alpha\/--tau/);
    // The same parameters on a larger grid still resume.
    expect((await call({ ...flags, out, resume: true })).code).toBe(0);
  });

  it('reads a truncated --resume file as unreadable input (exit 1)', async () => {
    const out = join(tempDir(), 'cut.json');
    writeFileSync(out, '{"a":');
    await expect(call({ ...flags, out, resume: true })).rejects.toBeInstanceOf(FormatError);
    const r = await vsdl('sweep', '--layer', '--spikes', '5,10', '--k', '12', '--n', '40', '--alpha', '1,2', '--tau', '0.5', '--out', out, '--resume');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`cannot read ${out}: not JSON`);
  });

  it('on SIGINT before its first cell says the --out file was not changed (exit 130)', async () => {
    const out = join(tempDir(), 'layer.json');
    const listeners = process.listenerCount('SIGINT');
    // One large cell, so that the signal comes while it runs.
    const running = call({ ...flags, k: '200', n: '400', alpha: '1', equilibration: '4000', out });
    while (process.listenerCount('SIGINT') === listeners) await new Promise((resolve) => setTimeout(resolve, 2));
    process.emit('SIGINT');
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`interrupted; ${out} was not changed`);
    expect(existsSync(out)).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('takes --teacher covariance-pareto --mu as a Gaussian teacher with a power-law input covariance', async () => {
    const { code, stdout } = await call({ ...flags, teacher: 'covariance-pareto', spikes: undefined, mu: '1.5', alpha: '1', json: true });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.teacher).toMatchObject({ ensemble: 'gaussian', mu: null, law: 'gaussian', covariance: { law: 'pareto', mu: 1.5 } });
    expect(doc.cells[0].theory.heavy_tail).toMatchObject({ regime: 'power-law-covariance', predicted_alpha: 1.75 });
    await expect(call({ ...flags, teacher: 'covariance-pareto', spikes: undefined })).rejects.toThrow(/--mu/);
    await expect(call({ ...flags, teacher: 'covariance-pareto', spikes: undefined, mu: '-1' })).rejects.toThrow(/--mu/);
    await expect(call({ ...flags, teacher: 'covariance-pareto', spikes: undefined, mu: '1.5', weights: 'ising' })).rejects.toThrow(/--weights/);
  });
});

describe('vsdl sweep --layer: the size of a grid', () => {
  it('refuses, with its estimate, a grid beyond the time or memory limits unless --yes, before writing anything', async () => {
    const dir = tempDir();
    const out = join(dir, 'big.json');
    // K = N = 4096 over 20×20 cells: about 5.7·10⁴ h on one thread at the assumed rate.
    const slow = await vsdl('sweep', '--layer', '--teacher', 'gaussian', '--k', '4096', '--n', '4096', '--alpha', '0.5:4:20', '--tau', '0.1:1:20', '--out', out);
    expect(slow.code).toBe(2);
    expect(slow.stderr).toMatch(/invalid --alpha × --tau: "about [\d.]+ h" \(400 of 400 cells to run, about .* on one thread .* of data\); allowed: an estimated run time up to 6\.0 h, or pass --yes/);
    expect(existsSync(out)).toBe(false);
    // One cell at α = 1000: its P×N inputs alone are 4·10⁶ × 4096 entries (an engine's array limit, once a crash).
    const large = await vsdl('sweep', '--layer', '--teacher', 'gaussian', '--k', '4096', '--n', '4096', '--alpha', '1000', '--tau', '1', '--samples', '1');
    expect(large.code).toBe(2);
    expect(large.stderr).toMatch(/1 of 1 cells to run, .*250\.1 GiB of data/);
  });
});
