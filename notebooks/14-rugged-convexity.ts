/**
 * # 14 · Rugged convexity: local minima of Gaussian and heavy-tailed spin glasses
 *
 * Martin & Mahoney read the loss surfaces of neural networks through spin-glass landscapes: for Gaussian couplings
 * (the Sherrington–Kirkpatrick model) the local minima that a descent finds pile up in a narrow band of energy
 * above the ground state, and heavy-tailed couplings (Cizeau & Bouchaud's Lévy spin glass) are said to change that
 * picture, a landscape that is rugged at small scales but funnel-like ("rugged convexity"), in which the minima do
 * not concentrate near the ground state; a planted pattern J + (λ/N)ξξᵀ adds the "minimal frustration" funnel.
 *
 * The notebook measures rather than assumes. Ground states are exact (enumeration of all 2^(N−1) configurations);
 * local minima come from greedy zero-temperature descents from random starts. It compares the distribution of
 * e_min − e_GS for Gaussian and Pareto (μ = 1.5) couplings at the same N, follows its width and its gap against
 * N, draws the energy–overlap plane with and without a planted pattern, shows the spectrum of J (semicircle or
 * none), and extrapolates the SK ground-state energy to N → ∞ against Parisi's −0.7633.
 */
import {
  check,
  fitLine,
  grid,
  histogram,
  linearEdges,
  instanceGaps,
  landscapeRecord,
  landscapeSummary,
  meanSe,
  PALETTE,
  runLandscape,
  symmetricEigenvalues,
  symmetricMatrix,
  createStream,
  type Check,
  type CouplingLaw,
  type Figure,
  type InstanceRecord,
  type Notebook,
  type NotebookContext,
  type Series,
  type TableRow,
} from 'vsdl-lab';

interface Params {
  [key: string]: number | number[] | string;
  seed: number;
  /** The heavy-tailed law and its tail exponent. */
  heavy: string;
  mu: number;
  /** Size, instances and quenches of the head-to-head comparison (exact ground states). */
  n: number;
  instances: number;
  quenches: number;
  /** Sizes of the gap against N (exact ground states). */
  gapNs: number[];
  /** Sizes of the width against N (quenches only: the width needs no ground state). */
  widthNs: number[];
  widthInstances: number;
  widthQuenches: number;
  /** Strength λ of the planted pattern in the energy–overlap plane. */
  planted: number;
  /** SK ground states: sizes and instances per size. */
  skNs: number[];
  skInstances: number;
  /** Size of the coupling matrices whose spectra are drawn. */
  esdN: number;
}

/** Parisi's ground-state energy per spin of the SK model (N → ∞). */
const PARISI = -0.76317;

interface Compared {
  label: string;
  couplings: CouplingLaw;
  mu: number | undefined;
}

