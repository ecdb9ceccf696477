/**
 * # 12 · Bulk+Spikes ~ Tikhonov regularisation
 *
 * Martin & Mahoney read the "Bulk+Spikes" spectra of older, smaller models as Tikhonov (ridge) regularisation:
 * the estimate x̂ = (X + αI)⁻¹Wᵀy multiplies each eigen-direction of X = WᵀW by the filter factor λ/(λ + α), so
 * the eigenvalues above the ridge scale α — the spikes — pass and carry the signal, while the bulk below it is
 * damped as noise. Truncated SVD (TSVD) does the same with a hard filter.
 *
 * The notebook runs ridge regression on a signal-plus-noise design whose covariance has one spike ℓ along the
 * signal direction, measures the recovered signal ⟨β̂, β*⟩ against α and the TSVD rank, and compares it with the BBP
 * theory of the spike (`bbpCovariance`: outlier λ_out and squared overlap ⟨v̂, v⟩²). Then it shows why a
 * heavy-tailed layer has no such scale: its spectrum has no gap for α to sit in.
 */
import {
  bbpCovariance,
  check,
  createStream,
  esd,
  fillNormal,
  generate,
  gram,
  grid,
  johnstone,
  meanSe,
  mpEdges,
  PALETTE,
  solveLinear,
  symmetricEigenvalues,
  symmetricEigenvector,
  twQuantile,
  type Check,
  type Figure,
  type Matrix,
  type Notebook,
  type NotebookContext,
  type Series,
  type TableRow,
} from 'vsdl-lab';

interface Params {
  [key: string]: number | number[];
  seed: number;
  /** Design W: N = q·M rows, covariance I + (ℓ − 1)vvᵀ, the signal β* = v. */
  m: number;
  q: number;
  spike: number;
  /** Standard deviation of the label noise in y = Wβ* + noise·ε. */
  noise: number;
  seeds: number;
  /** Ridge scales α (log grid: lowest, highest, count) and the largest TSVD rank. */
  alphaRange: number[];
  maxRank: number;
  /** The heavy-tailed contrast: Pareto-I entries with this μ. */
  heavyMu: number;
}

