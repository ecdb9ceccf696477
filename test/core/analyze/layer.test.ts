import { describe, expect, it } from 'vitest';
import { analyzeLayer, fitWeightSpectrum, weightSpectrum, type LayerRecord } from '../../../src/core/analyze/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { generate } from '../../../src/core/ensembles/index.js';
import { fitEsd } from '../../../src/core/fit/index.js';
import { symmetricEigenvalues, transpose } from '../../../src/core/linalg/index.js';
import { createStream, fillNormal } from '../../../src/core/random/index.js';

const FIT_FIELDS = ['alpha', 'alpha_weighted', 'D', 'xmin', 'entropy', 'stable_rank', 'log_norm', 'num_spikes', 'phase'] as const;

/** A kernel given by its value at (position i, j; input a; output b), stored in either layout. */
function kernel(kh: number, kw: number, cin: number, cout: number, f: (i: number, j: number, a: number, b: number) => number) {
  const hwio = new Float64Array(kh * kw * cin * cout);
  const oihw = new Float64Array(kh * kw * cin * cout);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let a = 0; a < cin; a++)
        for (let b = 0; b < cout; b++) {
          const v = f(i, j, a, b);
          hwio[((i * kw + j) * cin + a) * cout + b] = v;
          oihw[((b * cin + a) * kh + i) * kw + j] = v;
        }
  return { hwio, oihw };
}

/** Eigenvalues of the smaller Gram matrix of one kernel slice, formed here from f (no code shared with the module). */
function sliceEigenvalues(cin: number, cout: number, f: (a: number, b: number) => number): number[] {
  const small = Math.min(cin, cout);
  const g = new Float64Array(small * small);
  for (let p = 0; p < small; p++)
    for (let q = 0; q < small; q++) {
      let s = 0;
      if (cin <= cout) for (let b = 0; b < cout; b++) s += f(p, b) * f(q, b);
      else for (let a = 0; a < cin; a++) s += f(a, p) * f(a, q);
      g[p * small + q] = s;
    }
  return [...symmetricEigenvalues({ rows: small, cols: small, data: g })];
}

function gaussian(seed: string, count: number): Float64Array {
  return fillNormal(createStream(seed), new Float64Array(count));
}

