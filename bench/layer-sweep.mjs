// The layer VSDL model: where the random-like → bulk+spikes boundary falls in the Monte Carlo against BBP applied
// to the perceptron overlap R(α, τ), what a heavy-tailed (Pareto μ = 1.5) teacher gives at high R, and where a
// power-law-covariance teacher (T = G·diag(s), s_j Pareto-I μ = 1.5) turns heavy-tailed along α.
// Build first (npm run build); then: node bench/layer-sweep.mjs [samples]   (a few minutes on 2 cores)
import os from 'node:os';
import { analyseLayer, checkTeacher, drawTeacher, inheritedTail, layerMatrix, predictSpectrum, rowTheory, runLayerSweep, surrogateLayer, teacherModel } from '../dist/core/layer/index.js';
import { createStream } from '../dist/core/random/index.js';
import { johnstone, twQuantile } from '../dist/core/theory/index.js';

const samples = Number(process.argv[2] ?? 2);
const K = 80;
const N = 160;
const tau = 0.5;
const seed = 1;
console.log(`layer-sweep: K = ${K}, N = ${N}, τ = ${tau}, ${samples} samples per cell, seed ${seed}`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), node ${process.version}`);

// --- A. spiked teacher: covariance spikes ℓ = 5, 10 ---------------------------------------------------------
const teacherSpec = { ensemble: 'spiked', spikes: [5, 10], spikeModel: 'covariance' };
const alphas = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4];
let t0 = performance.now();
const spiked = await runLayerSweep({ teacher: teacherSpec, k: K, n: N, alphas, taus: [tau], samples, seed, schedule: { maxEquilibrationSweeps: 1500 } });
const secondsA = (performance.now() - t0) / 1000;

// Levels in X units (σ = 1): the fitter's spike test (TW1 99 % quantile) and its bulk+spikes mark (12 TW scales).
const edge = johnstone(N, K);
const levels = { detected: edge.center + twQuantile(0.99, 1) * edge.scale, separated: edge.center + 12 * edge.scale };
const models = Array.from({ length: samples }, (_, s) => {
  const spec = checkTeacher(teacherSpec);
  return teacherModel(drawTeacher(spec, K, N, 'spherical', seed, s), spec, 'spherical', 'unit');
});
// Predicted top outlier at α: mean over the samples' teachers of the closed form (λ₊ when nothing detaches).
const predictedTop = (alpha) => {
  const R = rowTheory('spherical', alpha, tau).R;
  let sum = 0;
  for (const m of models) {
    const p = predictSpectrum(m, R);
    sum += Math.max(p.lambda_plus, ...p.bbp.map((b) => b.outlier ?? -Infinity));
  }
  return sum / models.length;
};
const solveAlpha = (f, level, lo = 0.05, hi = 20) => {
  if (f(lo) >= level || f(hi) < level) return null;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (f(mid) >= level) hi = mid;
    else lo = mid;
  }
  return hi;
};
// Simulation: λ_max per sample at each α; crossing of the mean by linear interpolation, error from the mean ± SE.
const rows = spiked.cells.map((c) => {
  const top = c.lambda_max;
  return { alpha: c.alpha, R: c.R, R_se: c.R_se, R_th: c.theory.R, top, pred: predictedTop(c.alpha), phase: c.phase, counts: c.phase_counts,
    predicted: c.theory.predicted_phase, spikes: c.num_spikes, unequilibrated: c.unequilibrated, eq: c.equilibration_sweeps };
});
// SE of the mean λ_max over samples: the record keeps means only, so rerun-free we use the BBP outlier fluctuation
// sd ≈ ℓ_eff·√(2/N)·√(1 − γ/(ℓ_eff − 1)²) (Paul 2007) divided by √samples, evaluated at the predicted location.
const gamma = K / N;
const seTop = (alpha) => {
  const R = rowTheory('spherical', alpha, tau).R;
  const b = predictSpectrum(models[0], R).bbp.filter((x) => x.detached).map((x) => x.effective);
  if (!b.length) return edge.scale; // a bulk edge fluctuates by about one TW scale
  const l = Math.max(...b);
  return (l * Math.sqrt(2 / N) * Math.sqrt(Math.max(0, 1 - gamma / (l - 1) ** 2))) / Math.sqrt(samples);
};
const crossing = (values, level) => {
  for (let j = 1; j < values.length; j++) {
    const [a0, y0] = values[j - 1];
    const [a1, y1] = values[j];
    if (y0 < level && y1 >= level) return a0 + ((level - y0) * (a1 - a0)) / (y1 - y0);
  }
  return null;
};

console.log('\nA. spiked teacher (covariance ℓ = 5, 10), spherical students, independent inputs');
console.log('alpha\tR (MC ± SE)\t\tR theory\tλ_max MC\tλ_top pred\tnum_spikes\tphase (counts)\t\t\tpredicted\tuneq/eq');
for (const r of rows) {
  console.log(`${r.alpha}\t${r.R.toFixed(3)} ± ${r.R_se.toFixed(3)}\t\t${r.R_th.toFixed(3)}\t\t${r.top.toFixed(3)}\t\t${r.pred.toFixed(3)}\t\t${r.spikes.toFixed(1)}\t\t${r.phase} ${JSON.stringify(r.counts)}\t${r.predicted}\t${r.unequilibrated}/${r.eq}`);
}
const sim = rows.map((r) => [r.alpha, r.top]);
const simLo = rows.map((r) => [r.alpha, r.top + 2 * seTop(r.alpha)]);
const simHi = rows.map((r) => [r.alpha, r.top - 2 * seTop(r.alpha)]);
const thresholdR = predictSpectrum(models[0], 0.5).bbp.map((b) => ({ spike: b.strength, R: b.threshold_R }));
console.log(`\nBBP detachment in R (normalised teacher, sample 0): ${thresholdR.map((t) => `ℓ = ${t.spike}: R* = ${t.R?.toFixed(3)}`).join(', ')}`);
for (const t of thresholdR) {
  const a = solveAlpha((x) => rowTheory('spherical', x, tau).R, t.R);
  console.log(`  ℓ = ${t.spike}: detaches at α* = ${a?.toFixed(3)} (R(α*, τ) = R*)`);
}
for (const [name, level] of Object.entries(levels)) {
  const predicted = solveAlpha(predictedTop, level);
  const measured = crossing(sim, level);
  const lo = crossing(simLo, level);
  const hi = crossing(simHi, level);
  console.log(`boundary '${name}' (λ_max > ${level.toFixed(3)}): BBP+theory α = ${predicted?.toFixed(3)}; Monte Carlo α = ${measured?.toFixed(3)} ` +
    `(±2 SE band: ${lo?.toFixed(3)}–${hi?.toFixed(3)})`);
}
const firstSpikes = rows.find((r) => r.phase === 'bulk+spikes');
const lastRandom = [...rows].reverse().find((r) => r.phase === 'random-like');
console.log(`phase labels: last random-like at α = ${lastRandom?.alpha}, first bulk+spikes at α = ${firstSpikes?.alpha}; ` +
  `predicted (surrogate): ${rows.map((r) => r.predicted).join(', ')}`);
console.log(`time: ${secondsA.toFixed(0)} s`);

// --- B. heavy-tailed teacher: Pareto μ = 1.5 ------------------------------------------------------------------
console.log('\nB. heavy-tailed teacher (Pareto-I μ = 1.5), spherical students');
console.log('row norms\talpha\tR\tphase\talpha_pl\tλ_max\tmp λ₊\tverdict\tpredicted');
for (const rowNorms of ['unit', 'teacher']) {
  t0 = performance.now();
  const heavy = await runLayerSweep({ teacher: { ensemble: 'pareto', mu: 1.5 }, k: K, n: N, alphas: [0.5, 2, 4], taus: [tau], samples, seed, rowNorms, schedule: { maxEquilibrationSweeps: 1500 } });
  for (const c of heavy.cells) {
    console.log(`${rowNorms}\t\t${c.alpha}\t${c.R.toFixed(3)}\t${c.phase}\t${c.alpha_pl?.toFixed(2)}\t\t${c.lambda_max.toFixed(2)}\t${c.mp_lambda_plus?.toFixed(2)}\t${c.extremes.verdict}\t${c.theory.predicted_phase}`);
  }
  console.log(`time: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

