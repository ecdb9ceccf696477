/**
 * The CPU side of the rate measurements: the core's chains (WebAssembly sweeps) on a set of (α, τ) cells, two
 * replicas each, on one shared data set at the largest α (as the GPU layout shares it), swept in turn for a time
 * budget after one untimed sweep. Used by the labs' backend probe and by the benchmark.
 */
import { createStream } from '../../src/core/random/index.js';
import { Chain, createProblem, examplesFor, initialStudent, signedColumns } from '../../src/core/vsdl/index.js';

export interface ChainRateOptions {
  weights: 'ising' | 'spherical';
  n: number;
  cells: readonly { alpha: number; tau: number }[];
  seed: string | number;
  budgetMs: number;
  signal?: AbortSignal;
}

export interface ChainRate {
  chains: number;
  sweeps: number;
  seconds: number;
  startSeconds: number;
  proposalsPerSecond: number;
  fieldUpdatesPerSecond: number;
}

export async function measureChainRate(o: ChainRateOptions): Promise<ChainRate> {
  const begin = performance.now();
  const alphaMax = Math.max(...o.cells.map((c) => c.alpha));
  const problem = createProblem({ n: o.n, alpha: alphaMax, teacher: o.weights, seed: o.seed, sample: 0 });
  const columns = signedColumns(problem);
  const chains = o.cells.flatMap((cell, k) =>
    [0, 1].map((r) => {
      const stream = createStream(o.seed, 'benchmark', `cell=${k}`, `replica=${r}`);
      const initial = initialStudent(o.weights, r === 0 ? 'teacher' : 'random', problem.teacher, stream.fork('initial'));
      return new Chain({ weights: o.weights, n: o.n, columns, stride: problem.p, p: examplesFor(o.n, cell.alpha), tau: cell.tau, stream, initial });
    }),
  );
  for (const chain of chains) chain.sweep();
  const started = performance.now();
  let sweeps = 0;
  let fields = 0;
  for (const chain of chains) fields += chain.p;
  do {
    for (const chain of chains) chain.sweep();
    sweeps++;
    // A turn of the event loop now and then, so that a cancel gets through.
    if (sweeps % 4 === 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (o.signal?.aborted) break;
  } while (performance.now() - started < o.budgetMs);
  const seconds = (performance.now() - started) / 1000;
  return {
    chains: chains.length,
    sweeps,
    seconds,
    startSeconds: (started - begin) / 1000,
    proposalsPerSecond: (sweeps * chains.length * o.n) / seconds,
    fieldUpdatesPerSecond: (sweeps * o.n * fields) / seconds,
  };
}
