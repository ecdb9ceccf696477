import { chmod, mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParameterError } from '../../core/errors.js';
import { formatSeconds } from '../../core/vsdl/index.js';
import { SOFTWARE } from '../../version.js';
import { writeAtomic } from '../files.js';
import { shellWords } from './flags.js';

/**
 * Slurm array jobs for a sharded grid. Beside the merged file NAME.json go NAME.slurm (the array: task K runs
 * shard K/N into NAME.parts/part-K.json, resuming what a failed or preempted run left), NAME.merge.slurm (vsdl
 * merge of the parts, once every task succeeded) and NAME.submit.sh, which submits the two with an afterok
 * dependency. Paths in the scripts are relative to their folder, where the submit script runs sbatch.
 */

export interface SlurmJob {
  /** The merged file (--out); the scripts and the parts folder go beside it. */
  out: string;
  shards: number;
  /** vsdl's arguments that define the grid: the command and its flags. */
  command: string[];
  /** --slurm-options: sbatch options for every job. */
  options: string;
  /** Estimated seconds of the costliest shard on one core. */
  shardSeconds: number;
  /** One line for the scripts' header: what the grid is. */
  grid: string;
  /**
   * Whether the task command takes --workers (default true): the allocation's CPUs become its worker threads.
   * A command without the flag (the layer sweep, which runs on one thread and refuses it) gets none, and its
   * time is estimated for one core whatever --cpus-per-task says.
   */
  workers?: boolean;
  /**
   * Whether the cells compute on one thread whatever the task's cores (a training grid, which takes --workers for
   * a note only): its time is then estimated for one core, as without workers.
   */
  singleThreaded?: boolean;
}

export interface SlurmFiles {
  array: string;
  merge: string;
  submit: string;
  parts: string;
}

/** How the scripts run vsdl: this Node.js and this install's bin/vsdl.js, unless VSDL names another command. */
function vsdlCommand(): string[] {
  return [process.execPath, fileURLToPath(new URL('../../../bin/vsdl.js', import.meta.url))];
}

