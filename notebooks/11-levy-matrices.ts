/**
 * # 11 · Heavy tails without an edge: Lévy matrices
 *
 * Heavy-tailed random-matrix theory is seen most clearly on symmetric matrices. Let the entries have
 * P(|x| > t) ~ C·t^(−μ) with μ < 2 (infinite variance) and scale them by N^(−1/μ), as Cizeau & Bouchaud (1994)
 * did. The spectrum then has a limit, but not the semicircle: a density with power-law tails
 * ρ(x) ~ (μ/2)·C·|x|^(−1−μ), no edge at all, largest eigenvalues that grow with N and follow a Fréchet law, and
 * eigenvectors at the top that live on a couple of sites instead of spreading over all N.
 *
 * The limiting density is computed by solving Cizeau and Bouchaud's self-consistent equations (`levyDensity`) and
 * checked against simulation; the extremes against the largest entries; the localisation by the inverse
 * participation ratio of eigenvectors computed by inverse iteration.
 */
import {
  check,
  fitLine,
  frechetCdf,
  frechetPdf,
  grid,
  histogram,
  linearEdges,
  inverseParticipationRatio,
  LAWS,
  ksCritical,
  ksDistance,
  levyCurve,
  meanSe,
  PALETTE,
  semicircleDensity,
  symmetricEigenvalues,
  symmetricEigenvector,
  wignerEigenvalues,
  wignerMatrix,
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
  /** Spectra against the limit: size and matrices per case. */
  n: number;
  seeds: number;
  /** No edge: sizes and matrices per size for λ_max. */
  edgeNs: number[];
  edgeDraws: number;
  /** Fréchet extremes: size and matrices. */
  frechetN: number;
  frechetDraws: number;
  /** Localisation: sizes and matrices per size for the top eigenvector. */
  iprNs: number[];
  iprDraws: number;
}

type Tail = 'pareto' | 'stable';
interface Case {
  mu: number;
  tail: Tail;
  checked: boolean;
}

/** Pareto-I at μ = 1 and stable entries at μ = 1.5 are checked; Pareto-I at μ = 1.5 shows a slow finite-size drift. */
const CASES: Case[] = [
  { mu: 1, tail: 'pareto', checked: true },
  { mu: 1.5, tail: 'stable', checked: true },
  { mu: 1.5, tail: 'pareto', checked: false },
];
const CDF_POINTS = [-4, -2, -1, -0.4, 0, 0.4, 1, 2, 4];
const EULER_GAMMA = 0.5772156649015329;

