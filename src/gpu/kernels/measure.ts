/* gpu.js kernel: the observables of every chain after a sweep. */

/**
 * Output [4, chains], row c: [E = #{μ < p : h_μ ≤ 0}, J·T, J·J(partner), accepted counter]. For Ising J and
 * teacher the two overlaps are integers (|sum| ≤ n), exact in float32. For spherical J they are float32 sums in
 * the order i = 0..n−1; every product is rounded on its own (Math.fround) so that the cpu backend, which
 * evaluates in float64, rounds exactly where WebAssembly's f32 arithmetic does.
 */
export function measureKernel(this: any, state: any, info: any, teachers: any): number {
  const c = this.thread.y;
  const which = this.thread.x;
  let out = 0;
  if (which === 0) {
    const p = info[c][1];
    // Early exit as the mask (LOOP_BODIES in engine.ts).
    for (let mu = 0; mu < this.constants.pMax; mu++) {
      if (mu >= p) break;
      if (state[c][this.constants.n + mu] <= 0) out = out + 1;
    }
  } else if (which === 1) {
    const sample = info[c][0];
    for (let i = 0; i < this.constants.n; i++) out = Math.fround(out + Math.fround(state[c][i] * teachers[sample][i]));
  } else if (which === 2) {
    const partner = info[c][7];
    for (let i = 0; i < this.constants.n; i++) out = Math.fround(out + Math.fround(state[c][i] * state[partner][i]));
  } else {
    out = state[c][this.constants.n + this.constants.pMax];
  }
  return out;
}
