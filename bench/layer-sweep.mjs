// The layer VSDL model: where the random-like → bulk+spikes boundary falls in the Monte Carlo against BBP applied
// to the perceptron overlap R(α, τ), and what a heavy-tailed (Pareto μ = 1.5) teacher gives at high R.
// Build first (npm run build); then: node bench/layer-sweep.mjs [samples]   (a few minutes on 2 cores)
import os from 'node:os';
import { checkTeacher, drawTeacher, predictSpectrum, rowTheory, runLayerSweep, teacherModel } from '../dist/core/layer/index.js';
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
