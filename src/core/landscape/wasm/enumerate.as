// AssemblyScript source of the exact ground-state scan (compiled by scripts/build-wasm.mjs into enumerate-wasm.ts).
//
// Energy E(s) = −Σ_{i<j} J_ij s_i s_j of N Ising spins; spin N−1 is fixed to +1 (the global flip), so 2^(N−1)
// configurations remain. Spin i is +1 when bit i of a configuration is 0. The free spins split into b "low"
// spins 0..b−1 and h = N−1−b "high" spins b..N−2, and with u_i = Σ_{j high or fixed} J_ij s_j:
//
//   E(s) = E_low(s_low) + E_high − Σ_{i low} s_i u_i.
//
// E_low is a table over all 2^b low configurations, built once per couplings by the caller. The high spins walk a
// Gray code (one flip per step, O(N) to update u and E_high); at each high configuration the low sum is split
// once more, −Σ s_i u_i = d1[x] + d2[y] over the b1 lowest bits x and the b2 next ones y, so every one of the 2^b
// low configurations costs two loads, an addition and a min: the scan is O(1) per configuration, O(N) per 2^b.
//
// Every pointer is a byte offset into this module's memory; the caller (enumerate.ts) owns the layout:
//   J      N×N float64, row-major, symmetric, zero diagonal
//   table  2^b float64: E_low of low configuration x + (y << b1)
//   work   float64 scratch: u[N], s[N], d1[2^b1], d2[2^b2]
//   out    float64 [best energy, its Gray index, its low configuration]

// E_high and u are recomputed from the spins every RESYNC high steps, so rounding cannot drift for long.
const RESYNC: u64 = 1024;

function resync(j: usize, n: i32, b: i32, s: usize, u: usize): f64 {
  let eHigh: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = j + ((<usize>i * <usize>n) << 3);
    let field: f64 = 0;
    for (let k = b; k < n; k++) field += load<f64>(row + (<usize>k << 3)) * load<f64>(s + (<usize>k << 3));
    store<f64>(u + (<usize>i << 3), field);
    // Each high pair (i, k) appears twice in Σ_{i high} s_i u_i.
    if (i >= b) eHigh -= 0.5 * load<f64>(s + (<usize>i << 3)) * field;
  }
  return eHigh;
}

/** Sets s to the high spins of Gray code word g (low spins are not used). */
function spinsOf(g: u64, n: i32, b: i32, s: usize): void {
  const code = g ^ (g >> 1);
  for (let i = b; i < n - 1; i++) store<f64>(s + (<usize>i << 3), ((code >> <u64>(i - b)) & 1) != 0 ? -1.0 : 1.0);
  store<f64>(s + (<usize>(n - 1) << 3), 1.0);
}

/** t[x] = −Σ_{k < bits} s_k(x) u[first + k] for every x < 2^bits, by doubling. */
function lowSums(u: usize, first: i32, bits: i32, t: usize): void {
  let base: f64 = 0;
  for (let k = 0; k < bits; k++) base -= load<f64>(u + (<usize>(first + k) << 3));
  store<f64>(t, base);
  for (let k = 0; k < bits; k++) {
    const size = <usize>1 << <usize>k;
    const step = 2 * load<f64>(u + (<usize>(first + k) << 3));
    for (let x: usize = 0; x < size; x++) store<f64>(t + ((x + size) << 3), load<f64>(t + (x << 3)) + step);
  }
}

/**
 * Lowest E_low[x + (y << b1)] + d1[x] + d2[y] + eHigh over one high configuration (b1 ≥ 3). Rounding is
 * monotone, so the row's minimum of E_low + d1 plus the row's constant is exactly the minimum of the sums.
 */
