// Full ESD fit of a 2000×1000 matrix (spectrum, power law, MP fit + TW spike count, metrics, rand_distance with a
// shuffled null, phase) against the time of the eigenvalues alone. Run `npm run build` first.
import { cpus } from 'node:os';
import { generate } from '../dist/core/ensembles/index.js';
import { fitEsd, fitMarchenkoPastur, fitPowerLaw, spectralMetrics } from '../dist/core/fit/index.js';
import { esd } from '../dist/core/linalg/index.js';

const N = 2000;
const M = 1000;
const reps = Number(process.argv[2] ?? 3);

function best(f) {
  let t = Infinity;
  let value;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    value = f();
    t = Math.min(t, performance.now() - t0);
  }
  return { ms: t, value };
}

console.log(`vsdl fit bench: ${N}×${M}, best of ${reps}; ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, ${new Date().toISOString()}`);
fitMarchenkoPastur(Float64Array.from({ length: 50 }, (_, i) => 1 + i / 50), { q: 2 }); // builds the TW table once
for (const [label, params] of [
  ['gaussian', { ensemble: 'gaussian' }],
  ['spiked ℓ = 4, 8', { ensemble: 'spiked', spikes: [4, 8] }],
  ['pareto μ = 1.5', { ensemble: 'pareto', mu: 1.5 }],
]) {
  const { W } = generate({ ...params, n: N, m: M, seed: 1 });
  const eig = best(() => esd(W, 'none'));
  const pl = best(() => fitPowerLaw(eig.value));
  const mp = best(() => fitMarchenkoPastur(eig.value, { q: N / M, n: N, normalization: 'none' }));
  const metrics = best(() => spectralMetrics(eig.value, pl.value.alpha));
  const full = best(() => fitEsd({ W }, { seed: 1 }));
  const noRand = best(() => fitEsd({ W }, { randNull: 'none' }));
  const f = full.value;
  console.log(
    `${label.padEnd(16)} eigenvalues ${eig.ms.toFixed(0)} ms | power law ${pl.ms.toFixed(1)} ms, MP fit ${mp.ms.toFixed(1)} ms, ` +
      `metrics ${metrics.ms.toFixed(2)} ms | full fit ${full.ms.toFixed(0)} ms (${(full.ms / eig.ms).toFixed(2)}× the eigenvalues; ` +
      `without rand_distance ${noRand.ms.toFixed(0)} ms) → ${f.phase}, α = ${f.alpha.toFixed(2)}, σ_mp = ${f.sigma_mp.toFixed(4)}, spikes ${f.num_spikes}`,
  );
}
