import { TARGET_ACCEPTANCE } from '../core/vsdl/index.js';
import { MAX_WIDTH, MIN_WIDTH } from '../core/vsdl/chain.js';
import { SLOT_WIDTH, type GridLayout } from './layout.js';

/**
 * The spherical rotation width of every chain, chosen as runCell chooses it: after each equilibration sweep
 * w ← w·e^(rate − TARGET_ACCEPTANCE), clamped to [MIN_WIDTH, MAX_WIDTH] (src/core/vsdl/advance.ts tuneWidth),
 * from the sweep's acceptance rate read off the chain's counter; fixed during measurement, so the measured
 * chain has an exactly symmetric proposal. Each chain tunes its own w (its cell's P and τ set the scale, about
 * 1/α√N at low τ); the width lives in the chain's info row, which every launch reads, and is rounded to float32
 * there, the value the kernels use and the results report.
 */
export class WidthTuner {
  private last: Float64Array;

  constructor(
    private readonly layout: GridLayout,
    counters: readonly Float32Array[],
  ) {
    this.last = Float64Array.from(counters, (row) => row[3]!);
  }

  /** One equilibration sweep done: `rows` are the measure kernel's rows after it. */
  update(rows: readonly Float32Array[]): void {
    const { info, n } = this.layout;
    rows.forEach((row, c) => {
      // The counter wraps at 2^24; a sweep accepts at most n < 2^24 moves.
      const rate = ((row[3]! - this.last[c]! + 16777216) % 16777216) / n;
      this.last[c] = row[3]!;
      const width = info[c]![SLOT_WIDTH]! * Math.exp(rate - TARGET_ACCEPTANCE);
      info[c]![SLOT_WIDTH] = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width));
    });
  }
}

/** A chain's current rotation width (float32, as the kernels read it). */
export function chainWidth(layout: GridLayout, chain: number): number {
  return layout.info[chain]![SLOT_WIDTH]!;
}
