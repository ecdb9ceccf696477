// The train-grid reader behind the phase lab's real-network diagram. The fixture is the output of
//   vsdl train-grid --model mlp3 --data teacher --train-size 500 --test-size 300 --label-noise 0,0.5 --batch-size 16,128 --epochs 1
// (test/fixtures/train-grid-small.json); the expected values are read from it with JSON.parse, not by the reader.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/core/errors.js';
import { readTrainGrid } from '../../src/io/index.js';

const TEXT = readFileSync(new URL('../fixtures/train-grid-small.json', import.meta.url), 'utf8');
const doc = () => JSON.parse(TEXT) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function refusal(text: string): string {
  try {
    readTrainGrid(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return (error as Error).message;
  }
  throw new Error('the reader accepted it');
}

describe('readTrainGrid', () => {
  it('places every cell of a label noise × batch size grid, with its phase and gap', () => {
    const map = readTrainGrid(TEXT);
    const raw = doc();
    expect(map.load).toEqual({ knob: 'label_noise', values: [0, 0.5] });
    expect(map.temperature).toEqual({ knob: 'batch_size', values: [16, 128] });
    expect(map.missing).toBe(0);
    expect(map.cells).toHaveLength(4);
    for (const c of raw.cells) {
      const cell = map.cells.find((x) => x.key === c.key)!;
      expect(map.load.values[cell.loadIndex]).toBe(c.label_noise);
      expect(map.temperature.values[cell.temperatureIndex]).toBe(c.batch_size);
      expect(cell.generalization_gap).toBe(c.generalization_gap);
      expect(cell.dominant_phase).toBe(c.dominant_phase);
      expect(cell.layers.map((l) => l.phase)).toEqual(c.layers.map((l: { phase: string | null }) => l.phase));
    }
  });

  it('draws a one-knob grid (the batch-size experiment) against the shared value of the other', () => {
    const raw = doc();
    raw.axes = { batch_size: [16, 128] };
    raw.params.label_noise = 0;
    raw.cells = raw.cells.filter((c: { label_noise: number }) => c.label_noise === 0);
    const map = readTrainGrid(JSON.stringify(raw));
    expect(map.load).toEqual({ knob: 'train_size', values: [500] });
    expect(map.cells).toHaveLength(2);
  });

  it('counts the cells an interrupted grid has not run', () => {
    const raw = doc();
    raw.cells.pop();
    expect(readTrainGrid(JSON.stringify(raw)).missing).toBe(1);
  });

  it('refuses malformed files with a message that says what is wrong', () => {
    expect(refusal('{"kind": "train-grid"')).toMatch(/not JSON/);
    expect(refusal('[]')).toMatch(/not a JSON object/);
    expect(refusal(JSON.stringify({ ...doc(), kind: 'sweep' }))).toMatch(/kind is "sweep", not "train-grid"/);
    expect(refusal(JSON.stringify({ ...doc(), cells: {} }))).toMatch(/no list of cells/);
    const both = doc();
    both.axes.train_size = [200, 500];
    expect(refusal(JSON.stringify(both))).toMatch(/varies both train_size and label_noise/);
    const off = doc();
    off.cells[0].batch_size = 7;
    expect(refusal(JSON.stringify(off))).toMatch(/cells\[0\]\.batch_size = 7 is not on the grid's axis/);
    const twice = doc();
    twice.cells[1] = twice.cells[0];
    expect(refusal(JSON.stringify(twice))).toMatch(/cells\[1\] repeats the cell/);
    const gap = doc();
    gap.cells[2].generalization_gap = 'big';
    expect(refusal(JSON.stringify(gap))).toMatch(/cells\[2\]\.generalization_gap is not a number/);
    const many = doc();
    many.cells = Array.from({ length: 1025 }, () => many.cells[0]);
    expect(refusal(JSON.stringify(many))).toMatch(/1025 cells, above the limit of 1024/);
  });
});
