import { ParameterError } from '../errors.js';
import { integer } from '../validate.js';

/**
 * Splitting a grid of independent cells into shards, one per task of an array job (Slurm's SLURM_ARRAY_TASK_ID
 * or Kubernetes' JOB_COMPLETION_INDEX is the shard index). Every task computes the same assignment from the
 * whole grid's estimated costs, so the shards need no coordination, and a cell's shard never depends on which
 * cells are already done: a resumed task runs exactly the cells it was given.
 */

export interface Shard {
  /** 0 … count − 1. */
  index: number;
  count: number;
}

/** More shards than this are refused (Kubernetes allows 10⁵ completions per Indexed Job; Slurm arrays fewer). */
export const MAX_SHARDS = 100_000;

export function checkShard(index: unknown, count: unknown): Shard {
  const n = integer('shard.count', count, 1, MAX_SHARDS);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= n) {
    throw new ParameterError('shard.index', index, `an integer in [0, ${n - 1}] for ${n} shard${n === 1 ? '' : 's'}`);
  }
  return { index, count: n };
}

/**
 * The shard of every cell, balancing the shards' total estimated cost by the longest-processing-time rule: cells
 * from the most to the least costly (grid order among equals) each go to the shard with the least cost so far
 * (the lowest index among equals). The costliest shard then costs at most 4/3 − 1/(3·count) times the best
 * split's (Graham 1969). Deterministic: the same costs give the same shards on every machine. Costs are finite
 * and ≥ 0.
 */
export function assignShards(costs: readonly number[], count: number): Int32Array {
  integer('shard.count', count, 1, MAX_SHARDS);
  costs.forEach((cost, i) => {
    if (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 0) throw new ParameterError(`costs[${i}]`, cost, 'a finite cost ≥ 0');
  });
  const order = costs.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b);
  const shards = new Int32Array(costs.length);
  const heap = new ShardHeap(count);
  for (const cell of order) shards[cell] = heap.add(costs[cell]!);
  return shards;
}

/** Grid positions (ascending) of the cells of one shard. */
export function shardCells(costs: readonly number[], shard: Shard): number[] {
  const { index, count } = checkShard(shard?.index, shard?.count);
  const shards = assignShards(costs, count);
  const cells: number[] = [];
  shards.forEach((s, cell) => {
    if (s === index) cells.push(cell);
  });
  return cells;
}

/** A binary min-heap of shards ordered by (load, index): `add` gives a cost to the least loaded shard. */
class ShardHeap {
  private readonly load: Float64Array;
  private readonly heap: Int32Array;

  constructor(count: number) {
    this.load = new Float64Array(count);
    this.heap = Int32Array.from({ length: count }, (_, i) => i);
  }

  add(cost: number): number {
    const shard = this.heap[0]!;
    this.load[shard]! += cost;
    this.siftDown(0);
    return shard;
  }

  private less(a: number, b: number): boolean {
    return this.load[a]! < this.load[b]! || (this.load[a] === this.load[b] && a < b);
  }

  private siftDown(at: number): void {
    const h = this.heap;
    for (let i = at; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < h.length && this.less(h[left]!, h[top]!)) top = left;
      if (right < h.length && this.less(h[right]!, h[top]!)) top = right;
      if (top === i) return;
      [h[i], h[top]] = [h[top]!, h[i]!];
      i = top;
    }
  }
}

/** The cells named by `only` (every cell without it), in grid order; a key that names no cell is refused. */
export function selectCells<T extends { key: string }>(cells: readonly T[], only: readonly string[] | undefined): readonly T[] {
  if (only === undefined) return cells;
  if (!Array.isArray(only)) throw new ParameterError('only', only, 'an array of cell keys');
  const keys = new Set(cells.map((cell) => cell.key));
  only.forEach((key, i) => {
    if (!keys.has(key)) throw new ParameterError(`only[${i}]`, key, "the key of one of this grid's cells");
  });
  const wanted = new Set(only);
  return cells.filter((cell) => wanted.has(cell.key));
}