interface Draw {
  ridge: number[];
  ridgeError: number[];
  tsvd: number[];
  tsvdError: number[];
  /** Eigenvalues of X, descending, for the TSVD thresholds. */
  top: number[];
  lambdas: Float64Array;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** One design, one response, every ridge scale and every TSVD rank. */
function oneDraw(p: Params, alphas: number[], r: number): Draw {
  const n = p.q * p.m;
  const { W, spikeDirections } = generate({ ensemble: 'spiked', spikes: [p.spike], n, m: p.m, seed: `${p.seed}/${r}` });
  const beta = (spikeDirections as Matrix).data.subarray(0, p.m);
  // y = W β* + noise·ε, and b = Wᵀy/N, the right-hand side of both estimators.
  const eps = fillNormal(createStream(p.seed, 'noise', r), new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = dot(W.data.subarray(i * p.m, (i + 1) * p.m), beta) + p.noise * eps[i];
  const b = new Float64Array(p.m);
  for (let i = 0; i < n; i++) {
    const row = W.data.subarray(i * p.m, (i + 1) * p.m);
    for (let j = 0; j < p.m; j++) b[j] += (row[j] * y[i]) / n;
  }
  const X = gram(W, 1 / n);
  const error = (est: ArrayLike<number>) => {
    let s = 0;
    for (let j = 0; j < p.m; j++) s += (est[j] - beta[j]) ** 2;
    return s;
  };
  const ridge: number[] = [];
  const ridgeError: number[] = [];
  for (const alpha of alphas) {
    const A = { rows: p.m, cols: p.m, data: Float64Array.from(X.data) };
    for (let j = 0; j < p.m; j++) A.data[j * p.m + j] += alpha;
    const est = solveLinear(A, b);
    ridge.push(dot(est, beta));
    ridgeError.push(error(est));
  }
  // TSVD of rank k keeps the k largest eigen-directions: β̂ = Σ_{i ≤ k} (u_iᵀb/λ_i)·u_i.
  const lambdas = symmetricEigenvalues(X);
  const top = Array.from(lambdas).reverse().slice(0, p.maxRank);
  const est = new Float64Array(p.m);
  const tsvd = [0];
  const tsvdError = [1];
  for (const lambda of top) {
    const u = symmetricEigenvector(X, lambda);
    const c = dot(u, b) / lambda;
    for (let j = 0; j < p.m; j++) est[j] += c * u[j];
    tsvd.push(dot(est, beta));
    tsvdError.push(error(est));
  }
  return { ridge, ridgeError, tsvd, tsvdError, top, lambdas };
}

async function run(p: Params, ctx: NotebookContext = {}) {
  const checks: Check[] = [];
  const table: TableRow[] = [];
  const figures: Figure[] = [];
  const alphas = grid(p.alphaRange[0], p.alphaRange[1], p.alphaRange[2], true);
  const theory = bbpCovariance(p.spike, p.q);
  const { lambdaMinus, lambdaPlus } = mpEdges(p.q);
  const draws: Draw[] = [];
  for (let r = 0; r < p.seeds; r++) {
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.(r / (p.seeds + 1), `design ${r + 1}/${p.seeds}: ${p.q * p.m}×${p.m}, ridge at ${alphas.length} scales, TSVD up to rank ${p.maxRank}`);
    await new Promise((resolve) => setTimeout(resolve, 0));
    draws.push(oneDraw(p, alphas, r));
  }

  // Ridge: the recovered signal ⟨β̂, β*⟩ against α, with the BBP band. With f(λ) = λ/(λ + α), the noise-free part is
  // Σ f(λ_i)⟨u_i, β*⟩²: the outlier carries ⟨v̂, v⟩² (BBP) at λ_out, the bulk the rest at λ₋ ≤ λ ≤ λ₊.
  const f = (lambda: number, alpha: number) => lambda / (lambda + alpha);
  const outlier = theory.outlier as number;
  const lower = alphas.map((a) => f(outlier, a) * theory.overlap2 + f(lambdaMinus, a) * (1 - theory.overlap2));
  const upper = alphas.map((a) => f(outlier, a) * theory.overlap2 + f(lambdaPlus, a) * (1 - theory.overlap2));
  const ridge = alphas.map((_, k) => meanSe(draws.map((d) => d.ridge[k])));
  const ridgeErr = alphas.map((_, k) => meanSe(draws.map((d) => d.ridgeError[k])));
  let outside = 0;
  alphas.forEach((alpha, k) => {
    const m = ridge[k];
    // 4 SE over the designs, plus 2/M for the O(1/M) finite-size bias of the overlap (as in notebook 02).
    const slack = 4 * m.se + 2 / p.m;
    if (m.mean < lower[k] - slack || m.mean > upper[k] + slack) outside++;
    table.push({ part: 'ridge', alpha, recovered: m.mean, recovered_se: m.se, band_lo: lower[k], band_hi: upper[k], error: ridgeErr[k].mean, error_se: ridgeErr[k].se });
  });
  checks.push(check(`ridge: scales α (of ${alphas.length}) where ⟨β̂, β*⟩ leaves the BBP band`, outside, 0, 0,
    'the band is exact in the limit (bulk eigenvalues in [λ₋, λ₊], spike overlap from BBP); tolerance 4 SE over designs plus 2/M', 'at-most'));

  // TSVD: rank 1 keeps the spike alone, and recovers exactly its squared overlap.
  const tsvd = Array.from({ length: p.maxRank + 1 }, (_, k) => meanSe(draws.map((d) => d.tsvd[k])));
  const tsvdErr = Array.from({ length: p.maxRank + 1 }, (_, k) => meanSe(draws.map((d) => d.tsvdError[k])));
  tsvd.forEach((m, k) => table.push({ part: 'tsvd', rank: k, recovered: m.mean, recovered_se: m.se, error: tsvdErr[k].mean, error_se: tsvdErr[k].se, overlap2_theory: theory.overlap2 }));
  checks.push(check('TSVD rank 1: recovered signal against the BBP overlap ⟨v̂, v⟩²', tsvd[1].mean, theory.overlap2, 4 * tsvd[1].se + 2 / p.m,
    `4 SE over ${p.seeds} designs plus 2/M for the finite-size bias of the overlap; the noise term has mean zero`));
  // Rank-1 TSVD error in closed form: β̂ = (⟨u, β*⟩ + z/λ_out)·u with z = uᵀWᵀε·noise/N of variance noise²·λ_out/N,
  // so E|β̂ − β*|² = 1 − ⟨v̂, v⟩² + noise²/(N·λ_out).
  const tsvdTheory = 1 - theory.overlap2 + (p.noise * p.noise) / (p.q * p.m * outlier);
  checks.push(check('TSVD rank 1: error |β̂ − β*|² against 1 − ⟨v̂, v⟩² + noise²/(N·λ_out)', tsvdErr[1].mean, tsvdTheory, 4 * tsvdErr[1].se + 2 / p.m,
    `4 SE over ${p.seeds} designs plus 2/M for the finite-size bias of the overlap`));
  const bestRidge = Math.min(...ridgeErr.map((m) => m.mean));
  const bestAlpha = alphas[ridgeErr.findIndex((m) => m.mean === bestRidge)];
  table.push({ part: 'optimum', best_alpha: bestAlpha, best_error: bestRidge, tsvd1_error: tsvdErr[1].mean, tsvd1_error_theory: tsvdTheory, lambda_plus: lambdaPlus, lambda_out: outlier, overlap2_theory: theory.overlap2 });

  // Figure 1: the ESD of one design and the filter factors of three ridge scales.
  const one = draws[0];
  const ex = grid(0.02, outlier * 1.3, 200, true);
  const hist: Series[] = [];
  const edges = grid(lambdaMinus * 0.8, outlier * 1.2, 41, true);
  const counts = new Array<number>(40).fill(0);
  for (const v of one.lambdas) {
    const j = edges.findIndex((e, i) => i < 40 && v >= e && v < edges[i + 1]);
    if (j >= 0) counts[j]++;
  }
  hist.push({ label: `ESD of X (M = ${p.m}), fraction per bin ×10`, x: counts.map((_, j) => Math.sqrt(edges[j] * edges[j + 1])), y: counts.map((c) => (10 * c) / p.m), kind: 'bars', color: PALETTE[7] });
  [0.1, 1, 10].forEach((a, i) => hist.push({ label: `filter λ/(λ + α), α = ${a}`, x: ex, y: ex.map((x) => f(x, a)), kind: 'line', color: PALETTE[i] }));
  hist.push({ label: `BBP outlier λ_out = ${outlier.toFixed(2)}`, x: [outlier, outlier], y: [0, 1], kind: 'line', color: PALETTE[3], theory: true });
  figures.push({
    title: `Bulk + one spike (ℓ = ${p.spike}, Q = ${p.q}) and ridge filter factors`,
    x: { label: 'eigenvalue λ of X = WᵀW/N', log: true },
    y: { label: 'filter factor (and ESD)', min: 0, max: 1.05 },
    series: hist,
    legend: 'top-left',
    caption: 'An α between the bulk edge and the spike passes the spike and damps the bulk.',
  });

  // Figure 2: recovered signal against α (ridge) and against the TSVD threshold.
  const tsvdX: number[] = [];
  const tsvdY: number[] = [];
  for (let k = 1; k <= p.maxRank; k++) {
    // TSVD keeps k directions for every threshold between the (k+1)-th and k-th eigenvalue of the first design.
    const hi = one.top[k - 1];
    const lo = k < one.top.length ? one.top[k] : hi / 2;
    tsvdX.push(hi, lo);
    tsvdY.push(tsvd[k].mean, tsvd[k].mean);
  }
  figures.push({
    title: 'Recovered signal ⟨β̂, β*⟩ against the ridge scale α',
    x: { label: 'α (ridge) or threshold (TSVD)', log: true },
    y: { label: '⟨β̂, β*⟩ (β* a unit vector)', min: 0, max: 1.1 },
    series: [
      { label: `ridge, mean ± 2 SE over ${p.seeds} designs`, x: alphas, y: ridge.map((m) => m.mean), yErr: ridge.map((m) => 2 * m.se), kind: 'points', color: PALETTE[0] },
      { label: 'BBP band: spike overlap at λ_out, bulk in [λ₋, λ₊]', x: alphas, y: lower.map((l, k) => (l + upper[k]) / 2), yErr: lower.map((l, k) => (upper[k] - l) / 2), kind: 'band', color: PALETTE[0], theory: true },
      { label: 'TSVD (top eigenvalues of the first design)', x: tsvdX, y: tsvdY, kind: 'line', color: PALETTE[2] },
      { label: `BBP ⟨v̂, v⟩² = ${theory.overlap2.toFixed(3)}`, x: [alphas[0], alphas[alphas.length - 1]], y: [theory.overlap2, theory.overlap2], kind: 'line', color: PALETTE[1], theory: true },
      { label: 'bulk edge λ₊', x: [lambdaPlus, lambdaPlus], y: [0, 1.1], kind: 'line', color: PALETTE[7] },
    ],
    legend: 'bottom-left',
    caption: 'Between λ₊ and λ_out only the spike passes, carrying the fraction ⟨v̂, v⟩² of the signal that BBP predicts.',
  });

  // Figure 3: the estimation error, ridge against α and TSVD against rank (as thresholds).
  figures.push({
    title: 'Estimation error |β̂ − β*|²: ridge against α',
    x: { label: 'α', log: true },
    y: { label: '|β̂ − β*|²', log: true },
    series: [
      { label: 'ridge', x: alphas, y: ridgeErr.map((m) => m.mean), kind: 'line', color: PALETTE[0] },
      { label: 'TSVD, rank 1 (the spike alone)', x: [alphas[0], alphas[alphas.length - 1]], y: [tsvdErr[1].mean, tsvdErr[1].mean], kind: 'line', color: PALETTE[2] },
      { label: 'bulk edge λ₊', x: [lambdaPlus, lambdaPlus], y: [Math.min(...ridgeErr.map((m) => m.mean)) / 2, Math.max(...ridgeErr.map((m) => m.mean)) * 2], kind: 'line', color: PALETTE[7] },
    ],
    caption: `Small α lets the noise through the bulk; large α shrinks the spike too. The best α here is ${bestAlpha.toPrecision(2)} (λ₊ = ${lambdaPlus.toFixed(2)}).`,
  });

  // Figure 4: why a heavy-tailed layer has no such scale.
  ctx.onProgress?.(p.seeds / (p.seeds + 1), `heavy-tailed contrast: Pareto-I μ = ${p.heavyMu}`);
  const heavy = esd(generate({ ensemble: 'pareto', mu: p.heavyMu, n: p.q * p.m, m: p.m, seed: `${p.seed}/heavy` }).W);
  const spiked = one.lambdas;
  const countAbove = (values: Float64Array, a: number) => values.filter((v) => v > a).length / values.length;
  const scaleHeavy = heavy[heavy.length - 1];
  const scaleSpiked = spiked[spiked.length - 1];
  const rel = grid(1e-3, 1, 60, true);
  figures.push({
    title: 'Eigenvalues above the ridge scale: a gap for Bulk+Spikes, none for heavy tails',
    x: { label: 'α / λ_max', log: true },
    y: { label: 'fraction of eigenvalues above α', log: true },
    series: [
      { label: `spiked Gaussian (ℓ = ${p.spike})`, x: rel, y: rel.map((t) => Math.max(countAbove(spiked, t * scaleSpiked), 0.5 / p.m)), kind: 'line', color: PALETTE[0] },
      { label: `Pareto-I μ = ${p.heavyMu}`, x: rel, y: rel.map((t) => Math.max(countAbove(heavy, t * scaleHeavy), 0.5 / p.m)), kind: 'line', color: PALETTE[1] },
    ],
    legend: 'bottom-left',
    caption: 'The spiked spectrum keeps one eigenvalue over a wide range of α (the plateau); the heavy-tailed one sheds eigenvalues at every scale.',
  });
  // The gap: exactly one eigenvalue above the 99% Tracy–Widom edge of the bulk for the spiked design.
  const js = johnstone(p.q * p.m, p.m);
  const twEdge = js.center + twQuantile(0.99, 1) * js.scale;
  const aboveEdge = meanSe(draws.map((d) => d.lambdas.filter((v) => v > twEdge).length));
  checks.push(check('spiked design: eigenvalues above the 99% Tracy–Widom edge', aboveEdge.mean, 1, 0.3,
    'one detached spike, and a false positive from the bulk in about 1% of designs (0.3 allows for a few)'));
  table.push({ part: 'heavy', mu: p.heavyMu, lambda_max: scaleHeavy, fraction_above_1pct_of_max: countAbove(heavy, 0.01 * scaleHeavy), fraction_above_10pct_of_max: countAbove(heavy, 0.1 * scaleHeavy) });
  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '12-bulk-spikes-tikhonov',
  title: 'Bulk+Spikes ~ Tikhonov regularisation',
  summary: 'Ridge regression on a spiked design: filter factors λ/(λ + α), the spike above the ridge scale carries the signal (BBP overlap), TSVD beside ridge, and why heavy-tailed spectra have no such scale.',
  sections: [
    {
      heading: 'Ridge as a spectral filter',
      markdown:
        'For a design W (N×M) and responses y, ridge regression solves (X + αI)β̂ = Wᵀy/N with X = WᵀW/N. In the ' +
        'eigenbasis of X it multiplies the component along each eigenvector u_i by λ_i/(λ_i + α): directions with ' +
        'eigenvalues far above α pass, those far below are damped. Truncated SVD keeps the top k directions and drops ' +
        'the rest. Either way α (or k) is a scale in the spectrum, and it works when the spectrum has a gap to put it in.',
    },
    {
      heading: 'Bulk + a spike',
      markdown:
        'Here the rows of W have covariance I + (ℓ − 1)vvᵀ and the true coefficients are β* = v, so the signal lives in ' +
        'the spike. BBP theory says where the spike appears (λ_out = ℓ(1 + γ/(ℓ − 1))) and how well its eigenvector ' +
        'points along v (⟨v̂, v⟩²). TSVD of rank 1 recovers exactly that fraction of the signal; ridge with λ₊ ≪ α ≪ λ_out ' +
        'recovers about as much, and its curve stays inside a band computed from the BBP overlap and the MP edges. ' +
        'The error |β̂ − β*|² is smallest at a scale that damps most of the bulk\'s noise; how far into the bulk it ' +
        'sits depends on the noise and on the part 1 − ⟨v̂, v⟩² of the signal that the bulk eigenvectors carry. This is ' +
        'Martin & Mahoney\'s reading of Bulk+Spikes as Tikhonov regularisation, with the spikes carrying the information.',
    },
    {
      heading: 'No scale in a heavy tail',
      markdown:
        'A heavy-tailed spectrum (Pareto-I entries, μ = 1.5) has no bulk edge and no gap: the number of eigenvalues ' +
        'above α falls like a power of α over decades. Any ridge scale cuts through the middle of the tail, so ' +
        'heavy-tailed layers cannot be read as "signal spikes over a noise bulk"; that is why Martin & Mahoney treat them ' +
        'as a different phase, characterised by the tail exponent rather than by a scale.',
    },
  ],
  params: {
    small: { seed: 1, m: 200, q: 2, spike: 4, noise: 1, seeds: 6, alphaRange: [0.01, 100, 17], maxRank: 4, heavyMu: 1.5 },
    full: { seed: 1, m: 800, q: 2, spike: 4, noise: 1, seeds: 20, alphaRange: [0.001, 1000, 31], maxRank: 8, heavyMu: 1.5 },
  },
  run,
  predict: [
    {
      figure: 1,
      prompt: 'TSVD of rank 1 keeps only the spike\'s eigenvector. What fraction ⟨β̂, β*⟩ of the unit signal does it recover? (BBP: ℓ = 4, Q = 2.)',
      answer: (result) => Number(result.table.find((row) => row.part === 'optimum')?.overlap2_theory ?? NaN),
      min: 0,
      max: 1,
    },
  ],
};
