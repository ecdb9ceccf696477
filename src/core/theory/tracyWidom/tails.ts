import { airyUnchecked } from '../special/airy.js';
import { gaussLegendreOn } from '../special/quadrature.js';
import { truncationLength, type TracyWidomBeta } from './nystrom.js';

/**
 * The tails of the Tracy–Widom laws, where the Fredholm determinants lose their relative accuracy (far left: F is
 * a product of factors 1 − λ with λ → 1; far right: 1 − F and the density of β = 2, 4 are differences of nearly
 * equal numbers).
 *
 * Left tail, s → −∞, t = −s (β = 4: t = −√2·s, the convention of tracyWidom.ts). With q the Hastings–McLeod
 * solution of Painlevé II, F2 = exp(−∫(x − s)q²) and E = exp(−½∫q) (integrals over (s, ∞)), F1 = E·√F2 and
 * F4 = cosh(ln E)·√F2 (Tracy & Widom 1996). Their expansions are
 *   ln F2 = −t³/12 − ⅛ ln t + ln τ₂ + Σ_k a_k t^(−3k),           ln τ₂ = ln 2/24 + ζ′(−1),
 *   ln E  = −√2 t^(3/2)/6 − ¼ ln 2 − √2 Σ_k b_k t^(−(6k−3)/2),
 * with the constants of Deift, Its & Krasovsky (2008, F2) and Baik, Buckingham & DiFranco (2008, Commun. Math.
 * Phys. 280, F1 and F4: τ₁ = 2^(−11/48) e^(ζ′(−1)/2), τ₄ = 2^(−35/48) e^(ζ′(−1)/2), which fix ln E's constant
 * at −¼ ln 2). The coefficients a_k, b_k follow from q(−t) = √(t/2)(1 − 1/(8t³) − 73/(128t⁶) − …) (Hastings &
 * McLeod 1980; Tracy & Widom 1994 give a₁ = 3/2⁶), integrated term by term: (ln F2)″ = −q², (ln E)′ = −½q.
 * With the terms below, the expansion's relative error at t = 7.5 is ~1e−11; the determinants have ~1e−8 there.
 *
 * Right tail, s → +∞: the Airy kernel. With B_t(x, y) = Ai(x + y + t) on (0, ∞), T₁ = tr B_t = ½∫_t^∞ Ai and
 * T₂ = tr B_t² = ∫_t^∞ K_Ai(x, x) dx = ∫_0^∞ u Ai(t + u)² du, the expansions of the determinants give
 *   1 − F1(s) = T₁(s) + O(T₁²),   1 − F2(s) = T₂(s) + O(T₂²),   1 − F4(s) = ½(T₂(t) − T₁(t)²) + O(T⁴), t = √2 s,
 * with densities ½Ai(s), K_Ai(s, s) = ∫_s^∞ Ai², and √2(½K_Ai(t, t) − ½T₁(t)Ai(t)). Beyond the edges chosen below
 * the neglected terms are below 1e−11 relative (checked against the determinants, which lose accuracy there).
 */

/** ζ′(−1) = 1/12 − ln A (A: Glaisher–Kinkelin). */
const ZETA_PRIME_MINUS_1 = -0.16542114370045092921;
const LN_TAU2 = Math.LN2 / 24 + ZETA_PRIME_MINUS_1;
/**
 * a_k of ln F2 (k = 1…8) and b_k of ln E (k = 1…9), exact rationals from the Painlevé II series. The series are
 * asymptotic: at t = 7.5 their terms fall to ~2e−11 by the last one kept, which bounds the error there.
 */
const A = [3 / 64, 63 / 256, 2407 / 512, 1608657 / 8192, 1180103913 / 81920, 26886699679 / 16384, 246111785530791 / 917504, 249757854807251997 / 4194304];
const B = [
  1 / 48, 73 / 2304, 10657 / 30720, 13912277 / 1376256, 8045883943 / 14155776, 4839483796783 / 92274688,
  6282376235473547 / 872415232, 88762466180599259759 / 64424509440, 614077537500104697967243 / 1752346656768,
];

/** Where the left-tail expansion takes over: s ≤ this (t = 7.5 in the determinant's argument). */
export const LEFT_EDGE: Record<TracyWidomBeta, number> = { 1: -7.5, 2: -7.5, 4: -7.5 / Math.SQRT2 };
/** Where the Airy-kernel formulas take over: s ≥ this. */
export const RIGHT_EDGE: Record<TracyWidomBeta, number> = { 1: 12, 2: 5, 4: 3 };
/** Beyond this every density has underflowed (Ai(s) < 1e−308 from s ≈ 105) and every CDF is 1 in float64. */
const FAR_RIGHT = 200;

