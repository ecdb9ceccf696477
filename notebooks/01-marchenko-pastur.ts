/**
 * # 01 · Marchenko–Pastur: the spectrum of pure noise
 *
 * A weight matrix W (N×M, iid Gaussian entries of variance σ²) that has learned nothing has a spectrum we can
 * predict exactly: the eigenvalues of X = WᵀW/N fill the Marchenko–Pastur (MP) law on [λ₋, λ₊] with
 * λ± = σ²(1 ± 1/√Q)², Q = N/M. Martin & Mahoney (JMLR 2021) open their taxonomy with this picture for several Q:
 * it is the "Random-like" phase every trained layer is compared with.
 *
 * Three things are checked: the histogram matches the MP density; the empirical moments (1/M) tr X^k match
 * their exact finite-size expectations (which tend to MP's moments as N → ∞); and the largest eigenvalue
 * approaches λ₊ at the Tracy–Widom rate M^(−2/3), measured over M from 10² to 10⁵ with the exact Laguerre model.
 */
import {
  check,
  createStream,
  esd,
  fitLine,
  generate,
  grid,
  histogram,
  linearEdges,
  laguerreLargestEigenvalues,
  meanSe,
  mpDensity,
  mpEdges,
  mpMoment,
  PALETTE,
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
  /** Columns of W for the histograms and moments (N = Q·M). */
  m: number;
  qs: number[];
  /** Matrices per Q. */
  draws: number;
  /** Sizes M of the edge study (Laguerre model, Q = edgeQ). */
  edgeMs: number[];
  edgeQ: number;
  edgeDraws: number;
}

/**
 * E[(1/M) tr X^k] for X = WᵀW/N, W N×M real Gaussian with unit variance, exactly at finite size (k ≤ 3):
 * E tr S = NM, E tr S² = NM(N+M+1), E tr S³ = NM(N²+M²+3NM+3N+3M+4) for S = WᵀW (real Wishart).
 * The 1/N terms are the finite-size bias of the moments against their MP limits.
 */
function wishartMoment(k: 1 | 2 | 3, n: number, m: number): number {
  if (k === 1) return 1;
  if (k === 2) return (n + m + 1) / n;
  return (n * n + m * m + 3 * n * m + 3 * n + 3 * m + 4) / (n * n);
}

