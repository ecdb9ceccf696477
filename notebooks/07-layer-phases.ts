/**
 * # 07 · The phases of a learned layer
 *
 * The layer version of the VSDL model: K perceptron students, student k learning row k of a teacher layer T at
 * load α and temperature τ (Gibbs learning, one sample per row). A student at overlap R is R·T_k plus noise of
 * variance 1 − R² orthogonal to T_k, so the learned layer is W_s ≈ R·T + √(1−R²)·Ξ with R = R(α, τ) from the
 * replica theory of the perceptron (docs/layer-model.md). Its spectrum therefore shows the teacher's structure
 * with weight R²: which of Martin & Mahoney's phases a layer reaches depends on what the teacher holds and on how
 * well it has been learned.
 *
 * Two teachers, one sweep along α each: a covariance-spiked teacher (BBP: random-like → bleeding-out →
 * bulk+spikes where R(α, τ) crosses R* = (√γ/(ℓ − 1))^(1/2)) and a power-law-covariance teacher T = G·diag(s),
 * s_j Pareto-I(μ) (random-like → bulk-decay → heavy-tailed as R² lifts the population's power law out of the
 * noise). Every cell carries its prediction: the phase of the surrogate R·T + √(1−R²)·Ξ drawn with the cell's
 * own teacher.
 */
import {
  check,
  checkTeacher,
  drawTeacher,
  johnstone,
  PALETTE,
  PHASES,
  predictSpectrum,
  rowTheory,
  runLayerSweep,
  teacherModel,
  type Check,
  type Figure,
  type LayerCellRecord,
  type LayerTeacherSpec,
  type Notebook,
  type NotebookContext,
  type Phase,
  type Series,
  type TableRow,
} from 'vsdl-lab';

interface Params {
  [key: string]: number | number[];
  seed: number;
  k: number;
  n: number;
  /** Loads of the sweep; the first τ is the one of the α figures and checks. */
  alphas: number[];
  taus: number[];
  samples: number;
  /** Automatic equilibration's cap (sweeps per row). */
  maxSweeps: number;
  /** Covariance spike ℓ of the spiked teacher and tail exponent μ of the power-law-covariance teacher. */
  spike: number;
  mu: number;
}

const SEPARATED_TW = 12;

interface Teacher {
  name: string;
  spec: LayerTeacherSpec;
  color: string;
}

/** Where f (increasing in α on the grid) first reaches level, by linear interpolation; null if it never does. */
function crossing(xs: number[], ys: number[], level: number): number | null {
  for (let j = 1; j < xs.length; j++) {
    if (ys[j - 1] < level && ys[j] >= level) return xs[j - 1] + ((level - ys[j - 1]) * (xs[j] - xs[j - 1])) / (ys[j] - ys[j - 1]);
  }
  return null;
}

/** Bisection in α on R(α, τ) (increasing). */
function solveAlpha(f: (alpha: number) => number, level: number, lo = 0.05, hi = 50): number | null {
  if (f(lo) >= level || f(hi) < level) return null;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (f(mid) >= level) hi = mid;
    else lo = mid;
  }
  return hi;
}

function esdFigure(cell: LayerCellRecord, teacher: Teacher, k: number, n: number): Figure {
  const { max, bins, density } = cell.spectrum;
  const width = max / bins;
  const x = density.map((_, b) => (b + 0.5) * width);
  const series: Series[] = [{ label: `ESD (${cell.phase_counts[cell.phase!]} of ${Object.values(cell.phase_counts).reduce((a, b) => a + b, 0)} samples ${cell.phase})`, x, y: density.map((d) => d / width), kind: 'bars', color: teacher.color }];
  if (cell.mp_lambda_plus !== null) {
    const top = Math.max(...density) / width;
    series.push({ label: `fitted MP edge λ₊ = ${cell.mp_lambda_plus.toFixed(2)}`, x: [cell.mp_lambda_plus, cell.mp_lambda_plus], y: [0, top], kind: 'line', color: PALETTE[8] });
  }
  return {
    title: `${cell.phase}: ${teacher.name}, α = ${cell.alpha}, τ = ${cell.tau}, R = ${cell.R.toFixed(2)} (K = ${k}, N = ${n})`,
    x: { label: 'eigenvalue of X = W_s W_sᵀ/N' },
    y: { label: 'density' },
    series,
    caption: `Fitted tail α̂ = ${cell.alpha_pl?.toFixed(2) ?? '–'}, ${cell.num_spikes.toFixed(0)} eigenvalue(s) above the TW edge; predicted (surrogate) phase: ${cell.theory?.predicted_phase ?? '–'}.`,
  };
}