async function run(p: Params, ctx: NotebookContext = {}) {
  const laws: Compared[] = [
    { label: 'Gaussian (SK)', couplings: 'gaussian', mu: undefined },
    { label: `${p.heavy} μ = ${p.mu}`, couplings: p.heavy as CouplingLaw, mu: p.mu },
  ];
  const checks: Check[] = [];
  const table: TableRow[] = [];
  const figures: Figure[] = [];
  const signal = ctx.signal;
  // Stages with rough weights, for progress.
  const stages = [2, p.gapNs.length, p.widthNs.length, 1, 1, p.skNs.length];
  const total = stages.reduce((a, b) => a + b, 0);
  let done = 0;
  const step = (stage: string, weight = 1) => {
    ctx.onProgress?.(done / total, stage);
    done += weight;
  };
  const landscape = async (couplings: CouplingLaw, mu: number | undefined, n: number, instances: number, quenches: number, planted = 0, method: 'enumerate' | 'quench' = 'enumerate') =>
    landscapeRecord(await runLandscape({ couplings, mu, n, instances, quenches, planted, seed: p.seed, method }, { signal }));

  // 1. The minima above the exact ground state, both laws at the same N.
  const compared: { law: Compared; records: InstanceRecord[] }[] = [];
  for (const law of laws) {
    step(`${law.label}: ${p.instances} instances at N = ${p.n}, ${p.quenches} quenches each`);
    const record = await landscape(law.couplings, law.mu, p.n, p.instances, p.quenches);
    compared.push({ law, records: record.instances });
  }
  const gapsOf = (records: InstanceRecord[], relative: boolean) =>
    records.flatMap((r) => r.minima_energies.map((e) => (e - r.ground_state_energy) / (relative ? Math.abs(r.ground_state_energy) : 1)));
  for (const relative of [false, true]) {
    const all = compared.map((c) => gapsOf(c.records, relative));
    const hi = Math.max(...all.flat()) * 1.0001;
    figures.push({
      title: relative ? `The same minima in units of each instance's |e_GS| (N = ${p.n})` : `Local minima above the exact ground state, N = ${p.n}`,
      x: { label: relative ? '(e_min − e_GS) / |e_GS|' : 'e_min − e_GS (per spin)', min: 0 },
      y: { label: 'density' },
      series: compared.map((c, k) => {
        const h = histogram(all[k], linearEdges(0, hi, 30));
        return { label: `${c.law.label} (${p.instances} × ${p.quenches} quenches)`, x: Array.from(h.centres), y: Array.from(h.density), kind: 'bars' as const, color: PALETTE[k] };
      }),
      caption: relative
        ? 'Divided by the energy scale of its own instance, the two bands look alike: heavy tails mostly stretch the energy axis.'
        : 'Each bar counts greedy descents from random starts; the bar at 0 holds those that found the ground state.',
    });
  }
  const summaries = compared.map((c) => landscapeSummary(c.records));
  compared.forEach((c, k) => {
    const s = summaries[k];
    const relative = meanSe(c.records.map((r) => instanceGaps(r).gap / Math.abs(r.ground_state_energy)));
    table.push({
      part: 'minima at N',
      couplings: c.law.label,
      n: p.n,
      e_gs: s.ground_state_energy.mean,
      e_gs_se: s.ground_state_energy.se,
      gap: s.gap.mean,
      gap_se: s.gap.se,
      relative_gap: relative.mean,
      relative_gap_se: relative.se,
      width: s.width.mean,
      width_se: s.width.se,
      fraction_at_gs: s.fraction_at_ground_state.mean,
      fraction_at_gs_se: s.fraction_at_ground_state.se,
      overlap: s.overlap.mean,
      overlap_se: s.overlap.se,
    });
  });
  const [gauss, heavy] = summaries;
  checks.push(
    check(
      `the ${laws[1].label} minima sit further above their ground state than SK's (N = ${p.n})`,
      heavy.gap.mean - gauss.gap.mean,
      3 * Math.hypot(heavy.gap.se, gauss.gap.se),
      0,
      'difference of the mean gaps ⟨e_min − e_GS⟩, at least 3 combined SE over instances above 0',
      'at-least',
    ),
  );

  // 2. The gap against N (exact ground states) and the width against N (quenches alone).
  const gapSeries: Series[] = [];
  for (const [k, law] of laws.entries()) {
    const points: { n: number; gap: number; se: number }[] = [];
    for (const n of p.gapNs) {
      step(`${law.label}: gap at N = ${n}`);
      const records = n === p.n ? compared[k].records : (await landscape(law.couplings, law.mu, n, p.instances, p.quenches)).instances;
      const s = landscapeSummary(records);
      points.push({ n, gap: s.gap.mean, se: s.gap.se });
      table.push({ part: 'gap vs N', couplings: law.label, n, gap: s.gap.mean, gap_se: s.gap.se, fraction_at_gs: s.fraction_at_ground_state.mean, e_gs_sd: s.ground_state_energy.se * Math.sqrt(p.instances) });
    }
    gapSeries.push({ label: law.label, x: points.map((q) => q.n), y: points.map((q) => q.gap), yErr: points.map((q) => q.se), kind: 'points', color: PALETTE[k] });
  }
  figures.push({
    title: 'The gap ⟨e_min − e_GS⟩ against N (exact ground states)',
    x: { label: 'N' },
    y: { label: 'mean gap per spin', min: 0 },
    series: gapSeries,
    caption: 'Mean over instances ± SE. The gap does not close as N grows, for either law: quenches stop in a band above the ground state.',
    legend: 'bottom-right',
  });

  const widthSeries: Series[] = [];
  for (const [k, law] of laws.entries()) {
    const points: { n: number; width: number; se: number; spread: number }[] = [];
    for (const n of p.widthNs) {
      step(`${law.label}: width at N = ${n}`);
      const record = await landscape(law.couplings, law.mu, n, p.widthInstances, p.widthQuenches, 0, 'quench');
      const widths = meanSe(record.instances.map((r) => meanSe(r.minima_energies).sd));
      const spread = meanSe(record.instances.map((r) => meanSe(r.minima_energies).mean)).sd;
      points.push({ n, width: widths.mean, se: widths.se, spread });
      table.push({ part: 'width vs N', couplings: law.label, n, width: widths.mean, width_se: widths.se, instance_spread: spread });
    }
    const fit = fitLine(points.map((q) => Math.log(q.n)), points.map((q) => Math.log(q.width)), points.map((q) => q.se / q.width));
    const kappa = -fit.slope;
    table.push({ part: 'width exponent', couplings: law.label, kappa, kappa_se: fit.slopeSe });
    checks.push(
      check(
        `${law.label}: the band of minima narrows, width ∝ N^(−κ)`,
        kappa,
        3 * fit.slopeSe,
        0,
        `κ from a weighted fit of log width against log N over N = ${p.widthNs.join(', ')}; it must exceed 0 by 3 SE (a central limit for the energy of a minimum would give κ → 1/2)`,
        'at-least',
      ),
    );
    widthSeries.push({ label: `${law.label}: κ = ${kappa.toFixed(2)} ± ${fit.slopeSe.toFixed(2)}`, x: points.map((q) => q.n), y: points.map((q) => q.width), yErr: points.map((q) => q.se), kind: 'points', color: PALETTE[k] });
    const xs = grid(p.widthNs[0], p.widthNs[p.widthNs.length - 1], 40, true);
    widthSeries.push({ label: `fit (${law.label})`, x: xs, y: xs.map((n) => Math.exp(fit.intercept + fit.slope * Math.log(n))), kind: 'line', color: PALETTE[k] });
  }
  figures.push({
    title: 'Width of the band of minima against N',
    x: { label: 'N', log: true },
    y: { label: 'SD of e_min over quenches (per spin)', log: true },
    series: widthSeries,
    caption: 'Standard deviation of the minima energies within an instance, mean over instances ± SE, with weighted power-law fits.',
    legend: 'bottom-left',
  });

  // 3. The energy–overlap plane, without and with a planted pattern (the same couplings).
  step(`the energy–overlap plane, λ = 0 and ${p.planted}`);
  const planes: Series[] = [];
  const fractions: { lambda: number; f: { mean: number; se: number } }[] = [];
  for (const [k, lambda] of [0, p.planted].entries()) {
    const record = await landscape('gaussian', undefined, p.n, p.instances, p.quenches, lambda);
    const r = record.instances[0];
    planes.push({ label: lambda ? `planted λ = ${lambda}` : 'SK, no pattern', x: r.minima_overlaps, y: r.minima_energies.map((e) => e - r.ground_state_energy), kind: 'points', color: PALETTE[k + 2] });
    const s = landscapeSummary(record.instances);
    fractions.push({ lambda, f: s.fraction_at_ground_state });
    const withPattern = meanSe(record.instances.map((x) => x.ground_state_planted_overlap ?? 0));
    table.push({ part: 'planted', couplings: 'Gaussian (SK)', n: p.n, lambda, fraction_at_gs: s.fraction_at_ground_state.mean, fraction_at_gs_se: s.fraction_at_ground_state.se, gs_pattern_overlap: withPattern.mean, gap: s.gap.mean, gap_se: s.gap.se });
  }
  figures.push({
    title: `Energy against overlap with the ground state (one instance, N = ${p.n})`,
    x: { label: '|overlap| with the ground state', min: 0, max: 1 },
    y: { label: 'e_min − e_GS (per spin)', min: 0 },
    series: planes,
    caption: 'Without a pattern the minima scatter at all overlaps; with one, low energy means high overlap: a funnel toward ±ξ.',
  });
  const [bare, funnel] = fractions;
  checks.push(
    check(
      `a planted pattern λ = ${p.planted} draws more quenches into the ground state`,
      funnel.f.mean - bare.f.mean,
      3 * Math.hypot(funnel.f.se, bare.f.se),
      0,
      'difference of the mean fractions of quenches that reach the ground state, at least 3 combined SE over instances above 0',
      'at-least',
    ),
  );

  // 4. The spectra of the coupling matrices.
  step(`spectra of J at N = ${p.esdN}`);
  const esdSeries: Series[] = [];
  const lo = -6;
  const hi = 6;
  let gaussianTop = NaN;
  for (const [k, law] of laws.entries()) {
    const J = symmetricMatrix(createStream(p.seed, 'spectrum', law.couplings), { law: law.couplings, mu: law.mu, n: p.esdN, diagonal: 'zero' });
    const eigenvalues = symmetricEigenvalues(J);
    const top = eigenvalues[eigenvalues.length - 1];
    if (k === 0) gaussianTop = top;
    const outside = eigenvalues.filter((x) => x < lo || x > hi).length;
    const h = histogram(eigenvalues, linearEdges(lo, hi, 60));
    esdSeries.push({ label: `${law.label}${outside ? ` (${outside} beyond ±6, up to ${top.toFixed(0)})` : ''}`, x: Array.from(h.centres), y: Array.from(h.density), kind: 'bars', color: PALETTE[k] });
    table.push({ part: 'spectrum of J', couplings: law.label, n: p.esdN, lambda_max: top, lambda_min: eigenvalues[0], beyond_6: outside });
  }
  esdSeries.push({ label: 'semicircle edge ±2', x: [-2, -2, 2, 2], y: [0, 0.45, 0.45, 0], kind: 'line', color: PALETTE[8], theory: true });
  figures.push({
    title: `Spectrum of the couplings J (N = ${p.esdN})`,
    x: { label: 'eigenvalue of J', min: lo, max: hi },
    y: { label: 'density' },
    series: esdSeries,
    caption: 'Gaussian couplings fill the semicircle on [−2, 2]; heavy-tailed ones have no edge: a few eigenvalues follow the largest couplings far out.',
  });
  // Tracy–Widom: λ_max ≈ 2 + N^(−2/3)·s with s ~ TW₁ (mean −1.21, SD 1.27).
  const edgeScale = p.esdN ** (-2 / 3);
  checks.push(
    check('SK couplings: the top eigenvalue sits at the semicircle edge 2', gaussianTop, 2, (1.21 + 4 * 1.27) * edgeScale,
      `Tracy–Widom: λ_max = 2 + N^(−2/3)·s with s ~ TW₁ (mean −1.21, SD 1.27); |mean| + 4 SD at N = ${p.esdN}`),
  );

  // 5. The SK ground-state energy against N^(−2/3), extrapolated to N → ∞.
  const sk: { n: number; mean: number; se: number }[] = [];
  for (const n of p.skNs) {
    step(`SK ground states: ${p.skInstances} instances at N = ${n}`);
    const record = await landscape('gaussian', undefined, n, p.skInstances, 1);
    const m = meanSe(record.instances.map((r) => r.ground_state_energy));
    sk.push({ n, mean: m.mean, se: m.se });
    table.push({ part: 'SK ground state', couplings: 'Gaussian (SK)', n, e_gs: m.mean, e_gs_se: m.se });
  }
  const x = sk.map((q) => q.n ** (-2 / 3));
  const fit = fitLine(x, sk.map((q) => q.mean), sk.map((q) => q.se));
  table.push({ part: 'SK extrapolation', couplings: 'Gaussian (SK)', e_infinity: fit.intercept, e_infinity_se: fit.interceptSe, A: fit.slope, A_se: fit.slopeSe, parisi: PARISI });
  checks.push(
    check('SK ground-state energy extrapolated to N → ∞', fit.intercept, PARISI, 3 * fit.interceptSe,
      `3 SE of the intercept of a weighted fit e_N = e_∞ + A·N^(−2/3) over N = ${p.skNs.join(', ')} (${p.skInstances} exact ground states each); Parisi's value −0.76317`),
  );
  const xs = grid(0, Math.max(...x), 40);
  figures.push({
    title: 'SK ground-state energy per spin against N^(−2/3)',
    x: { label: 'N^(−2/3)', min: 0 },
    y: { label: 'mean e_GS' },
    series: [
      { label: `exact ground states (mean ± SE, ${p.skInstances} instances)`, x, y: sk.map((q) => q.mean), yErr: sk.map((q) => q.se), kind: 'points', color: PALETTE[0] },
      { label: `fit: e_∞ = ${fit.intercept.toFixed(4)} ± ${fit.interceptSe.toFixed(4)}`, x: xs, y: xs.map((v) => fit.intercept + fit.slope * v), kind: 'line', color: PALETTE[0] },
      { label: 'Parisi −0.7632', x: [0, Math.max(...x)], y: [PARISI, PARISI], kind: 'line', color: PALETTE[8], theory: true },
    ],
    caption: 'Finite-size corrections fall like N^(−2/3): the line through exact ground states of small systems lands on the Parisi value.',
    legend: 'bottom-right',
  });
  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '14-rugged-convexity',
  title: 'Rugged convexity: local minima of heavy-tailed spin glasses',
  summary: 'Exact ground states and greedy quenches of SK and Lévy-like spin glasses: where the local minima sit, how their band narrows, the planted funnel, and the SK ground-state energy from small systems.',
  sections: [
    {
      heading: 'Spin glasses as loss surfaces',
      markdown:
        'N Ising spins s_i = ±1 and symmetric couplings J with zero diagonal give the energy per spin ' +
        'e(s) = −½ sᵀJs / N. **Gaussian** couplings J_ij ~ N(0, 1/N) are the Sherrington–Kirkpatrick model, whose ' +
        'ground-state energy per spin tends to a limit that Parisi computed. **Heavy-tailed** couplings (here symmetric Pareto with tail ' +
        'exponent μ = 1.5, no finite variance) are scaled by N^(−1/μ), as in Cizeau & Bouchaud\'s Lévy spin glass, so that ' +
        'local fields stay of order one. A **planted** pattern adds (λ/N)ξξᵀ and makes ±ξ a deep valley. ' +
        '`vsdl landscape` runs the same models from the command line.',
    },
    {
      heading: 'Exact ground states, local minima by descent',
      markdown:
        'Up to N ≈ 30–36 the ground state is found exactly by visiting all 2^(N−1) configurations (a WebAssembly ' +
        'kernel, about 10⁹ per second and core). A **quench** starts from a uniformly random configuration and flips, ' +
        'one at a time, the spin whose flip lowers the energy most (greedy descent) until no flip does: it ends in a ' +
        'one-flip-stable local minimum. The fraction of starts that end in a minimum estimates its basin.',
    },
    {
      heading: 'What the measurements show',
      markdown:
        'At the same N the heavy-tailed minima sit further above their ground state and their band is wider, in ' +
        'absolute energy; divided by each instance\'s |e_GS| the two distributions are close (the table lists the ' +
        'relative gap). For both laws the band narrows as N grows at a similar rate (κ ≈ 0.4–0.5 in width ∝ N^(−κ)), ' +
        'and the gap does not close. What differs is elsewhere: heavy-tailed energies do not self-average (the ' +
        'spread of the mean minimum energy over instances, `instance_spread`, stays large as N grows), fewer ' +
        'quenches reach the ground state, and a planted pattern of the same λ barely changes a heavy-tailed ' +
        'landscape while it turns an SK landscape into a funnel. So at these sizes the measurements do not show ' +
        'heavy-tailed minima failing to concentrate in a band above the ground state; they show a band on a larger, ' +
        'instance-dependent energy scale.',
    },
    {
      heading: 'The SK ground state from small systems',
      afterPrediction: true,
      markdown:
        'The mean ground-state energy of SK systems approaches its limit as e_N ≈ e_∞ + A·N^(−2/3). Exact ground ' +
        'states of a few hundred instances at each N and a weighted straight-line fit in N^(−2/3) give e_∞; the full ' +
        'version (N = 8–28, 600 instances each) finds −0.767 ± 0.003 against Parisi\'s −0.7632, the small one a wider ' +
        'interval. The check uses the fit\'s standard error.',
    },
  ],
  params: {
    small: {
      seed: 1, heavy: 'pareto', mu: 1.5, n: 20, instances: 8, quenches: 200, gapNs: [12, 16, 20], widthNs: [32, 64, 128, 256],
      widthInstances: 8, widthQuenches: 100, planted: 2, skNs: [8, 10, 12, 14, 16, 18, 20], skInstances: 300, esdN: 300,
    },
    full: {
      seed: 1, heavy: 'pareto', mu: 1.5, n: 28, instances: 24, quenches: 1000, gapNs: [12, 16, 20, 24, 28], widthNs: [16, 32, 64, 128, 256, 512],
      widthInstances: 8, widthQuenches: 300, planted: 2, skNs: [8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28], skInstances: 600, esdN: 1000,
    },
  },
  run,
  predict: [
    {
      figure: 5,
      prompt: 'Before the spectra appear: a symmetric matrix has iid Gaussian entries of variance 1/N. Where does its spectrum end? Guess the largest eigenvalue.',
      answer: () => 2,
      min: 0,
      max: 6,
    },
    {
      figure: 6,
      prompt: 'Before the theory line appears: what is the ground-state energy per spin of the SK model as N → ∞?',
      answer: () => PARISI,
      min: -1.2,
      max: 0,
    },
  ],
};
