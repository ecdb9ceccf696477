import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream } from '../../../src/core/random/index.js';
import { assignShards, checkShard, collectCells, selectCells, shardCells } from '../../../src/core/shards/index.js';

/** The best split's costliest shard, by trying every assignment (small instances only). */
function optimum(costs: number[], count: number): number {
  let best = Infinity;
  const load = new Array<number>(count).fill(0);
  const place = (i: number) => {
    if (i === costs.length) {
      best = Math.min(best, Math.max(...load));
      return;
    }
    for (let s = 0; s < count; s++) {
      load[s]! += costs[i]!;
      if (load[s]! < best) place(i + 1);
      load[s]! -= costs[i]!;
    }
  };
  place(0);
  return best;
}

const loads = (costs: number[], shards: Int32Array, count: number) => {
  const l = new Array<number>(count).fill(0);
  shards.forEach((s, i) => (l[s]! += costs[i]!));
  return l;
};

describe('assignShards', () => {
  it('gives every cell one shard, the costliest first to the least loaded (ties: grid order, lowest shard)', () => {
    expect(Array.from(assignShards([3, 3, 2, 2, 2], 2))).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from(assignShards([1, 5, 1, 1], 2))).toEqual([1, 0, 1, 1]);
    expect(Array.from(assignShards([2, 2, 2], 5))).toEqual([0, 1, 2]); // more shards than cells: the rest stay empty
    expect(Array.from(assignShards([], 3))).toEqual([]);
  });

  it("keeps the costliest shard within Graham's 4/3 − 1/(3N) of the best split, on random grids", () => {
    const stream = createStream(19, 'shards');
    for (let trial = 0; trial < 40; trial++) {
      const count = 2 + (trial % 3);
      const costs = Array.from({ length: 7 + (trial % 3) }, () => Math.floor(1 + 100 * stream.nextFloat() ** 2));
      const worst = Math.max(...loads(costs, assignShards(costs, count), count));
      expect(worst).toBeLessThanOrEqual((4 / 3 - 1 / (3 * count)) * optimum(costs, count) + 1e-9);
    }
  });

  it('does not depend on which cells are done: shardCells splits the grid into disjoint parts that cover it', () => {
    const costs = Array.from({ length: 50 }, (_, i) => 1 + ((i * 37) % 11));
    const seen = new Set<number>();
    for (let k = 0; k < 7; k++) {
      const cells = shardCells(costs, { index: k, count: 7 });
      expect(cells).toEqual([...cells].sort((a, b) => a - b));
      for (const c of cells) {
        expect(seen.has(c)).toBe(false);
        seen.add(c);
      }
    }
    expect(seen.size).toBe(50);
  });

  it('refuses shards and costs that do not make sense', () => {
    expect(() => checkShard(3, 3)).toThrow(ParameterError);
    expect(() => checkShard(-1, 3)).toThrow(/shard.index/);
    expect(() => checkShard(0, 0)).toThrow(/shard.count/);
    expect(() => assignShards([1, Number.NaN], 2)).toThrow(/costs\[1\]/);
    expect(() => assignShards([1, -1], 2)).toThrow(/costs\[1\]/);
    expect(checkShard(2, 3)).toEqual({ index: 2, count: 3 });
  });
});

describe('collectCells and selectCells', () => {
  const keys = ['a', 'b', 'c', 'd'];
  it('puts the cells in grid order and names the missing, the doubled and the foreign', () => {
    const r = collectCells(keys, [
      { source: 'p1', cells: [{ key: 'c' }, { key: 'a' }] },
      { source: 'p2', cells: [{ key: 'c' }, { key: 'x' }] },
    ]);
    expect(r.cells.map((c) => c.key)).toEqual(['a', 'c']);
    expect(r.missing).toEqual([1, 3]);
    expect(r.duplicates).toEqual([{ key: 'c', sources: ['p1', 'p2'] }]);
    expect(r.foreign).toEqual([{ key: 'x', source: 'p2' }]);
  });

  it('selects cells by key in grid order, and refuses a key of another grid', () => {
    const cells = keys.map((key) => ({ key }));
    expect(selectCells(cells, ['d', 'b']).map((c) => c.key)).toEqual(['b', 'd']);
    expect(selectCells(cells, undefined)).toBe(cells);
    expect(() => selectCells(cells, ['e'])).toThrow(/only\[0\]/);
  });
});