export function inLeftTail(s: number, beta: TracyWidomBeta): boolean {
  return s <= LEFT_EDGE[beta];
}

export function inRightTail(s: number, beta: TracyWidomBeta): boolean {
  return s >= RIGHT_EDGE[beta];
}

/** ln F2 and its t-derivative. */
function logF2(t: number): [number, number] {
  let value = -(t ** 3) / 12 - Math.log(t) / 8 + LN_TAU2;
  let slope = -(t * t) / 4 - 1 / (8 * t);
  for (let k = 1; k <= A.length; k++) {
    value += A[k - 1] * t ** (-3 * k);
    slope -= 3 * k * A[k - 1] * t ** (-3 * k - 1);
  }
  return [value, slope];
}

/** ln E and its t-derivative. */
function logE(t: number): [number, number] {
  let value = (-Math.SQRT2 * t ** 1.5) / 6 - Math.LN2 / 4;
  let slope = (-Math.SQRT2 * Math.sqrt(t)) / 4;
  for (let k = 1; k <= B.length; k++) {
    const p = (6 * k - 3) / 2;
    value -= Math.SQRT2 * B[k - 1] * t ** -p;
    slope += Math.SQRT2 * B[k - 1] * p * t ** (-p - 1);
  }
  return [value, slope];
}

/** ln F_β(s) and d ln F_β/ds in the left tail. */
export function leftTailLog(s: number, beta: TracyWidomBeta): { logCdf: number; slope: number } {
  const scale = beta === 4 ? Math.SQRT2 : 1;
  const t = -scale * s;
  const [f2, f2t] = logF2(t);
  if (beta === 2) return { logCdf: f2, slope: -f2t };
  const [e, et] = logE(t);
  if (beta === 1) return { logCdf: e + 0.5 * f2, slope: -(et + 0.5 * f2t) };
  // ln cosh(e) for e ≪ 0, without overflow: −e − ln 2 + ln(1 + e^(2e)).
  const logCosh = -e - Math.LN2 + Math.log1p(Math.exp(2 * e));
  return { logCdf: logCosh + 0.5 * f2, slope: -scale * (Math.tanh(e) * et + 0.5 * f2t) };
}

/** CDF and density from the left-tail expansion; both underflow to 0 far out (s = −1e308 included). */
export function leftTail(s: number, beta: TracyWidomBeta): { cdf: number; pdf: number } {
  const { logCdf, slope } = leftTailLog(s, beta);
  if (!(logCdf > -Infinity) || !(slope < Infinity)) return { cdf: 0, pdf: 0 };
  return { cdf: Math.exp(logCdf), pdf: Math.exp(logCdf + Math.log(slope)) };
}

/** Gauss–Legendre nodes on (0, L) where Ai(t + u) has decayed by e^(−40), as the Nyström method cuts its kernel. */
function airyTailRule(t: number) {
  return gaussLegendreOn(64, 0, truncationLength(t));
}

/** T₁(t) = ½∫_t^∞ Ai and T₂(t) = ∫_0^∞ u Ai(t + u)² du, with K_Ai(t, t) = ∫_t^∞ Ai² beside them. */
function airyTraces(t: number): { t1: number; t2: number; k: number; ai: number } {
  const { nodes, weights } = airyTailRule(t);
  let integral = 0;
  let t2 = 0;
  let k = 0;
  for (let i = 0; i < nodes.length; i++) {
    const a = airyUnchecked(t + nodes[i]).ai;
    integral += weights[i] * a;
    k += weights[i] * a * a;
    t2 += weights[i] * nodes[i] * a * a;
  }
  return { t1: 0.5 * integral, t2, k, ai: airyUnchecked(t).ai };
}

/** 1 − F_β(s) and the density from the Airy kernel (s in the right tail). */
export function rightTail(s: number, beta: TracyWidomBeta): { survival: number; pdf: number } {
  if (s >= FAR_RIGHT) return { survival: 0, pdf: 0 };
  if (beta === 1) {
    const { t1, ai } = airyTraces(s);
    return { survival: t1, pdf: 0.5 * ai };
  }
  if (beta === 2) {
    const { t2, k } = airyTraces(s);
    return { survival: t2, pdf: k };
  }
  const { t1, t2, k, ai } = airyTraces(Math.SQRT2 * s);
  return { survival: 0.5 * (t2 - t1 * t1), pdf: Math.SQRT2 * (0.5 * k - 0.5 * t1 * ai) };
}
