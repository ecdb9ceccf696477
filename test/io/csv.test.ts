import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError, ParameterError } from '../../src/core/errors.js';
import { parseCsv, toCsv } from '../../src/io/csv.js';
import { hasNumpy, python, tempDir, toHex, xorshift } from './fixtures.js';

/** Doubles from random bit patterns (every exponent, subnormals included) plus the awkward ones. */
function trickyDoubles(n: number): Float64Array {
  const next = xorshift(31337);
  const words = new Uint32Array(2 * n).map(() => next());
  const values = new Float64Array(words.buffer);
  values.set([0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 1 / 3, 1e21, 1e-7, 123456789012345680000, NaN, Infinity, -Infinity]);
  return values;
}

describe('toCsv', () => {
  it('writes comments, a header row and shortest round-trip numbers', () => {
    const text = toCsv({ lambda: [0.5, 1e-7, -0], count: new Int32Array([3, -4, 5]), x: [NaN, Infinity, -Infinity] }, { comments: ['seed: 42', 'N=100\nM=50'] });
    expect(text).toBe('# seed: 42\n# N=100\n# M=50\nlambda,count,x\n0.5,3,NaN\n1e-7,-4,Inf\n-0,5,-Inf\n');
  });

  it('round-trips every double exactly through parseCsv', () => {
    const values = trickyDoubles(2000);
    const parsed = parseCsv(toCsv({ v: values, w: values.map((x) => -x) }));
    expect(parsed.columns).toEqual(['v', 'w']);
    const back = new Float64Array(parsed.rows.map((row) => row[0]));
    const nanFree = (a: Float64Array): Float64Array => a.map((x) => (Number.isNaN(x) ? 0 : x));
    expect(toHex(nanFree(back))).toBe(toHex(nanFree(values)));
    expect(back.findIndex(Number.isNaN)).toBe(values.findIndex(Number.isNaN));
    expect(parsed.rows.every((row, i) => Object.is(row[1], -values[i]))).toBe(true);
  });

  it('validates column names, lengths, values and comments', () => {
    expect(() => toCsv({})).toThrow(ParameterError);
    expect(() => toCsv({ 'a,b': [1] })).toThrow(ParameterError);
    expect(() => toCsv({ '#a': [1] })).toThrow(ParameterError);
    expect(() => toCsv({ a: [1, 2], b: [1] })).toThrow(/length 1/);
    expect(() => toCsv({ a: ['1'] as unknown as number[] })).toThrow(/columns\.a\[0\]/);
    expect(() => toCsv({ a: [1] }, { comments: 'x' as unknown as string[] })).toThrow(ParameterError);
  });

  it.skipIf(!hasNumpy)('is read back exactly by Python (float) and numpy (genfromtxt)', () => {
    const values = trickyDoubles(500);
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'v.csv');
      writeFileSync(file, toCsv({ v: values, i: values.map((_, i) => i) }, { comments: ['made by a test'] }));
      const [plain, viaNumpy] = python(
        `import sys, struct, numpy as np
rows = [l for l in open(sys.argv[1]).read().splitlines() if not l.startswith('#')][1:]
print(b''.join(struct.pack('<d', float(r.split(',')[0])) for r in rows).hex())
a = np.genfromtxt((l for l in open(sys.argv[1]) if not l.startswith('#')), delimiter=',', names=True)
print(a['v'].astype('<f8').tobytes().hex())`,
        [file],
      )
        .trim()
        .split('\n');
      const canonicalNaN = (a: Float64Array): string => toHex(a.map((x) => (Number.isNaN(x) ? NaN : x)));
      const fromHex = (hex: string): Float64Array => new Float64Array(new Uint8Array(Buffer.from(hex, 'hex')).buffer);
      expect(canonicalNaN(fromHex(plain))).toBe(canonicalNaN(values));
      expect(canonicalNaN(fromHex(viaNumpy))).toBe(canonicalNaN(values));
    } finally {
      cleanup();
    }
  });
});

describe('parseCsv', () => {
  it('skips comments and blank lines, trims fields, accepts CRLF, a BOM and the usual spellings of NaN and Inf', () => {
    const parsed = parseCsv('\uFEFF# seed 1\r\n\r\n a , b \r\n1, -2.5e3\r\n  # late comment\r\nnan,-inf\r\n+Infinity,.5\r\n');
    expect(parsed.columns).toEqual(['a', 'b']);
    expect(parsed.rows).toEqual([[1, -2500], [NaN, -Infinity], [Infinity, 0.5]]);
    expect(parseCsv('x\n')).toEqual({ columns: ['x'], rows: [] });
  });

  it('reports what is wrong and on which line', () => {
    const cases: [string, RegExp][] = [
      ['', /no header row/],
      ['# only\n', /no header row/],
      ['a,b\n1,2\n3\n', /line 3: 1 fields, the header has 2/],
      ['a,b\n1,x\n', /line 2, column "b": "x" is not a number/],
      ['a,b\n1,\n', /line 2, column "b": an empty field is not a number/],
      ['a\n0x10\n', /"0x10" is not a number/],
      ['a\n1e\n', /"1e" is not a number/],
      ['a,,b\n', /line 1: empty column name/],
      ['a,a\n', /duplicate column name "a"/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseCsv(text), JSON.stringify(text)).toThrow(FormatError);
      expect(() => parseCsv(text)).toThrow(message);
    }
    expect(() => parseCsv(3 as unknown as string)).toThrow(ParameterError);
  });
});
