import { describe, expect, it } from 'vitest';
import {
  createStream,
  fillChi,
  fillGamma,
  fillLomax,
  fillNormal,
  fillParetoSymmetric,
  fillStableSymmetric,
  fillStudentT,
  sampleChi,
  sampleGamma,
  sampleLomax,
  sampleNormal,
  sampleParetoSymmetric,
  sampleStableSymmetric,
  sampleStudentT,
  type RandomStream,
} from '../../../src/core/random/index.js';

type Bulk = (s: RandomStream, out: Float64Array) => Float64Array;
type Scalar = (s: RandomStream) => number;

const SAMPLERS: [string, Bulk, Scalar][] = [
  ['normal', (s, o) => fillNormal(s, o), (s) => sampleNormal(s)],
  ['gamma 0.3', (s, o) => fillGamma(s, o, 0.3), (s) => sampleGamma(s, 0.3)],
  ['gamma 4', (s, o) => fillGamma(s, o, 4), (s) => sampleGamma(s, 4)],
  ['chi 3', (s, o) => fillChi(s, o, 3), (s) => sampleChi(s, 3)],
  ['pareto 2', (s, o) => fillParetoSymmetric(s, o, 2), (s) => sampleParetoSymmetric(s, 2)],
  ['lomax 2', (s, o) => fillLomax(s, o, 2), (s) => sampleLomax(s, 2)],
  ['student 0.7', (s, o) => fillStudentT(s, o, 0.7), (s) => sampleStudentT(s, 0.7)],
  ['stable 1.5', (s, o) => fillStableSymmetric(s, o, 1.5), (s) => sampleStableSymmetric(s, 1.5)],
];

/** A RandomStream that is not the library's own: samplers must fall back to reading it word by word. */
function foreign(inner: RandomStream): RandomStream {
  return {
    seed: inner.seed,
    path: inner.path,
    nextUint32: () => inner.nextUint32(),
    nextFloat: () => inner.nextFloat(),
    nextOpenFloat: () => inner.nextOpenFloat(),
    fill: (out) => inner.fill(out),
    fork: (name) => inner.fork(name),
  };
}

describe('bulk samplers and their streams', () => {
  for (const [name, bulk, scalar] of SAMPLERS) {
    it(`${name}: bulk = scalar, in pieces, from an odd position, leaving the stream where scalar draws would`, () => {
      const n = 9000; // more than one read-ahead buffer, so refills and give-backs both happen
      const a = createStream('equivalence', name);
      const b = createStream('equivalence', name);
      const c = foreign(createStream('equivalence', name));
      for (const s of [a, b, c]) s.nextUint32();
      const whole = new Float64Array(n);
      bulk(a, whole.subarray(0, 1));
      bulk(a, whole.subarray(1, 4000));
      bulk(a, whole.subarray(4000));
      const viaForeign = bulk(c, new Float64Array(n));
      for (let i = 0; i < n; i++) {
        const expected = scalar(b);
        if (whole[i] !== expected || viaForeign[i] !== expected) {
          expect([i, whole[i], viaForeign[i]]).toEqual([i, expected, expected]);
        }
      }
      const next = b.nextUint32();
      expect(a.nextUint32()).toBe(next);
      expect(c.nextUint32()).toBe(next);
    });
  }

  it('empty outputs consume nothing', () => {
    const a = createStream('empty');
    for (const [, bulk] of SAMPLERS) bulk(a, new Float64Array(0));
    a.fill(new Float64Array(0));
    expect(a.nextUint32()).toBe(createStream('empty').nextUint32());
  });
});
