/** What the worker sends back: plain objects of typed arrays, ready to draw and to export. */
import type { EsdFit } from '../../src/core/fit/index.js';
import type { Truth } from '../../src/core/ensembles/index.js';

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

/** Series over one x grid; NaN marks "no value here" (a log chart cannot draw 0). */
export interface Series {
  x: Float64Array;
  ys: Record<string, Float64Array>;
}

export interface Progress {
  done: number;
  total: number;
}

export interface SpectrumResult {
  n: number;
  m: number;
  eigenvalues: Float64Array;
  truth: Truth;
  fit: EsdFit;
  linear: Series;
  loglog: Series;
  markers: Marker[];
  bands: Band[];
  /** Eigenvalues beyond the linear chart's range (heavy tails are clipped to keep the bulk readable). */
  clipped: number;
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
  series: Series;
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

export interface FitterResult {
  n: number;
  m: number;
  draws: FitterDraw[];
  /** Per μ: mean α̂ ± sd over seeds, and the theory's α. */
  summary: Series;
  /** Eigenvalues of every draw, for export, in draw order. */
  eigenvalues: Float64Array[];
}

export interface UploadResult {
  name: string;
  shape: number[];
  kind: 'matrix' | 'eigenvalues';
  notes: string[];
  fit: EsdFit;
  loglog: Series;
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