// --- C. power-law-covariance teacher: T = G·diag(s), s_j Pareto-I μ = 1.5 ---------------------------------------
console.log('\nC. power-law-covariance teacher (μ = 1.5), spherical students, independent inputs');
const covSpec = { ensemble: 'gaussian', covariance: { law: 'pareto', mu: 1.5 } };
const covChecked = checkTeacher(covSpec);
// Predicted crossover in R, two ways: the BBP estimate (10 % of the eigenvalues detached, covariance.ts) per
// sample, and the surrogate's phase on a grid of R (8 noise draws per sample's teacher, majority label).
const covTeachers = Array.from({ length: samples }, (_, s) => drawTeacher(covChecked, K, N, 'spherical', seed, s));
const estimates = covTeachers.map((t) => inheritedTail(covChecked, t, 'unit').threshold_R);
console.log(`BBP estimate of the heavy-tailed crossover R (per sample): ${estimates.map((x) => x?.toFixed(3)).join(', ')}`);
const Rgrid = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 0.95, 1];
const surrogateRows = Rgrid.map((R) => {
  const counts = {};
  covTeachers.forEach((t, s) => {
    for (let d = 0; d < 8; d++) {
      const J = surrogateLayer(t, R, 'spherical', createStream(seed, 'bench', 'cov-surrogate', `sample=${s}`, `draw=${d}`));
      const ph = analyseLayer(layerMatrix(J, K, N, null)).fit.phase;
      counts[ph] = (counts[ph] ?? 0) + 1;
    }
  });
  return { R, counts };
});
for (const r of surrogateRows) console.log(`surrogate R = ${r.R}: ${JSON.stringify(r.counts)}`);
const majority = (counts) => Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
const firstHeavyR = surrogateRows.find((r) => majority(r.counts) === 'heavy-tailed')?.R;
const firstNonRandomR = surrogateRows.find((r) => majority(r.counts) !== 'random-like')?.R;
const toAlpha = (R) => (R == null ? null : solveAlpha((x) => rowTheory('spherical', x, tau).R, R));
console.log(`surrogate: first non-random-like majority at R = ${firstNonRandomR} (α = ${toAlpha(firstNonRandomR)?.toFixed(2)} at τ = ${tau}); ` +
  `first heavy-tailed majority at R = ${firstHeavyR} (α = ${toAlpha(firstHeavyR)?.toFixed(2)})`);
