import { describe, expect, it } from 'vitest';
import { createStream, type RandomStream } from '../../../src/core/random/index.js';
import { Chain, REFRESH_SWEEPS, type ChainOptions } from '../../../src/core/vsdl/chain.js';
import { createProblem, initialStudent, signedColumns } from '../../../src/core/vsdl/index.js';
import { meanSe } from '../../../src/core/stats/index.js';
import type { Weights } from '../../../src/core/theory/index.js';

// Chain runs its sweeps in WebAssembly (src/core/vsdl/wasm/chain.as); Chain with engine 'typescript' is the TypeScript chain it
// replaced. Both draw the same Philox words in the same order and do the same floating-point operations (the
// kernel imports the engine's Math.exp/cos/sin), so on one engine their trajectories must agree bit for bit.

type Options = Omit<ChainOptions, 'stream' | 'initial'>;

interface Setup {
  weights: Weights;
  n: number;
  alpha: number;
  tau: number;
  seed: string;
  start?: 'teacher' | 'random';
  width?: number;
  window?: { low: number; high: number };
  /** Examples in use, if fewer than P. */
  p?: number;
}

function setup(s: Setup): { options: Options; initial: Float64Array; teacher: Float64Array; p: number } {
  const problem = createProblem({ n: s.n, alpha: s.alpha, teacher: s.weights, seed: s.seed, sample: 0 });
  const initial = initialStudent(s.weights, s.start ?? 'random', problem.teacher, createStream(s.seed, 'initial'));
  const options: Options = {
    weights: s.weights,
    n: s.n,
    columns: signedColumns(problem),
    stride: problem.p,
    p: s.p ?? problem.p,
    tau: s.tau,
    width: s.width,
    window: s.window && { vector: problem.teacher, ...s.window },
  };
  return { options, initial, teacher: problem.teacher, p: problem.p };
}

/** A stream positioned `skip` words in, so that chains start in the middle of a Philox block. */
function stream(seed: string, skip: number): RandomStream {
  const s = createStream(seed, 'chain');
  for (let k = 0; k < skip; k++) s.nextUint32();
  return s;
}

function pair(s: Setup, skip = 3): { chain: Chain; reference: Chain } {
  const { options, initial } = setup(s);
  return {
    chain: new Chain({ ...options, stream: stream(s.seed, skip), initial }),
    reference: new Chain({ ...options, stream: stream(s.seed, skip), initial, engine: 'typescript' }),
  };
}

function expectSameState(chain: Chain, reference: Chain, where: string): void {
  const context = `${where}: E ${chain.energy} vs ${reference.energy}`;
  expect(chain.energy, context).toBe(reference.energy);
  expect(chain.accepted, context).toBe(reference.accepted);
  expect(chain.proposed, context).toBe(reference.proposed);
  expect(chain.sweeps, context).toBe(reference.sweeps);
  expect(chain.insideWindow, context).toBe(reference.insideWindow);
  expect(Array.from(chain.J), context).toEqual(Array.from(reference.J));
  expect(Array.from(chain.localFields), context).toEqual(Array.from(reference.localFields));
}

/** The next words of both streams agree: the kernel left its stream exactly where the reference left its own. */
function expectSameStreamPosition(chain: Chain, reference: Chain): void {
  const a = Array.from({ length: 9 }, () => chain.stream.nextUint32());
  const b = Array.from({ length: 9 }, () => reference.stream.nextUint32());
  expect(a).toEqual(b);
}

function runBoth(chain: Chain, reference: Chain, sweeps: number, label: string): void {
  for (let t = 0; t < sweeps; t++) {
    chain.sweep();
    reference.sweep();
    expectSameState(chain, reference, `${label}, sweep ${t + 1}`);
  }
}

