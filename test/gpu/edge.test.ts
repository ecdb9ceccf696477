import { describe, expect, it } from 'vitest';
import { generate, resolveParams, type EnsembleParams } from '../../src/core/ensembles/index.js';
import { esd } from '../../src/core/linalg/index.js';
import { ksDistance } from '../../src/core/stats/index.js';
import { createStream } from '../../src/core/random/index.js';
import { philox4x32_10 } from '../../src/core/random/philox.js';
import type { PhiloxStream } from '../../src/core/random/stream.js';
import { createGenerateKernel, deviceInfo, edgeLambdaMax, entryScale } from '../../src/gpu/edge/draws.js';
import { createGpu } from '../../src/gpu/modes.js';

/**
 * The edge lab's draws on the GPU path (cpu and webasm modes in Node; test/gpu/browser.test.ts runs the browser's):
 * the device's Philox4x32-10 words are the CPU's, its entries are the CPU's to float32 accuracy, and the batched
 * float32 Lanczos λ_max of each draw is the float64 λ_max of the same draw within a float32 tolerance.
 */
const shape = { n: 60, m: 30 };
const draws = (ensemble: 'pareto' | 'lomax' | 'student-t', mu: number, count: number, seed = 'edge'): EnsembleParams[] =>
  Array.from({ length: count }, (_, i) => ({ ensemble, ...shape, mu, sigma: 1, seed: `${seed}:${i}` }));

async function deviceArray(result: unknown): Promise<number[][][]> {
  return (result as ArrayLike<ArrayLike<ArrayLike<number>>>).length === undefined ? [] : Array.from(result as ArrayLike<ArrayLike<ArrayLike<number>>>, (m) => Array.from(m, (r) => Array.from(r)));
}

describe.each(['cpu', 'webasm'] as const)('edge draws on %s', (mode) => {
  it("computes the CPU's Philox4x32-10 words exactly", async () => {
    const p = resolveParams(draws('pareto', 1.5, 1)[0]!);
    const [info] = deviceInfo([p], 2, 1);
    // Law 2: entry j holds half j mod 8 of block ⌊j/8⌋; 60 × 30 entries cover 225 blocks.
    const out = await deviceArray(await createGenerateKernel(createGpu(mode), shape.n, shape.m, 1)([info!]));
    const flat = out[0]!.flat();
    const stream = createStream(p.seed, 'ensemble').fork('W') as PhiloxStream;
    const [k0, k1, c2, c3] = stream.identity;
    for (let b = 0; b < 225; b++) {
      const words = philox4x32_10([b, 0, c2, c3], [k0, k1]);
      for (let w = 0; w < 4; w++) expect([flat[8 * b + 2 * w], flat[8 * b + 2 * w + 1]]).toEqual([Math.floor(words[w]! / 65536), words[w]! % 65536]);
    }
  });

  it.each([['pareto', 0, 0.7], ['pareto', 0, 3], ['lomax', 1, 2.5]] as const)('draws %s entries (law code %s, μ = %s) equal to the CPU sampler to float32 accuracy', async (ensemble, law, mu) => {
    const list = draws(ensemble, mu, 2);
    const params = list.map(resolveParams);
    const a = entryScale(params[0]!);
    const out = await deviceArray(await createGenerateKernel(createGpu(mode), shape.n, shape.m, 2)(deviceInfo(params, law, a)));
    params.forEach((p, d) => {
      const W = generate(list[d]!).W.data;
      const U = createStream(p.seed, 'ensemble').fork('W');
      for (let j = 0; j < shape.n * shape.m; j++) {
        const device = out[d]![Math.floor(j / shape.m)]![j % shape.m]!;
        const host = W[j]! / a;
        // U^(−1/μ) = e^(−ln U/μ): ln32 is within 2.3e−7 of |ln U| (≤ 37), exp32 within 1.5 ulp, U itself rounded
        // to float32 (2^−24 relative), so |Δx/x| ≤ (|ln U|·2.3e−7 + 2^−24)/μ + 2e−7 + the rounding of ln a.
        const words = [U.nextUint32(), U.nextUint32()];
        const lnU = Math.log(((words[0]! >>> 12) * 2 ** 32 + words[1]! + 0.5) * 2 ** -52);
        const bound = (Math.abs(lnU) * 2.3e-7 + 6e-8) / mu + 2e-7 + Math.abs(Math.log(a)) * 6e-8;
        const reference = ensemble === 'lomax' ? host + 1 / a : host;
        expect(Math.abs(device - host)).toBeLessThanOrEqual(bound * Math.abs(reference) + 1e-30);
      }
    });
  });

  it.each([['pareto', 1.5], ['pareto', 5], ['lomax', 3], ['student-t', 3]] as const)('finds λ_max of %s draws (μ = %s) within float32 accuracy of the float64 spectrum', async (ensemble, mu) => {
    const list = draws(ensemble, mu, 12);
    const result = await edgeLambdaMax(createGpu(mode), mode, { draws: list });
    expect(result.source).toBe(ensemble === 'student-t' ? 'host' : 'device');
    expect(result.cpuDraws).toEqual([]);
    list.forEach((p, d) => {
      const values = esd(generate(p).W);
      const exact = values[values.length - 1]!;
      // Float32 entries (≤ 1e−6 relative, above) and float32 sums of N = 60 products (≤ 60·2^−24 ≈ 4e−6 relative
      // to the operator norm) move λ_max by at most ~1e−5 relative (Weyl); Lanczos settles to 1e−6.
      expect(Math.abs(result.lambdaMax[d]! - exact) / exact, `draw ${d}`).toBeLessThan(2e-5);
      expect(result.steps[d]).toBeGreaterThan(0);
    });
  }, 60000);
});

describe('edge draws: the law of λ_max', () => {
  // Two-sample KS of 200 GPU draws against 200 independent CPU draws (other seeds): at level 0.001 the critical
  // distance is 1.95·√(2/200) = 0.195. The same check must see a change of μ from 2.5 to 1.8.
  const ecdf = (sample: Float64Array) => {
    const sorted = Float64Array.from(sample).sort();
    return (x: number) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! <= x) lo = mid + 1;
        else hi = mid;
      }
      return lo / sorted.length;
    };
  };
  const cpu = (mu: number) => Float64Array.from(draws('pareto', mu, 200, 'cpu-law'), (p) => {
    const values = esd(generate(p).W);
    return values[values.length - 1]!;
  });
  const critical = 1.95 * Math.sqrt(2 / 200);

  it('is the CPU reference law (two-sample KS), and the check sees a different μ', async () => {
    const gpu = await edgeLambdaMax(createGpu('webasm'), 'webasm', { draws: draws('pareto', 2.5, 200, 'gpu-law') });
    expect(ksDistance(gpu.lambdaMax, ecdf(cpu(2.5)))).toBeLessThan(critical);
    expect(ksDistance(gpu.lambdaMax, ecdf(cpu(1.8)))).toBeGreaterThan(critical);
  }, 120000);
});

describe('edge draws across backends', () => {
  it('are bit-identical on cpu and webasm', async () => {
    const list = draws('pareto', 2.5, 10);
    const [cpu, webasm] = [await edgeLambdaMax(createGpu('cpu'), 'cpu', { draws: list }), await edgeLambdaMax(createGpu('webasm'), 'webasm', { draws: list })];
    expect(webasm.executed).toEqual(['webasm']);
    expect(Array.from(webasm.lambdaMax)).toEqual(Array.from(cpu.lambdaMax));
    expect(Array.from(webasm.steps)).toEqual(Array.from(cpu.steps));
  }, 60000);
});
