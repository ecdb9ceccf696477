import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesNaming, slurmUnavailable, startSlurm, type SlurmCluster } from '../../helpers/slurm.js';
import { tempDir, vsdl } from '../harness.js';

/**
 * The Slurm scripts of `vsdl sweep --slurm` on a real, single-node Slurm cluster (Debian's slurm-wlm and munge,
 * started here on loopback ports): the array job and its dependent merge must produce the bytes a one-machine
 * run writes. The jobs run the built CLI (bin/vsdl.js → dist/), as a cluster would.
 */

const exec = promisify(execFile);
const unavailable = slurmUnavailable() ?? (existsSync(new URL('../../../dist/cli/main.js', import.meta.url)) ? null : 'dist/ is not built (npm run build)');
const sweep = ['sweep', '--weights', 'ising', '--alpha', '0.5,1,1.5', '--tau', '0.5,1', '--n', '20', '--samples', '2',
  '--seed', 'cluster', '--equilibration', '10', '--measurement', '20'];

describe.skipIf(unavailable !== null)(`vsdl sweep --slurm on a one-node Slurm cluster${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: SlurmCluster | null = null;
  const dir = tempDir();

  beforeAll(async () => {
    cluster = await startSlurm(join(dir, 'cluster'));
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
    expect(processesNaming(join(dir, 'cluster'))).toEqual([]); // no daemon outlives the test
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs 4 shards as an array job and merges them after it (afterok) into the one-machine file', async () => {
    const whole = join(dir, 'whole.json');
    expect((await vsdl(...sweep, '--workers', '1', '--out', whole)).code).toBe(0);
    mkdirSync(join(dir, 'job'));
    const out = join(dir, 'job', 'diagram.json');
    const made = await vsdl(...sweep, '--out', out, '--slurm', '4', '--slurm-options', '--job-name=vsdl-ci --time=00:05:00', '--json');
    expect(made.code, made.stderr).toBe(0);
    const { scripts } = JSON.parse(made.stdout);
    const submitted = await exec('sh', [scripts.submit, '--wait'], { env: cluster!.env, timeout: 120_000 }).catch((error) => error);
    const logs = join(dir, 'job', 'diagram.parts');
    expect(submitted.code ?? 0, `${submitted.stderr ?? ''}\n${existsSync(logs) ? logs : ''}`).toBe(0);
    expect(readFileSync(out).equals(readFileSync(whole))).toBe(true);

    const status = await vsdl('merge', '--status', '--json', ...[0, 1, 2, 3].map((k) => join(logs, `part-${k}.json`)));
    expect(JSON.parse(status.stdout)).toMatchObject({ shards: 4, cells: 6, done: 6, complete: true, missing_shards: [] });
  }, 150_000);
});
