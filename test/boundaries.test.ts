import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { ConvergenceError, FormatError, ParameterError } from '../src/core/errors.js';

/**
 * The library's boundary: every exported function validates its arguments. Called with arguments of the wrong
 * shape it either works (when they happen to be valid) or throws a ParameterError (FormatError for bytes that are
 * not a file, ConvergenceError for a solver) — never a TypeError or RangeError from deep inside, never NaN from a
 * numeric string, and never after a long time. A new export is covered as soon as it exists.
 */

const EXPECTED = [ParameterError, FormatError, ConvergenceError];

const BAD_ARGUMENTS: unknown[][] = [
  [],
  [null],
  [undefined, null],
  ['x'],
  [NaN],
  [{}],
  [[]],
  [1, null],
  [null, null, null],
  [[1, 2], 'x'],
  [{}, {}],
  [new Float64Array(3), 'x'],
  ['1'],
  ['1', 1],
  [1, '1'],
  ['0', 1, 1],
  [1, 1, '1'],
  [{ n: '5', m: '5' }],
  [[], {}],
  [1, 2, 3, 4, 5],
  [Symbol('s')],
  [() => 1],
  [{ length: -1 }],
];

const ERROR_CLASSES = new Set(['ParameterError', 'FormatError', 'ConvergenceError', 'MonteCarloAbortError']);

async function outcome(f: (...args: unknown[]) => unknown, isClass: boolean, args: unknown[]): Promise<string> {
  try {
    let result = isClass ? new (f as unknown as new (...a: unknown[]) => unknown)(...args) : f(...args);
    if (result instanceof Promise) result = await result;
    const numericString = args.some((a) => typeof a === 'string' && a.trim() !== '' && !Number.isNaN(Number(a)));
    if (typeof result === 'number' && Number.isNaN(result) && numericString) return 'NaN from a numeric string';
    return 'ok';
  } catch (error) {
    if (EXPECTED.some((E) => error instanceof E)) return 'ok';
    return `${(error as Error)?.name ?? typeof error}: ${String((error as Error)?.message ?? error).slice(0, 80)}`;
  }
}

describe('every exported function validates its arguments', () => {
  const functions = Object.entries(lib).filter(([name, value]) => typeof value === 'function' && !ERROR_CLASSES.has(name));

  it('covers the whole package', () => {
    expect(functions.length).toBeGreaterThan(150);
  });

  it.each(functions.map(([name]) => [name]))('%s', async (name) => {
    const f = (lib as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
    const isClass = /^class\b/.test(Function.prototype.toString.call(f));
    const failures: string[] = [];
    for (const args of BAD_ARGUMENTS) {
      const started = performance.now();
      const result = await outcome(f, isClass, args);
      const seconds = (performance.now() - started) / 1000;
      if (result !== 'ok') failures.push(`${name}(${args.map(show).join(', ')}) → ${result}`);
      // Not a timing assertion on speed: a bad argument that starts minutes of work is a missing check.
      if (seconds > 5) failures.push(`${name}(${args.map(show).join(', ')}) ran ${seconds.toFixed(1)} s`);
    }
    expect(failures).toEqual([]);
  });
});

describe('the boundary defects once found', () => {
  const parameterError = (run: () => unknown, parameter: RegExp) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).parameter).toMatch(parameter);
      return;
    }
    throw new Error('expected a ParameterError');
  };

  it('generate(null), generate() and spikes given as text name the parameter', () => {
    parameterError(() => lib.generate(null as never), /^params$/);
    parameterError(() => (lib.generate as () => unknown)(), /^params$/);
    parameterError(() => lib.generate({ ensemble: 'spiked', n: 20, m: 10, seed: 1, spikes: '3,4' as never }), /^spikes$/);
  });

  it("twCdf('0', 1) is refused instead of returning NaN", () => {
    parameterError(() => lib.twCdf('0' as never, 1), /^s$/);
    parameterError(() => lib.twPdf('0' as never, 1), /^s$/);
  });

  it('laguerreEigenvalues with n = 2e9, m = 1e9 is refused before allocating', () => {
    const before = process.memoryUsage().rss;
    parameterError(() => lib.laguerreEigenvalues(lib.createStream(1), { n: 2e9, m: 1e9 }), /^m$/);
    parameterError(() => lib.laguerreHistogram(lib.createStream(1), { n: 2e9, m: 1e9, edges: [0, 1] }), /^m$/);
    expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(64);
    // The top k need O(M^(1/3)) rows and take any size.
    expect(lib.laguerreLargestEigenvalues(lib.createStream(1), { n: 2e9, m: 1e9, k: 1 })[0]).toBeGreaterThan(0);
  });
});

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
