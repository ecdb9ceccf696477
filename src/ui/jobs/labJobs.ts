/**
 * Every job of the labs, created once for the page and owned above the lab views: switching labs unmounts a
 * view, never its jobs, so a result (and a job still running) is there when the view comes back. Each job has a
 * worker of its own (started when it first runs), so that a job that cannot hear a cancel is stopped by
 * terminating its worker without touching any other job's.
 */
import type { ConvLayout } from '../../core/analyze/index.js';
import type { CellRecord } from '../../core/vsdl/index.js';
import {
  edgeEstimate,
  fitterEstimate,
  LANDSCAPE_INPUTS,
  landscapeEstimate,
  layerEstimate,
  monteCarloEstimate,
  PHASE_INPUTS,
  spectrumEstimate,
  type EdgeRequest,
  type EdgeResult,
  type FitterRequest,
  type FitterResult,
  type LandscapeItem,
  type LandscapeLabResult,
  type LandscapeRequest,
  type LayerMapResult,
  type LayerUpdate,
  type ModelAnalysisResult,
  type MonteCarloResult,
  type PhaseRequest,
  type SpectrumRequest,
  type SpectrumResult,
  type TheoryRow,
  type UploadResult,
  reportedCores,
} from '../../labs/index.js';
import { proxy, startLabWorker, transfer, type LabWorker, type Started } from '../worker/client.js';
import { workerSlot, type WorkerSlot } from '../worker/slot.js';
import { createJob, type Job } from './job.js';
import { createTrainJob, type TrainJob } from './trainJob.js';

/** Model files to analyse (one file, or a TF.js model.json with its shards) and the layout of 4-D kernels. */
export interface ModelRequest {
  files: File[];
  layout?: ConvLayout;
}

/** A file to fit, and Q = N/M for a vector of eigenvalues (a matrix knows its own). */
export interface UploadRequest {
  file: File;
  q?: number;
}

export interface LabJobs {
  spectrum: Job<SpectrumRequest, SpectrumResult>;
  edge: Job<EdgeRequest, EdgeResult>;
  fitter: Job<FitterRequest, FitterResult>;
  upload: Job<UploadRequest, UploadResult>;
  models: Job<ModelRequest, ModelAnalysisResult>;
  theory: Job<PhaseRequest, TheoryRow[], TheoryRow>;
  monteCarlo: Job<PhaseRequest, MonteCarloResult, CellRecord>;
  layer: Job<PhaseRequest, LayerMapResult, LayerUpdate>;
  landscape: Job<LandscapeRequest, LandscapeLabResult, LandscapeItem>;
  /** The training lab's run, in a worker of its own kind (TensorFlow.js). */
  train: TrainJob;
  dispose(): void;
}

/** The phase lab's jobs each read some of its fields: a change to the others leaves their result current. */
const inputsOf = (computation: keyof typeof PHASE_INPUTS) => (v: PhaseRequest) => JSON.stringify(PHASE_INPUTS[computation].map((name) => v[name as keyof PhaseRequest]));

/** A spectrum estimated above this is stopped when superseded; quicker ones finish unseen (a slider must not restart the worker). */
const SPECTRUM_STOP_SECONDS = 1;

