/**
 * # 02 · Spikes and the BBP transition
 *
 * Learning puts structure into a weight matrix; the simplest structure is one direction v with more variance than
 * the rest: rows of W drawn from N(0, I + (ℓ − 1)vvᵀ), a covariance spike of strength ℓ. Baik, Ben Arous & Péché
 * (2005) showed that the top eigenvalue of X = WᵀW/N separates from the Marchenko–Pastur bulk only when
 * ℓ > 1 + 1/√Q; below that threshold the spike is invisible, however long you look at the spectrum.
 * Above it the outlier sits at ℓ(1 + γ/(ℓ − 1)) (γ = 1/Q) and the top eigenvector points partly along v, with
 * squared overlap (1 − γ/(ℓ − 1)²)/(1 + γ/(ℓ − 1)) (Paul 2007). This is Martin & Mahoney's "Bulk+Spikes" phase,
 * and its threshold is why weak signals in a layer cannot be told from noise.
 *
 * The notebook sweeps ℓ through the threshold, measures the top eigenvalue and the overlap of the top eigenvector
 * with v (inverse iteration at the computed top eigenvalue), and compares the means over seeds with `bbpCovariance`.
 */
import {
  bbpCovariance,
  check,
  esd,
  generate,
  gram,
  grid,
  johnstone,
  meanSe,
  mpEdges,
  PALETTE,
  twMoments,
  type Check,
  type Matrix,
  type Notebook,
  type NotebookContext,
  type TableRow,
} from 'vsdl-lab';

interface Params {
  [key: string]: number | number[];
  seed: number;
  m: number;
  q: number;
  /** Spike strengths ℓ (population eigenvalues), ascending. */
  spikes: number[];
  seeds: number;
}

/**
 * The unit eigenvector of the symmetric matrix X for its eigenvalue lambda (the largest), by inverse iteration:
 * A = (λ + δ)I − X is positive definite with smallest eigenvalue δ, so one Cholesky factorisation and two solves
 * amplify the wanted direction by (gap/δ)² ≈ 10¹⁶ over every other.
 */
function topEigenvector(x: Matrix, lambda: number): Float64Array {
  const m = x.rows;
  for (let delta = 1e-9 * lambda; ; delta *= 10) {
    const l = cholesky(x, lambda + delta);
    if (!l) continue;
    let v: Float64Array = new Float64Array(m).fill(1 / Math.sqrt(m));
    for (let it = 0; it < 3; it++) v = normalise(solve(l, m, v));
    return v;
  }
}

/** Lower-triangular L with LLᵀ = shift·I − X, or null when that matrix is not numerically positive definite. */
function cholesky(x: Matrix, shift: number): Float64Array | null {
  const m = x.rows;
  const l = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    let d = shift - x.data[j * m + j];
    for (let k = 0; k < j; k++) d -= l[j * m + k] ** 2;
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = -x.data[i * m + j];
      for (let k = 0; k < j; k++) s -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = s / ljj;
    }
  }
  return l;
}

function solve(l: Float64Array, m: number, b: Float64Array): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * m + k] * y[k];
    y[i] = s / l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < m; k++) s -= l[k * m + i] * y[k];
    y[i] = s / l[i * m + i];
  }
  return y;
}

