import { basename, dirname, join } from 'node:path';
import { FormatError, ParameterError } from '../../core/errors.js';
import { assignShards, collectCells, type Shard } from '../../core/shards/index.js';
import { keyContradiction } from './cellKeys.js';
import { shellWords } from './flags.js';
import { readJsonObjectText } from './jsonFile.js';
import type { GridDocument, GridKind, GridPlan } from './kind.js';

/**
 * Part files: what one shard of a grid writes. A part is the grid's own document (the full description, the
 * shard's cells, its status: 'complete' once every cell of the shard is done) with a `shard` field first.
 */

export interface ShardInfo {
  index: number;
  count: number;
  /** Cells assigned to this shard. */
  cells: number;
  /** vsdl's arguments that define the grid (command and flags, without --shard, --out, --resume, --workers). */
  command: string[];
}

export function partDocument<D extends object>(shard: ShardInfo, document: D): { shard: ShardInfo } & D {
  return { shard, ...document };
}

/**
 * Resuming a file: a part continues only as the same shard, and a whole grid only without --shard, so that no
 * stored cell is dropped or computed twice.
 */
export function checkResumableShard(stored: object, shard: Shard | null, path: string): void {
  const s = (stored as { shard?: Partial<ShardInfo> }).shard;
  if (s === undefined && shard === null) return;
  if (s === undefined) throw new ParameterError('--shard', `${shard!.index}/${shard!.count}`, `no --shard: ${path} holds a whole grid, not a part (or a new --out)`);
  if (shard === null) throw new ParameterError('--resume', path, `--shard ${s.index}/${s.count} too: the file is that part of a sharded grid (or merge the parts with vsdl merge)`);
  if (s.index !== shard.index || s.count !== shard.count) {
    throw new ParameterError('--shard', `${shard.index}/${shard.count}`, `${s.index}/${s.count} as in ${path} (or a new --out)`);
  }
}

export interface PartFile {
  path: string;
  shard: ShardInfo;
  doc: GridDocument;
}

/** What a set of parts holds: the grid, each part's progress, the shards without a part, the cells found and missing. */
export interface PartsReport {
  kind: GridKind;
  plan: GridPlan;
  count: number;
  parts: { path: string; index: number; done: number; assigned: number; status: string }[];
  missingShards: number[];
  cells: GridDocument['cells'];
  missing: number[];
  /** A command for every shard that is not complete. */
  resume: string[];
  /** The first part, whose description the merged document takes. */
  first: PartFile;
}

/** Reads parts and checks that they belong to one grid and one sharding, with no cell held twice. */
export async function inspectParts(paths: readonly string[], kinds: readonly GridKind[]): Promise<PartsReport> {
  if (paths.length === 0) throw new ParameterError('PART', 'none', 'one or more part files written with --shard K/N');
  const files = await Promise.all(paths.map((path) => readPart(path)));
  const first = files[0]!;
  const kind = kinds.find((k) => k.matches(first.doc));
  if (!kind) throw new FormatError(first.path, `not a grid written by ${kinds.map((k) => k.command).join(', ')}`);
  const reference = description(first.doc, kind);
  const byIndex = new Map<number, PartFile>();
  for (const file of files) {
    if (!kind.matches(file.doc)) throw new ParameterError('PART', file.path, `a part of the same grid as ${first.path} (${kind.command})`, 'another kind of grid');
    const differs = firstDifference(reference, description(file.doc, kind));
    if (differs) {
      throw new ParameterError('PART', file.path, `a part of the same grid as ${first.path}`, `${differs.field} differs: ${differs.values[1]} here, ${differs.values[0]} there`);
    }
    if (file.shard.count !== first.shard.count) {
      throw new ParameterError('PART', file.path, `a part of the same sharding as ${first.path}`, `shard ${file.shard.index}/${file.shard.count} here, ${first.shard.index}/${first.shard.count} there`);
    }
    const other = byIndex.get(file.shard.index);
    if (other) throw new ParameterError('PART', file.path, 'one file per shard', `shard ${file.shard.index}/${file.shard.count} is also ${other.path}`);
    byIndex.set(file.shard.index, file);
  }

  let plan: GridPlan;
  try {
    plan = kind.plan(first.doc);
  } catch (error) {
    throw new FormatError(first.path, `its description is not one of a grid of ${kind.command}: ${(error as Error).message}`);
  }
  const collected = collectCells(plan.keys, files.map((f) => ({ source: f.path, cells: f.doc.cells })));
  if (collected.foreign.length > 0) {
    const f = collected.foreign[0]!;
    throw new ParameterError('PART', f.source, `cells of the grid its description names`, `${collected.foreign.length} cell(s) outside it, first: ${f.key}`);
  }
  if (collected.duplicates.length > 0) {
    const d = collected.duplicates[0]!;
    throw new ParameterError('PART', d.sources.join(' and '), 'parts that hold every cell once', `${collected.duplicates.length} cell(s) held twice, first: ${d.key}`);
  }

  const count = first.shard.count;
  const shardOf = assignShards(plan.costs, count);
  const assigned = new Array<number>(count).fill(0);
  for (const s of shardOf) assigned[s]!++;
  const parts = files
    .map((f) => ({ path: f.path, index: f.shard.index, done: f.doc.cells.length, assigned: assigned[f.shard.index]!, status: f.doc.status }))
    .sort((a, b) => a.index - b.index);
  const missingShards = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  const resume = [
    ...parts.filter((p) => p.status !== 'complete').map((p) => resumeCommand(first.shard.command, p.index, count, p.path)),
    ...missingShards.map((i) => resumeCommand(first.shard.command, i, count, siblingPath(first.path, first.shard.index, i))),
  ];
  return { kind, plan, count, parts, missingShards, cells: collected.cells, missing: collected.missing, resume, first };
}