describe('Chain (wasm kernel) against Chain: Ising trajectories are identical', () => {
  const cases: Setup[] = [
    { weights: 'ising', n: 100, alpha: 1, tau: 0.5, seed: 'k-ising-100' },
    // P odd and not a multiple of 4: the scalar tail of the SIMD pass.
    { weights: 'ising', n: 37, alpha: 1.9, tau: 1, seed: 'k-ising-odd' },
    { weights: 'ising', n: 40, alpha: 1, tau: 0, seed: 'k-ising-zero' },
    // N = 3, P = 300: single flips change E by far more than TABLE_CAP = 64, so e^(−ΔE/τ) comes from Math.exp.
    { weights: 'ising', n: 3, alpha: 100, tau: 30, seed: 'k-ising-big-steps' },
    { weights: 'ising', n: 20, alpha: 1, tau: 5, seed: 'k-ising-window', start: 'teacher', window: { low: 0.7, high: Infinity } },
    { weights: 'ising', n: 64, alpha: 2, tau: 0.7, seed: 'k-ising-subset', p: 77 },
  ];
  for (const c of cases) {
    it(`N=${c.n} α=${c.alpha} τ=${c.tau}${c.window ? ' with a window' : ''}${c.p ? ` on ${c.p} examples` : ''}`, () => {
      const { chain, reference } = pair(c);
      expectSameState(chain, reference, 'start');
      runBoth(chain, reference, 3 * REFRESH_SWEEPS + 5, c.seed);
      expect(chain.accepted).toBeGreaterThan(0);
      expectSameStreamPosition(chain, reference);
    });
  }

  it('stays identical when τ, p and the stream change between sweeps (tempering, α-scan, swap draws)', () => {
    const { chain, reference } = pair({ weights: 'ising', n: 50, alpha: 2, tau: 1, seed: 'k-ising-changes', p: 60 }, 0);
    runBoth(chain, reference, 10, 'τ = 1');
    chain.tau = reference.tau = 0.3;
    runBoth(chain, reference, 10, 'τ = 0.3');
    chain.setExamples(100);
    reference.setExamples(100);
    expectSameState(chain, reference, 'after setExamples');
    for (let t = 0; t < 20; t++) {
      // Words drawn from the chain's stream between sweeps, as a tempering swap would.
      const odd = 1 + (t % 3);
      for (let k = 0; k < odd; k++) expect(chain.stream.nextUint32()).toBe(reference.stream.nextUint32());
      chain.sweep();
      reference.sweep();
      expectSameState(chain, reference, `interleaved, sweep ${t + 1}`);
    }
    chain.refresh();
    reference.refresh();
    expectSameState(chain, reference, 'after refresh');
    expectSameStreamPosition(chain, reference);
  });

  it('chains sharing one data set, built while others run (the module memory grows), stay identical', () => {
    const base = setup({ weights: 'ising', n: 200, alpha: 1.5, tau: 0.8, seed: 'k-ising-shared' });
    const chains: Chain[] = [];
    const references: Chain[] = [];
    for (let c = 0; c < 12; c++) {
      const initial = initialStudent('ising', 'random', base.teacher, createStream('k-ising-shared', 'initial', c));
      chains.push(new Chain({ ...base.options, tau: 0.5 + 0.1 * c, stream: createStream('k-ising-shared', 'chain', c), initial }));
      references.push(new Chain({ ...base.options, tau: 0.5 + 0.1 * c, stream: createStream('k-ising-shared', 'chain', c), initial, engine: 'typescript' }));
      for (let k = 0; k <= c; k++) {
        chains[k]!.sweep();
        references[k]!.sweep();
        expectSameState(chains[k]!, references[k]!, `chain ${k} after ${c + 1} built`);
      }
    }
    for (let k = 0; k < chains.length; k++) expectSameStreamPosition(chains[k]!, references[k]!);
  });

  it('a chain built on columns changed in place uses the new values', () => {
    const { options, initial } = setup({ weights: 'ising', n: 30, alpha: 2, tau: 1, seed: 'k-ising-mutated' });
    const first = new Chain({ ...options, stream: stream('k-ising-mutated', 0), initial });
    first.sweep();
    for (let k = 0; k < options.columns.length; k++) options.columns[k] = -options.columns[k]!;
    const chain = new Chain({ ...options, stream: stream('k-ising-mutated', 1), initial });
    const reference = new Chain({ ...options, stream: stream('k-ising-mutated', 1), initial, engine: 'typescript' });
    expectSameState(chain, reference, 'start');
    runBoth(chain, reference, 20, 'mutated columns');
  });

  it('falls back to the TypeScript sweep, with the same trajectory, for streams other than PhiloxStream', () => {
    const { options, initial } = setup({ weights: 'ising', n: 30, alpha: 2, tau: 1, seed: 'k-ising-wrapped' });
    const inner = createStream('k-ising-wrapped', 'chain');
    const wrapped: RandomStream = {
      seed: inner.seed,
      path: inner.path,
      nextUint32: () => inner.nextUint32(),
      nextFloat: () => inner.nextFloat(),
      nextOpenFloat: () => inner.nextOpenFloat(),
      fill: (out) => inner.fill(out),
      fork: (name) => inner.fork(name),
    };
    const chain = new Chain({ ...options, stream: wrapped, initial });
    const reference = new Chain({ ...options, stream: createStream('k-ising-wrapped', 'chain'), initial, engine: 'typescript' });
    runBoth(chain, reference, 20, 'wrapped stream');
  });
});

