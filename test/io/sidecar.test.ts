import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { sidecarJson } from '../../src/io/sidecar.js';
import { hasNumpy, python } from './fixtures.js';

describe('sidecarJson', () => {
  it('writes pretty JSON with a trailing newline, non-finite numbers as strings and typed arrays as arrays', () => {
    const text = sidecarJson({
      seed: 'abc',
      generator: { name: 'xoshiro', version: 1 },
      lambda: [0.5, NaN, Infinity, -Infinity],
      eigs: new Float64Array([1, -Infinity]),
      f32: new Float32Array([0.5]),
      big: new BigInt64Array([2n, 2n ** 60n]),
      missing: undefined,
    });
    expect(text).toBe(
      [
        '{',
        '  "seed": "abc",',
        '  "generator": {',
        '    "name": "xoshiro",',
        '    "version": 1',
        '  },',
        '  "lambda": [',
        '    0.5,',
        '    "NaN",',
        '    "Infinity",',
        '    "-Infinity"',
        '  ],',
        '  "eigs": [',
        '    1,',
        '    "-Infinity"',
        '  ],',
        '  "f32": [',
        '    0.5',
        '  ],',
        '  "big": [',
        '    2,',
        '    "1152921504606846976"',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('refuses non-objects and cycles with a ParameterError', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => sidecarJson(cyclic)).toThrow(ParameterError);
    expect(() => sidecarJson(null as unknown as object)).toThrow(ParameterError);
    expect(() => sidecarJson(3 as unknown as object)).toThrow(ParameterError);
  });

  it.skipIf(!hasNumpy)("reads back in Python with float() restoring the non-finite values", () => {
    const out = python(
      `import sys, json, math
d = json.loads(sys.argv[1])
print([float(x) for x in d['x']], d['n'])`,
      [sidecarJson({ x: [NaN, Infinity, -Infinity, 0.1], n: 3 })],
    );
    expect(out.trim()).toBe('[nan, inf, -inf, 0.1] 3');
  });
});