export function createLabJobs(start: () => Promise<Started<LabWorker>> = startLabWorker, train: TrainJob = createTrainJob()): LabJobs {
  const slots: WorkerSlot<LabWorker>[] = [];
  const slot = () => {
    const s = workerSlot<LabWorker>(start, (api, job) => api.cancel(job));
    slots.push(s);
    return s;
  };

  const spectrumSlot = slot();
  const spectrumParams = new Map<number, SpectrumRequest>();
  // A spectrum cannot stop halfway: while one computes, newer requests replace each other and only the newest is
  // sent when it is done. A long one (asked for, then run) is stopped by terminating its worker.
  const spectrum = createJob<SpectrumRequest, SpectrumResult>({
    start(id, request) {
      spectrumParams.set(id, request);
      return spectrumSlot.call(id, (api) => api.spectrum(request)).finally(() => spectrumParams.delete(id));
    },
    stop(id) {
      const request = spectrumParams.get(id);
      if (request && spectrumEstimate(request).seconds > SPECTRUM_STOP_SECONDS) spectrumSlot.stop(id);
    },
    estimate: spectrumEstimate,
    whenBusy: 'queue',
  });

  const edgeSlot = slot();
  const edge = createJob<EdgeRequest, EdgeResult>({
    start: (id, request, sink) => edgeSlot.call(id, (api) => api.edge(id, request, proxy(sink.progress))),
    stop: (id) => edgeSlot.stop(id),
    estimate: edgeEstimate,
  });

  const fitterSlot = slot();
  const fitter = createJob<FitterRequest, FitterResult>({
    start: (id, request, sink) => fitterSlot.call(id, (api) => api.fitterBatch(id, request, proxy(sink.progress))),
    stop: (id) => fitterSlot.stop(id),
    estimate: fitterEstimate,
  });

  const uploadSlot = slot();
  // A new file supersedes the one being fitted; a large matrix's spectrum cannot hear a cancel, so its worker goes.
  const upload = createJob<UploadRequest, UploadResult>({
    async start(id, { file, q }) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return uploadSlot.call(id, (api) => api.fitUpload(transfer(bytes, [bytes.buffer]), file.name, q));
    },
    stop: (id) => uploadSlot.stop(id),
  });

  const modelSlot = slot();
  // The bytes are read here (the page checked the sizes) and transferred; the worker parses them.
  const models = createJob<ModelRequest, ModelAnalysisResult>({
    async start(id, { files, layout }, sink) {
      const picked = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
      const buffers = picked.map((f) => f.bytes.buffer);
      return modelSlot.call(id, (api) => api.analyzeModel(id, transfer(picked, buffers), layout, proxy(sink.progress)));
    },
    stop: (id) => modelSlot.stop(id),
    // File objects have no JSON text: the same files are the same names, sizes and dates.
    key: ({ files, layout }) => JSON.stringify([files.map((f) => [f.name, f.size, f.lastModified]), layout ?? null]),
  });

  const theorySlot = slot();
  const theory = createJob<PhaseRequest, TheoryRow[], TheoryRow>({
    start: (id, request, sink) =>
      theorySlot.call(id, (api) =>
        api.theory(
          id,
          request,
          proxy(sink.progress),
          proxy((row: TheoryRow) => {
            sink.item(row);
            if (row.row === 0) performance.mark('phase:first-row');
          }),
        ),
      ),
    stop: (id) => theorySlot.stop(id),
    key: inputsOf('theory'),
  });

  const monteCarloSlot = slot();
  const monteCarlo = createJob<PhaseRequest, MonteCarloResult, CellRecord>({
    // A job the estimate asks about starts only after "run anyway", which the worker hears as `confirmed`.
    start: (id, request, sink) =>
      monteCarloSlot.call(id, (api) => api.monteCarlo(id, request, proxy(sink.progress), proxy(sink.item), monteCarloEstimate(request).ask)),
    stop: (id) => monteCarloSlot.stop(id),
    estimate: monteCarloEstimate,
    key: inputsOf('monteCarlo'),
  });

  const layerSlot = slot();
  const layer = createJob<PhaseRequest, LayerMapResult, LayerUpdate>({
    start: (id, request, sink) => layerSlot.call(id, (api) => api.layerMap(id, request, proxy(sink.progress), proxy(sink.item))),
    stop: (id) => layerSlot.stop(id),
    estimate: layerEstimate,
    key: inputsOf('layer'),
  });

  // The landscape's estimate counts the cores the browser reports, as the worker's check does.
  const landscapeCost = (request: LandscapeRequest) => landscapeEstimate(request, reportedCores(globalThis.navigator?.hardwareConcurrency));
  const landscapeSlot = slot();
  const landscape = createJob<LandscapeRequest, LandscapeLabResult, LandscapeItem>({
    start: (id, request, sink) =>
      landscapeSlot.call(id, (api) => api.landscape(id, request, proxy(sink.progress), proxy(sink.item), landscapeCost(request).ask)),
    stop: (id) => landscapeSlot.stop(id),
    estimate: landscapeCost,
    // The gap units only redraw: a change to them leaves the run current.
    key: (v) => JSON.stringify(LANDSCAPE_INPUTS.map((name) => v[name])),
  });

  const jobs = [spectrum, edge, fitter, upload, models, theory, monteCarlo, layer, landscape];
  return {
    spectrum,
    edge,
    fitter,
    upload,
    models,
    theory,
    monteCarlo,
    layer,
    landscape,
    train,
    dispose() {
      for (const job of jobs) job.dispose();
      train.dispose();
      train.disposeWorker();
      for (const s of slots) s.dispose();
    },
  };
}
