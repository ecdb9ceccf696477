import { availableParallelism } from 'node:os';
import { ParameterError } from '../core/errors.js';
// Modules, not the linalg and node indexes: `vsdl esd` then loads only what it runs (start-up counts there).
import type { KernelPool } from '../core/linalg/kernelPool.js';
import { parallelWorthIt } from '../core/linalg/threads.js';
import { createNodeKernelPool, kernelWorkerAvailable } from '../node/kernelPool.js';
import type { OptionSpec } from './command.js';
import { parseInteger } from './parse.js';

/** More threads than this is a typo, not a machine. */
const MAX_THREADS = 256;

/** `--threads T` of the commands that compute dense spectra. */
export const THREADS_OPTION: OptionSpec = {
  type: 'string',
  value: 'T',
  description: 'threads for the eigenvalues (the results do not depend on it); 1 computes on the main thread',
  default: 'the cores from M = 500 on, else 1',
};

/** The checked value of `--threads`, or undefined when it was not given. */
export function threadsFlag(flag: string | boolean | undefined): number | undefined {
  if (flag === undefined) return undefined;
  const count = parseInteger('threads', String(flag), 1);
  if (count > MAX_THREADS) throw new ParameterError('--threads', flag, `an integer from 1 to ${MAX_THREADS}`);
  return count;
}

/**
 * Worker threads for an M×M spectrum: as many as `--threads` asks, else one per core when M is large enough to
 * gain from them. Undefined for one thread, and when running from the TypeScript sources (no compiled worker: the
 * main thread computes the same numbers). The caller closes the pool.
 */
export function kernelThreads(requested: number | undefined, m: number): KernelPool | undefined {
  const count = requested ?? (parallelWorthIt(m) ? availableParallelism() : 1);
  return count > 1 && kernelWorkerAvailable() ? createNodeKernelPool(count) : undefined;
}