async function run(p: Params, ctx: NotebookContext = {}) {
  const checks: Check[] = [];
  const table: TableRow[] = [];
  const histSeries: Series[] = [];
  const curveSeries: Series[] = [];
  const stages = p.qs.length + p.edgeMs.length;
  let stage = 0;

  // Part 1: histograms and moments for each aspect ratio.
  for (const [iq, q] of p.qs.entries()) {
    const color = PALETTE[iq % PALETTE.length];
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.(stage++ / stages, `Q = ${q}: ${p.draws} spectra of ${q * p.m}×${p.m} matrices`);
    const n = q * p.m;
    const spectra: Float64Array[] = [];
    for (let d = 0; d < p.draws; d++) spectra.push(esd(generate({ ensemble: 'gaussian', n, m: p.m, seed: `${p.seed}/Q=${q}/${d}` }).W));
    const { lambdaPlus } = mpEdges(q);
    const pooled = Float64Array.from(spectra.flatMap((s) => Array.from(s)));
    const h = histogram(pooled, linearEdges(0, lambdaPlus * 1.1, 40));
    histSeries.push({ label: `ESD, Q = ${q}`, x: Array.from(h.centres), y: Array.from(h.density), kind: 'points', color });
    const xs = grid(0.002, lambdaPlus * 1.1, 300);
    curveSeries.push({ label: `MP, Q = ${q}`, x: xs, y: xs.map((x) => mpDensity(x, q)), kind: 'line', color, theory: true });

    for (const k of [1, 2, 3] as const) {
      // One moment per matrix: the matrices are independent, so their spread gives the standard error.
      const perMatrix = spectra.map((s) => s.reduce((a, v) => a + v ** k, 0) / s.length);
      const { mean, se } = meanSe(perMatrix);
      const exact = wishartMoment(k, n, p.m);
      const limit = mpMoment(k, q);
      table.push({ part: 'moments', Q: q, N: n, M: p.m, k, measured: mean, se, exact_finite_N: exact, mp_limit: limit });
      if (k > 1) {
        checks.push(check(`moment k=${k}, Q=${q}`, mean, exact, 4 * se,
          `4 SE over ${p.draws} matrices; exact finite-N Wishart moment, which differs from mpMoment = ${limit.toFixed(5)} by O(1/N)`));
      }
    }
  }

  // Part 2: the edge. RMS of λ_max − λ₊ over many draws of the exact Laguerre model, one size at a time.
  const logM: number[] = [];
  const logRms: number[] = [];
  const logRmsSe: number[] = [];
  const rmsPoints: number[] = [];
  const rmsErr: number[] = [];
  const { lambdaPlus } = mpEdges(p.edgeQ);
  for (const m of p.edgeMs) {
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.(stage++ / stages, `edge: M = ${m}, ${p.edgeDraws} draws`);
    const root = createStream(p.seed, 'edge', m);
    const sq: number[] = [];
    for (let d = 0; d < p.edgeDraws; d++) {
      const top = laguerreLargestEigenvalues(root.fork(d), { n: p.edgeQ * m, m, k: 1 })[0];
      sq.push((top - lambdaPlus) ** 2);
    }
    const { mean, se } = meanSe(sq);
    const rms = Math.sqrt(mean);
    // Delta method: SE(log √x̄) = SE(x̄)/(2x̄).
    const seLog = se / (2 * mean);
    logM.push(Math.log(m));
    logRms.push(Math.log(rms));
    logRmsSe.push(seLog);
    rmsPoints.push(rms);
    rmsErr.push(rms * seLog);
    table.push({ part: 'edge', Q: p.edgeQ, M: m, draws: p.edgeDraws, rms_lambda_max_minus_lambda_plus: rms, se: rms * seLog });
  }
  const fit = fitLine(logM, logRms, logRmsSe);
  table.push({ part: 'edge fit', slope: fit.slope, slope_se: fit.slopeSe, expected: -2 / 3 });
  checks.push(check('edge rate: slope of log RMS(λ_max − λ₊) vs log M', fit.slope, -2 / 3, 4 * fit.slopeSe + 0.01,
    `4 SE of the weighted slope (SE ${fit.slopeSe.toFixed(4)}) plus 0.01 for the O(M^(−1/3)) correction to Johnstone's scale, largest at the smallest M`));

  const figures: Figure[] = [
    {
      title: 'ESD of Gaussian W against Marchenko–Pastur',
      x: { label: 'λ (eigenvalue of WᵀW/N)' },
      y: { label: 'density', min: 0, max: 1.6 },
      series: [...curveSeries, ...histSeries],
      caption: `Pooled spectra of ${p.draws} matrices per Q, M = ${p.m}; the curves are MP densities (Q = 1 diverges at 0).`,
    },
    {
      title: 'The edge converges at the Tracy–Widom rate',
      x: { label: 'M', log: true },
      y: { label: 'RMS of λ_max − λ₊', log: true },
      series: [
        { label: `measured (Q = ${p.edgeQ}, ${p.edgeDraws} draws)`, x: p.edgeMs, y: rmsPoints, yErr: rmsErr, kind: 'points' },
        { label: `fit: slope ${fit.slope.toFixed(3)} ± ${fit.slopeSe.toFixed(3)}`, x: p.edgeMs, y: p.edgeMs.map((m) => Math.exp(fit.intercept + fit.slope * Math.log(m))), kind: 'line' },
        { label: 'M^(−2/3) through the last point', x: p.edgeMs, y: p.edgeMs.map((m) => rmsPoints[rmsPoints.length - 1] * Math.pow(m / p.edgeMs[p.edgeMs.length - 1], -2 / 3)), kind: 'line', theory: true },
      ],
      caption: 'Laguerre top-1 model (exact in law): the top eigenvalue sits within O(M^(−2/3)) of λ₊.',
    },
  ];
  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '01-marchenko-pastur',
  title: 'Marchenko–Pastur: the spectrum of pure noise',
  summary: 'Gaussian W for Q = 1, 3, 5, 7 against the MP law; moments with their standard errors; the edge at rate M^(−2/3).',
  sections: [
    {
      heading: 'Noise has a shape',
      markdown:
        'Draw W with iid N(0, 1) entries, N = Q·M, and compute the eigenvalues of X = WᵀW/N. As N, M → ∞ at fixed ' +
        'Q their histogram converges to a fixed curve, the **Marchenko–Pastur** density, on an interval [λ₋, λ₊] ' +
        'that depends only on Q. Larger Q (more rows per column) makes the bulk narrower around 1; Q = 1 touches zero.',
    },
    {
      heading: 'The Marchenko–Pastur law',
      afterPrediction: true,
      markdown:
        'The density is ρ(λ) = Q/(2πλ)·√((λ₊−λ)(λ−λ₋)) on [λ₋, λ₊], with edges λ± = (1 ± 1/√Q)²: for Q = 3 the ' +
        'bulk ends at λ₊ = (1 + 1/√3)² ≈ 2.488. At Q = 1 the lower edge is 0, where the density diverges like λ^(−1/2).',
    },
    {
      heading: 'Moments, exactly',
      markdown:
        'The k-th moment (1/M) tr X^k tends to the MP moment (a Narayana polynomial in 1/Q: 1, 1 + 1/Q, ' +
        '1 + 3/Q + 1/Q², …). At finite size the expectation is known exactly for real Wishart matrices and differs by ' +
        'O(1/N): E m₂ = (N + M + 1)/N, for example. Each check compares the mean over independent matrices with ' +
        'the exact value, within 4 standard errors; the table also lists the MP limit, so the finite-size bias is visible.',
    },
    {
      heading: 'The edge and the M^(−2/3) rate',
      markdown:
        'The largest eigenvalue does not stop exactly at λ₊: it fluctuates on the Tracy–Widom scale, which shrinks ' +
        'like M^(−2/3) (notebook 03 looks at the shape of those fluctuations). The Dumitriu–Edelman bidiagonal model ' +
        'samples the top eigenvalue exactly from a block of about 10·M^(1/3) rows, so M = 10⁵ costs microseconds. ' +
        'A weighted fit of log RMS(λ_max − λ₊) against log M gives the exponent; the check allows 4 standard errors ' +
        'plus a small allowance for the O(M^(−1/3)) relative correction to the scale at the smallest sizes.',
    },
  ],
  params: {
    small: { seed: 1, m: 100, qs: [1, 3, 5, 7], draws: 20, edgeMs: [100, 400, 1600, 6400, 25600], edgeQ: 2, edgeDraws: 300 },
    full: { seed: 1, m: 1000, qs: [1, 3, 5, 7], draws: 10, edgeMs: [100, 400, 1600, 6400, 25600, 102400, 409600], edgeQ: 2, edgeDraws: 2000 },
  },
  run,
  predict: [
    {
      figure: 0,
      prompt: 'Before the Marchenko–Pastur curves appear: for Q = 3, where does the bulk of eigenvalues end? Guess the upper edge λ₊.',
      answer: () => mpEdges(3).lambdaPlus,
      min: 0,
      max: 6,
    },
  ],
};