describe('Chain (wasm kernel) against Chain: spherical chains', () => {
  // The kernel calls the engine's Math.cos/sin, so on one engine spherical trajectories are identical as well.
  // (Implementations of cos/sin elsewhere, e.g. the C reference's libm, may differ in the last bit; then only the
  // statistical agreement below is to be expected.)
  const cases: Setup[] = [
    { weights: 'spherical', n: 100, alpha: 5, tau: 1, seed: 'k-sphere-100', width: 0.5 },
    { weights: 'spherical', n: 23, alpha: 1.3, tau: 0.4, seed: 'k-sphere-odd', width: 1 },
    { weights: 'spherical', n: 30, alpha: 2, tau: 0, seed: 'k-sphere-zero', start: 'teacher', width: 0.3 },
    { weights: 'spherical', n: 2, alpha: 150, tau: 20, seed: 'k-sphere-big-steps', width: 3 },
    { weights: 'spherical', n: 20, alpha: 1, tau: 3, seed: 'k-sphere-window', start: 'teacher', width: 1, window: { low: 0.8, high: 0.95 } },
  ];
  for (const c of cases) {
    it(`same trajectory: N=${c.n} α=${c.alpha} τ=${c.tau}${c.window ? ' with a window' : ''}`, () => {
      const { chain, reference } = pair(c);
      expectSameState(chain, reference, 'start');
      runBoth(chain, reference, 3 * REFRESH_SWEEPS + 5, c.seed);
      chain.width = reference.width = 0.05;
      runBoth(chain, reference, REFRESH_SWEEPS, `${c.seed}, narrow`);
      expect(chain.accepted).toBeGreaterThan(0);
      expectSameStreamPosition(chain, reference);
    });
  }

  it('statistical agreement of E and R with independent reference chains', () => {
    // 8 independent chains of each kind (different seeds), 3000 sweeps after 300 of burn-in; per-chain means of E
    // and R are independent, so the difference of the two averages is within 4 combined standard errors unless
    // the samplers differ. This check does not rely on bit-identical cos/sin.
    const base = setup({ weights: 'spherical', n: 20, alpha: 2, tau: 1, seed: 'k-sphere-stats', width: 0.8 });
    const means = (make: (c: number) => Chain | Chain) => {
      const energy: number[] = [];
      const overlap: number[] = [];
      for (let c = 0; c < 8; c++) {
        const chain = make(c);
        for (let t = 0; t < 300; t++) chain.sweep();
        let e = 0;
        let r = 0;
        for (let t = 0; t < 3000; t++) {
          chain.sweep();
          e += chain.energy;
          r += chain.overlap(base.teacher);
        }
        energy.push(e / 3000);
        overlap.push(r / 3000);
      }
      return { energy: meanSe(energy), overlap: meanSe(overlap) };
    };
    const initial = (c: number, kind: string) => initialStudent('spherical', 'random', base.teacher, createStream('k-sphere-stats', kind, 'initial', c));
    const kernel = means((c) => new Chain({ ...base.options, stream: createStream('k-sphere-stats', 'kernel', c), initial: initial(c, 'kernel') }));
    const reference = means((c) => new Chain({ ...base.options, stream: createStream('k-sphere-stats', 'reference', c), initial: initial(c, 'reference'), engine: 'typescript' }));
    for (const key of ['energy', 'overlap'] as const) {
      const a = kernel[key];
      const b = reference[key];
      expect(Math.abs(a.mean - b.mean), `${key}: ${a.mean} ± ${a.se} vs ${b.mean} ± ${b.se}`).toBeLessThan(4 * Math.hypot(a.se, b.se));
    }
  });
});
