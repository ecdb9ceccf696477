/** What the lab worker sends back: plain objects of typed arrays, ready to draw and to export. */
import type { CalibratedAlpha, Truth } from '../core/ensembles/index.js';
import type { EsdFit } from '../core/fit/index.js';
import type { LayerCellRecord, LayerSweepResult } from '../core/layer/index.js';
import type { CellRecord, SweepResult } from '../core/vsdl/index.js';

/** A vertical line on a chart (theory prediction or fit), in the chart's x units. */
export interface Marker {
  x: number;
  label: string;
  kind: 'mp' | 'bbp' | 'tw' | 'frechet' | 'xmin' | 'fit';
}
/** A shaded x interval (e.g. the Tracy–Widom band at the edge). */
export interface Band {
  from: number;
  to: number;
  label: string;
}

/**
 * Several y series over one shared x grid (uPlot's "aligned data"); NaN marks "no value here" (a log chart cannot
 * draw 0).
 */
export interface AlignedSeries {
  x: Float64Array;
  ys: Record<string, Float64Array>;
}

/** How far a job has come: `done` of `total` units (rows, cells, draws), and the stage it is in, when it says. */
export interface Progress {
  done: number;
  total: number;
  stage?: string;
}

export interface SpectrumResult {
  n: number;
  m: number;
  eigenvalues: Float64Array;
  truth: Truth;
  fit: EsdFit;
  linear: AlignedSeries;
  loglog: AlignedSeries;
  markers: Marker[];
  bands: Band[];
  /**
   * The empirical calibration of α̂ for this draw's law, μ, Q and M where 2 < μ < 4 (null for other μ and for
   * light-tailed ensembles); `loglog.ys.calibratedLow`/`calibratedHigh` draw its interval as slopes from xmin.
   */
  calibration: CalibrationAt | null;
  /** Eigenvalues beyond the linear chart's range (heavy tails are clipped to keep the bulk readable). */
  clipped: number;
  /**
   * Eigenvalues too small to tell from rounding (below SPECTRUM_RESOLUTION·λ_max, μ ≲ 0.5): left out of both
   * charts, which show only what double precision resolves.
   */
  unresolved: number;
  /** Whether the draw was reused from the previous request (only σ changed). */
  reused: boolean;
  millis: { draw: number; spectrum: number; fit: number };
  /** Threads that computed the eigenvalues (more than one where the page is cross-origin isolated). */
  threads: number;
}

export interface EdgePanel {
  /** 'tw': (λ_max − centre)/scale against TW1; 'frechet': λ_max/scale against Fréchet(μ/2). */
  kind: 'tw' | 'frechet';
  /** Whether theory says this limit applies at this μ. */
  applies: boolean;
  center: number;
  scale: number;
  series: AlignedSeries;
  markers: Marker[];
}

export interface EdgeResult {
  n: number;
  m: number;
  method: 'laguerre' | 'dense';
  lambdaMax: Float64Array;
  panels: EdgePanel[];
  mean: number;
  sd: number;
  compute: ComputeReport;
}

/**
 * Where a job ran and how fast: the lab's badge shows it, exports record it. `backend` 'gpu' names the gpu.js
 * mode and what renders it; 'cpu' is the core's WebAssembly kernels in the lab's worker.
 */
export interface ComputeReport {
  /** What the page asked for (the `backend` field). */
  requested: 'auto' | 'gpu' | 'cpu';
  backend: 'gpu' | 'cpu';
  /** 'webgpu', 'webgl2' or 'webgl' on the GPU; 'wasm' on the CPU. */
  mode: string;
  renderer: string | null;
  /** The device is a software renderer (only with backend=gpu). */
  software: boolean;
  /** Why this backend: the request, the device, or the measured probe. */
  reason: string;
  /** The job's own rate: work units per second of wall time. */
  rate: number;
  unit: 'proposals/s' | 'draws/s';
  seconds: number;
  /** The probe's predictions for this job, when one ran. */
  probe: { gpuSeconds: number | null; cpuSeconds: number | null } | null;
}

export interface FitterDraw {
  mu: number;
  rep: number;
  seed: string;
  alpha: number;
  sigma: number;
  xmin: number;
  D: number;
}

/**
 * The empirical calibration of the fitted α̂ (`calibratedAlpha`) at one law, μ, Q and M: its value, or the
 * calibration's own reason for having none there.
 */
export type CalibrationAt = { value: CalibratedAlpha; reason: null } | { value: null; reason: string };

export interface FitterResult {
  n: number;
  m: number;
  draws: FitterDraw[];
  /**
   * Per μ: mean α̂ ± sd over seeds (`alphaHat`, `spread`, `fitSigma`), the limit α = 1 + μ/2 (`predicted`, μ ≤ 2)
   * and the calibrated α̂ with its 95 % interval (`calibrated`, `calibratedLow`, `calibratedHigh`; NaN where the
   * calibration does not cover μ).
   */
  summary: AlignedSeries;
  /**
   * The calibrated band over 2 < μ < 4 on a fine μ grid (the same three series, where covered), for the chart, and
   * what it is or why it is missing.
   */
  calibration: { band: AlignedSeries; note: string };
  /** Eigenvalues of every draw, for export, in draw order. */
  eigenvalues: Float64Array[];
}

export interface UploadResult {
  name: string;
  shape: number[];
  kind: 'matrix' | 'eigenvalues';
  notes: string[];
  fit: EsdFit;
  loglog: AlignedSeries;
  markers: Marker[];
}

export interface TheoryRow {
  row: number;
  tau: number;
  eps_g: Float64Array;
  R: Float64Array;
  q: Float64Array;
  eps_t: Float64Array;
  lines: { alpha_c: number | null; alpha_spinodal: number | null; alpha_zero_entropy: number | null } | null;
  error: string | null;
}

/** The Monte Carlo sweep's reply: every cell simulated (all of them unless it was stopped). */
export interface MonteCarloResult {
  status: SweepResult['status'];
  cells: CellRecord[];
  compute: ComputeReport;
}

/** One spike's boundary: points (τ, α) where R(α, τ) = threshold_R; a τ whose R never reaches it has none. */
export interface BbpBoundary {
  spike: number;
  threshold_R: number;
  points: { tau: number; alpha: number }[];
}

/** What the layer map streams after each cell: the cell and the boundaries known so far. */
export interface LayerUpdate {
  cell: LayerCellRecord;
  boundaries: BbpBoundary[];
}

export interface LayerMapResult {
  status: LayerSweepResult['status'];
  cells: LayerCellRecord[];
  boundaries: BbpBoundary[];
  alphas: number[];
  taus: number[];
  compute: ComputeReport;
}
