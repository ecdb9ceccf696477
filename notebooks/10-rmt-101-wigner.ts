/**
 * # 10 · RMT 101: Wigner and Tracy–Widom
 *
 * Random-matrix theory starts with Wigner: a symmetric N×N matrix H with independent entries of variance 1/N
 * above the diagonal. Its global statistics are universal — the eigenvalue histogram tends to the semicircle
 * ρ(x) = √(4 − x²)/(2π) on [−2, 2] whatever the entries' law, as long as their variance is finite — and so are its
 * local statistics at the edge: λ_max sits within N^(−2/3) of 2, and (λ_max − 2)·N^(2/3) follows the Tracy–Widom law
 * TW_β of the symmetry class (β = 1 real, 2 complex, 4 quaternion).
 *
 * A weight matrix is not symmetric and rarely square: its spectrum is that of X = WᵀW/N, and the law is
 * Marchenko–Pastur's, with the same Tracy–Widom edge. The notebook shows both, and how MP turns into the
 * semicircle only when Q = N/M → ∞, far from the aspect ratios of real layers.
 */
import {
  check,
  createStream,
  fitLine,
  grid,
  histogram,
  linearEdges,
  johnstone,
  ksCritical,
  ksDistance,
  laguerreHistogram,
  laguerreLargestEigenvalues,
  meanSe,
  mpCdf,
  mpDensity,
  mpEdges,
  PALETTE,
  semicircleCdf,
  semicircleDensity,
  twCurve,
  wignerEdge,
  wignerEigenvalues,
  wignerHistogram,
  wignerLargestEigenvalues,
  type Check,
  type Figure,
  type Notebook,
  type NotebookContext,
  type Series,
  type TableRow,
} from 'vsdl-lab';

interface Params {
  [key: string]: number | number[];
  seed: number;
  /** Dense GOE size, and the size of the β = 2 spectrum counted by Sturm sequences. */
  goeN: number;
  gueN: number;
  /** Edge crispness: sizes and draws of λ_max (tridiagonal model, β = 1). */
  edgeNs: number[];
  edgeDraws: number;
  /** Tracy–Widom fluctuations: size and draws per β. */
  twN: number;
  twDraws: number;
  /** The rectangular case: M and Q of X = WᵀW/N, and draws of its λ_max. */
  mpM: number;
  mpQ: number;
  mpDraws: number;
}

type Beta = 1 | 2 | 4;

/** Largest difference between bin fractions and the bins' theoretical mass. */
function worstBin(counts: ArrayLike<number>, total: number, edges: ArrayLike<number>, cdf: (x: number) => number): number {
  let worst = 0;
  for (let j = 0; j < counts.length; j++) worst = Math.max(worst, Math.abs(counts[j] / total - (cdf(edges[j + 1]) - cdf(edges[j]))));
  return worst;
}

/** KS distance of scores to TW_β, evaluated on the cached table. */
function twKs(scores: number[], beta: Beta): number {
  const sorted = Float64Array.from(scores).sort();
  const cdf = twCurve(sorted, beta).cdf;
  let d = 0;
  for (let i = 0; i < sorted.length; i++) d = Math.max(d, (i + 1) / sorted.length - cdf[i], cdf[i] - i / sorted.length);
  return d;
}

