import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { tempDir, vsdl } from '../harness.js';

/**
 * The Kubernetes example (docs/kubernetes): an Indexed Job whose pods run the shards of a sweep and a Job that
 * merges them, on a shared volume. Checked offline against what batch/v1 requires of them (the API server's
 * validation of a Job with completionMode Indexed) and against the --shard contract of vsdl sweep.
 */

const folder = new URL('../../../docs/kubernetes/', import.meta.url);
type Obj = Record<string, unknown>;
const load = (name: string): Obj[] => parseAllDocuments(readFileSync(new URL(name, folder), 'utf8')).map((d) => {
  expect(d.errors).toEqual([]);
  return d.toJSON() as Obj;
});

const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);
const dnsLabel = (x: unknown) => typeof x === 'string' && x.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(x);
const nonNegativeInt = (x: unknown) => Number.isInteger(x) && (x as number) >= 0;

/** What the API server would refuse in a batch/v1 Job (the fields this example uses), as a list of problems. */
function jobProblems(job: Obj): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  need(job.apiVersion === 'batch/v1' && job.kind === 'Job', 'apiVersion batch/v1, kind Job');
  const meta = job.metadata as Obj | undefined;
  need(isObj(meta) && dnsLabel(meta.name), 'metadata.name: a DNS-1123 label (Indexed Jobs put it in pod hostnames)');
  const spec = job.spec as Obj | undefined;
  if (!isObj(spec)) return [...problems, 'spec'];
  for (const field of ['completions', 'parallelism', 'backoffLimit'] as const) need(spec[field] === undefined || nonNegativeInt(spec[field]), `spec.${field}: an integer ≥ 0`);
  need(spec.completionMode === undefined || spec.completionMode === 'Indexed' || spec.completionMode === 'NonIndexed', 'spec.completionMode: Indexed or NonIndexed');
  if (spec.completionMode === 'Indexed') need(Number.isInteger(spec.completions) && (spec.completions as number) >= 1, 'spec.completions: required (≥ 1) with completionMode Indexed');
  const pod = (spec.template as Obj | undefined)?.spec as Obj | undefined;
  if (!isObj(pod)) return [...problems, 'spec.template.spec'];
  need(pod.restartPolicy === 'Never' || pod.restartPolicy === 'OnFailure', 'spec.template.spec.restartPolicy: Never or OnFailure');
  const volumes = new Set(((pod.volumes as Obj[] | undefined) ?? []).map((v) => v.name));
  const containers = pod.containers as Obj[] | undefined;
  need(Array.isArray(containers) && containers.length > 0, 'spec.template.spec.containers: at least one');
  for (const [i, c] of (containers ?? []).entries()) {
    need(dnsLabel(c.name), `containers[${i}].name: a DNS-1123 label`);
    need(typeof c.image === 'string' && c.image.length > 0, `containers[${i}].image`);
    for (const field of ['command', 'args']) need(c[field] === undefined || (Array.isArray(c[field]) && (c[field] as unknown[]).every((a) => typeof a === 'string')), `containers[${i}].${field}: strings`);
    for (const m of (c.volumeMounts as Obj[] | undefined) ?? []) need(volumes.has(m.name) && typeof m.mountPath === 'string', `containers[${i}].volumeMounts: ${String(m.name)} is a volume with a mountPath`);
  }
  return problems;
}

/** The vsdl command line of a container, with the shell's line folding undone. */
const script = (job: Obj) => {
  const c = ((job.spec as Obj).template as Obj).spec as Obj;
  return ((c.containers as Obj[])[0]!.args as string[]).join(' ');
};

describe('docs/kubernetes: the Indexed Job of shards and the merge Job', () => {
  const [sweep] = load('sweep-job.yaml');
  const [merge] = load('merge-job.yaml');
  const [claim] = load('results-volume.yaml');

  it('are Jobs that batch/v1 accepts, on a ReadWriteMany claim they share', () => {
    expect(jobProblems(sweep!)).toEqual([]);
    expect(jobProblems(merge!)).toEqual([]);
    expect(claim).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { accessModes: ['ReadWriteMany'] } });
    const claimOf = (job: Obj) => ((((job.spec as Obj).template as Obj).spec as Obj).volumes as Obj[])[0]!.persistentVolumeClaim;
    expect(claimOf(sweep!)).toEqual({ claimName: (claim!.metadata as Obj).name });
    expect(claimOf(merge!)).toEqual(claimOf(sweep!));
  });

  it('the check refuses what the API server refuses', () => {
    const broken = (edit: (job: Obj) => void) => {
      const job = structuredClone(sweep!);
      edit(job);
      return jobProblems(job);
    };
    const spec = (job: Obj) => job.spec as Obj;
    const pod = (job: Obj) => (spec(job).template as Obj).spec as Obj;
    expect(broken((j) => delete spec(j).completions)).toEqual(['spec.completions: required (≥ 1) with completionMode Indexed']);
    expect(broken((j) => (pod(j).restartPolicy = 'Always'))).toHaveLength(1);
    expect(broken((j) => (pod(j).volumes = []))).toHaveLength(1);
    expect(broken((j) => ((j.metadata as Obj).name = 'Vsdl_Sweep'))).toHaveLength(1);
  });

  it('runs shard $JOB_COMPLETION_INDEX of spec.completions with vsdl sweep flags that plan, and merges those parts', async () => {
    const command = script(sweep!);
    const n = (sweep!.spec as Obj).completions;
    expect(command).toContain(`--shard "$JOB_COMPLETION_INDEX/${n}"`);
    expect(command).toContain('--out "/results/sweep.parts/part-$JOB_COMPLETION_INDEX.json" --resume');
    expect(script(merge!)).toBe('exec vsdl merge --out /results/sweep.json /results/sweep.parts/part-*.json');
    // The sweep's own flags are valid: planned (with --slurm, which writes scripts instead of running) they pass.
    const flags = command.slice(command.indexOf('vsdl sweep') + 'vsdl sweep'.length, command.indexOf('--shard')).trim().split(/\s+/);
    const dir = tempDir();
    const r = await vsdl('sweep', ...flags, '--slurm', String(n), '--out', join(dir, 'check.json'), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ shards: n, cells: 32 * 32 });
  });
});
