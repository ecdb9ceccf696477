/**
 * # 06 · The VSDL model: learning curves, hysteresis and the phase diagram
 *
 * Martin & Mahoney's Very Simple Deep Learning (VSDL) model has two control parameters: a load α (examples per
 * weight) and a temperature τ (how noisily training is stopped). We realise it as teacher–student Gibbs learning:
 * an Ising student J ∈ {±1}^N learns labels sgn(T·ξ) of a teacher T from P = αN Gaussian examples, sampled with
 * weight exp(−E/τ), E the number of training errors. The replica theory of this model (Györgyi 1990; Seung,
 * Sompolinsky & Tishby 1992) predicts a first-order transition: below α_c(τ) the student generalises poorly
 * (R = J·T/N < 1); above it, it locks onto the teacher (R = 1). Between α_c and the spinodal the poor state
 * survives as a metastable branch, which gives hysteresis, the signature of a first-order transition.
 *
 * The notebook measures ε_g(α) = arccos(R)/π by Monte Carlo at several τ over the replica curves, scans α up from
 * random students and down from the teacher to bracket α_c, and draws the (α, τ) phase diagram.
 */
import {
  check,
  grid,
  meanSe,
  PALETTE,
  perceptronCurve,
  perceptronPhaseLines,
  runCell,
  scanAlpha,
  type Check,
  type Figure,
  type Notebook,
  type NotebookContext,
  type ScanResult,
  type Series,
  type TableRow,
} from 'vsdl-lab';

interface Params {
  [key: string]: number | number[];
  seed: number;
  /** Learning curves: system size, disorder samples, fixed sweeps per cell, temperatures and loads. */
  n: number;
  samples: number;
  sweeps: number;
  taus: number[];
  alphas: number[];
  /** Hysteresis at τ = scanTau: size, loads, sweeps per point, independent scans per direction. */
  scanN: number;
  scanTau: number;
  scanAlphas: number[];
  scanSweeps: number;
  scanSamples: number;
  /** Phase diagram: temperatures. */
  diagramTaus: number[];
}

/** The load where a scan's R first crosses 0.95 (up) or first falls below it (down), interpolated linearly. */
function jumpAt(points: { alpha: number; R: number }[]): number {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if ((a.R - 0.95) * (b.R - 0.95) <= 0 && a.R !== b.R) return a.alpha + ((0.95 - a.R) / (b.R - a.R)) * (b.alpha - a.alpha);
  }
  return NaN;
}

