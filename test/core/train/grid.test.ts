import { beforeAll, describe, expect, it } from 'vitest';
import { nodePlatform } from '../../../src/cli/train/platform.js';
import { ParameterError } from '../../../src/core/errors.js';
import { estimateTrainSeconds, planTrainGrid, resolveTrainParams, runTrainGrid, trainCellKey, type TrainCellRecord } from '../../../src/core/train/index.js';

beforeAll(async () => {
  await nodePlatform('wasm').ready();
});

const BASE = { model: 'mlp3', data: 'teacher', trainSize: 200, testSize: 100, epochs: 1, seed: 4 } as const;

describe('training grids', () => {
  it('orders cells load first, then temperature, and checks every cell before running', () => {
    const plan = planTrainGrid({ base: BASE, axes: { batchSize: [10, 50], labelNoise: [0, 0.5] } });
    expect(plan.cells.map((c) => [c.params.labelNoise, c.params.batchSize])).toEqual([[0, 10], [0, 50], [0.5, 10], [0.5, 50]]);
    expect(plan.estimateSeconds).toBeCloseTo(plan.cells.reduce((s, c) => s + estimateTrainSeconds(c.params), 0), 9);
    expect(() => planTrainGrid({ base: BASE, axes: { batchSize: [10, 500] } })).toThrow(/batchSize.*\[1, 200\]/);
    expect(() => planTrainGrid({ base: BASE, axes: { batchSize: [10, 10] } })).toThrow(ParameterError);
    expect(() => planTrainGrid({ base: BASE, axes: { momentum: [0, 0.9] } as never })).toThrow(/a grid over/);
    expect(() => planTrainGrid({ base: BASE, axes: { batchSize: [] } })).toThrow(/non-empty/);
  });

  it('gives a cell the same result whatever grid it is run in', async () => {
    const big = planTrainGrid({ base: BASE, axes: { batchSize: [20, 40, 100] } });
    const one = planTrainGrid({ base: BASE, axes: { batchSize: [100, 40] } });
    expect(one.cells[1].key).toBe(big.cells[1].key);
    expect(one.cells[1].key).toBe(trainCellKey(resolveTrainParams({ ...BASE, batchSize: 40 })));
    const cells = await runTrainGrid(one);
    const seen: TrainCellRecord[] = [];
    // Resuming reuses the stored cell without rerunning it.
    const resumed = await runTrainGrid(big, { completed: [cells[0]], onCell: (c) => seen.push(c) });
    expect(seen.map((c) => c.batch_size)).toEqual([20, 40]);
    expect(resumed.map((c) => c.batch_size)).toEqual([20, 40, 100]);
    expect(resumed[1]).toEqual(cells[1]);
    expect(resumed[2]).toBe(cells[0]);
    const c = resumed[1];
    expect(c.generalization_gap).toBeCloseTo(c.train_acc - c.test_acc, 12);
    expect(c.history.map((h) => h.epoch)).toEqual([0, 1]);
    expect(c.layers.map((l) => l.name)).toEqual(['fc1.kernel', 'fc2.kernel', 'fc3.kernel']);
  });
});
