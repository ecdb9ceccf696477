import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { heavyTailClass, MARTIN_MAHONEY_TABLE } from '../../../src/core/theory/heavyTail.js';

describe('heavy-tail universality classes', () => {
  it('classifies μ with the documented boundaries', () => {
    expect(heavyTailClass(Infinity).regime).toBe('gaussian-like');
    expect(heavyTailClass(6)).toMatchObject({ regime: 'weak', lambdaMaxLaw: 'tracy-widom', predictedAlpha: null });
    expect(heavyTailClass(4).regime).toBe('moderate');
    expect(heavyTailClass(3)).toMatchObject({ regime: 'moderate', lambdaMaxLaw: 'frechet', bulk: 'marchenko-pastur' });
    expect(heavyTailClass(2)).toMatchObject({ regime: 'very-heavy', predictedAlpha: 2 });
    expect(heavyTailClass(1).predictedAlpha).toBeCloseTo(1.5, 15);
    expect(heavyTailClass(0.5).bulk).toBe('heavy-tailed');
    expect(() => heavyTailClass(0)).toThrow(ParameterError);
    expect(() => heavyTailClass(NaN)).toThrow(ParameterError);
  });

  it('the table covers every regime once', () => {
    expect(MARTIN_MAHONEY_TABLE.map((r) => r.regime)).toEqual(['gaussian-like', 'weak', 'moderate', 'very-heavy']);
  });
});