async function run(p: Params, ctx: NotebookContext = {}) {
  const table: TableRow[] = [];
  const checks: Check[] = [];
  const figures: Figure[] = [];
  const cells = p.taus.length * p.alphas.length;
  let done = 0;

  // Part 1: learning curves. Students start at random (the poor branch); replica curves for both branches.
  const curveSeries: Series[] = [];
  const fine = grid(0.05, Math.max(...p.alphas), 120);
  for (const [it, tau] of p.taus.entries()) {
    const color = PALETTE[it];
    const lines = perceptronPhaseLines({ tau });
    const equilibrium = perceptronCurve({ weights: 'ising', tau, alphas: fine });
    const poor = perceptronCurve({ weights: 'ising', tau, alphas: fine, branch: 'poor' });
    curveSeries.push({ label: `replica, τ = ${tau} (equilibrium)`, x: equilibrium.map((s) => s.alpha), y: equilibrium.map((s) => s.eps_g), kind: 'line', color });
    curveSeries.push({ label: `replica, τ = ${tau}, poor branch to its spinodal`, x: poor.map((s) => s.alpha), y: poor.map((s) => s.eps_g), kind: 'line', color: `${color}80` });
    const mc: { alpha: number; eps: number; se: number }[] = [];
    for (const alpha of p.alphas) {
      ctx.signal?.throwIfAborted();
      ctx.onProgress?.((0.6 * done++) / cells, `Monte Carlo τ = ${tau}, α = ${alpha}`);
      const cell = await runCell({
        weights: 'ising', n: p.n, alpha, tau, samples: p.samples, seed: p.seed, start: 'random',
        schedule: { equilibrationSweeps: p.sweeps, measurementSweeps: p.sweeps }, signal: ctx.signal,
      });
      const theory = perceptronCurve({ weights: 'ising', tau, alphas: [alpha], branch: 'poor' })[0];
      mc.push({ alpha, eps: cell.eps_g, se: cell.eps_g_se });
      table.push({ part: 'learning curve', tau, alpha, N: p.n, samples: p.samples, R: cell.R, R_se: cell.R_se, eps_g: cell.eps_g, eps_g_se: cell.eps_g_se, R_poor_theory: theory?.R ?? 'no poor branch', eps_g_poor_theory: theory?.eps_g ?? '', alpha_c: lines.alpha_c ?? '' });
      // Check where the poor branch is the equilibrium and far from the transition (finite-N tunnelling).
      if (theory && lines.alpha_c !== null && alpha <= 0.7 * lines.alpha_c) {
        checks.push(check(`R at τ = ${tau}, α = ${alpha} (random start)`, cell.R, theory.R, 4 * cell.R_se + 2 / p.n,
          `4 SE over ${p.samples} data sets plus 2/N for the O(1/N) finite-size correction to the replica-symmetric value`));
      }
    }
    curveSeries.push({ label: `Monte Carlo, τ = ${tau} (N = ${p.n})`, x: mc.map((r) => r.alpha), y: mc.map((r) => r.eps), yErr: mc.map((r) => r.se), kind: 'points', color });
  }
  figures.push({
    title: 'Generalization error of the Ising VSDL student',
    x: { label: 'load α = P/N' },
    y: { label: 'ε_g = arccos(R)/π', min: 0, max: 0.5 },
    series: curveSeries,
    caption: 'Random starts follow the poor branch past α_c (metastability) and drop to ε_g = 0 near the spinodal.',
    legend: 'bottom-left',
  });

  // Part 2: hysteresis. The same chains visit the loads up (from random) and down (from the teacher).
  ctx.onProgress?.(0.6, `hysteresis at τ = ${p.scanTau}`);
  const lines = perceptronPhaseLines({ tau: p.scanTau });
  const scans: Record<'up' | 'down', { alpha: number; R: number; se: number }[]> = { up: [], down: [] };
  for (const dir of ['up', 'down'] as const) {
    const alphas = dir === 'up' ? p.scanAlphas : [...p.scanAlphas].reverse();
    const runs: ScanResult[] = [];
    for (let s = 0; s < p.scanSamples; s++) {
      ctx.signal?.throwIfAborted();
      runs.push(await scanAlpha({
        weights: 'ising', n: p.scanN, alphas, tau: p.scanTau, seed: p.seed, sample: s, start: dir === 'up' ? 'random' : 'teacher',
        equilibrationSweeps: p.scanSweeps, measurementSweeps: p.scanSweeps, signal: ctx.signal,
      }));
    }
    scans[dir] = alphas.map((alpha, i) => {
      const r = meanSe(runs.map((run) => run.points[i].R));
      return { alpha, R: r.mean, se: p.scanSamples > 1 ? r.se : 0 };
    });
    for (const pt of scans[dir]) table.push({ part: 'hysteresis', direction: dir, tau: p.scanTau, N: p.scanN, alpha: pt.alpha, R: pt.R, R_se: pt.se });
  }
  // A scan that never jumps inside the scanned loads (large N: nucleation takes longer than the run) leaves the loop
  // open on that side: its edge is then bounded by the end of the scan.
  const upSeen = jumpAt(scans.up);
  const downSeen = jumpAt([...scans.down].reverse());
  const up = Number.isNaN(upSeen) ? Math.max(...p.scanAlphas) : upSeen;
  const down = Number.isNaN(downSeen) ? Math.min(...p.scanAlphas) : downSeen;
  const describe = (seen: number, edge: number, side: string) =>
    Number.isNaN(seen) ? `no ${side} jump within the scan (loop extends past α = ${edge})` : `${side} jump ${seen.toFixed(3)}`;
  table.push({ part: 'hysteresis', tau: p.scanTau, jump_up: Number.isNaN(upSeen) ? '' : upSeen, jump_down: Number.isNaN(downSeen) ? '' : downSeen, alpha_c: lines.alpha_c ?? '', alpha_spinodal: lines.alpha_spinodal ?? '' });
  checks.push(check(`τ = ${p.scanTau}: α_c lies between the down and up jumps`, lines.alpha_c ?? NaN, (up + down) / 2, (up - down) / 2,
    `a first-order transition sits inside its hysteresis loop: ${describe(downSeen, down, 'down')}, ${describe(upSeen, up, 'up')} (R crossing 0.95, averaged over ${p.scanSamples} scans)`));
  const theoryPoor = perceptronCurve({ weights: 'ising', tau: p.scanTau, alphas: grid(0.05, Math.max(...p.scanAlphas), 120), branch: 'poor' });
  const amax = Math.max(...p.scanAlphas);
  figures.push({
    title: `Hysteresis at τ = ${p.scanTau} (N = ${p.scanN}): R along α up and down`,
    x: { label: 'load α' },
    y: { label: 'R = J·T/N', min: 0, max: 1.05 },
    series: [
      { label: 'replica, poor branch', x: theoryPoor.map((s) => s.alpha), y: theoryPoor.map((s) => s.R), kind: 'line', color: PALETTE[8] },
      { label: 'replica, perfect branch (R = 1)', x: [0, amax], y: [1, 1], kind: 'line', color: PALETTE[7] },
      { label: 'up from random students', x: scans.up.map((r) => r.alpha), y: scans.up.map((r) => r.R), yErr: scans.up.map((r) => r.se), kind: 'points', color: PALETTE[0] },
      { label: 'down from the teacher', x: scans.down.map((r) => r.alpha), y: scans.down.map((r) => r.R), yErr: scans.down.map((r) => r.se), kind: 'points', color: PALETTE[1] },
      { label: `α_c = ${(lines.alpha_c ?? NaN).toFixed(3)}`, x: [lines.alpha_c ?? NaN, lines.alpha_c ?? NaN], y: [0, 1.05], kind: 'line', color: PALETTE[3] },
      { label: `spinodal ${(lines.alpha_spinodal ?? NaN).toFixed(3)}`, x: [lines.alpha_spinodal ?? NaN, lines.alpha_spinodal ?? NaN], y: [0, 1.05], kind: 'line', color: PALETTE[4] },
    ],
    caption: 'The loop brackets α_c; its width at finite N and finite sweeps is set by the metastable lifetimes.',
    legend: 'bottom-right',
  });

  // Part 3: the phase diagram from the replica theory.
  const diagram = p.diagramTaus.map((tau, i) => {
    ctx.onProgress?.(0.8 + (0.2 * i) / p.diagramTaus.length, `phase lines at τ = ${tau}`);
    return { tau, ...perceptronPhaseLines({ tau }) };
  });
  for (const d of diagram) table.push({ part: 'phase diagram', tau: d.tau, alpha_c: d.alpha_c ?? '', alpha_spinodal: d.alpha_spinodal ?? '', alpha_zero_entropy: d.alpha_zero_entropy ?? '' });
  const zero = diagram.find((d) => d.tau === 0);
  if (zero) {
    checks.push(check('τ = 0: α_c (Gibbs learning)', zero.alpha_c ?? NaN, 1.245, 0.0005,
      'Györgyi (1990) and Gardner–Derrida: 1.245, quoted to 3 decimals'));
  }
  const line = (key: 'alpha_c' | 'alpha_spinodal' | 'alpha_zero_entropy') => ({
    x: diagram.map((d) => d[key] ?? NaN),
    y: diagram.map((d) => d.tau),
  });
  const tauMax = Math.max(...p.diagramTaus);
  figures.push({
    title: 'Phase diagram of the Ising VSDL model (replica symmetric)',
    x: { label: 'load α' },
    y: { label: 'temperature τ', min: 0 },
    series: [
      { label: 'α_c: first-order transition', ...line('alpha_c'), kind: 'line', color: PALETTE[1] },
      { label: 'spinodal: end of the poor branch', ...line('alpha_spinodal'), kind: 'line', color: PALETTE[0] },
      { label: 'zero entropy of the poor branch', ...line('alpha_zero_entropy'), kind: 'line', color: PALETTE[2] },
      { label: 'high-temperature limit α_c = 1.696 τ', x: [0, 1.6959 * tauMax], y: [0, tauMax], kind: 'line', color: PALETTE[8] },
    ],
    caption: 'Left of α_c: poor generalization; right: the student locks onto the teacher. The poor phase is metastable up to the spinodal.',
    legend: 'top-left',
  });
  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '06-vsdl-ising-phase-diagram',
  title: 'The VSDL model: learning curves, hysteresis and the phase diagram',
  summary: 'Ising teacher–student Monte Carlo against replica theory: ε_g(α) at several τ, hysteresis bracketing α_c at τ = 0.5, and the (α, τ) phase diagram.',
  sections: [
    {
      heading: 'Load and temperature',
      markdown:
        'In the VSDL picture, more (clean) data raises the load α and noisier training (early stopping, large ' +
        'learning rates, small batches) raises the temperature τ. The student\'s quality is the overlap R = J·T/N ' +
        'with the teacher, or the generalization error ε_g = arccos(R)/π. The replica theory (`perceptronReplica`, ' +
        '`perceptronCurve`) gives ε_g(α, τ) on two branches: poor (R < 1) and perfect (R = 1).',
    },
    {
      heading: 'Learning curves by Monte Carlo',
      markdown:
        'Each point runs `runCell`: two replicas per data set, single spin flips at temperature τ, a fixed number of ' +
        'sweeps, averaged over independent data sets (standard errors over data sets). Students start at random, so ' +
        'they follow the poor branch even past α_c, until the poor branch ends (the spinodal) or a finite system ' +
        'finds the teacher by a fluctuation. Checks are made where the poor branch is the equilibrium and far from ' +
        'the transition: 4 SE plus 2/N for finite-size corrections.',
    },
    {
      heading: 'Hysteresis brackets the transition',
      markdown:
        '`scanAlpha` continues the same chains along a path of loads. Up from random students, R stays on the poor ' +
        'branch past α_c; down from the teacher, R stays at 1 below α_c. A first-order transition must lie inside ' +
        'the loop: the check asserts that the replica α_c(τ = 0.5) = 1.5708 is between the two jumps. ' +
        '(`branchFreeEnergies` and `runTempering` locate α_c itself; `bench/vsdl-cpu-transition.mjs` does it.)',
    },
    {
      heading: 'The phase diagram',
      markdown:
        'Solving the saddle point along τ gives three lines: α_c (equal free energies), the spinodal (end of the ' +
        'poor branch) and, at low τ, the load where the poor branch\'s entropy reaches zero (beyond it the ' +
        'replica-symmetric poor branch is unphysical). At τ = 0, α_c = 1.245 (Györgyi 1990); at high τ the lines ' +
        'become straight, α_c ≈ 1.696 τ.',
    },
  ],
  params: {
    small: {
      seed: 1, n: 40, samples: 6, sweeps: 400, taus: [0.5, 1, 2], alphas: [0.25, 0.5, 1, 1.5, 2, 3, 4, 5],
      scanN: 80, scanTau: 0.5, scanAlphas: [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3], scanSweeps: 200, scanSamples: 3,
      diagramTaus: [0, 0.25, 0.5, 0.75, 1, 1.5, 2],
    },
    full: {
      seed: 1, n: 200, samples: 8, sweeps: 2000, taus: [0.5, 1, 2], alphas: [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5],
      scanN: 400, scanTau: 0.5, scanAlphas: [0.5, 0.75, 1, 1.25, 1.4, 1.5, 1.6, 1.75, 1.9, 2, 2.25, 2.5, 2.75, 3], scanSweeps: 500, scanSamples: 4,
      diagramTaus: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2],
    },
  },
  run,
};
