import { list, record } from '../core/validate.js';
import type { Check } from './notebook.js';

/** Builds a Check and decides it, so that every notebook applies the same rule. */
export function check(
  name: string,
  value: number,
  expected: number,
  tolerance: number,
  why: string,
  comparison: Check['comparison'] = 'within',
): Check {
  let passed: boolean;
  if (comparison === 'at-most') passed = value <= expected + tolerance;
  else if (comparison === 'at-least') passed = value >= expected - tolerance;
  else passed = Math.abs(value - expected) <= tolerance;
  // NaN never passes: a check that could not be computed is a failure, not a silent success.
  if (!Number.isFinite(value) || !Number.isFinite(expected) || Number.isNaN(tolerance)) passed = false;
  return { name, value, expected, tolerance, passed, why, comparison };
}

/** One line per check, for terminals. */
export function formatChecks(checks: readonly Check[]): string {
  list('checks', checks).forEach((c, i) => record(`checks[${i}]`, c));
  const sign = { within: '±', 'at-most': '≤ +', 'at-least': '≥ −' } as const;
  return checks
    .map((c) => {
      const rule = `${c.expected.toPrecision(6)} ${sign[c.comparison ?? 'within']}${c.tolerance.toPrecision(3)}`;
      return `${c.passed ? 'pass' : 'FAIL'}  ${c.name}: ${c.value.toPrecision(6)} vs ${rule}  (${c.why})`;
    })
    .join('\n');
}
