import { ParameterError } from '../../errors.js';
import { abortSignal, integer } from '../../validate.js';
import { createStream, type RandomStream } from '../../random/index.js';
import { fitPowerLaw, type PowerLawOptions } from './fit.js';
import { preparePowerLawSample } from './data.js';

export interface BootstrapOptions extends Omit<PowerLawOptions, 'scan'> {
  /** Number of synthetic data sets (CSN suggest 2500 for p to ±0.01; 100 gives ±0.05). */
  reps: number;
  seed: string | number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface BootstrapResult {
  /** Fraction of synthetic data sets whose refitted D is at least the observed one. */
  p: number;
  reps: number;
  /** The observed KS distance. */
  D: number;
}

const SLICE_MS = 15; // work between yields to the event loop, so that an abort can arrive

function abortError(done: number, total: number): Error {
  const error = new Error(`bootstrapPowerLaw aborted after ${done} of ${total} replicates`);
  error.name = 'AbortError';
  return error;
}

/** One semiparametric synthetic sample (CSN 2009 §4.1): tail from the fitted power law, body resampled. */
function synthesize(s: RandomStream, body: Float64Array, total: number, tailSize: number, xmin: number, alpha: number): Float64Array {
  const out = new Float64Array(total);
  const pTail = tailSize / total;
  const inverse = -1 / (alpha - 1);
  for (let k = 0; k < total; k++) {
    if (body.length === 0 || s.nextFloat() < pTail) out[k] = xmin * s.nextOpenFloat() ** inverse;
    else out[k] = body[Math.floor(s.nextFloat() * body.length)];
  }
  return out;
}

/**
 * Clauset's goodness-of-fit p-value for the power-law fit (CSN 2009 §4.1). Each replicate draws as many
 * points as were fitted: with probability n_tail/N from the fitted power law above xmin, otherwise uniformly
 * from the eigenvalues below xmin; it is then refitted with the same options (xmin re-scanned unless fixed) and
 * counts when its D ≥ the observed D. Replicate r uses the stream (seed, 'bootstrap-powerlaw', r), so results
 * do not depend on how a run is split. Small p (< 0.1 in CSN) rules the power law out.
 * The promise yields to the event loop every ~15 ms and rejects with an 'AbortError' once `signal` aborts.
 */
export async function bootstrapPowerLaw(
  eigenvalues: Float64Array | readonly number[],
  options: BootstrapOptions,
): Promise<BootstrapResult> {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const reps = integer('reps', options.reps, 1);
  const { reps: _r, seed, onProgress, signal, ...fitOptions } = options;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new ParameterError('onProgress', onProgress, 'a function (done, total) => void');
  }
  abortSignal('signal', signal);
  const root = createStream(seed, 'bootstrap-powerlaw');
  if (signal?.aborted) throw abortError(0, reps);

  const fit = fitPowerLaw(eigenvalues, fitOptions);
  const { x } = preparePowerLawSample(eigenvalues, fitOptions);
  let bodyEnd = 0;
  while (bodyEnd < x.length && x[bodyEnd] < fit.xmin) bodyEnd++;
  const body = x.slice(0, bodyEnd);
  // The synthetic set is already trimmed: refit without dropTop and xmax.
  const refitOptions: PowerLawOptions = {
    xmin: fitOptions.xmin,
    xminRange: fitOptions.xminRange,
    finiteSizeCorrection: fitOptions.finiteSizeCorrection,
  };

  let atLeast = 0;
  let sliceStart = Date.now();
  for (let r = 0; r < reps; r++) {
    const sample = synthesize(root.fork(r), body, x.length, fit.n, fit.xmin, fit.alpha);
    if (fitPowerLaw(sample, refitOptions).D >= fit.D) atLeast++;
    onProgress?.(r + 1, reps);
    if (signal?.aborted) throw abortError(r + 1, reps);
    if (Date.now() - sliceStart >= SLICE_MS && r + 1 < reps) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (signal?.aborted) throw abortError(r + 1, reps);
      sliceStart = Date.now();
    }
  }
  return { p: atLeast / reps, reps, D: fit.D };
}