function blockMin(table: usize, d1: usize, d2: usize, b1: i32, b2: i32, eHigh: f64): f64 {
  const width = <usize>1 << <usize>b1;
  const rows = <usize>1 << <usize>b2;
  let best: f64 = Infinity;
  for (let y: usize = 0; y < rows; y++) {
    const row = table + ((y * width) << 3);
    // Four accumulators hide the latency of min. pmin (b < a ? b : a) is one instruction on x64 and ARM, where
    // min's NaN and −0 rules cost several; energies are finite and the accumulators start at +∞.
    let m0 = f64x2.splat(Infinity);
    let m1 = m0;
    let m2 = m0;
    let m3 = m0;
    for (let x: usize = 0; x < width; x += 8) {
      const o = x << 3;
      m0 = f64x2.pmin(m0, f64x2.add(v128.load(row + o), v128.load(d1 + o)));
      m1 = f64x2.pmin(m1, f64x2.add(v128.load(row + o + 16), v128.load(d1 + o + 16)));
      m2 = f64x2.pmin(m2, f64x2.add(v128.load(row + o + 32), v128.load(d1 + o + 32)));
      m3 = f64x2.pmin(m3, f64x2.add(v128.load(row + o + 48), v128.load(d1 + o + 48)));
    }
    const m = f64x2.pmin(f64x2.pmin(m0, m1), f64x2.pmin(m2, m3));
    const rowMin = min(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1)) + (load<f64>(d2 + (y << 3)) + eHigh);
    if (rowMin < best) best = rowMin;
  }
  return best;
}

/** The low configuration of the block whose energy (computed as blockMin does) equals `target`. */
function blockArg(table: usize, d1: usize, d2: usize, b1: i32, b2: i32, eHigh: f64, target: f64): f64 {
  const width = <usize>1 << <usize>b1;
  const rows = <usize>1 << <usize>b2;
  for (let y: usize = 0; y < rows; y++) {
    const c = load<f64>(d2 + (y << 3)) + eHigh;
    const row = table + ((y * width) << 3);
    for (let x: usize = 0; x < width; x++) {
      if (load<f64>(row + (x << 3)) + load<f64>(d1 + (x << 3)) + c == target) return <f64>(x + y * width);
    }
  }
  return -1;
}

/**
 * Scans the high Gray-code words g ∈ [start, end) (with all 2^b low configurations each) and writes the lowest
 * energy found, its g and its low configuration to out (energy +∞ when the range is empty). b1 ≥ 3.
 */
export function scan(j: usize, n: i32, b1: i32, b2: i32, table: usize, work: usize, start: f64, end: f64, out: usize): void {
  const b = b1 + b2;
  const u = work;
  const s = u + (<usize>n << 3);
  const d1 = s + (<usize>n << 3);
  const d2 = d1 + ((<usize>1 << <usize>b1) << 3);
  const first = <u64>start;
  const last = <u64>end;
  let best: f64 = Infinity;
  let bestG: f64 = -1;
  let bestLow: f64 = -1;
  let eHigh: f64 = 0;
  for (let g = first; g < last; g++) {
    if (g == first || g % RESYNC == 0) {
      spinsOf(g, n, b, s);
      eHigh = resync(j, n, b, s, u);
    } else {
      // Gray step g flips high spin b + ctz(g).
      const i = b + <i32>ctz(g);
      const si = s + (<usize>i << 3);
      const old = load<f64>(si);
      eHigh += 2 * old * load<f64>(u + (<usize>i << 3));
      const row = j + ((<usize>i * <usize>n) << 3);
      const c = f64x2.splat(-2 * old);
      let k: usize = 0;
      const nn = <usize>n;
      for (; k + 2 <= nn; k += 2) {
        const p = u + (k << 3);
        v128.store(p, f64x2.add(v128.load(p), f64x2.mul(c, v128.load(row + (k << 3)))));
      }
      if (k < nn) store<f64>(u + (k << 3), load<f64>(u + (k << 3)) - 2 * old * load<f64>(row + (k << 3)));
      store<f64>(si, -old);
    }
    lowSums(u, 0, b1, d1);
    lowSums(u, b1, b2, d2);
    const m = blockMin(table, d1, d2, b1, b2, eHigh);
    if (m < best) {
      best = m;
      bestG = <f64>g;
      bestLow = blockArg(table, d1, d2, b1, b2, eHigh, m);
    }
  }
  store<f64>(out, best);
  store<f64>(out + 8, bestG);
  store<f64>(out + 16, bestLow);
}

export function heapBase(): usize {
  return __heap_base;
}
