import { MAX_WIDTH, MIN_WIDTH, type Chain } from './chain.js';
import type { Program } from './drive.js';

/** Acceptance rate the spherical rotation width is tuned to during equilibration (inside the 30–50 % band). */
export const TARGET_ACCEPTANCE = 0.4;

/**
 * Stochastic-approximation update of the rotation width from one sweep's acceptance rate: w ← w·e^(rate − target).
 * Used during equilibration only; measurement runs at a fixed width, so its proposal is exactly symmetric.
 */
export function tuneWidth(chain: Chain, rate: number): void {
  const width = chain.width * Math.exp(rate - TARGET_ACCEPTANCE);
  chain.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width));
}

export interface AdvanceOptions {
  tune: boolean;
  /** Called after sweep t (0-based) of every chain. */
  onSweep?: (t: number) => void;
  /** Sweeps between yields. */
  block: number;
  /** Maps the sweeps done so far to the progress fraction that is yielded. */
  progress: (sweepsDone: number) => number;
  /** Sweeps done before this call (for progress). */
  done: number;
}

/** `sweeps` sweeps of every chain, in lockstep, yielding every `block` sweeps. */
export function* advance(chains: readonly Chain[], sweeps: number, options: AdvanceOptions): Program<void> {
  const { tune, onSweep, block, progress, done } = options;
  for (let t = 0; t < sweeps; t++) {
    for (const chain of chains) {
      const before = chain.accepted;
      chain.sweep();
      if (tune && chain.weights === 'spherical') tuneWidth(chain, (chain.accepted - before) / chain.n);
    }
    onSweep?.(t);
    if ((t + 1) % block === 0) yield progress(done + t + 1);
  }
}
