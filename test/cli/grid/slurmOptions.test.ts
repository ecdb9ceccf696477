import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slurmScripts } from '../../../src/cli/grid/slurm.js';
import { tempDir, vsdl } from '../harness.js';

/** What --slurm-options may set in the scripts, and the --time a training grid's tasks ask for. */

const VSDL = ['node', 'vsdl.js'];
const job = { out: 'g.json', shards: 2, command: ['train-grid'], options: '', shardSeconds: 3600, grid: 'g' };
const grid = ['train-grid', '--data', 'teacher', '--train-size', '200', '--test-size', '100', '--epochs', '1', '--batch-size', '20,100', '--seed', '9'];
const directives = (text: string) => text.split('\n').filter((l) => l.startsWith('#SBATCH ')).map((l) => l.slice(8));

describe('--slurm-options', () => {
  it.each([
    ['--array=0-3', '--array', /sets --array=0-\(N−1\) from --slurm N/],
    ['-a 0-3', '-a, that is --array', /--array/],
    ['--arr=0-3', '--arr, that is --array', /--array/], // sbatch takes any unambiguous abbreviation
    ['--output=foo', '--output', /the logs go to g\.parts\/slurm-\*\.out/],
    ['-o foo', '-o, that is --output', /logs/],
    ['--wrap=ls', '--wrap', /replace the commands/],
    ['--dependency=afterok:1', '--dependency', /afterok/],
    ['-d afterok:1', '-d, that is --dependency', /afterok/],
    ['--parsable', '--parsable', /job id/],
    ['--ntasks=4', '--ntasks', /--ntasks=1/],
    ['-n 4', '-n, that is --ntasks', /--ntasks=1/],
    ['--kill-on-invalid-dep=no', '--kill-on-invalid-dep', /cancels the merge/],
    ['--chdir=/tmp', '--chdir', /relative to their folder/],
    ['-D /tmp', '-D, that is --chdir', /relative/],
    ['--wait', '--wait', /sh g\.submit\.sh --wait/],
    ['--test-only', '--test-only', /job id/],
  ])('refuses %j, which the scripts set or which breaks them', (options, named, why) => {
    let message = '';
    try {
      slurmScripts({ ...job, options: `--partition=cpu ${options}` }, VSDL);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^invalid --slurm-options: /);
    expect(message).toContain(`(${named}: `);
    expect(message).toMatch(why);
  });

  it('keeps the options the README shows, and options whose names only begin like refused ones', () => {
    const options = '--partition=cpu --account lab --qos=normal --mem=4G --time=4:00:00 --job-name=mine -c 4 --error=err.txt ' +
      '--ntasks-per-node=1 --time-min=30 --wait-all-nodes=1 --open-mode=append --mem-per-cpu=1G';
    const { array, merge } = slurmScripts({ ...job, options }, VSDL);
    for (const text of [array, merge]) expect(directives(text).slice(-13)).toEqual(options.split(/ (?=-)/));
  });

  it('reads --cpus-per-task abbreviated, and the last one given, as sbatch does', () => {
    const sweep = { ...job, command: ['sweep'] };
    const time = (options: string) => directives(slurmScripts({ ...sweep, options }, VSDL).array).find((l) => l.startsWith('--time='));
    expect(time('--cpus-per-t=4')).toBe('--time=00:40:00'); // twice 15 min + 10 min
    expect(time('-c 2 --cpus-per-task=4')).toBe('--time=00:40:00');
    expect(directives(slurmScripts({ ...sweep, options: '--cpus-per-t=4' }, VSDL).array)).not.toContain('--cpus-per-task=1');
  });

  it('is refused through the command with exit 2 and nothing written', async () => {
    const dir = tempDir();
    const r = await vsdl(...grid, '--out', join(dir, 'g.json'), '--slurm', '2', '--slurm-options', '--array=0-3');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --slurm-options: "--array=0-3" \(--array: /);
    expect(existsSync(join(dir, 'g.slurm'))).toBe(false);
  });
});

describe('vsdl train-grid --slurm', () => {
  it('asks for the one-core estimate whatever --cpus-per-task: cells train on one thread', () => {
    const script = slurmScripts({ ...job, options: '--cpus-per-task=8', singleThreaded: true }, VSDL).array;
    expect(directives(script)).toContain('--time=02:10:00'); // twice 1 h + 10 min, not twice 7.5 min + 10 min
    expect(script).toContain('# The costliest shard: about 60.0 min on 1 core (--time is twice that plus 10 minutes).');
    expect(script).toContain('# Its cells run on one thread: the 8 cores of --cpus-per-task do not shorten it.');
    // The task still gets --workers, which train-grid takes (for a note only).
    expect(script).toContain('--workers "${SLURM_CPUS_PER_TASK:-1}"');
  });

  it('writes that --time from the command', async () => {
    // The batch-size experiment: about 23 minutes on one core, which 8 cores do not shorten (only planned here).
    const dir = tempDir();
    const bs = ['train-grid', '--model', 'minialexnet', '--data', 'mnist', '--train-size', '4000', '--test-size', '2000',
      '--batch-size', '2,4,8,16,32,64,128,256,512,1024', '--epochs', '8'];
    const r = await vsdl(...bs, '--out', join(dir, 'bs8.json'), '--slurm', '1', '--slurm-options', '--cpus-per-task=8', '--json');
    expect(r.code, r.stderr).toBe(0);
    const seconds = JSON.parse(r.stdout).shard_seconds as number;
    expect(seconds).toBeGreaterThan(600);
    const minutes = Math.ceil((2 * seconds + 600) / 60);
    const array = readFileSync(join(dir, 'bs8.slurm'), 'utf8');
    expect(directives(array)).toContain(`--time=${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`);
    expect(array).toContain(`# The costliest shard: about ${(seconds / 60).toFixed(1)} min on 1 core (--time is twice that plus 10 minutes).`);
  });
});