describe('analyzeLayer: dense weights', () => {
  const { W } = generate({ ensemble: 'spiked', n: 200, m: 100, spikes: [8], seed: 3 });

  it('is fitEsd of the matrix oriented N ≥ M, as vsdl fit computes it', () => {
    const rec = analyzeLayer({ name: 'fc', shape: [200, 100], data: W.data });
    const fit = fitEsd({ W }, { randNull: 'none' });
    for (const key of FIT_FIELDS) expect(rec[key]).toBe(fit[key]);
    expect(rec).toMatchObject({ name: 'fc', shape: [200, 100], kind: 'dense', layout: null, N: 200, M: 100, Q: 2, matrices: 1, num_eigenvalues: 100, normalization: 'none', status: 'ok', phase: 'bulk+spikes' });
    expect(rec.phase_reason).toBe(fit.phase_reasons[0]);
  });

  it("gives the same record for PyTorch's [out, in] (the transpose) apart from the shape", () => {
    const t = transpose(W);
    const a = analyzeLayer({ name: 'fc', shape: [200, 100], data: W.data });
    const b = analyzeLayer({ name: 'fc', shape: [100, 200], data: t.data });
    expect({ ...b, shape: a.shape }).toEqual(a);
  });

  it('reads float32 weights as their exact float64 values', () => {
    const f32 = Float32Array.from(W.data);
    const rec = analyzeLayer({ name: 'fc', shape: [200, 100], data: f32 });
    const fit = fitEsd({ W: { rows: 200, cols: 100, data: Float64Array.from(f32) } }, { randNull: 'none' });
    for (const key of FIT_FIELDS) expect(rec[key]).toBe(fit[key]);
  });

  it('reports a diverged weight (NaN) as a failed record instead of throwing', () => {
    const data = W.data.slice();
    data[1234] = NaN;
    const rec = analyzeLayer({ name: 'fc', shape: [200, 100], data });
    expect(rec).toMatchObject({ status: 'failed', alpha: null, phase: null, N: 200, M: 100 });
    expect(rec.reason).toMatch(/entry 1234 is NaN/);
    expect(rec.phase_reason).toMatch(/^no phase: entry 1234/);
  });

  it('gives no MP fit or phase below 32 eigenvalues, where random layers would be misclassified', () => {
    // 100×10: a Gaussian output layer, called bulk-decay or heavy-tailed by the 5+1 rules in 93 % of draws.
    const rec = analyzeLayer({ name: 'out', shape: [100, 10], data: gaussian('out', 1000) });
    expect(rec).toMatchObject({ status: 'ok', M: 10, num_spikes: null, phase: null, sigma_mp: null });
    expect(rec.alpha).not.toBeNull();
    expect(rec.phase_reason).toMatch(/no MP fit or phase: 10 eigenvalues, fewer than 32/);
    expect(analyzeLayer({ name: 'w', shape: [64, 32], data: gaussian('w32', 2048) }).phase).toBe('random-like');
  });

  it.each([
    [[0, 20], { kind: 'dense', N: 20, M: 0, Q: 0, matrices: 1 }],
    [[4, 0], { kind: 'dense', N: 4, M: 0, Q: 0, matrices: 1 }],
    [[3, 3, 0, 16], { kind: 'conv2d', N: 16, M: 0, Q: 0, matrices: 9 }],
    [[0, 3, 16, 16], { kind: 'conv2d', N: 16, M: 16, Q: 1, matrices: 0 }],
  ])('reports an empty tensor %j (a dimension of 0) as a failed record instead of throwing', (shape, geometry) => {
    const rec = analyzeLayer({ name: 'empty', shape, data: new Float32Array(0) }, { layout: 'hwio' });
    expect(rec).toMatchObject({ ...geometry, status: 'failed', num_eigenvalues: 0, alpha: null, phase: null });
    expect(rec.reason).toBe(`empty: shape [${shape.join(', ')}] has a dimension of 0, so there are no eigenvalues to fit`);
    expect(JSON.parse(JSON.stringify(rec))).toEqual(rec); // no Infinity or NaN in the record
  });

  it('reports entries whose eigenvalues pass float64 as a failed record, naming the layer, instead of throwing', () => {
    const huge = gaussian('huge', 40 * 20).map((x) => x * 1e200);
    const rec = analyzeLayer({ name: 'fc.weight', shape: [40, 20], data: Float64Array.from(huge) });
    expect(rec).toMatchObject({ name: 'fc.weight', status: 'failed', N: 40, M: 20, alpha: null, phase: null });
    expect(rec.reason).toMatch(/^entries up to \d\.\d+e\+200: the eigenvalues do not fit in float64 \(λ_max of WᵀW would be about [\d.]+e40\d; divide W/);
    // 1e150 still fits: an ordinary record, the same as the unscaled weight's up to the scale.
    expect(analyzeLayer({ name: 'big', shape: [40, 20], data: Float64Array.from(gaussian('huge', 800).map((x) => x * 1e150)) }).status).toBe('ok');
  });

  it('refuses a false-positive rate outside (0, 0.5] whatever the weights are', () => {
    const nan = new Float64Array(200).fill(NaN);
    for (const fpr of [0, 0.6, -0.1, NaN]) {
      expect(() => analyzeLayer({ name: 'w', shape: [20, 10], data: nan }, { falsePositiveRate: fpr })).toThrow(/invalid falsePositiveRate.*a number in \(0, 0\.5\]/);
    }
  });

  it('reports too few eigenvalues as a failed record', () => {
    const rec = analyzeLayer({ name: 'tiny', shape: [20, 5], data: gaussian('tiny', 100) });
    expect(rec.status).toBe('failed');
    expect(rec.reason).toMatch(/too few eigenvalues/);
  });

  it.each([
    [{ name: 'x', shape: [2, 3, 4], data: new Float64Array(24) }, /2-D dense weight or a 4-D convolution kernel/],
    [{ name: 'x', shape: [4, 5], data: new Float64Array(21) }, /product is the data length 21/],
    [{ name: 'x', shape: [4, -1], data: new Float64Array(0) }, /integers ≥ 0/],
    [{ name: 'x', shape: [4, 5], data: new Int32Array(20) }, /Float32Array or Float64Array/],
    [{ name: 'x', shape: [3, 3, 4, 5], data: new Float64Array(180) }, /invalid layout.*'hwio'/],
  ])('refuses %#: a tensor that is not a 2-D or 4-D float weight, or a kernel without its layout', (tensor, message) => {
    expect(() => analyzeLayer(tensor as never)).toThrow(ParameterError);
    expect(() => analyzeLayer(tensor as never)).toThrow(message);
  });
});

describe('analyzeLayer: convolution kernels', () => {
  const [kh, kw, cin, cout] = [3, 3, 16, 40];
  const noise = gaussian('conv', kh * kw * cin * cout);
  const f = (i: number, j: number, a: number, b: number) => noise[((i * kw + j) * cin + a) * cout + b];
  const { hwio, oihw } = kernel(kh, kw, cin, cout, f);

  it('pools the eigenvalues of the k² c_in×c_out slices into one ESD', () => {
    const s = weightSpectrum({ name: 'conv', shape: [kh, kw, cin, cout], data: hwio }, 'hwio');
    expect(s).toMatchObject({ kind: 'conv2d', layout: 'hwio', N: 40, M: 16, matrices: 9 });
    const expected: number[] = [];
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) expected.push(...sliceEigenvalues(cin, cout, (a, b) => f(i, j, a, b)));
    expected.sort((x, y) => x - y);
    expect(s.eigenvalues.length).toBe(9 * 16);
    // Both are exact spectra of the same 16×16 Gram matrices, to ~1e-14 relative to λ_max.
    const top = expected[expected.length - 1];
    s.eigenvalues.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThan(1e-12 * top));
  });

  it("gives the same record for PyTorch's OIHW storage of the same kernel", () => {
    const a = analyzeLayer({ name: 'conv', shape: [kh, kw, cin, cout], data: hwio }, { layout: 'hwio' });
    const b = analyzeLayer({ name: 'conv', shape: [cout, cin, kh, kw], data: oihw }, { layout: 'oihw' });
    expect({ ...b, shape: a.shape, layout: a.layout }).toEqual(a);
    expect(a).toMatchObject({ kind: 'conv2d', N: 40, M: 16, Q: 2.5, matrices: 9, num_eigenvalues: 144, status: 'ok' });
  });

  it('orients each slice N ≥ M whichever of c_in and c_out is larger', () => {
    const { hwio: wide } = kernel(kh, kw, cout, cin, (i, j, a, b) => f(i, j, b, a));
    const a = weightSpectrum({ name: 'c', shape: [kh, kw, cin, cout], data: hwio }, 'hwio');
    const b = weightSpectrum({ name: 'c', shape: [kh, kw, cout, cin], data: wide }, 'hwio');
    expect(b.eigenvalues).toEqual(a.eigenvalues);
  });

  it('treats a 1×1 kernel as one c_in×c_out matrix, like a dense weight', () => {
    const w = noise.subarray(0, cin * cout);
    const conv = analyzeLayer({ name: 'c', shape: [1, 1, cin, cout], data: w }, { layout: 'hwio' });
    const dense = analyzeLayer({ name: 'c', shape: [cin, cout], data: w });
    expect({ ...conv, kind: 'dense', layout: null, shape: dense.shape }).toEqual(dense);
    expect(conv.matrices).toBe(1);
  });

  it('finds a rank-one spike planted in one slice, and calls Gaussian slices random-like', () => {
    // The additive model W = G + √N·θ·u vᵀ (unit u, v) in the centre slice, N = 40: θ = 3 puts the outlier at
    // (1/Q + θ²)(1 + 1/θ²) = 10.4 against the MP edge 2.66 (units of 1/N), far beyond Q^(−1/4) = 0.80.
    const unit = (x: Float64Array) => x.map((v) => v / Math.hypot(...x));
    const u = unit(gaussian('u', cin));
    const v = unit(gaussian('v', cout));
    const spike = (i: number, j: number, a: number, b: number) => (i === 1 && j === 1 ? Math.sqrt(40) * 3 * u[a] * v[b] : 0);
    const spiked = kernel(kh, kw, cin, cout, (i, j, a, b) => f(i, j, a, b) + spike(i, j, a, b));
    const clean = analyzeLayer({ name: 'c', shape: [kh, kw, cin, cout], data: hwio }, { layout: 'hwio' });
    const rec = analyzeLayer({ name: 'c', shape: [kh, kw, cin, cout], data: spiked.hwio }, { layout: 'hwio' });
    expect(clean.phase).toBe('random-like');
    expect(rec.num_spikes).toBe(1);
    expect(rec.phase).toBe('bulk+spikes');
  });

  it('fits the power law but gives no MP fit or phase when each slice has fewer than 10 eigenvalues', () => {
    // A first convolution over one input channel: 25 slices of 32×1, whose "eigenvalues" are squared norms.
    const rec = analyzeLayer({ name: 'conv1', shape: [5, 5, 1, 32], data: gaussian('c1', 800) }, { layout: 'hwio' });
    expect(rec).toMatchObject({ status: 'ok', N: 32, M: 1, matrices: 25, num_eigenvalues: 25, num_spikes: null, phase: null });
    expect(rec.alpha).toBeGreaterThan(1);
    expect(rec.phase_reason).toMatch(/no MP fit or phase: each of the 25 matrices is 32×1/);
  });

  it('keeps the MP bulk of the pool: σ of N(0, 0.04) entries comes back as 0.2', () => {
    const s = weightSpectrum({ name: 'c', shape: [kh, kw, cin, cout], data: hwio.map((x) => 0.2 * x) }, 'hwio');
    const fit = fitWeightSpectrum(s);
    // Nine 40×16 slices: σ̂ of one slice has SD ≈ 1 %; pooled, ≈ 0.3 %; 2 % is a generous bound.
    expect(Math.abs((fit.sigma_mp as number) / 0.2 - 1)).toBeLessThan(0.02);
    expect(fit).toMatchObject({ N: 40, M: 16, matrices: 9, Q: 2.5 });
  });
});

describe('analyzeLayer: records', () => {
  it('serialises to JSON with the contract fields', () => {
    const rec: LayerRecord = analyzeLayer({ name: 'fc', shape: [80, 40], data: gaussian('rec', 3200) });
    const back = JSON.parse(JSON.stringify(rec));
    for (const key of ['name', 'shape', 'alpha', 'alpha_weighted', 'D', 'xmin', 'entropy', 'stable_rank', 'log_norm', 'num_spikes', 'phase', 'phase_reason']) {
      expect(back).toHaveProperty(key);
    }
    expect(back.phase_reason).toMatch(/random-like|bleeding-out/);
  });

  it('is deterministic: the same tensor gives the same record', () => {
    const t = { name: 'fc', shape: [80, 40], data: gaussian('det', 3200) };
    expect(analyzeLayer(t)).toEqual(analyzeLayer(t));
  });
});