async function readPart(path: string): Promise<PartFile> {
  const text = await readJsonObjectText(path, 'PART');
  let doc: unknown;
  try {
    // No reviver: cells pass through unchanged ("NaN" stays the string the writer wrote), so that the merged file
    // has the bytes a one-machine run writes.
    doc = JSON.parse(text);
  } catch (error) {
    throw new FormatError(path, `not JSON: ${(error as Error).message}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new FormatError(path, 'not a JSON object');
  const d = doc as Record<string, unknown>;
  if (!Array.isArray(d.cells) || d.cells.some((c) => c === null || typeof c !== 'object' || typeof (c as { key?: unknown }).key !== 'string')) {
    throw new FormatError(path, "no 'cells' array of keyed cells");
  }
  checkCellsAgainstKeys(path, d.cells as GridDocument['cells']);
  const s = d.shard as Partial<ShardInfo> | undefined;
  if (s === undefined) throw new ParameterError('PART', path, 'a part written with --shard K/N', 'it has no shard field: a whole grid');
  const valid = Number.isInteger(s.count) && s.count! >= 1 && Number.isInteger(s.index) && s.index! >= 0 && s.index! < s.count! &&
    Array.isArray(s.command) && s.command.every((a) => typeof a === 'string');
  if (!valid) throw new FormatError(path, "its 'shard' field is not { index, count, cells, command }");
  return { path, shard: s as ShardInfo, doc: d as GridDocument };
}

/**
 * A cell goes where its key puts it, while readers plot its fields: a cell whose fields name another point than
 * its key (a hand-edited alpha) would put numbers at the wrong point of the merged grid without any error.
 */
function checkCellsAgainstKeys(path: string, cells: GridDocument['cells']): void {
  for (const [index, cell] of cells.entries()) {
    const contradiction = keyContradiction(cell as GridDocument['cells'][number] & Record<string, unknown>);
    if (contradiction) throw new FormatError(path, `cells[${index}] ${contradiction} (key ${shorten(cell.key)})`);
  }
}

/** The fields that must agree between parts: all but the shard, the status, the cells and what follows from them. */
function description(doc: GridDocument, kind: GridKind): Record<string, unknown> {
  const leaveOut = new Set(['shard', 'status', 'cells', ...kind.derived]);
  return Object.fromEntries(Object.entries(doc).filter(([field]) => !leaveOut.has(field)));
}

function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): { field: string; values: [string, string] } | null {
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const [x, y] = [JSON.stringify(a[field]) ?? 'nothing', JSON.stringify(b[field]) ?? 'nothing'];
    if (x !== y) return { field, values: [shorten(x), shorten(y)] };
  }
  return null;
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function resumeCommand(command: readonly string[], index: number, count: number, path: string): string {
  return `vsdl ${shellWords([...command, '--shard', `${index}/${count}`, '--out', path, '--resume'])}`;
}

/** Where shard `index` would be, beside a part of shard `known`: its number replaced in the file name. */
export function siblingPath(path: string, known: number, index: number): string {
  const name = basename(path);
  const match = /(\d+)(\D*)$/.exec(name);
  const renamed = match && Number(match[1]) === known ? `${name.slice(0, match.index)}${index}${match[2]}` : `part-${index}.json`;
  return join(dirname(path), renamed);
}
