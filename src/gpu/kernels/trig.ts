/**
 * cos θ and sin θ of a rotation angle |θ| ≤ π in float32 from +, − and × only, for gpu.js kernels and their CPU
 * twins. Engines' own cos and sin differ far beyond an ulp: SwiftShader's GLSL and WGSL ones were ~1e−4 off
 * (relative) from WebAssembly's at the rotation angles of a run, which is a different Markov chain. This one is
 * the same arithmetic everywhere: the Taylor polynomials of degree 9 (sin) and 8 (cos) at x = θ/4 (|x| ≤ π/4,
 * truncation < 3e−8), then two angle doublings (s ← 2sc, c ← c² − s²), ~1e−7 from the true values. Every
 * operation is rounded to float32 on its own (Math.fround) and every coefficient is a float32 value written out
 * exactly, so the cpu backend (float64 arithmetic) and WebAssembly (f32) agree bit for bit; GLSL and WGSL
 * compilers may fuse a product and a sum (FMA), an ulp-level difference.
 *
 * A gpu.js helper: self-contained, parameter names distinct from every kernel constant (see limbs.ts).
 * Returns sin θ when `which` is 1, cos θ when it is 0.
 */
export function rotationTrig(angle: number, which: number): number {
  const x = angle * 0.25;
  const x2 = Math.fround(x * x);
  let s = Math.fround(x2 * 0.0000027557318844628753);
  s = Math.fround(x2 * Math.fround(s - 0.00019841270113829523));
  s = Math.fround(x2 * Math.fround(s + 0.008333333767950535));
  s = Math.fround(x2 * Math.fround(s - 0.1666666716337204));
  s = Math.fround(x + Math.fround(x * s));
  let c = Math.fround(x2 * 0.000024801587642286904);
  c = Math.fround(x2 * Math.fround(c - 0.0013888889225199819));
  c = Math.fround(x2 * Math.fround(c + 0.0416666679084301));
  c = Math.fround(x2 * Math.fround(c - 0.5));
  c = Math.fround(1 + c);
  let t = 0;
  for (let k = 0; k < 2; k++) {
    t = Math.fround(2 * Math.fround(s * c));
    c = Math.fround(Math.fround(c * c) - Math.fround(s * s));
    s = t;
  }
  let out = c;
  if (which > 0) out = s;
  return out;
}
