import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sbatchLines, slurmScripts } from '../../../src/cli/grid/slurm.js';
import { tempDir, vsdl } from '../harness.js';

/** The scripts `vsdl sweep --slurm N` writes (slurmCluster.test.ts submits them to a real cluster). */

const exec = promisify(execFile);
const sweep = ['sweep', '--weights', 'spherical', '--alpha', '0.5:2:4', '--tau', '0.5', '--n', '100', '--samples', '4', '--seed', '5'];

describe('vsdl sweep --slurm', () => {
  it('writes an array job, a merge job that waits for it and a submit script, all valid shell', async () => {
    const dir = tempDir();
    const out = join(dir, 'phase.json');
    const r = await vsdl(...sweep, '--workers', '3', '--out', out, '--slurm', '3', '--slurm-options', '--partition=cpu --account lab -c 4');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/3 array tasks over 4 cells/);
    expect(r.stdout).toContain(`sh ${join(dir, 'phase.submit.sh')}`);
    const array = readFileSync(join(dir, 'phase.slurm'), 'utf8');
    const merge = readFileSync(join(dir, 'phase.merge.slurm'), 'utf8');
    const submit = readFileSync(join(dir, 'phase.submit.sh'), 'utf8');
    expect(existsSync(join(dir, 'phase.parts'))).toBe(true); // Slurm writes the task logs there
    expect(statSync(join(dir, 'phase.submit.sh')).mode & 0o111).not.toBe(0);

    const directives = (text: string) => text.split('\n').filter((l) => l.startsWith('#SBATCH ')).map((l) => l.slice(8));
    expect(directives(array)).toEqual(['--job-name=vsdl-phase', '--array=0-2', '--ntasks=1', expect.stringMatching(/^--time=00:1\d:00$/),
      '--output=phase.parts/slurm-%A_%a.out', '--partition=cpu', '--account lab', '-c 4']);
    // The shard command repeats the user's flags, less --workers and --out; threads come from the allocation.
    expect(array).toContain(`sweep ${sweep.slice(1).join(' ')} --shard "$SLURM_ARRAY_TASK_ID/3" --out "phase.parts/part-$SLURM_ARRAY_TASK_ID.json" --resume --workers "\${SLURM_CPUS_PER_TASK:-1}"`);
    expect(directives(merge)).toEqual(['--job-name=vsdl-phase-merge', '--ntasks=1', '--time=00:30:00', '--kill-on-invalid-dep=yes',
      '--output=phase.parts/slurm-merge-%j.out', '--partition=cpu', '--account lab', '-c 4']);
    expect(merge).toContain('merge --out phase.json phase.parts/part-*.json');
    expect(submit).toContain('array=$(sbatch --parsable phase.slurm)');
    expect(submit).toContain('sbatch --dependency=afterok:"$array" "$@" phase.merge.slurm');
    for (const [text, shell] of [[array, 'bash'], [merge, 'bash'], [submit, 'sh']] as const) await exec(shell, ['-n', '-c', text]); // syntax only
  });

  it('writes a layer sweep task that runs as written: without --workers, which the layer sweep refuses', async () => {
    const dir = tempDir();
    const layer = ['sweep', '--layer', '--teacher', 'spiked', '--spikes', '5', '--k', '12', '--n', '40', '--alpha', '0.5,1,2', '--tau', '0.5',
      '--equilibration', '20', '--measurement', '20'];
    const r = await vsdl(...layer, '--out', join(dir, 'l.json'), '--slurm', '2', '--slurm-options', '-c 4');
    expect(r.code, r.stderr).toBe(0);
    const array = readFileSync(join(dir, 'l.slurm'), 'utf8');
    expect(array).toContain(`sweep ${layer.slice(1).join(' ')} --shard "$SLURM_ARRAY_TASK_ID/2" --out "l.parts/part-$SLURM_ARRAY_TASK_ID.json" --resume\n`);
    expect(array).not.toContain('--workers');
    // It runs on one thread whatever the allocation: its time is estimated for one core.
    expect(array).toMatch(/The costliest shard: about .* on 1 core /);
    // Task 0 as Slurm would start it, here (the script's vsdl is this checkout's bin/vsdl.js, which runs dist/).
    await exec('bash', [join(dir, 'l.slurm')], { cwd: dir, env: { ...process.env, SLURM_ARRAY_TASK_ID: '0' } });
    const part = JSON.parse(readFileSync(join(dir, 'l.parts', 'part-0.json'), 'utf8'));
    expect(part).toMatchObject({ shard: { index: 0, count: 2 }, model: 'vsdl-layer', status: 'complete' });
    expect(part.cells.length).toBe(part.shard.cells);
  });

  it("sets --time from the costliest shard's estimate, per core, unless the options give one", () => {
    const job = { out: 'g.json', shards: 2, command: ['sweep'], options: '', shardSeconds: 3600, grid: 'g' };
    const time = (options: string) => slurmScripts({ ...job, options }, ['node', 'vsdl.js']).array.match(/--time=(\S+)/)?.[1];
    expect(time('')).toBe('02:10:00'); // twice 1 h + 10 min
    expect(time('--cpus-per-task=4')).toBe('00:40:00'); // twice 15 min + 10 min
    expect(time('--time=1-00:00:00')).toBe('1-00:00:00');
    expect(slurmScripts({ ...job, shardSeconds: 30 * 3600 }, ['node', 'vsdl.js']).array).toContain('--time=2-12:10:00');
  });

  it('refuses what it cannot write', async () => {
    expect(() => sbatchLines('--comment="two words"')).toThrow(/without quotes/);
    expect(() => sbatchLines('partition=cpu')).toThrow(/each starting with -/);
    const dir = tempDir();
    const bad = async (args: string[], message: RegExp) => {
      const r = await vsdl(...sweep, ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    };
    await bad(['--slurm', '3'], /--out FILE/);
    await bad(['--slurm', '0', '--out', join(dir, 'a.json')], /--slurm/);
    await bad(['--slurm', '3', '--out', join(dir, 'a.json'), '--shard', '0/3'], /--shard.*not with --slurm/);
    await bad(['--slurm', '3', '--out', join(dir, 'a b.json')], /file name of letters/);
    await bad(['--slurm', '2', '--out', join(dir, 'a.json'), '--slurm-options', '--cpus-per-task=x'], /--cpus-per-task/);
  });
});
