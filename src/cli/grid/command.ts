import { ParameterError } from '../../core/errors.js';
import { assignShards, type Shard } from '../../core/shards/index.js';
import { formatSeconds } from '../../core/vsdl/index.js';
import { jsonText } from '../../io/index.js';
import type { CommandContext } from '../command.js';
import { PER_RUN_FLAGS, givenFlags, parseShard, parseShardCount, shardKeys } from './flags.js';
import type { GridPlan } from './kind.js';
import { partDocument } from './parts.js';
import { slurmPaths, writeSlurmJob } from './slurm.js';

/** What a grid command does with --shard and --slurm; the command keeps running its own cells. */

export interface GridShard {
  shard: Shard | null;
  /** Keys of the shard's cells (undefined: the whole grid). */
  only: string[] | undefined;
  /** The document to write: a part (with its shard field first) under --shard, else the document itself. */
  wrap<D extends object>(document: D): D;
  /** For messages: ' of shard K/N', or ''. */
  label: string;
}

/** Reads --shard (which needs --out: the part file) and picks the shard's cells from the plan. */
export function gridShard(ctx: CommandContext, command: string, plan: GridPlan): GridShard {
  const o = ctx.options;
  if (o['slurm-options'] !== undefined) throw new ParameterError('--slurm-options', o['slurm-options'], 'only with --slurm N');
  if (o.shard === undefined) return { shard: null, only: undefined, wrap: (d) => d, label: '' };
  const shard = parseShard(o.shard);
  if (typeof o.out !== 'string') throw new ParameterError('--shard', o.shard, 'used together with --out PART.json (where the shard is written)');
  for (const flag of ['csv', 'npy-dir']) {
    if (o[flag] !== undefined) throw new ParameterError(`--${flag}`, o[flag], 'no file of a shard: merge the parts (vsdl merge), then write it from the merged file with --resume');
  }
  const only = shardKeys(plan, shard);
  const info = { index: shard.index, count: shard.count, cells: only.length, command: [command, ...givenFlags(o, PER_RUN_FLAGS)] };
  return { shard, only, wrap: (d) => partDocument(info, d), label: ` of shard ${shard.index}/${shard.count}` };
}

/** The estimated seconds of each shard on one core, from the plan's costs. */
export function shardSeconds(plan: GridPlan, count: number): number[] {
  const seconds = new Array<number>(count).fill(0);
  assignShards(plan.costs, count).forEach((s, cell) => (seconds[s]! += plan.costs[cell]! * plan.secondsPerCost));
  return seconds;
}

/** --slurm N: writes the array job, the merge job and the submit script instead of running. */
export async function writeSlurmCommand(
  ctx: CommandContext,
  command: string,
  plan: GridPlan,
  grid: string,
  /** Refuses a shard too large to run (the command's own size check), given the costliest shard's cell positions. */
  checkShard: (cells: number[]) => void = () => {},
  /** Whether the task command takes --workers, and whether its cells run on one thread anyway (see SlurmJob). */
  { workers = true, singleThreaded = false }: { workers?: boolean; singleThreaded?: boolean } = {},
): Promise<number> {
  const o = ctx.options;
  const shards = parseShardCount(o.slurm);
  if (typeof o.out !== 'string' || o.out === '') throw new ParameterError('--slurm', o.slurm, 'used together with --out FILE (the merged file; the scripts go beside it)');
  for (const flag of ['shard', 'resume', 'csv', 'npy-dir']) {
    if (o[flag] !== undefined) throw new ParameterError(`--${flag}`, o[flag], 'not with --slurm (the scripts run the shards, resume them and merge them)');
  }
  const perShard = shardSeconds(plan, shards);
  const seconds = Math.max(...perShard);
  const costliest = perShard.indexOf(seconds);
  const shardOf = assignShards(plan.costs, shards);
  checkShard(plan.keys.flatMap((_, i) => (shardOf[i] === costliest ? [i] : [])));
  const options = o['slurm-options'] === undefined ? '' : String(o['slurm-options']);
  const files = await writeSlurmJob({ out: o.out, shards, command: [command, ...givenFlags(o, PER_RUN_FLAGS)], options, shardSeconds: seconds, grid, workers, singleThreaded });
  const { dir } = slurmPaths(o.out);
  const report = {
    shards,
    cells: plan.keys.length,
    shard_seconds: seconds,
    scripts: { array: files.array, merge: files.merge, submit: files.submit },
    parts: files.parts,
    out: o.out,
    submit: `sh ${files.submit}`,
  };
  if (o.json === true) {
    ctx.stdout(jsonText(report) + '\n');
    return 0;
  }
  ctx.stdout(
    `wrote ${files.array} (${shards} array task${shards === 1 ? '' : 's'} over ${plan.keys.length} cells; the costliest shard about ${formatSeconds(seconds)} on one core),\n` +
      `      ${files.merge} (merges ${files.parts}/part-*.json into ${o.out}) and ${files.submit}\n` +
      `submit with: sh ${files.submit}${dir === '.' ? '' : '   (it runs sbatch in ' + dir + ')'}\n` +
      `follow with: vsdl merge --status ${files.parts}/part-*.json\n`,
  );
  return 0;
}
