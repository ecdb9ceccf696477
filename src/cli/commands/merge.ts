import { ParameterError } from '../../core/errors.js';
import { jsonText, sidecarJson } from '../../io/index.js';
import type { Command } from '../command.js';
import { checkOutputs, writeAtomic } from '../files.js';
import type { GridKind } from '../grid/kind.js';
import { inspectParts, type PartsReport } from '../grid/parts.js';
import { LAYER_SWEEP_KIND, SWEEP_KIND } from '../sweep/kinds.js';

/** The grids whose parts vsdl merge joins (the training grid's module loads TensorFlow.js, so only when merging). */
async function gridKinds(): Promise<GridKind[]> {
  const { TRAIN_GRID_KIND } = await import('../train/gridDocument.js');
  return [SWEEP_KIND, LAYER_SWEEP_KIND, TRAIN_GRID_KIND];
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'join the parts of a sharded sweep or training grid into the file one machine writes, or report their progress (--status)',
  usage: 'vsdl merge --out FILE PART.json… [--partial] [--json]   |   vsdl merge --status PART.json… [--json]',
  maxPositionals: Infinity,
  options: {
    out: { type: 'string', value: 'FILE', description: 'the merged file: byte for byte what the same sweep run on one machine writes' },
    status: { type: 'boolean', description: 'write nothing: report the cells done and missing, per shard, and how to compute the rest' },
    partial: { type: 'boolean', description: 'with cells missing, write the merged file anyway (status partial; vsdl sweep --resume on it computes the rest)' },
  },
  details: `Parts are the files that \`vsdl sweep … --shard K/N --out PART.json\` and \`vsdl train-grid … --shard K/N
--out PART.json\` write: the grid's full description, the cells of shard K and a "shard" field { index, count,
cells, command }. merge checks that every part describes the same grid (parameters, seed, grid, backend, software and generator versions: a mismatch is refused, naming
the field and the two files), that all come from one sharding (the same N, one file per shard), that no cell
is held twice and that each cell's coordinates (alpha, tau; a training grid's knobs) are those its key names,
then writes the cells in grid order with the header of a one-machine run. With cells missing it writes nothing
(exit 1), lists them and prints, for every shard that is not complete, the command that computes
the rest (--resume keeps what the part holds).

Output with --json: { kind, shards, cells, done, missing, complete, parts: [ { file, shard, done, assigned,
status } ], missing_shards, missing_cells, resume, out }.

examples:
  vsdl merge --out sweep.json sweep.parts/part-*.json
  vsdl merge --status sweep.parts/part-*.json`,

  async run(ctx) {
    const o = ctx.options;
    const statusOnly = o.status === true;
    if (!statusOnly && (typeof o.out !== 'string' || o.out === '')) throw new ParameterError('--out', o.out ?? 'missing', 'the merged file (or --status to only report)');
    if (statusOnly && (o.out !== undefined || o.partial !== undefined)) throw new ParameterError('--status', true, 'without --out and --partial (it writes nothing)');
    const out = o.out as string | undefined;
    // Before reading the parts: the folder exists, --out is no folder or device, and it is none of the parts.
    if (out) await checkOutputs([{ flag: '--out', path: out }], ctx.positionals.map((part) => ({ flag: 'a part', path: part })));
    const report = await inspectParts(ctx.positionals, await gridKinds());
    const complete = report.missing.length === 0;
    if (statusOnly) {
      ctx.stdout(o.json === true ? jsonText(reportJson(report)) + '\n' : statusText(report));
      return 0;
    }
    if (!complete && o.partial !== true) {
      ctx.stderr(`vsdl merge: ${report.missing.length} of ${report.plan.keys.length} cells are missing; ${out} was not written\n${statusText(report)}` +
        'or write what there is with --partial\n');
      return 1;
    }
    const document = report.kind.assemble(report.first.doc, report.cells, complete ? 'complete' : 'partial');
    await writeAtomic(out!, sidecarJson(document));
    if (o.json === true) ctx.stdout(jsonText({ ...reportJson(report), out }) + '\n');
    else ctx.stdout(`merged ${report.parts.length} part${report.parts.length === 1 ? '' : 's'}: ${report.cells.length} of ${report.plan.keys.length} cells (${complete ? 'complete' : 'partial'}), written to ${out}\n`);
    return 0;
  },
};

function reportJson(r: PartsReport) {
  return {
    kind: r.kind.command,
    shards: r.count,
    cells: r.plan.keys.length,
    done: r.cells.length,
    missing: r.missing.length,
    complete: r.missing.length === 0,
    parts: r.parts.map((p) => ({ file: p.path, shard: p.index, done: p.done, assigned: p.assigned, status: p.status })),
    missing_shards: r.missingShards,
    missing_cells: r.missing.map((i) => r.plan.labels[i]!),
    resume: r.resume,
  };
}

/** Every shard that is not complete (and the complete ones too, up to 32 shards), the missing cells, the commands. */
function statusText(r: PartsReport): string {
  const lines = [`${r.kind.command}, ${r.count} shard${r.count === 1 ? '' : 's'}: ${r.cells.length} of ${r.plan.keys.length} cells done, ${r.missing.length} missing`];
  const rows = [
    ...r.parts.map((p) => ({ index: p.index, text: `${p.done} of ${p.assigned} cells  ${p.status.padEnd(8)}  ${p.path}`, complete: p.status === 'complete' })),
    ...r.missingShards.map((index) => ({ index, text: 'no part', complete: false })),
  ].sort((a, b) => a.index - b.index);
  for (const row of rows) if (!row.complete || r.count <= 32) lines.push(`  shard ${row.index}/${r.count}  ${row.text}`);
  if (r.missing.length > 0) {
    const shown = r.missing.slice(0, 10).map((i) => r.plan.labels[i]!);
    lines.push(`missing: ${shown.join('; ')}${r.missing.length > shown.length ? `; … (${r.missing.length} cells)` : ''}`);
  }
  if (r.resume.length > 0) lines.push('compute the rest with:', ...r.resume.map((command) => `  ${command}`));
  return lines.join('\n') + '\n';
}