async function run(p: Params, ctx: NotebookContext = {}) {
  const teachers: Teacher[] = [
    { name: `spiked teacher (ℓ = ${p.spike})`, spec: { ensemble: 'spiked', spikes: [p.spike], spikeModel: 'covariance' }, color: PALETTE[0] },
    { name: `power-law-covariance teacher (μ = ${p.mu})`, spec: { ensemble: 'gaussian', covariance: { law: 'pareto', mu: p.mu } }, color: PALETTE[1] },
  ];
  const tau0 = p.taus[0];
  const sweeps: LayerCellRecord[][] = [];
  for (const [i, t] of teachers.entries()) {
    const res = await runLayerSweep({
      teacher: t.spec, k: p.k, n: p.n, alphas: p.alphas, taus: p.taus, samples: p.samples, seed: p.seed,
      schedule: { maxEquilibrationSweeps: p.maxSweeps }, signal: ctx.signal,
      onProgress: (f) => ctx.onProgress?.((i + f.fraction) / teachers.length, `${t.name}: ${f.done}/${f.total} cells`),
    });
    sweeps.push(res.cells);
  }

  const table: TableRow[] = [];
  for (const [i, t] of teachers.entries()) {
    for (const c of sweeps[i]) {
      table.push({ teacher: t.name, alpha: c.alpha, tau: c.tau, R: c.R, R_se: c.R_se, R_theory: c.theory?.R ?? NaN, lambda_max: c.lambda_max, num_spikes: c.num_spikes,
        alpha_pl: c.alpha_pl ?? NaN, phase: c.phase ?? '', predicted_phase: c.theory?.predicted_phase ?? '', unequilibrated_rows: c.unequilibrated });
    }
  }

  // Figures: one ESD per phase reached (the first cell along the τ0 sweep that shows it, spiked teacher first).
  const figures: Figure[] = [];
  const shown = new Set<Phase>();
  for (const [i, t] of teachers.entries()) {
    for (const c of sweeps[i].filter((c) => c.tau === tau0)) {
      if (c.phase && !shown.has(c.phase)) {
        shown.add(c.phase);
        figures.push(esdFigure(c, t, p.k, p.n));
      }
    }
  }
  const phaseIndex = (ph: Phase | null) => (ph === null ? NaN : PHASES.indexOf(ph));
  const alongAlpha: Series[] = [];
  for (const [i, t] of teachers.entries()) {
    const cells = sweeps[i].filter((c) => c.tau === tau0);
    alongAlpha.push({ label: `${t.name}: Monte Carlo`, x: cells.map((c) => c.alpha), y: cells.map((c) => phaseIndex(c.phase) + (i ? 0.08 : -0.08)), kind: 'points', color: t.color });
    alongAlpha.push({ label: `${t.name}: predicted (surrogate)`, x: cells.map((c) => c.alpha), y: cells.map((c) => phaseIndex(c.theory?.predicted_phase ?? null)), kind: 'line', color: `${t.color}80` });
  }
  figures.push({
    title: `Phase along α at τ = ${tau0} (0 random-like … 4 heavy-tailed, 5 rank-collapse)`,
    x: { label: 'load α = P/N', log: true },
    y: { label: `phase (${PHASES.map((ph, j) => `${j} ${ph}`).join(', ')})`, min: -0.5, max: 5.5 },
    series: alongAlpha,
    caption: 'The spiked teacher stops at bulk+spikes; the power-law-covariance teacher goes on to heavy-tailed as R(α, τ) grows.',
    legend: 'top-left',
  });
  const grid: Series[] = [];
  for (const [i, t] of teachers.entries()) {
    for (const ph of PHASES) {
      const cells = sweeps[i].filter((c) => c.phase === ph);
      if (cells.length) grid.push({ label: `${t.name}: ${ph}`, x: cells.map((c) => c.alpha), y: cells.map((c) => c.tau * (i ? 1.06 : 0.94)), kind: 'points', color: PALETTE[2 + PHASES.indexOf(ph)] });
    }
  }
  figures.push({
    title: '(α, τ) phase diagram of the learned layer (spiked teacher just below each τ, power-law covariance just above)',
    x: { label: 'load α = P/N', log: true },
    y: { label: 'temperature τ', log: true },
    series: grid,
    caption: 'Colours are phases; higher τ needs a larger α for the same overlap R, so every boundary moves right as τ grows.',
    legend: 'bottom-right',
  });

  // Checks.
  const checks: Check[] = [];
  // 1. Spiked teacher: where λ_max crosses the bulk+spikes mark (12 TW scales above the edge), against BBP at R(α, τ).
  const spiked = sweeps[0].filter((c) => c.tau === tau0);
  const spec = checkTeacher(teachers[0].spec);
  const models = Array.from({ length: p.samples }, (_, s) => teacherModel(drawTeacher(spec, p.k, p.n, 'spherical', p.seed, s), spec, 'spherical', 'unit'));
  const predictedTop = (alpha: number) => {
    const R = rowTheory('spherical', alpha, tau0).R;
    return models.reduce((a, m) => {
      const pr = predictSpectrum(m, R);
      return a + Math.max(pr.lambda_plus ?? 0, ...(pr.bbp ?? []).map((b) => b.outlier ?? 0)) / models.length;
    }, 0);
  };
  const edge = johnstone(Math.max(p.k, p.n), Math.min(p.k, p.n));
  const level = edge.center + SEPARATED_TW * edge.scale;
  const predictedBoundary = solveAlpha(predictedTop, level);
  const measuredBoundary = crossing(spiked.map((c) => c.alpha), spiked.map((c) => c.lambda_max), level);
  const j = p.alphas.findIndex((a) => predictedBoundary !== null && a >= predictedBoundary);
  const step = j > 0 ? p.alphas[j] - p.alphas[j - 1] : NaN;
  checks.push(check(`spiked teacher: bulk+spikes boundary α at τ = ${tau0} (λ_max = TW centre + ${SEPARATED_TW} scales)`, measuredBoundary ?? NaN, predictedBoundary ?? NaN, step,
    `BBP applied to R(α, τ) of perceptron theory; tolerance one grid step in α (${step}): the crossing is interpolated between grid points and the outlier's sample SE (ℓ_eff·√(2/N) ≈ 5 %) moves it by less than that`));
  // 2. Power-law-covariance teacher: heavy-tailed at the highest load, not at the lowest.
  const cov = sweeps[1].filter((c) => c.tau === tau0);
  const low = cov[0];
  const high = cov[cov.length - 1];
  checks.push(check(`power-law covariance: heavy-tailed at α = ${high.alpha} (R = ${high.R.toFixed(2)}), 1 = yes`, high.phase === 'heavy-tailed' ? 1 : 0, 1, 0,
    `the surrogate at this R is ${high.theory?.predicted_phase}; a phase label over ${p.samples} sample(s) at a fixed seed, no SE: it checks the trend, the bench (bench/layer-sweep.mjs) measures the crossover`));
  checks.push(check(`power-law covariance: fitted α̂ at α = ${high.alpha}`, high.alpha_pl ?? NaN, 3, 0,
    `heavy-tailed means α̂ < 3 (the classifier's rule); the limit is 1 + μ/2 = ${1 + p.mu / 2}, approached from above at finite K (measured 1.7–2.6 at K = 40–80, R = 0.85–1)`, 'at-most'));
  checks.push(check(`power-law covariance: heavy-tailed at α = ${low.alpha} (R = ${low.R.toFixed(2)}), 0 = no`, low.phase === 'heavy-tailed' ? 1 : 0, 0, 0,
    `at low R the population 1 + R²(c − 1) lifts at most a few values above the BBP threshold 1 + √(N/K); a phase label at a fixed seed, no SE`));
  // 3. Measured R against perceptron theory where every row equilibrated.
  for (const [i, t] of teachers.entries()) {
    for (const c of sweeps[i].filter((c) => c.unequilibrated === 0 && c.theory)) {
      checks.push(check(`R at α = ${c.alpha}, τ = ${c.tau} (${t.name})`, c.R, c.theory!.R, 3 * c.R_se + 1 / p.n,
        `3 SE over the ${p.k * p.samples} rows plus 1/N for the finite-size bias of the replica-symmetric R; only cells whose rows all equilibrated`));
    }
  }
  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '07-layer-phases',
  title: 'The phases of a learned layer',
  summary: 'A layer of VSDL students along α: BBP spikes from a spiked teacher, a heavy tail from a power-law-covariance teacher, each against its prediction.',
  sections: [
    {
      heading: 'A learned layer is the teacher seen through noise',
      markdown:
        'Student k learns teacher row k from P = αN examples at temperature τ. By the rotational symmetry of Gaussian ' +
        'inputs its weights are J_k = R·T_k + √(1−R²)·ξ_k with ξ_k a random direction orthogonal to T_k, so the layer is ' +
        'W_s ≈ R·T + √(1−R²)·Ξ. Its rows have population covariance R²·C + (1 − R²)·I, C the teacher\'s: learning ' +
        'reveals the teacher\'s covariance with weight R². A Gaussian teacher (C = I) stays random-like at every R.',
    },
    {
      heading: 'Spikes: BBP at the learned overlap',
      markdown:
        'A covariance spike ℓ becomes ℓ_eff = 1 + R²(ℓ − 1) in the learned layer. It detaches from the Marchenko–Pastur ' +
        'bulk when ℓ_eff > 1 + √γ (γ = K/N), i.e. above R* = (√γ/(ℓ − 1))^(1/2), and the classifier calls it ' +
        'bulk+spikes once the outlier is 12 Tracy–Widom scales above the edge. Putting R(α, τ) into the BBP formulas ' +
        'predicts both boundaries along α.',
    },
    {
      heading: 'Heavy tails need a heavy-tailed covariance',
      markdown:
        'A teacher with iid heavy-tailed entries keeps its tail in its row norms, which a perceptron cannot learn (labels ' +
        'depend on directions only; rows are normalised to |T_k|² = N). The power-law-covariance teacher T = G·diag(s), ' +
        's_j iid Pareto-I(μ), puts the tail in the input directions instead: Σ = diag(s_j²) has eigenvalue density ' +
        '∝ σ^(−1−μ/2), and the ESD of TTᵀ/N inherits it, ρ(λ) ∝ λ^(−1−μ/2) (α = 1 + μ/2 at any μ). In the learned layer ' +
        'the power law is scaled by R²: at low R only a few population values clear the BBP threshold (random-like, then ' +
        'bleeding-out or bulk+spikes), at high R a tenth of the spectrum or more does and the fitted α̂ drops below 3 ' +
        '(heavy-tailed).',
    },
    {
      heading: 'What is not reached',
      markdown:
        'Rank-collapse needs a tenth of the eigenvalues at zero; the Gibbs noise √(1−R²)·Ξ is full rank at every R < 1, ' +
        'so no teacher, low-rank ones included, gives it in this model. Bulk-decay appears between bulk+spikes and ' +
        'heavy-tailed for the power-law-covariance teacher at some seeds.',
    },
    {
      heading: 'How it is measured',
      markdown:
        'One sweep per teacher on the same (α, τ) grid, independent inputs per row, automatic equilibration (random- and ' +
        'teacher-start replicas until they agree, up to a cap), one Gibbs sample per row. Each cell\'s spectrum is fitted ' +
        'and classified by the same rules as any weight matrix (the 5+1-phase rules of `classifyPhase`); its predicted phase is the classification ' +
        'of the surrogate R(α, τ)·T + √(1−R²)·Ξ drawn with the cell\'s own teacher. The checks compare the spiked ' +
        'teacher\'s bulk+spikes boundary with BBP, the covariance teacher\'s phase at the lowest and highest load, and ' +
        'the measured R with perceptron theory in cells where every row equilibrated.',
    },
  ],
  params: {
    small: { seed: 1, k: 40, n: 80, alphas: [0.5, 1, 2, 3, 4, 6], taus: [0.5], samples: 1, maxSweeps: 1500, spike: 10, mu: 1.5 },
    full: { seed: 1, k: 100, n: 200, alphas: [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8], taus: [0.5, 0.25, 1], samples: 2, maxSweeps: 4000, spike: 10, mu: 1.5 },
  },
  run,
};
