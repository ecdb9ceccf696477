import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../../src/core/errors.js';
import { airy, airyAi, airyAiPrime } from '../../../../src/core/theory/special/airy.js';
import { oracle } from '../../../helpers/oracle.js';
import { pythonWithScipy } from '../../../helpers/python.js';

// Reference values: DLMF 9.2.3–9.2.4 for x = 0; the rest confirmed with mpmath at 30 digits (A&S Table 10.11 digits).
const REFERENCE: [number, number, number][] = [
  [0, 0.355028053887817239, -0.258819403792806798],
  [1, 0.13529241631288141552, -0.15914744129679321279],
  [-1, 0.5355608832923521188, -0.010160567116645209395],
  [5, 1.0834442813607441735e-4, -2.47413890868462476e-4],
  [10, 1.1047532552898685934e-10, -3.5206336767389236366e-10],
  [25, 8.1160268246913866838e-38, -4.0660893372432810053e-37],
  [-10, 0.040241238486443190689, 0.9962650441327900559],
  [-30, -0.087968188456842162833, 1.2286206026374851347],
];

/** Local amplitude of Ai on x < 0 (the envelope π^(−1/2)|x|^(−1/4)), Ai itself for x ≥ 0. */
const scaleAi = (x: number, v: number) => (x < 0 ? Math.abs(x) ** -0.25 / Math.sqrt(Math.PI) : Math.abs(v));
const scaleAiPrime = (x: number, v: number) => (x < 0 ? Math.abs(x) ** 0.25 / Math.sqrt(Math.PI) : Math.abs(v));

describe('Airy Ai and Ai′', () => {
  it('match published values to ~1e-15 of the local amplitude', () => {
    for (const [x, ai, aip] of REFERENCE) {
      const v = airy(x);
      // Conditioning: a relative change ε in x changes Ai by ~|x|^(3/2)·ε relative; at x = 25 that is 1.4e−14.
      const tol = 2e-15 * Math.max(1, Math.abs(x) ** 1.5 / 5);
      expect(Math.abs(v.ai - ai) / scaleAi(x, ai)).toBeLessThan(tol);
      expect(Math.abs(v.aiPrime - aip) / scaleAiPrime(x, aip)).toBeLessThan(tol);
    }
  });

  it('finds the first zeros a1, a2 by Newton (DLMF Table 9.9.1)', () => {
    for (const [start, zero] of [
      [-2.3, -2.338107410459767],
      [-4.1, -4.087949444130970617],
    ]) {
      let x = start;
      for (let i = 0; i < 20; i++) x -= airyAi(x) / airyAiPrime(x);
      expect(Math.abs(x - zero)).toBeLessThan(4e-15);
    }
  });

  it('is continuous across the change of method at |x| = 10 and agrees with the asymptotics', () => {
    for (const edge of [10, -10]) {
      const a = airy(edge * (1 - 1e-12));
      const b = airy(edge * (1 + 1e-12));
      expect(Math.abs(a.ai - b.ai) / scaleAi(edge, a.ai)).toBeLessThan(1e-10);
    }
    // Leading asymptotics at x = 200 (negative side) and x = 60: relative corrections O(1/ζ).
    const x = 60;
    const zeta = (2 / 3) * x ** 1.5;
    const leading = Math.exp(-zeta) / (2 * Math.sqrt(Math.PI) * x ** 0.25);
    expect(Math.abs(airyAi(x) / leading - (1 - 5 / 72 / zeta))).toBeLessThan(1 / zeta ** 2);
    expect(airyAi(200)).toBe(0);
  });

  it('agree with scipy.special.airy on [−40, 40]', () => {
    const xs = Array.from({ length: 321 }, (_, i) => -40 + i * 0.25 + 0.0371);
    const script = `import json, scipy.special as s; xs=${JSON.stringify(xs)}; print(json.dumps([[float(v) for v in s.airy(x)[:2]] for x in xs]))`;
    for (const { result: out } of oracle<number[][]>('airy-grid', script, pythonWithScipy)) {
      xs.forEach((x, i) => {
        const v = airy(x);
        const tol = 1e-14 * Math.max(1, Math.abs(x) ** 1.5 / 5);
        expect(Math.abs(v.ai - out[i][0]) / scaleAi(x, out[i][0])).toBeLessThan(tol);
        expect(Math.abs(v.aiPrime - out[i][1]) / scaleAiPrime(x, out[i][1])).toBeLessThan(tol);
      });
    }
  });

  it('rejects NaN', () => {
    expect(() => airyAi(NaN)).toThrow(ParameterError);
  });
});
