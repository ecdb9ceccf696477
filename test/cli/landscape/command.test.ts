import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawInstance, resolveLandscape } from '../../../src/core/landscape/index.js';
import { readNpy } from '../../../src/io/index.js';
import { tempDir, vsdl } from '../harness.js';

describe('vsdl landscape', () => {
  it('prints the contract as JSON, energies per spin', async () => {
    const { code, stdout, stderr } = await vsdl('landscape', '--couplings', 'pareto', '--mu', '1.5', '--n', '14', '--instances', '2', '--quenches', '30', '--seed', '3', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ couplings: 'pareto', mu: 1.5, planted: 0, n: 14, method: 'enumerate', seed: 3, quenches: 30, rule: 'greedy' });
    expect(out.instances).toHaveLength(2);
    for (const r of out.instances) {
      expect(r.ground_state_exact).toBe(true);
      expect(r.minima_energies).toHaveLength(30);
      expect(r.minima_overlaps).toHaveLength(30);
      expect(Math.min(...r.minima_energies)).toBeGreaterThanOrEqual(r.ground_state_energy - 1e-12);
      expect(r.fraction_at_ground_state).toBeGreaterThanOrEqual(0);
    }
    expect(out.summary.instances).toBe(2);
    expect(out.summary.gap.mean).toBeGreaterThan(0);
    expect(out.versions.software.name).toBe('vsdl-lab');
  });

  it('writes the couplings as float64 .npy, N×N for one instance and K×N×N for several, with a sidecar', async () => {
    const dir = tempDir();
    for (const k of [1, 3]) {
      const file = join(dir, `J${k}.npy`);
      const { code, stdout } = await vsdl('landscape', '--couplings', 'gaussian', '--planted', '0.5', '--n', '10', '--instances', String(k), '--quenches', '5', '--seed', 's', '--save-couplings', file);
      expect(code).toBe(0);
      expect(stdout).toContain(`couplings written to ${file}`);
      const npy = readNpy(new Uint8Array(readFileSync(file)));
      expect(npy.dtype).toBe('<f8');
      expect(npy.shape).toEqual(k === 1 ? [10, 10] : [k, 10, 10]);
      const p = resolveLandscape({ couplings: 'gaussian', planted: 0.5, n: 10, seed: 's', method: 'enumerate' });
      const data = npy.data as Float64Array;
      for (let i = 0; i < k; i++) expect(Array.from(data.slice(i * 100, (i + 1) * 100))).toEqual(Array.from(drawInstance(p, i).J));
      const sidecar = JSON.parse(readFileSync(join(dir, `J${k}.json`), 'utf8'));
      expect(sidecar).toMatchObject({ couplings: 'gaussian', planted: 0.5, n: 10, instances: k, seed: 's' });
      expect(sidecar.planted_patterns).toHaveLength(k);
    }
  });

  it('records the size and SHA-256 of J.npy in J.json, so that vsdl esd ignores J.json beside other bytes', async () => {
    const dir = tempDir();
    const file = join(dir, 'J.npy');
    const { code } = await vsdl('landscape', '--couplings', 'gaussian', '--n', '12', '--quenches', '5', '--seed', '1', '--save-couplings', file);
    expect(code).toBe(0);
    const bytes = readFileSync(file);
    const sidecar = JSON.parse(readFileSync(join(dir, 'J.json'), 'utf8'));
    expect(sidecar.matrix_file).toEqual({ name: 'J.npy', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const same = await vsdl('esd', file, '--json');
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).truth).toMatchObject({ couplings: 'gaussian', n: 12 });
    // Another 12×12 matrix in J.npy's place: J.json describes other bytes and is not used.
    expect((await vsdl('generate', '--ensemble', 'gaussian', '--n', '12', '--m', '12', '--seed', '3', '--out', join(dir, 'X.npy'))).code).toBe(0);
    copyFileSync(join(dir, 'X.npy'), file);
    const other = await vsdl('esd', file, '--json');
    expect(other.code, other.stderr).toBe(0);
    expect(other.stderr).toMatch(/ignoring .*J\.json: it describes another matrix file/);
    expect(JSON.parse(other.stdout).truth ?? null).toBe(null);
  });

  it('uses tempering beyond N = 32 and says it is a best found', async () => {
    const { code, stdout } = await vsdl('landscape', '--couplings', 'gaussian', '--n', '40', '--quenches', '20', '--sweeps', '100', '--replicas', '8', '--seed', '1', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.method).toBe('tempering');
    expect(out.tempering).toEqual({ replicas: 8, sweeps: 100, t_min: 0.1, t_max: 2 });
    expect(out.instances[0].ground_state_exact).toBe(false);
    expect(typeof out.instances[0].tempering_runs_agree).toBe('boolean');
  });

  it('refuses bad input with exit code 2 and a message naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [['--couplings', 'cauchy', '--n', '10', '--seed', '1'], /--couplings.*gaussian or pareto or student-t or stable/],
      [['--couplings', 'stable', '--mu', '3', '--n', '10', '--seed', '1'], /--mu: 3.*\[0.5, 2\]/],
      [['--couplings', 'student-t', '--n', '10', '--seed', '1'], /--mu.*required by student-t/],
      [['--couplings', 'gaussian', '--planted', '-1', '--n', '10', '--seed', '1'], /--planted: -1; allowed: a strength 0 ≤ λ ≤ 1e300/],
      // λ = 1e308 made the ground-state energy −Infinity.
      [['--couplings', 'gaussian', '--planted', '1e308', '--n', '12', '--seed', '1'], /^vsdl landscape: invalid --planted: 1e\+308 \(the energies of its configurations would exceed float64\); allowed: a strength 0 ≤ λ ≤ 1e300 \(J \+ \(λ\/N\)ξξᵀ\)$/m],
      [['--couplings', 'gaussian', '--n', '10', '--quenches', '0', '--seed', '1'], /--quenches/],
      [['--couplings', 'gaussian', '--n', '10', '--instances', '0', '--seed', '1'], /--instances/],
      [['--couplings', 'gaussian', '--n', '10'], /--seed/],
      [['--couplings', 'gaussian', '--n', '50', '--method', 'enumerate', '--seed', '1'], /--n: 50.*N ≤ 48 for exact enumeration/],
      [['--couplings', 'gaussian', '--n', '40', '--method', 'enumerate', '--seed', '1'], /--n: 40 \(.*configurations.*pass --yes/],
      [['--couplings', 'gaussian', '--n', '10', '--method', 'exact', '--seed', '1'], /--method.*enumerate or quench or tempering/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr, stdout } = await vsdl('landscape', ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(stdout).toBe('');
    }
  });

  it('refuses a seed that reads as a number but is not a plain integer, and trims " 7" to 7', async () => {
    const run = (seed: string) => vsdl('landscape', '--couplings', 'gaussian', '--n', '8', '--quenches', '3', '--seed', seed, '--json');
    for (const seed of ['01', '1e0']) {
      const { code, stderr } = await run(seed);
      expect(code, seed).toBe(2);
      expect(stderr).toMatch(/invalid --seed/);
    }
    expect((await run(' 7')).stdout).toBe((await run('7')).stdout);
  });

  it('checks where the couplings will go before running', async () => {
    const dir = tempDir();
    for (const [path, why] of [[join(dir, 'missing', 'J.npy'), /folder does not exist/], [dir, /it is a folder/]] as const) {
      const { code, stderr } = await vsdl('landscape', '--couplings', 'gaussian', '--n', '10', '--seed', '1', '--save-couplings', path);
      expect(code).toBe(2);
      expect(stderr).toMatch(/--save-couplings/);
      expect(stderr).toMatch(why);
    }
  });

  it('does not write the couplings file when the run is refused', async () => {
    const file = join(tempDir(), 'J.npy');
    const { code } = await vsdl('landscape', '--couplings', 'gaussian', '--n', '40', '--method', 'enumerate', '--seed', '1', '--save-couplings', file);
    expect(code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });
});
