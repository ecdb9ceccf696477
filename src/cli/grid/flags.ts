import { ParameterError } from '../../core/errors.js';
import { MAX_SHARDS, checkShard, shardCells, type Shard } from '../../core/shards/index.js';
import type { CommandContext, OptionSpec } from '../command.js';
import { parseInteger } from '../parse.js';
import type { GridPlan } from './kind.js';

/** The flags that split a grid command into shards or array jobs: --shard, --slurm, --slurm-options. */

export const SHARD_OPTIONS: Record<string, OptionSpec> = {
  shard: { type: 'string', value: 'K/N', description: 'run only shard K of N (0 ≤ K < N, e.g. $SLURM_ARRAY_TASK_ID/8) and write it as a part to --out' },
  slurm: { type: 'string', value: 'N', description: 'do not run: write a Slurm array job of N shards, its merge job and a submit script beside --out' },
  'slurm-options': { type: 'string', value: '"…"', dashValue: true, description: 'with --slurm: sbatch options for every job, e.g. "--partition=cpu --time=4:00:00 --cpus-per-task=4"; those the scripts set or that break them (--array, --output, --ntasks, --dependency, --parsable, --wrap, --chdir, …) are refused' },
};

export function parseShard(text: string | boolean | undefined): Shard {
  const allowed = 'K/N with integers 0 ≤ K < N, e.g. 3/8 or $SLURM_ARRAY_TASK_ID/8';
  const parts = typeof text === 'string' ? text.split('/') : [];
  if (parts.length !== 2) throw new ParameterError('--shard', text ?? 'missing', allowed);
  const [index, count] = parts.map((part) => shardNumber(text as string, part, allowed)) as [number, number];
  if (count < 1 || count > MAX_SHARDS || index >= count) throw new ParameterError('--shard', text, `${allowed}, N ≤ ${MAX_SHARDS}`);
  return checkShard(index, count);
}

/**
 * K or N of --shard, read by the rule of every integer flag (parseInteger: '01', '+1', '1.0' and '1e0' are refused,
 * not read as 1), and refused naming the whole K/N value.
 */
function shardNumber(text: string, part: string, allowed: string): number {
  try {
    return parseInteger('shard', part, 0);
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    const trimmed = part.trim();
    // What parseInteger explains for a number that is not written as plain digits; other text ('x', '') is just not K/N.
    const looksLikeInteger = trimmed !== '' && Number.isSafeInteger(Number(trimmed));
    throw new ParameterError('--shard', text, allowed, looksLikeInteger ? 'K and N are plain digits: no sign, leading zero, point or exponent' : undefined);
  }
}

export function parseShardCount(text: string | boolean | undefined): number {
  const count = parseInteger('slurm', typeof text === 'string' ? text : undefined, 1);
  if (count > MAX_SHARDS) throw new ParameterError('--slurm', text, `a number of shards in [1, ${MAX_SHARDS}]`);
  return count;
}

/** The keys of one shard's cells, in grid order. */
export function shardKeys(plan: GridPlan, shard: Shard): string[] {
  return shardCells(plan.costs, shard).map((i) => plan.keys[i]!);
}

/**
 * The flags the user gave, as arguments that give them again (for the commands written into part files and
 * Slurm scripts), less those named in `leaveOut` (where the output goes, how many threads, the shard).
 */
export function givenFlags(options: CommandContext['options'], leaveOut: readonly string[]): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || value === false || leaveOut.includes(name)) continue;
    if (value === true) args.push(`--${name}`);
    else if (value.startsWith('-')) args.push(`--${name}=${value}`);
    else args.push(`--${name}`, value);
  }
  return args;
}

/** Flags that never belong to the command a shard or a resume repeats. */
export const PER_RUN_FLAGS = ['out', 'resume', 'shard', 'slurm', 'slurm-options', 'workers', 'json', 'help', 'csv', 'npy-dir'] as const;

/** Words for a POSIX shell: left alone when safe, else in single quotes. */
export function shellWords(args: readonly string[]): string {
  return args.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