const meanEstimate = estimates.filter((x) => x != null).reduce((a, b, _, l) => a + b / l.length, 0);
console.log(`BBP estimate (mean over samples) R = ${meanEstimate.toFixed(3)} → α = ${toAlpha(meanEstimate)?.toFixed(2)}`);
t0 = performance.now();
const cov = await runLayerSweep({ teacher: covSpec, k: K, n: N, alphas: [0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8], taus: [tau], samples, seed, schedule: { maxEquilibrationSweeps: 3000 } });
console.log('alpha\tR (MC ± SE)\tR theory\talpha_pl\tnum_spikes\tphase (counts)\t\t\tpredicted\tuneq/eq');
for (const c of cov.cells) {
  console.log(`${c.alpha}\t${c.R.toFixed(3)} ± ${c.R_se.toFixed(3)}\t${c.theory.R.toFixed(3)}\t\t${c.alpha_pl?.toFixed(2)}\t${c.num_spikes.toFixed(1)}\t\t${c.phase} ${JSON.stringify(c.phase_counts)}\t${c.theory.predicted_phase}\t${c.unequilibrated}/${c.equilibration_sweeps}`);
}
const firstHeavy = cov.cells.find((c) => c.phase === 'heavy-tailed');
const lastRandomCov = [...cov.cells].reverse().find((c) => c.phase === 'random-like');
console.log(`phase labels: last random-like at α = ${lastRandomCov?.alpha}, first heavy-tailed at α = ${firstHeavy?.alpha} (MC R = ${firstHeavy?.R.toFixed(3)})`);
console.log(`time: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
