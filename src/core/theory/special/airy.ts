import { ParameterError } from '../../errors.js';

/**
 * The Airy function Ai and its derivative on the whole real line, to a few units in the last place of the
 * local amplitude.
 *
 * |x| ≥ 10: the asymptotic expansions (DLMF 9.7.5, 9.7.6, 9.7.9, 9.7.10); at ζ = ⅔|x|^(3/2) ≥ 21 their smallest
 * term is below 1e-18. |x| < 10: Taylor series of y″ = xy about anchors 1/8 apart. The anchors are filled once,
 * from the asymptotic values at ±10 inwards to 0: towards 0 from the right Ai is the growing solution (the
 * error's Bi component decays), and on the left both solutions oscillate, so rounding errors do not grow.
 */

const LIMIT = 10;
const STEP = 1 / 8;
const HALF_COUNT = LIMIT / STEP;
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
const TERMS = 60;

/** u_k and v_k of DLMF 9.7.2. */
const U = new Float64Array(TERMS);
const V = new Float64Array(TERMS);
U[0] = 1;
V[0] = 1;
for (let k = 1; k < TERMS; k++) {
  U[k] = (U[k - 1] * (6 * k - 5) * (6 * k - 3) * (6 * k - 1)) / (216 * k * (2 * k - 1));
  V[k] = (-(6 * k + 1) / (6 * k - 1)) * U[k];
}

/**
 * Partial sums of the asymptotic series in w = 1/ζ: the even and odd parts Σ u_k w^k and Σ v_k w^k (k even / odd),
 * with (−1)^(k/2)-type signs applied by the caller. Summation stops at the smallest term of the u series.
 */
interface SeriesParts {
  uEven: number;
  uOdd: number;
  vEven: number;
  vOdd: number;
}

function seriesParts(zeta: number, alternatePairs: boolean): SeriesParts {
  const w = 1 / zeta;
  const parts = { uEven: 0, uOdd: 0, vEven: 0, vOdd: 0 };
  let power = 1;
  let previous = Infinity;
  for (let k = 0; k < TERMS; k++) {
    const size = U[k] * power;
    if (size > previous) break;
    // For x < 0 the even and odd series alternate in pairs: signs +, +, −, −, … by k.
    const sign = alternatePairs && (k >> 1) % 2 === 1 ? -1 : 1;
    if (k % 2 === 0) {
      parts.uEven += sign * size;
      parts.vEven += sign * V[k] * power;
    } else {
      parts.uOdd += sign * size;
      parts.vOdd += sign * V[k] * power;
    }
    if (size < 1e-18) break;
    previous = size;
    power *= w;
  }
  return parts;
}

export interface AiryValue {
  ai: number;
  aiPrime: number;
}

/** Beyond this Ai(x) and Ai′(x) are below the smallest subnormal double. */
const UNDERFLOW = 105;

function asymptoticRight(x: number): AiryValue {
  if (x > UNDERFLOW) return { ai: 0, aiPrime: 0 };
  const zeta = (2 / 3) * x * Math.sqrt(x);
  const root4 = Math.sqrt(Math.sqrt(x));
  const e = Math.exp(-zeta) * 0.5 * INV_SQRT_PI;
  // Σ(−1)^k u_k ζ^(−k) = even part − odd part.
  const p = seriesParts(zeta, false);
  return { ai: (e / root4) * (p.uEven - p.uOdd), aiPrime: -e * root4 * (p.vEven - p.vOdd) };
}

function asymptoticLeft(x: number): AiryValue {
  const z = -x;
  const zeta = (2 / 3) * z * Math.sqrt(z);
  const root4 = Math.sqrt(Math.sqrt(z));
  // cos(ζ − π/4) and sin(ζ − π/4) without subtracting a rounded π/4.
  const c = Math.cos(zeta);
  const s = Math.sin(zeta);
  const cosShift = (c + s) * Math.SQRT1_2;
  const sinShift = (s - c) * Math.SQRT1_2;
  const p = seriesParts(zeta, true);
  return {
    ai: (INV_SQRT_PI / root4) * (cosShift * p.uEven + sinShift * p.uOdd),
    aiPrime: INV_SQRT_PI * root4 * (sinShift * p.vEven - cosShift * p.vOdd),
  };
}

/** Taylor expansion of the solution of y″ = xy with y(x0) = y0, y′(x0) = d0, evaluated at x0 + dx. */
function taylor(x0: number, y0: number, d0: number, dx: number): AiryValue {
  const scale = Math.abs(y0) + Math.abs(d0) * 0.5;
  let a0 = y0; // a_{k−2}
  let a1 = d0; // a_{k−1}
  let a2 = (x0 * y0) / 2; // a_k, starting at k = 2
  let value = y0 + d0 * dx;
  let slope = d0;
  let power = dx; // dx^(k−1)
  for (let k = 2; k < 80; k++) {
    slope += k * a2 * power;
    power *= dx;
    value += a2 * power;
    if (k > 4 && Math.abs(a2 * power) + Math.abs(a1 * power) < 1e-18 * scale) break;
    const next = (x0 * a1 + a0) / ((k + 1) * k); // a_{k+1} = (x0 a_{k−1} + a_{k−2})/((k+1)k)
    a0 = a1;
    a1 = a2;
    a2 = next;
  }
  return { ai: value, aiPrime: slope };
}

/** Anchor j holds (Ai, Ai′) at x = (j − HALF_COUNT)·STEP. */
const anchorAi = new Float64Array(2 * HALF_COUNT + 1);
const anchorAiPrime = new Float64Array(2 * HALF_COUNT + 1);
(() => {
  const top = 2 * HALF_COUNT;
  const right = asymptoticRight(LIMIT);
  anchorAi[top] = right.ai;
  anchorAiPrime[top] = right.aiPrime;
  for (let j = top; j > HALF_COUNT; j--) {
    const next = taylor((j - HALF_COUNT) * STEP, anchorAi[j], anchorAiPrime[j], -STEP);
    anchorAi[j - 1] = next.ai;
    anchorAiPrime[j - 1] = next.aiPrime;
  }
  const left = asymptoticLeft(-LIMIT);
  anchorAi[0] = left.ai;
  anchorAiPrime[0] = left.aiPrime;
  for (let j = 0; j < HALF_COUNT - 1; j++) {
    const next = taylor((j - HALF_COUNT) * STEP, anchorAi[j], anchorAiPrime[j], STEP);
    anchorAi[j + 1] = next.ai;
    anchorAiPrime[j + 1] = next.aiPrime;
  }
})();

/** Ai(x) and Ai′(x) together, without argument checks (callers validate once). */
export function airyUnchecked(x: number): AiryValue {
  if (x >= LIMIT) return x === Infinity ? { ai: 0, aiPrime: 0 } : asymptoticRight(x);
  if (x <= -LIMIT) return asymptoticLeft(x);
  const j = Math.round(x / STEP) + HALF_COUNT;
  const x0 = (j - HALF_COUNT) * STEP;
  return taylor(x0, anchorAi[j], anchorAiPrime[j], x - x0);
}

function check(x: number): void {
  if (typeof x !== 'number' || Number.isNaN(x) || x === -Infinity) {
    throw new ParameterError('x', x, 'a number other than NaN and −Infinity');
  }
}

export function airy(x: number): AiryValue {
  check(x);
  return airyUnchecked(x);
}

export function airyAi(x: number): number {
  check(x);
  return airyUnchecked(x).ai;
}

export function airyAiPrime(x: number): number {
  check(x);
  return airyUnchecked(x).aiPrime;
}
