/**
 * The lab worker's contract: one line per call. The page calls these through comlink (`Remote<LabApi>` makes every
 * reply a promise, and callbacks travel as proxies); `workers/labApi.ts` implements them over the core and checks
 * every request on arrival with `checkLabValues`, the rules the page's URL parser repairs by.
 *
 * Jobs take an id chosen by the page (`cancel` uses it), report progress and stream items (rows, cells) through
 * callbacks, and resolve with their complete result: callbacks travel on channels of their own and may land after
 * the reply, so the reply never depends on them. A cancelled job rejects with a `JobCancelled` error.
 */
import type { CellRecord } from '../core/vsdl/index.js';
import type { ConvLayout } from '../core/analyze/index.js';
import type { BenchmarkRequest, BenchmarkRun } from './benchmark.js';
import type { LabValues } from './definitions.js';
import type { LandscapeItem, LandscapeLabResult, LandscapeRequest } from './landscape.js';
import type { ModelAnalysisResult, ModelFileBytes } from './models.js';
import type { EdgeResult, FitterResult, LayerMapResult, LayerUpdate, MonteCarloResult, Progress, SpectrumResult, TheoryRow, UploadResult } from './results.js';

export type SpectrumRequest = LabValues<'spectrum'>;
export type EdgeRequest = LabValues<'edge'>;
export type FitterRequest = LabValues<'fitter'>;
export type PhaseRequest = LabValues<'phase'>;

export type OnProgress = (progress: Progress) => void;


export interface LabApi {
  /**
   * One draw of W: its ESD, fits and theory overlays (the draw is reused when only σ or the bins change). From
   * M = 500 on the eigenvalues run on worker threads where the page is cross-origin isolated.
   */
  spectrum: (request: SpectrumRequest) => Promise<SpectrumResult>;
  /** Job: many draws of λ_max, rescaled against Tracy–Widom and Fréchet. */
  edge: (job: number, request: EdgeRequest, onProgress?: OnProgress) => Promise<EdgeResult>;
  /** Job: heavy-tailed draws for each μ and seed, each fitted by the power-law MLE, against theory's α. */
  fitterBatch: (job: number, request: FitterRequest, onProgress?: OnProgress) => Promise<FitterResult>;
  /**
   * The fit of a user's .npy file (a matrix W or a vector of eigenvalues); the bytes are transferred. A vector of
   * eigenvalues says nothing of the matrix's shape: `q` (Q = N/M, the fitter lab's field) gives it an MP fit and a
   * phase, with N = Q·M.
   */
  fitUpload: (bytes: Uint8Array, name: string, q?: number) => UploadResult;
  /**
   * Job: every layer of a model file (safetensors, .npz, or a TF.js model.json with its shards), as `vsdl analyze`
   * does it, with each layer's ESD drawn; the files' bytes are transferred. `layout` states 4-D kernels' layout
   * (required for a .npz holding them); progress counts the layers' work and its stage names the layer and the
   * estimated time. Malformed files reject with the reader's FormatError before any large allocation.
   */
  analyzeModel: (job: number, files: ModelFileBytes[], layout?: ConvLayout, onProgress?: OnProgress) => Promise<ModelAnalysisResult>;
  /** Job: replica theory over the (α, τ) grid, streamed one τ row at a time; resolves with every row. */
  theory: (job: number, request: PhaseRequest, onProgress?: OnProgress, onRow?: (row: TheoryRow) => void) => Promise<TheoryRow[]>;
  /**
   * Job: the Monte Carlo sweep over the coarse (α, τ) grid, streamed cell by cell. A sweep beyond the core's limits
   * (hours) is refused unless `confirmed`: the page asks first (monteCarloEstimate) and says so here.
   */
  monteCarlo: (job: number, request: PhaseRequest, onProgress?: OnProgress, onCell?: (cell: CellRecord) => void, confirmed?: boolean) => Promise<MonteCarloResult>;
  /** Job: the layer model's phase map, streamed cell by cell with the BBP boundaries known so far. */
  layerMap: (job: number, request: PhaseRequest, onProgress?: OnProgress, onUpdate?: (update: LayerUpdate) => void) => Promise<LayerMapResult>;
  /**
   * Job: spin-glass landscapes of each coupling law at N (ground states, quenches, the spectrum of J), then the width
   * of the band of minima at each of `sizes`, streamed as they come. Refused unless `confirmed` when
   * landscapeEstimate asks (the page asks first, with the same estimate).
   */
  landscape: (job: number, request: LandscapeRequest, onProgress?: OnProgress, onItem?: (item: LandscapeItem) => void, confirmed?: boolean) => Promise<LandscapeLabResult>;
  /** Job: one part of the device benchmark (src/labs/benchmark.ts): this worker's CPU rows, or the GPU. */
  benchmark: (job: number, request: BenchmarkRequest, onProgress?: OnProgress) => Promise<BenchmarkRun>;
  /** Stops a job; false when no job of that id is running (finished, or never started). */
  cancel: (job: number) => boolean;
}

/** The message a worker posts once its module has loaded (the page must not talk to it before). */
export const LAB_WORKER_READY = 'vsdl-lab-worker-ready';