/** sbatch options as #SBATCH lines: each option with the words after it, e.g. "--time 4:00:00 -c 4". */
export function sbatchLines(options: string): string[] {
  if (/['"\\\n]/.test(options)) throw new ParameterError('--slurm-options', options, 'sbatch options separated by spaces, without quotes (e.g. --job-name=my-sweep --partition=cpu)');
  const lines: string[] = [];
  for (const word of options.trim().split(/\s+/).filter(Boolean)) {
    if (word.startsWith('-')) lines.push(word);
    else if (lines.length > 0) lines[lines.length - 1] += ` ${word}`;
    else throw new ParameterError('--slurm-options', options, 'sbatch options, each starting with - or --');
  }
  return lines;
}

/**
 * The long sbatch options the scripts read or set, each with the shortest abbreviation sbatch takes for it: sbatch
 * reads its options (the #SBATCH lines too) with getopt_long, which accepts any unambiguous prefix, so --arr=0-3
 * is --array (the prefixes are those of Slurm 22.05, where --a, --o and --ntask are ambiguous).
 */
const LONG_OPTIONS: Record<string, string> = {
  array: 'ar', output: 'ou', wrap: 'wr', dependency: 'dep', parsable: 'pars', ntasks: 'ntasks', 'kill-on-invalid-dep': 'k',
  chdir: 'ch', wait: 'wait', 'test-only': 'te', 'cpus-per-task': 'cpus-per-t', time: 'time',
};
const SHORT_OPTIONS: Record<string, string> = { a: 'array', o: 'output', d: 'dependency', n: 'ntasks', D: 'chdir', W: 'wait', c: 'cpus-per-task', t: 'time' };

/** The option a line of --slurm-options sets, by its full long name, when it is one of LONG_OPTIONS; else null. */
function optionName(line: string): string | null {
  const long = /^--([A-Za-z-]+)/.exec(line);
  if (long) {
    const given = long[1]!;
    return Object.entries(LONG_OPTIONS).find(([name, shortest]) => given.length >= shortest.length && name.startsWith(given))?.[0] ?? null;
  }
  const short = /^-([A-Za-z])/.exec(line);
  return short ? (SHORT_OPTIONS[short[1]!] ?? null) : null;
}

/**
 * The value of an sbatch option among the lines, if given (--name=V, --name V, -x V, -xV; --name abbreviated or
 * not); the last one given, which is the one sbatch keeps.
 */
function optionValue(lines: readonly string[], name: string): string | null {
  let value: string | null = null;
  for (const line of lines) {
    if (optionName(line) !== name) continue;
    const m = /^(?:--[A-Za-z-]+(?:=|\s+)|-[A-Za-z]\s*)(\S+)$/.exec(line);
    if (m) value = m[1]!;
  }
  return value;
}

/**
 * Options the scripts set themselves or that break them, and why. A user's #SBATCH line comes after the script's
 * own and overrides it: --array=0-3 with --slurm 2 would start tasks 2 and 3, which fail on --shard 2/2.
 */
function refusedOptions(name: string): Record<string, string> {
  return {
    array: `the array script sets --array=0-(N−1) from --slurm N; to rerun some tasks: sbatch --array=3,17 ${name}.slurm`,
    output: `the scripts set it: the logs go to ${name}.parts/slurm-*.out`,
    wrap: 'it would replace the commands of the scripts',
    dependency: 'the submit script makes the merge wait for the array (afterok)',
    parsable: "the submit script passes it to read the array's job id",
    ntasks: 'the scripts set --ntasks=1: each task is one vsdl process',
    'kill-on-invalid-dep': 'the merge script sets --kill-on-invalid-dep=yes, so that a failed task cancels the merge',
    chdir: 'the paths in the scripts are relative to their folder, where the submit script runs sbatch',
    wait: `it would hold the submit script at the array job; pass it to the merge's sbatch instead: sh ${name}.submit.sh --wait`,
    'test-only': "the submit script needs the array's job id, which a test-only submission does not give",
  };
}

/** Refuses, naming it and why, an option the scripts set themselves or that breaks them. */
function checkUserOptions(lines: readonly string[], options: string, name: string): void {
  const refused = refusedOptions(name);
  for (const line of lines) {
    const option = optionName(line);
    if (option === null || !Object.hasOwn(refused, option)) continue;
    const given = /^(?:--[A-Za-z-]+|-[A-Za-z])/.exec(line)![0];
    throw new ParameterError(
      '--slurm-options',
      options,
      'sbatch options the scripts do not set themselves, e.g. --partition, --account, --qos, --cpus-per-task, --mem, --time, --job-name',
      `${given === `--${option}` ? given : `${given}, that is --${option}`}: ${refused[option]}`,
    );
  }
}

/** Slurm's D-HH:MM:SS. */
function slurmTime(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;
  return d > 0 ? `${d}-${hm}` : hm;
}

export function slurmPaths(out: string): SlurmFiles & { name: string; dir: string } {
  const dir = dirname(out);
  const name = basename(out, extname(out)) || 'grid';
  return { name, dir, array: join(dir, `${name}.slurm`), merge: join(dir, `${name}.merge.slurm`), submit: join(dir, `${name}.submit.sh`), parts: join(dir, `${name}.parts`) };
}

/** The three scripts' text (pure: the same job gives the same bytes). */
export function slurmScripts(job: SlurmJob, vsdl: readonly string[] = vsdlCommand()): { array: string; merge: string; submit: string } {
  const { name } = slurmPaths(job.out);
  const user = sbatchLines(job.options);
  checkUserOptions(user, job.options, name);
  const givenCpus = optionValue(user, 'cpus-per-task');
  const cpus = Number(givenCpus ?? 1);
  if (!Number.isInteger(cpus) || cpus < 1) throw new ParameterError('--slurm-options', job.options, 'a --cpus-per-task that is an integer ≥ 1');
  const workers = job.workers !== false;
  // Cells that compute on one thread take as long on C cores as on one.
  const cores = workers && job.singleThreaded !== true ? cpus : 1;
  // Twice the estimate plus 10 minutes: the estimate assumes a typical core; a task that runs out of time keeps its cells.
  const estimate = job.shardSeconds / cores;
  const timed = optionValue(user, 'time') !== null;
  const time = timed ? [] : [`--time=${slurmTime(2 * estimate + 600)}`];
  const parts = `${name}.parts`;
  const q = (word: string) => shellWords([word]);
  const sbatch = (lines: string[]) => lines.map((line) => `#SBATCH ${line}`).join('\n');
  const common = ['--ntasks=1', ...(givenCpus === null ? ['--cpus-per-task=1'] : [])];
  const runVsdl = [
    '# vsdl: the install that wrote this script (its Node.js and bin/vsdl.js must be visible on the compute nodes),',
    '# or the command in $VSDL (e.g. VSDL="npx vsdl"); sbatch passes the submitting shell\'s environment on, so',
    '# `module load nodejs` (Node.js ≥ 20.19) before submitting, or here, where the site provides it as a module.',
    `if [ -n "\${VSDL:-}" ]; then read -r -a vsdl <<< "$VSDL"; else vsdl=(${shellWords(vsdl)}); fi`,
  ];
  const array = [
    '#!/bin/bash',
    sbatch([`--job-name=${q(`vsdl-${name}`)}`, `--array=0-${job.shards - 1}`, ...common, ...time, `--output=${parts}/slurm-%A_%a.out`, ...user]),
    '',
    `# ${job.grid}, in ${job.shards} shard${job.shards === 1 ? '' : 's'}: array task K runs the cells of shard K (balanced by estimated cost)`,
    `# and rewrites ${parts}/part-K.json after every cell. Written by ${SOFTWARE.name} ${SOFTWARE.version}.`,
    `# The costliest shard: about ${formatSeconds(estimate)} on ${cores} core${cores === 1 ? '' : 's'}${time.length ? ' (--time is twice that plus 10 minutes)' : ''}.`,
    ...(cores < cpus ? [`# Its cells run on one thread: the ${cpus} cores of --cpus-per-task do not shorten it.`] : []),
    `# A task that fails, runs out of time or is preempted keeps its finished cells: resubmit it`,
    `# (sbatch --array=K ${name}.slurm) and it resumes. Submit everything with: sh ${name}.submit.sh`,
    'set -euo pipefail',
    ...runVsdl,
    `"\${vsdl[@]}" ${shellWords(job.command)} --shard "$SLURM_ARRAY_TASK_ID/${job.shards}" --out "${parts}/part-$SLURM_ARRAY_TASK_ID.json" --resume${workers ? ' --workers "${SLURM_CPUS_PER_TASK:-1}"' : ''}`,
    '',
  ].join('\n');
  const merge = [
    '#!/bin/bash',
    sbatch([`--job-name=${q(`vsdl-${name}-merge`)}`, ...common, ...(timed ? [] : ['--time=00:30:00']), '--kill-on-invalid-dep=yes', `--output=${parts}/slurm-merge-%j.out`, ...user]),
    '',
    `# Merges the parts of ${name}.slurm into ${q(basename(job.out))}: the file a one-machine run writes. It refuses parts of another`,
    '# grid and, when cells are missing, lists them with the commands that compute them (vsdl merge --status tells the same).',
    'set -euo pipefail',
    ...runVsdl,
    `"\${vsdl[@]}" merge --out ${q(basename(job.out))} ${parts}/part-*.json`,
    '',
  ].join('\n');
  const submit = [
    '#!/bin/sh',
    `# Submits ${name}.slurm (${job.shards} shards as one array job), then ${name}.merge.slurm to run once every task succeeded.`,
    `# Arguments go to the merge job's sbatch: \`sh ${name}.submit.sh --wait\` returns when the merge is done, with its exit code.`,
    'set -eu',
    'cd "$(dirname "$0")"',
    `mkdir -p ${parts}`,
    `array=$(sbatch --parsable ${name}.slurm)`,
    'array=${array%%;*}',
    'echo "shards: array job $array"',
    `sbatch --dependency=afterok:"$array" "$@" ${name}.merge.slurm`,
    '',
  ].join('\n');
  return { array, merge, submit };
}

/** Writes the scripts (atomically) and makes the parts folder; returns the paths. */
export async function writeSlurmJob(job: SlurmJob): Promise<SlurmFiles> {
  const paths = slurmPaths(job.out);
  if (!/^[A-Za-z0-9_.+-]+$/.test(paths.name)) {
    throw new ParameterError('--out', job.out, 'with --slurm, a file name of letters, digits and _ . + - (it names the scripts and the parts folder)');
  }
  const text = slurmScripts(job);
  await writeAtomic(paths.array, text.array);
  await writeAtomic(paths.merge, text.merge);
  await writeAtomic(paths.submit, text.submit);
  await chmod(paths.submit, 0o755);
  await mkdir(paths.parts, { recursive: true });
  return paths;
}