async function run(p: Params, ctx: NotebookContext = {}) {
  const checks: Check[] = [];
  const table: TableRow[] = [];
  const figures: Figure[] = [];
  const stages = CASES.length + p.edgeNs.length + 1 + p.iprNs.length;
  let stage = 0;
  const step = (what: string) => {
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.(stage++ / stages, what);
  };

  // 1. The limiting density against simulation.
  const linear: Series[] = [];
  const tails: Series[] = [];
  const xs = grid(-5, 5, 201);
  for (const [i, c] of CASES.entries()) {
    step(`${c.tail} μ = ${c.mu}: ${p.seeds} spectra of ${p.n}×${p.n} Lévy matrices`);
    const C = LAWS[c.tail].tailConstant(c.mu, 1) as number;
    const spectra = Array.from({ length: p.seeds }, (_, r) => wignerEigenvalues({ n: p.n, tail: c.tail, mu: c.mu, seed: `${p.seed}/${c.tail}/${c.mu}/${r}` }));
    const theory = levyCurve(CDF_POINTS, c.mu, { tailConstant: C }).cdf;
    // The empirical CDF at nine points, averaged over the matrices, with the SE over matrices.
    let worstZ = 0;
    let worstGap = 0;
    CDF_POINTS.forEach((x, j) => {
      const m = meanSe(spectra.map((s) => s.filter((v) => v <= x).length / p.n));
      worstGap = Math.max(worstGap, Math.abs(m.mean - theory[j]));
      worstZ = Math.max(worstZ, (Math.abs(m.mean - theory[j]) - 1 / (2 * p.n)) / m.se);
    });
    table.push({ part: 'density', law: c.tail, mu: c.mu, N: p.n, matrices: p.seeds, tail_constant: C, worst_cdf_gap: worstGap, worst_z: worstZ });
    if (c.checked) {
      checks.push(check(`${c.tail} μ = ${c.mu}: empirical CDF against the limit, largest |t| of nine points`, worstZ, 0, 5,
        `t = (gap − 1/(2N))/SE over ${p.seeds} matrices (1/(2N): the step of an empirical CDF); the largest of nine |t| exceeds 5 with probability ≈ 1.4% for 7 degrees of freedom, less for more`, 'at-most'));
    }
    const color = PALETTE[i];
    if (i < 2) {
      const pooled = Float64Array.from(spectra.flatMap((s) => Array.from(s)));
      const h = histogram(pooled, linearEdges(-5, 5, 50));
      linear.push({ label: `${c.tail} μ = ${c.mu}, N = ${p.n}`, x: Array.from(h.centres), y: Array.from(h.density), kind: 'points', color });
      linear.push({ label: `limit, μ = ${c.mu}`, x: xs, y: Array.from(levyCurve(xs, c.mu, { tailConstant: C }).density), kind: 'line', color, theory: true });
      // Tail on log–log axes: |x| from 1 to the largest eigenvalues.
      const abs = Float64Array.from(pooled, Math.abs).sort();
      const top = abs[abs.length - 1];
      const edges = grid(1, top, 21, true);
      const tx: number[] = [];
      const ty: number[] = [];
      for (let b = 0; b < 20; b++) {
        const count = abs.filter((v) => v >= edges[b] && v < edges[b + 1]).length;
        if (count === 0) continue;
        tx.push(Math.sqrt(edges[b] * edges[b + 1]));
        ty.push(count / (2 * pooled.length * (edges[b + 1] - edges[b])));
      }
      tails.push({ label: `${c.tail} μ = ${c.mu}`, x: tx, y: ty, kind: 'points', color });
      const lx = grid(1, top, 40, true);
      tails.push({ label: `(μ/2)·C·x^(−1−μ), μ = ${c.mu}`, x: lx, y: lx.map((x) => (c.mu / 2) * C * x ** (-1 - c.mu)), kind: 'line', color, theory: true });
    }
  }
  linear.push({ label: 'semicircle (finite variance)', x: xs, y: xs.map((x) => semicircleDensity(x)), kind: 'line', color: PALETTE[8] });
  figures.push({
    title: `Lévy matrices: the limiting density against simulation (N = ${p.n})`,
    x: { label: 'eigenvalue x of H (entries scaled by N^(−1/μ))' },
    y: { label: 'density', min: 0 },
    series: linear,
    caption: 'The limit from Cizeau & Bouchaud\'s equations; the mass beyond |x| = 5 sits in the power-law tails.',
  });
  figures.push({
    title: 'No edge: power-law tails of the spectrum',
    x: { label: '|x|', log: true },
    y: { label: 'density', log: true },
    series: tails,
    legend: 'bottom-left',
    caption: 'The spectrum inherits the entries\' tail: each large entry H_ij makes a pair of eigenvalues ±|H_ij|.',
  });

  // 2. No edge: λ_max grows like N^(1/μ) (Pareto-I, μ = 1), where the GOE's stays at 2.
  const levyTop: number[] = [];
  const levyErr: number[] = [];
  const goeTop: number[] = [];
  for (const n of p.edgeNs) {
    step(`λ_max at N = ${n}: ${p.edgeDraws} Lévy (μ = 1) and GOE matrices`);
    const lv: number[] = [];
    const gv: number[] = [];
    for (let d = 0; d < p.edgeDraws; d++) {
      const l = wignerEigenvalues({ n, tail: 'pareto', mu: 1, seed: `${p.seed}/edge/${n}/${d}` });
      lv.push(Math.log(l[n - 1]));
      const g = wignerEigenvalues({ n, seed: `${p.seed}/goe/${n}/${d}` });
      gv.push(g[n - 1]);
    }
    const ml = meanSe(lv);
    levyTop.push(ml.mean);
    levyErr.push(ml.se);
    goeTop.push(meanSe(gv).mean);
    table.push({ part: 'no-edge', N: n, draws: p.edgeDraws, mean_ln_lambda_max_levy: ml.mean, se: ml.se, mean_lambda_max_goe: goeTop[goeTop.length - 1] });
  }
  const fit = fitLine(p.edgeNs.map(Math.log), levyTop, levyErr);
  checks.push(check('Pareto-I μ = 1: slope of E ln λ_max against ln N', fit.slope, 1, 4 * fit.slopeSe + 0.05,
    `λ_max ≈ the largest |H_ij| ~ (N/2)^(1/μ): slope 1/μ; 4 SE plus 0.05 for the (N − 1)/N and bulk corrections at small N`));
  table.push({ part: 'no-edge-fit', slope: fit.slope, slope_se: fit.slopeSe, theory_slope: 1 });
  figures.push({
    title: 'No edge: the largest eigenvalue grows with N',
    x: { label: 'N', log: true },
    y: { label: 'λ_max', log: true },
    series: [
      { label: 'Lévy, Pareto-I μ = 1: exp E ln λ_max', x: p.edgeNs, y: levyTop.map(Math.exp), kind: 'points', color: PALETTE[0] },
      // E ln of a Fréchet(1) variable is Euler's γ: exp E ln(largest entry) = e^γ·(N − 1)/2.
      { label: 'largest entry: e^γ·(N − 1)/2', x: p.edgeNs, y: p.edgeNs.map((n) => Math.exp(EULER_GAMMA) * (n - 1) / 2), kind: 'line', color: PALETTE[0], theory: true },
      { label: 'GOE: mean λ_max', x: p.edgeNs, y: goeTop, kind: 'points', color: PALETTE[1] },
      { label: 'semicircle edge 2', x: p.edgeNs, y: p.edgeNs.map(() => 2), kind: 'line', color: PALETTE[1], theory: true },
    ],
    legend: 'top-left',
    caption: `Fitted slope ${fit.slope.toFixed(3)} ± ${fit.slopeSe.toFixed(3)} against 1/μ = 1.`,
  });

  // 3. Fréchet extremes: λ_max / (C(N − 1)/2)^(1/μ) → Fréchet(μ), the law of the largest of N(N − 1)/2 entries.
  step(`Fréchet: ${p.frechetDraws} matrices of ${p.frechetN}×${p.frechetN}, Pareto-I μ = 1`);
  const scale = (p.frechetN - 1) / 2; // (C(N − 1)/2)^(1/μ) with C = 1, μ = 1
  const scaled: number[] = [];
  for (let d = 0; d < p.frechetDraws; d++) {
    const v = wignerEigenvalues({ n: p.frechetN, tail: 'pareto', mu: 1, seed: `${p.seed}/frechet/${d}` });
    scaled.push(v[p.frechetN - 1] / scale);
  }
  const ksF = ksDistance(scaled, (x) => frechetCdf(x, 1));
  const critF = ksCritical(p.frechetDraws);
  checks.push(check(`Pareto-I μ = 1, N = ${p.frechetN}: KS distance of λ_max/((N − 1)/2) to Fréchet(1)`, ksF, 0, critF,
    `1% critical value for ${p.frechetDraws} matrices: λ_max is the largest entry up to corrections of relative order N^(−1/2)`, 'at-most'));
  table.push({ part: 'frechet', N: p.frechetN, draws: p.frechetDraws, ks: ksF, ks_critical_1pct: critF });
  const sortedScaled = [...scaled].sort((a, b) => a - b);
  const hi = sortedScaled[Math.floor(0.95 * sortedScaled.length)];
  const fh = histogram(scaled, linearEdges(0, hi, 30));
  const fx = grid(hi / 200, hi, 200);
  figures.push({
    title: `Fréchet extremes (Pareto-I μ = 1, N = ${p.frechetN})`,
    x: { label: 'λ_max / (C(N − 1)/2)^(1/μ)' },
    y: { label: 'density', min: 0 },
    series: [
      { label: `${p.frechetDraws} matrices`, x: Array.from(fh.centres), y: Array.from(fh.density), kind: 'bars', color: PALETTE[0] },
      { label: 'Fréchet(μ = 1)', x: fx, y: fx.map((x) => frechetPdf(x, 1)), kind: 'line', color: PALETTE[1], theory: true },
    ],
    caption: 'The top 5% of draws lie off the right edge: the law has a power-law tail.',
  });

  // 4. Localisation: the top eigenvector sits on about two sites.
  const levyIpr: number[] = [];
  const goeIpr: number[] = [];
  for (const n of p.iprNs) {
    step(`localisation: top eigenvectors at N = ${n}`);
    const lv: number[] = [];
    const gv: number[] = [];
    for (let d = 0; d < p.iprDraws; d++) {
      for (const [tail, out] of [['pareto', lv], [undefined, gv]] as const) {
        const H = tail ? wignerMatrix({ n, tail, mu: 1, seed: `${p.seed}/ipr/${n}/${d}` }) : wignerMatrix({ n, seed: `${p.seed}/ipr-goe/${n}/${d}` });
        const values = symmetricEigenvalues(H);
        out.push(inverseParticipationRatio(symmetricEigenvector(H, values[n - 1])));
      }
    }
    const ml = meanSe(lv);
    const mg = meanSe(gv);
    levyIpr.push(ml.mean);
    goeIpr.push(mg.mean);
    table.push({ part: 'localisation', N: n, draws: p.iprDraws, ipr_levy_top: ml.mean, ipr_levy_se: ml.se, ipr_goe_top: mg.mean, ipr_goe_se: mg.se, ipr_delocalised: 3 / (n + 2) });
    checks.push(check(`N = ${n}: IPR of the top Lévy eigenvector (μ = 1)`, ml.mean, 0.3, 0,
      'localised on a few sites: a vector on two sites has IPR ½, a delocalised one ~3/N', 'at-least'));
    checks.push(check(`N = ${n}: IPR of the top GOE eigenvector against 3/(N + 2)`, mg.mean, 3 / (n + 2), 4 * mg.se + 0.5 / n,
      '4 SE over matrices plus 0.5/N: an eigenvector of the GOE is a uniformly random unit vector, E IPR = 3/(N + 2)'));
  }
  figures.push({
    title: 'Localisation: inverse participation ratio of the top eigenvector',
    x: { label: 'N', log: true },
    y: { label: 'IPR = Σ v_i⁴', log: true, max: 1 },
    series: [
      { label: 'Lévy, Pareto-I μ = 1', x: p.iprNs, y: levyIpr, kind: 'points', color: PALETTE[0] },
      { label: 'GOE', x: p.iprNs, y: goeIpr, kind: 'points', color: PALETTE[1] },
      { label: '3/(N + 2): a random direction', x: p.iprNs, y: p.iprNs.map((n) => 3 / (n + 2)), kind: 'line', color: PALETTE[1], theory: true },
      { label: '½: two sites', x: p.iprNs, y: p.iprNs.map(() => 0.5), kind: 'line', color: PALETTE[0], theory: true },
    ],
    legend: 'bottom-left',
    caption: 'A Lévy matrix\'s top eigenvector stays on the two ends of its largest entry; a Wigner one spreads out.',
  });
  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '11-levy-matrices',
  title: 'Heavy tails without an edge: Lévy matrices',
  summary: 'Symmetric matrices with infinite-variance entries: the Cizeau–Bouchaud limiting density against simulation, no edge, Fréchet extremes and localised top eigenvectors.',
  sections: [
    {
      heading: 'Lévy matrices',
      markdown:
        'Entries with P(|x| > t) ~ C·t^(−μ), 0 < μ < 2, have no variance, so the Wigner scaling 1/√N fails. Scaled by ' +
        'N^(−1/μ) instead (Cizeau & Bouchaud 1994) the spectrum has a limit that depends only on μ (and on C through a ' +
        'scale). `levyDensity` solves the self-consistent equations in the form of Ben Arous & Guionnet (2008): one ' +
        'complex number c(x) per point, found by Newton\'s method, with integrals by double-exponential quadrature ' +
        '(about 12 digits). The simulation check uses Pareto-I entries at μ = 1 and stable entries at μ = 1.5; Pareto-I at ' +
        'μ = 1.5 is shown in the table: it misses the limit by about 0.01 in the CDF at N = 500–1000, a finite-size ' +
        'effect that shrinks slowly (stable entries are exactly at the limit\'s law).',
    },
    {
      heading: 'No edge, Fréchet extremes',
      markdown:
        'The density decays like (μ/2)·C·|x|^(−1−μ), the law of one entry: each large H_ij makes a pair of eigenvalues ' +
        'close to ±|H_ij|. So λ_max is essentially the largest of N(N − 1)/2 entries, grows like ((N − 1)C/2)^(1/μ), and ' +
        'divided by that scale follows a Fréchet law of shape μ, exp(−x^(−μ)). There is no bulk edge to measure ' +
        'anything against: this is the "very heavy-tailed" row of Martin & Mahoney\'s table, seen on a symmetric matrix.',
    },
    {
      heading: 'Localised eigenvectors',
      markdown:
        'The inverse participation ratio Σ v_i⁴ of a unit vector is 1/N when it is spread evenly and 1 when it sits on one ' +
        'site. GOE eigenvectors are uniformly random directions, with IPR ≈ 3/(N + 2); the top eigenvector of a Lévy ' +
        'matrix stays on the two sites of its largest entry, IPR ≈ ½, at every N. Eigenvectors are computed by inverse ' +
        'iteration from the computed eigenvalue (`symmetricEigenvector`).',
    },
  ],
  params: {
    small: { seed: 1, n: 400, seeds: 8, edgeNs: [50, 100, 200, 400], edgeDraws: 40, frechetN: 150, frechetDraws: 200, iprNs: [50, 100, 200], iprDraws: 6 },
    full: { seed: 1, n: 2000, seeds: 16, edgeNs: [100, 200, 400, 800, 1600], edgeDraws: 100, frechetN: 500, frechetDraws: 1000, iprNs: [100, 200, 400, 800, 1600], iprDraws: 16 },
  },
  run,
  predict: [
    {
      figure: 2,
      prompt: 'For entries with μ = 1, how does λ_max grow with N? Guess the exponent p in λ_max ∝ N^p.',
      answer: (result) => Number(result.table.find((row) => row.part === 'no-edge-fit')?.theory_slope ?? NaN),
      min: 0,
      max: 3,
    },
    {
      figure: 4,
      prompt: 'The inverse participation ratio Σ v_i⁴ is 1/N for a vector spread evenly and 1 for one on a single site. Guess it for the top eigenvector of a Lévy matrix with μ = 1.',
      answer: (result) => Number(result.table.find((row) => row.part === 'localisation')?.ipr_levy_top ?? NaN),
      min: 0,
      max: 1,
    },
  ],
};
