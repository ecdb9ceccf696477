/**
 * The worker's interface, over the pure core. Every request is checked at this boundary; long jobs take a job id
 * (for cancel), report progress through a callback, and yield between chunks so a cancel message can arrive.
 * Results are transferred, not copied.
 */
import { transfer } from 'comlink';
import type { CellRecord } from '../src/core/vsdl/index.js';
import { checkLabValues } from '../src/ui/state/checkValues.js';
import { computeEdge, type EdgeRequest } from './compute/edge.js';
import { computeFitterBatch, fitUpload, type FitterRequest } from './compute/fitter.js';
import type { JobControl } from './compute/jobs.js';
import { computeLayerMap, type LayerUpdate } from './compute/layer.js';
import { computeMonteCarlo, computeTheoryRows, type PhaseRequest } from './compute/phase.js';
import { computeSpectrum, type SpectrumRequest } from './compute/spectrum.js';
import type { Progress, TheoryRow } from './compute/types.js';

type ProgressCallback = (p: Progress) => void;

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

function checkJobId(jobId: unknown): number {
  if (typeof jobId !== 'number' || !Number.isSafeInteger(jobId)) throw new TypeError(`invalid job id ${String(jobId)}: allowed: an integer`);
  return jobId;
}

export function createLabApi() {
  const jobs = new Map<number, AbortController>();

  async function run<T>(jobId: unknown, onProgress: ProgressCallback | undefined, body: (control: JobControl) => Promise<T>): Promise<T> {
    const id = checkJobId(jobId);
    const controller = new AbortController();
    jobs.set(id, controller);
    try {
      return send(await body({ signal: controller.signal, progress: (done, total) => void onProgress?.({ done, total }) }));
    } finally {
      jobs.delete(id);
    }
  }

  return {
    async spectrum(values: SpectrumRequest) {
      return send(await computeSpectrum(checkLabValues('spectrum', values) as SpectrumRequest));
    },
    edge(jobId: number, values: EdgeRequest, onProgress?: ProgressCallback) {
      const checked = checkLabValues('edge', values) as EdgeRequest;
      return run(jobId, onProgress, (control) => computeEdge(checked, control));
    },
    fitterBatch(jobId: number, values: FitterRequest, onProgress?: ProgressCallback) {
      const checked = checkLabValues('fitter', values) as FitterRequest;
      return run(jobId, onProgress, (control) => computeFitterBatch(checked, control));
    },
    fitUpload(bytes: Uint8Array, name: string) {
      return send(fitUpload(bytes, typeof name === 'string' ? name.slice(0, 200) : 'upload'));
    },
    theory(jobId: number, values: PhaseRequest, onRow: (row: TheoryRow) => void, onProgress?: ProgressCallback) {
      const checked = checkLabValues('phase', values) as PhaseRequest;
      return run(jobId, onProgress, async (control) => {
        await computeTheoryRows(checked, control, (row) => void onRow(send(row)));
        return { done: true };
      });
    },
    monteCarlo(jobId: number, values: PhaseRequest, onCell: (cell: CellRecord) => void, onProgress?: ProgressCallback) {
      const checked = checkLabValues('phase', values) as PhaseRequest;
      return run(jobId, onProgress, async (control) => {
        const result = await computeMonteCarlo(checked, control, (cell) => void onCell(cell));
        // Callbacks travel on their own channel and may land after this reply: the reply is the complete record.
        return { status: result.status, cells: result.cells };
      });
    },
    layerMap(jobId: number, values: PhaseRequest, onUpdate: (update: LayerUpdate) => void, onProgress?: ProgressCallback) {
      const checked = checkLabValues('phase', values) as PhaseRequest;
      // The reply is the complete map (callbacks may land after it).
      return run(jobId, onProgress, (control) => computeLayerMap(checked, control, (update) => void onUpdate(update)));
    },
    cancel(jobId: number): boolean {
      const job = jobs.get(checkJobId(jobId));
      job?.abort();
      return job !== undefined;
    },
  };
}

export type LabApi = ReturnType<typeof createLabApi>;
export const WORKER_READY = 'vsdl-lab-worker-ready';