async function run(p: Params, ctx: NotebookContext = {}) {
  const checks: Check[] = [];
  const table: TableRow[] = [];
  const figures: Figure[] = [];
  const stages = 3 + p.edgeNs.length + 3;
  let stage = 0;
  const step = (what: string) => {
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.(stage++ / stages, what);
  };

  // 1. The semicircle: one dense GOE spectrum, and a β = 2 spectrum at a size only Sturm counts reach.
  step(`GOE: eigenvalues of a dense ${p.goeN}×${p.goeN} H`);
  const goe = wignerEigenvalues({ n: p.goeN, seed: p.seed });
  const ks = ksDistance(goe, (x) => semicircleCdf(x));
  const crit = ksCritical(p.goeN);
  checks.push(check(`GOE N = ${p.goeN}: KS distance to the semicircle`, ks, 0, crit,
    `Kolmogorov's 1% critical value 1.628/√N; eigenvalues are rigid (sup|F_N − F| = O(log N/N)), so the test is conservative`, 'at-most'));
  step(`GUE by Sturm counts: the spectrum of a ${p.gueN}×${p.gueN} β = 2 matrix`);
  const edges = grid(-2.2, 2.2, 45);
  const gue = wignerHistogram({ n: p.gueN, beta: 2, seed: p.seed, edges });
  const gueWorst = worstBin(gue.counts, p.gueN, edges, (x) => semicircleCdf(x));
  checks.push(check(`GUE N = ${p.gueN}: largest bin error against the semicircle`, gueWorst, 0, 1e-3,
    'counts are rigid (fluctuations of O(√log N) eigenvalues) and the bias of the bulk is O(1/N): far below 1e-3 of the mass', 'at-most'));
  table.push({ part: 'semicircle', N: p.goeN, ks_goe: ks, ks_critical_1pct: crit, gue_N: p.gueN, gue_worst_bin: gueWorst, edge: 2 });
  const h = histogram(goe, linearEdges(-2.2, 2.2, 44));
  const xs = grid(-2.2, 2.2, 221);
  figures.push({
    title: 'The semicircle: eigenvalues of symmetric random matrices',
    x: { label: 'eigenvalue x of H (off-diagonal variance 1/N)' },
    y: { label: 'density', min: 0 },
    series: [
      { label: `GOE, N = ${p.goeN} (dense)`, x: Array.from(h.centres), y: Array.from(h.density), kind: 'bars', color: PALETTE[0] },
      { label: `GUE, N = ${p.gueN} (Sturm counts)`, x: Array.from(gue.counts, (_, j) => (edges[j] + edges[j + 1]) / 2), y: Array.from(gue.counts, (c, j) => c / (p.gueN * (edges[j + 1] - edges[j]))), kind: 'points', color: PALETTE[2] },
      { label: 'semicircle √(4 − x²)/(2π)', x: xs, y: xs.map((x) => semicircleDensity(x)), kind: 'line', color: PALETTE[1], theory: true },
    ],
    caption: 'No eigenvalue strays beyond ±2 by more than a few N^(−2/3): the edge is sharp.',
  });

  // 2. Edge crispness: the spread of λ_max shrinks like N^(−2/3).
  const sds: number[] = [];
  const sdErr: number[] = [];
  const means: number[] = [];
  for (const n of p.edgeNs) {
    step(`edge: ${p.edgeDraws} draws of λ_max at N = ${n}`);
    const tops: number[] = [];
    for (let d = 0; d < p.edgeDraws; d++) tops.push(wignerLargestEigenvalues({ n, k: 1, seed: `${p.seed}/edge/${n}/${d}` })[0]);
    const m = meanSe(tops);
    sds.push(m.sd);
    // SE of a sample SD ≈ sd/√(2(n − 1)) (near-Gaussian TW₁: excess kurtosis 0.17).
    sdErr.push(m.sd / Math.sqrt(2 * (p.edgeDraws - 1)));
    means.push(m.mean);
    table.push({ part: 'edge', N: n, draws: p.edgeDraws, mean_lambda_max: m.mean, sd_lambda_max: m.sd, sd_scaled: m.sd * n ** (2 / 3) });
  }
  const logN = p.edgeNs.map(Math.log);
  const fit = fitLine(logN, sds.map(Math.log), sds.map((s, i) => sdErr[i] / s));
  checks.push(check('edge: slope of ln sd(λ_max) against ln N', fit.slope, -2 / 3, 4 * fit.slopeSe + 0.03,
    `4 SE of the weighted slope plus 0.03 for the O(N^(−2/3)) corrections at the smallest N`));
  table.push({ part: 'edge-fit', slope: fit.slope, slope_se: fit.slopeSe, theory_slope: -2 / 3 });
  const tw1sd = Math.sqrt(1.6077810345813315);
  figures.push({
    title: 'Edge crispness: the spread of λ_max against N (β = 1)',
    x: { label: 'N', log: true },
    y: { label: 'standard deviation of λ_max', log: true },
    series: [
      { label: 'measured (tridiagonal model, leading block)', x: p.edgeNs, y: sds, yErr: sdErr.map((e) => 2 * e), kind: 'points', color: PALETTE[0] },
      { label: 'TW₁ sd · N^(−2/3)', x: p.edgeNs, y: p.edgeNs.map((n) => tw1sd * n ** (-2 / 3)), kind: 'line', color: PALETTE[1], theory: true },
    ],
    caption: `Fitted slope ${fit.slope.toFixed(3)} ± ${fit.slopeSe.toFixed(3)}; Tracy–Widom predicts −2/3.`,
  });

  // 3. Tracy–Widom fluctuations for β = 1, 2, 4.
  const twSeries: Series[] = [];
  const sgrid = grid(-6, 3, 181);
  for (const [i, beta] of ([1, 2, 4] as Beta[]).entries()) {
    step(`Tracy–Widom: ${p.twDraws} draws of λ_max, β = ${beta}, N = ${p.twN}`);
    const { center, scale } = wignerEdge(p.twN, { beta });
    const s: number[] = [];
    for (let d = 0; d < p.twDraws; d++) s.push((wignerLargestEigenvalues({ n: p.twN, beta, k: 1, seed: `${p.seed}/tw/${beta}/${d}` })[0] - center) / scale);
    const d = twKs(s, beta);
    const c = ksCritical(p.twDraws);
    checks.push(check(`β = ${beta}: KS distance of (λ_max − 2)/scale to TW_${beta}`, d, 0, c,
      `1% critical value for ${p.twDraws} draws; the O(N^(−2/3)) finite-size shift is below it at N = ${p.twN}`, 'at-most'));
    const m = meanSe(s);
    table.push({ part: 'tracy-widom', beta, N: p.twN, draws: p.twDraws, mean: m.mean, mean_se: m.se, ks: d, ks_critical_1pct: c });
    const hh = histogram(s, linearEdges(-6, 3, 36));
    twSeries.push({ label: `β = ${beta}: ${p.twDraws} draws`, x: Array.from(hh.centres), y: Array.from(hh.density), kind: 'points', color: PALETTE[i] });
    twSeries.push({ label: `TW_${beta}`, x: sgrid, y: Array.from(twCurve(sgrid, beta).pdf), kind: 'line', color: PALETTE[i], theory: true });
  }
  figures.push({
    title: `Tracy–Widom fluctuations of λ_max (N = ${p.twN})`,
    x: { label: '(λ_max − 2) / scale, scale = N^(−2/3) (·2^(−1/6) for β = 4)' },
    y: { label: 'density', min: 0 },
    series: twSeries,
    legend: 'top-left',
    caption: 'Stronger eigenvalue repulsion (larger β) pushes λ_max down and narrows its law.',
  });

  // 4. A rectangular W: Marchenko–Pastur, not the semicircle; the same Tracy–Widom edge.
  step(`rectangular W: the ESD of X = WᵀW/N, M = ${p.mpM}, Q = ${p.mpQ}`);
  const { lambdaMinus, lambdaPlus } = mpEdges(p.mpQ);
  const mpEdgesGrid = grid(0, lambdaPlus * 1.15, 47);
  const lag = laguerreHistogram(createStream(p.seed, 'mp'), { n: p.mpQ * p.mpM, m: p.mpM, edges: mpEdgesGrid });
  // The semicircle with the same mean (1) and variance (1/Q) as MP: centre 1, σ = 1/√Q.
  const r = 1 / Math.sqrt(p.mpQ);
  const scCdf = (x: number) => semicircleCdf(x - 1, r);
  const mpWorst = worstBin(lag.counts, p.mpM, mpEdgesGrid, (x) => mpCdf(x, p.mpQ));
  const scWorst = worstBin(lag.counts, p.mpM, mpEdgesGrid, scCdf);
  checks.push(check(`Q = ${p.mpQ}: largest bin error against Marchenko–Pastur`, mpWorst, 0, 1e-3,
    'Wishart counts are rigid as well: far below 1e-3 of the mass per bin', 'at-most'));
  checks.push(check(`Q = ${p.mpQ}: largest bin error against the moment-matched semicircle`, scWorst, 0.01, 0,
    'a semicircle with the same mean and variance misses the skewed MP shape by more than 1% of the mass in some bin', 'at-least'));
  step(`rectangular W: ${p.mpDraws} draws of λ_max against Johnstone's TW₁`);
  const js = johnstone(p.mpQ * p.mpM, p.mpM);
  const mpScores: number[] = [];
  for (let d = 0; d < p.mpDraws; d++) mpScores.push((laguerreLargestEigenvalues(createStream(p.seed, 'mp-edge', d), { n: p.mpQ * p.mpM, m: p.mpM, k: 1 })[0] - js.center) / js.scale);
  const mpKs = twKs(mpScores, 1);
  checks.push(check(`Q = ${p.mpQ}: KS distance of λ_max (Johnstone scaling) to TW₁`, mpKs, 0, ksCritical(p.mpDraws),
    `1% critical value for ${p.mpDraws} draws: the edge of a layer is Tracy–Widom too`, 'at-most'));
  table.push({ part: 'marchenko-pastur', M: p.mpM, Q: p.mpQ, worst_bin_mp: mpWorst, worst_bin_semicircle: scWorst, ks_tw1_edge: mpKs, lambda_minus: lambdaMinus, lambda_plus: lambdaPlus });
  const mx = grid(0.001, lambdaPlus * 1.15, 240);
  const centres = Array.from(lag.counts, (_, j) => (mpEdgesGrid[j] + mpEdgesGrid[j + 1]) / 2);
  figures.push({
    title: `A rectangular W (Q = ${p.mpQ}): Marchenko–Pastur, not the semicircle`,
    x: { label: 'eigenvalue λ of X = WᵀW/N' },
    y: { label: 'density', min: 0 },
    series: [
      { label: `ESD, M = ${p.mpM} (Laguerre model)`, x: centres, y: Array.from(lag.counts, (c, j) => c / (p.mpM * (mpEdgesGrid[j + 1] - mpEdgesGrid[j]))), kind: 'bars', color: PALETTE[0] },
      { label: 'Marchenko–Pastur', x: mx, y: mx.map((x) => mpDensity(x, p.mpQ)), kind: 'line', color: PALETTE[1], theory: true },
      { label: 'semicircle with the same mean and variance', x: mx, y: mx.map((x) => semicircleDensity(x - 1, r)), kind: 'line', color: PALETTE[3] },
    ],
    caption: 'MP is skewed and has a hard edge λ₋ > 0: it is the law of WᵀW, a positive matrix, and the baseline for layers.',
  });

  // 5. MP becomes the semicircle only as Q → ∞: √Q(λ − 1) for growing Q (theory curves).
  step('Marchenko–Pastur against the semicircle as Q grows');
  const qs = [1, 2, 8, 64];
  const ux = grid(-3, 4, 281);
  const limit: Series[] = qs.map((q, i) => ({
    label: `MP, Q = ${q}`,
    x: ux,
    y: ux.map((u) => mpDensity(1 + u / Math.sqrt(q), q) / Math.sqrt(q)),
    kind: 'line' as const,
    color: PALETTE[i],
  }));
  limit.push({ label: 'semicircle', x: ux, y: ux.map((u) => semicircleDensity(u)), kind: 'line', color: PALETTE[8], theory: true });
  for (const q of qs) {
    // sup over u of |F_MP(1 + u/√Q) − F_sc(u)|: the distance between the two laws on the scale where they meet.
    const distance = Math.max(...ux.map((u) => Math.abs(mpCdf(1 + u / Math.sqrt(q), q) - semicircleCdf(u))));
    table.push({ part: 'mp-to-semicircle', Q: q, ks_theory: distance });
  }
  figures.push({
    title: 'MP turns into the semicircle only as Q → ∞',
    x: { label: 'u = √Q·(λ − 1)' },
    y: { label: 'density of u', min: 0, max: 1 },
    series: limit,
    caption: 'Layers have Q of 1 to 10: their bulk is MP, with a hard left edge, never the semicircle (Q = 1 diverges at u = −1).',
  });
  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '10-rmt-101-wigner',
  title: 'RMT 101: Wigner and Tracy–Widom',
  summary: 'The semicircle, the N^(−2/3) edge and Tracy–Widom fluctuations of Wigner matrices (β = 1, 2, 4); then why a rectangular layer follows Marchenko–Pastur instead.',
  sections: [
    {
      heading: 'Global statistics: the semicircle',
      markdown:
        'Take H symmetric N×N with independent entries of variance 1/N above the diagonal (the GOE is the Gaussian ' +
        'case: H = (A + Aᵀ)/√(2N)). As N grows the eigenvalue histogram converges to the semicircle ' +
        'ρ(x) = √(4 − x²)/(2π) on [−2, 2], for any entry law with finite variance (Wigner 1955). The Dumitriu–Edelman ' +
        'tridiagonal model has exactly the GOE (β = 1), GUE (β = 2) and GSE (β = 4) spectra in O(N) memory, so its ' +
        'Sturm counts give the histogram of a 10⁶×10⁶ matrix in a second.',
    },
    {
      heading: 'Local statistics: a crisp edge, Tracy–Widom fluctuations',
      markdown:
        'The largest eigenvalue does not wander: it sits within O(N^(−2/3)) of 2 (eigenvalues repel, so the edge is ' +
        'rigid), and (λ_max − 2)·N^(2/3) converges to the Tracy–Widom law TW_β. The exponent −2/3 and the law depend ' +
        'only on the symmetry class, not on the entries. For β = 4 the scale carries a factor 2^(−1/6) in the F4 ' +
        'convention used here (Tracy & Widom 2005).',
    },
    {
      heading: 'Layers are rectangular: Marchenko–Pastur',
      markdown:
        'A weight matrix W is N×M and not symmetric; what has a spectrum is X = WᵀW/N, which is positive. Its law is ' +
        'Marchenko–Pastur, skewed, with a hard left edge λ₋ = (1 − 1/√Q)² > 0: a semicircle with the same mean and ' +
        'variance misses it badly. The edge is again Tracy–Widom (TW₁ after Johnstone\'s centring and scaling), and ' +
        'only as Q → ∞ does √Q(X − I) become a Wigner matrix with the semicircle. That is why Martin & Mahoney measure ' +
        'layers against MP (notebook 01) and why the heavy-tailed story of the next lessons is told on X = WᵀW/N.',
    },
  ],
  params: {
    small: { seed: 1, goeN: 800, gueN: 100_000, edgeNs: [100, 1000, 10_000], edgeDraws: 120, twN: 2000, twDraws: 300, mpM: 10_000, mpQ: 2, mpDraws: 300 },
    full: { seed: 1, goeN: 4000, gueN: 1_000_000, edgeNs: [100, 316, 1000, 3162, 10_000, 31_623, 100_000, 1_000_000], edgeDraws: 1000, twN: 10_000, twDraws: 4000, mpM: 100_000, mpQ: 2, mpDraws: 2000 },
  },
  run,
  predict: [
    {
      figure: 0,
      prompt: 'H has off-diagonal variance 1/N. Where does its spectrum end? Guess the right edge of the histogram.',
      answer: (result) => Number(result.table.find((row) => row.part === 'semicircle')?.edge ?? NaN),
      min: 0,
      max: 5,
    },
    {
      figure: 1,
      prompt: 'The spread of λ_max shrinks like N^p as N grows. Guess the exponent p.',
      answer: (result) => Number(result.table.find((row) => row.part === 'edge-fit')?.theory_slope ?? NaN),
      min: -1.5,
      max: 0,
    },
  ],
};