function normalise(v: Float64Array): Float64Array {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

async function run(p: Params, ctx: NotebookContext = {}) {
  const n = Math.round(p.q * p.m);
  const { lambdaPlus } = mpEdges(p.q);
  const tw = johnstone(n, p.m);
  const twMean = tw.center + twMoments(1).mean * tw.scale;
  const threshold = bbpCovariance(1, p.q).threshold;
  const table: TableRow[] = [];
  const measured: { ell: number; top: ReturnType<typeof meanSe>; overlap: ReturnType<typeof meanSe> }[] = [];

  for (const [i, ell] of p.spikes.entries()) {
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.(i / p.spikes.length, `ℓ = ${ell}: ${p.seeds} matrices ${n}×${p.m}`);
    const tops: number[] = [];
    const overlaps: number[] = [];
    for (let s = 0; s < p.seeds; s++) {
      const draw = generate({ ensemble: 'spiked', spikeModel: 'covariance', spikes: [ell], n, m: p.m, seed: `${p.seed}/${s}` });
      const lambda = esd(draw.W);
      const top = lambda[lambda.length - 1];
      const v = topEigenvector(gram(draw.W, 1 / n), top);
      const dir = draw.spikeDirections!.data;
      let dot = 0;
      for (let k = 0; k < p.m; k++) dot += v[k] * dir[k];
      tops.push(top);
      overlaps.push(dot * dot);
    }
    const top = meanSe(tops);
    const overlap = meanSe(overlaps);
    const theory = bbpCovariance(ell, p.q);
    measured.push({ ell, top, overlap });
    table.push({ ell, detached: String(theory.detached), lambda_top: top.mean, lambda_top_se: top.se, outlier_theory: theory.outlier ?? lambdaPlus, overlap2: overlap.mean, overlap2_se: overlap.se, overlap2_theory: theory.overlap2 });
  }

  // Checks: well above the threshold the limits apply; below it the spike must leave no trace in the overlap.
  const checks: Check[] = [];
  for (const row of measured) {
    const theory = bbpCovariance(row.ell, p.q);
    if (theory.detached && row.ell >= 2 * threshold) {
      checks.push(check(`top eigenvalue at ℓ = ${row.ell}`, row.top.mean, theory.outlier!, 4 * row.top.se + 2 / p.m,
        `4 SE over ${p.seeds} seeds (outlier fluctuations are O(N^(−1/2))) plus 2/M for the O(1/M) bias of the outlier`));
      checks.push(check(`overlap² at ℓ = ${row.ell}`, row.overlap.mean, theory.overlap2, 4 * row.overlap.se + 2 / p.m,
        `4 SE over ${p.seeds} seeds plus 2/M for the O(1/M) finite-size bias of the eigenvector overlap`));
    }
  }
  const sub = measured.filter((r) => r.ell <= 1 + 0.5 * (threshold - 1));
  for (const row of sub) {
    checks.push(check(`overlap² below the threshold (ℓ = ${row.ell})`, row.overlap.mean, 0, 4 * row.overlap.se + 10 / p.m,
      '0 in the limit; at finite M the top eigenvector of the bulk has overlap² O(1/M) with any fixed direction (1/M for a random one): 10/M plus 4 SE',
      'at-most'));
    checks.push(check(`top eigenvalue below the threshold (ℓ = ${row.ell})`, row.top.mean, twMean, 4 * row.top.se + tw.scale,
      "sticks to the bulk edge: Johnstone's centre + E[TW₁]·scale, within 4 SE plus one TW scale (a subcritical spike shifts the TW law by O(1) scales at finite M)"));
  }

  const ells = grid(1, p.spikes[p.spikes.length - 1], 200);
  const theoryTop = ells.map((l) => bbpCovariance(l, p.q).outlier ?? lambdaPlus);
  const theoryOverlap = ells.map((l) => bbpCovariance(l, p.q).overlap2);
  const figures = [
    {
      title: `Top eigenvalue through the BBP threshold (Q = ${p.q}, M = ${p.m})`,
      x: { label: 'spike strength ℓ' },
      y: { label: 'λ_max of WᵀW/N' },
      series: [
        { label: 'BBP: ℓ(1 + γ/(ℓ−1)) above threshold, λ₊ below', x: ells, y: theoryTop, kind: 'line' as const, color: PALETTE[0], theory: true },
        { label: `measured (mean ± SE, ${p.seeds} seeds)`, x: measured.map((r) => r.ell), y: measured.map((r) => r.top.mean), yErr: measured.map((r) => r.top.se), kind: 'points' as const, color: PALETTE[1] },
        { label: `threshold 1 + 1/√Q = ${threshold.toFixed(3)}`, x: [threshold, threshold], y: [lambdaPlus * 0.9, theoryTop[theoryTop.length - 1]], kind: 'line' as const, color: PALETTE[8], theory: true },
      ],
      caption: 'Below the threshold the top eigenvalue stays at the bulk edge λ₊; above it, it follows the BBP outlier.',
    },
    {
      title: 'Squared overlap of the top eigenvector with the spike',
      x: { label: 'spike strength ℓ' },
      y: { label: '⟨v̂, v⟩²', min: 0, max: 1 },
      series: [
        { label: 'theory (Paul 2007)', x: ells, y: theoryOverlap, kind: 'line' as const, color: PALETTE[0], theory: true },
        { label: `measured (mean ± SE, ${p.seeds} seeds)`, x: measured.map((r) => r.ell), y: measured.map((r) => r.overlap.mean), yErr: measured.map((r) => r.overlap.se), kind: 'points' as const, color: PALETTE[1] },
      ],
      caption: 'The eigenvector starts to align with the spike exactly where the eigenvalue detaches; finite M rounds the corner.',
    },
  ];
  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '02-spikes-bbp',
  title: 'Spikes and the BBP transition',
  summary: 'A covariance spike swept through the BBP threshold: the top eigenvalue and eigenvector overlap against BBP theory.',
  sections: [
    {
      heading: 'A spike in the covariance',
      markdown:
        'Rows of W are drawn from N(0, Σ) with Σ = I + (ℓ − 1)vvᵀ: one direction v carries variance ℓ, every other ' +
        'direction variance 1 (the Baik–Silverstein convention; `generate({ ensemble: "spiked" })`). Theory predicts a ' +
        'phase transition at a threshold ℓ_c that depends only on γ = M/N = 1/Q.',
    },
    {
      heading: 'Two sides of the threshold',
      afterPrediction: true,
      markdown:
        'The threshold is ℓ_c = 1 + √γ. ' +
        'For ℓ < ℓ_c the top eigenvalue converges to the bulk edge λ₊ = (1 + √γ)² and its eigenvector is ' +
        'asymptotically orthogonal to v: the spike cannot be detected from the spectrum. For ℓ > ℓ_c an outlier ' +
        'appears at ℓ(1 + γ/(ℓ − 1)) and the top eigenvector has squared overlap (1 − γ/(ℓ − 1)²)/(1 + γ/(ℓ − 1)) with v. ' +
        'Both curves are continuous at ℓ_c; finite M rounds the corner over a window of width O(M^(−1/3)).',
    },
    {
      heading: 'How it is measured',
      markdown:
        'For each ℓ and seed: draw W, compute the spectrum of X = WᵀW/N, then the top eigenvector by inverse ' +
        'iteration at the computed top eigenvalue (one Cholesky factorisation of (λ + δ)I − X). The checks use the ' +
        'standard error over seeds, plus an O(1/M) allowance for the finite-size bias, well above the threshold ' +
        'where the limits apply; below it they check that the spike leaves no trace: overlap² of order 1/M and the ' +
        'top eigenvalue within a few Tracy–Widom scales of the edge.',
    },
  ],
  params: {
    small: { seed: 1, m: 150, q: 2, spikes: [1, 1.3, 1.5, 1.7, 2, 2.5, 3, 3.5, 4, 5], seeds: 12 },
    full: { seed: 1, m: 1000, q: 2, spikes: [1, 1.3, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.25, 2.5, 3, 3.5, 4, 5], seeds: 10 },
  },
  run,
  predict: [
    {
      figure: 0,
      prompt: 'A spike of strength ℓ sits in the covariance (Q = 2). Above which ℓ will the top eigenvalue leave the bulk? Guess the BBP threshold.',
      // The threshold line of the figure is drawn at the theory value.
      answer: (result) => result.figures[0]?.series.find((s) => s.label.startsWith('threshold'))?.x[0] ?? NaN,
      min: 1,
      max: 5,
    },
    {
      figure: 1,
      prompt: 'At ℓ = 4, how well does the top eigenvector point along the spike? Guess the squared overlap ⟨v̂, v⟩² (0: orthogonal, 1: aligned).',
      answer: (result) => Number(result.table.find((row) => row.ell === 4)?.overlap2_theory ?? NaN),
      min: 0,
      max: 1,
    },
  ],
};
