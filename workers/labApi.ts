/**
 * The lab worker: the contract of src/labs/api.ts over the pure core. Every request is checked on arrival (the
 * page's types say nothing about what a message really holds); long jobs yield between chunks so a cancel can
 * arrive. Results are transferred, not copied.
 */
import { transfer } from 'comlink';
import { checkBenchmarkRequest, checkLabValues, enumerationWorkers, reportedCores, type LabApi, type OnProgress } from '../src/labs/index.js';
import { computeBenchmark } from './compute/benchmark.js';
import { computeEdge } from './compute/edge.js';
import { computeFitterBatch, fitUpload } from './compute/fitter.js';
import type { JobControl } from './compute/jobs.js';
import { computeLandscape } from './compute/landscape.js';
import { canStartWorkers, createEnumerationPool, type EnumerationPool } from './compute/enumerationPool.js';
import { computeLayerMap } from './compute/layer.js';
import { computeModelAnalysis } from './compute/models.js';
import { computeMonteCarlo, computeTheoryRows } from './compute/phase.js';
import { computeSpectrum } from './compute/spectrum.js';
import { createJobRegistry } from './jobRegistry.js';

/** Every ArrayBuffer under a result, once, so comlink can transfer them. */
export function buffersOf(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) buffersOf(item, found);
  }
  return [...found];
}

const send = <T>(value: T): T => transfer(value, buffersOf(value));

export function createLabApi(): LabApi {
  const jobs = createJobRegistry();
  const cores = () => reportedCores(globalThis.navigator?.hardwareConcurrency);
  // Started on the first enumeration that needs them, then kept: a landscape at N > 28 shares its chunks among them.
  let pool: EnumerationPool | null = null;
  const enumerationPool = () => {
    if (!canStartWorkers()) return null;
    pool ??= createEnumerationPool(enumerationWorkers({ n: Infinity, method: 'enumerate' }, cores()));
    return pool.enumerate;
  };

  /** Runs a job under its id; its result is transferred. */
  function job<T>(id: number, onProgress: OnProgress | undefined, body: (control: JobControl) => Promise<T>): Promise<T> {
    return jobs.run(id, async (signal) => send(await body({ signal, progress: (done, total, stage) => void onProgress?.(stage === undefined ? { done, total } : { done, total, stage }) })));
  }

  return {
    async spectrum(request) {
      checkLabValues('spectrum', request);
      return send(await computeSpectrum(request));
    },
    edge(id, request, onProgress) {
      checkLabValues('edge', request);
      return job(id, onProgress, (control) => computeEdge(request, control));
    },
    fitterBatch(id, request, onProgress) {
      checkLabValues('fitter', request);
      return job(id, onProgress, (control) => computeFitterBatch(request, control));
    },
    fitUpload(bytes, name, q) {
      return send(fitUpload(bytes, typeof name === 'string' ? name.slice(0, 200) : 'upload', q));
    },
    analyzeModel(id, files, layout, onProgress) {
      return jobs.run(id, async (signal) =>
        send(await computeModelAnalysis(files, layout, { signal, progress: (done, total, stage) => void onProgress?.({ done, total, stage }) })),
      );
    },
    theory(id, request, onProgress, onRow) {
      checkLabValues('phase', request);
      // Rows are small: copied when streamed, so the reply can still transfer them all.
      return job(id, onProgress, (control) => computeTheoryRows(request, control, (row) => void onRow?.(row)));
    },
    monteCarlo(id, request, onProgress, onCell, confirmed) {
      checkLabValues('phase', request);
      return job(id, onProgress, (control) => computeMonteCarlo(request, control, (cell) => void onCell?.(cell), confirmed === true));
    },
    layerMap(id, request, onProgress, onUpdate) {
      checkLabValues('phase', request);
      return job(id, onProgress, (control) => computeLayerMap(request, control, (update) => void onUpdate?.(update)));
    },
    landscape(id, request, onProgress, onItem, confirmed) {
      checkLabValues('landscape', request);
      return job(id, onProgress, (control) => computeLandscape(request, control, (item) => void onItem?.(item), { cores: cores(), confirmed: confirmed === true, pool: enumerationPool }));
    },
    benchmark(id, request, onProgress) {
      const checked = checkBenchmarkRequest(request);
      return job(id, onProgress, (control) => computeBenchmark(checked, control));
    },
    cancel(id) {
      return jobs.cancel(id);
    },
  };
}
