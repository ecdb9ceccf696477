// y = A v for the trailing block A(j0:n, j0:n) of a symmetric matrix held by its lower triangle (sytd2.as),
// split into chunks of CHUNK columns that threads take in any order, with a result that does not depend on it.
//
// Column c of the lower triangle gives y[c] its dot product with v (rows r >= c: the diagonal and, by symmetry,
// the entries right of it) and gives every row r > c the term A(r, c)·v[c]. The dot products are complete within
// a chunk; the row terms of chunk t go to its own partial vector part_t. Then y[r] = dots[r] + Σ_t part_t[r], the
// sum taken over t in increasing order (latrd.as): the same additions in the same order for any number of threads.

import { at } from './sytd2';

/** Columns per chunk; chunk t holds columns [t·CHUNK, (t + 1)·CHUNK) of the trailing block. */
export const CHUNK = 64;

/**
 * Chunk `t` of the product: columns [max(j0, t·CHUNK), min(n, (t + 1)·CHUNK)). Writes dots[c] for those columns
 * and part[r] for every row r from the chunk's first column to n. Four columns at a time share each load of v and
 * of part.
 */
export function symvChunk(a: usize, lda: usize, n: i32, j0: i32, t: i32, v: usize, dots: usize, part: usize): void {
  const c0 = max(j0, t * CHUNK);
  const c1 = min(n, (t + 1) * CHUNK);
  memory.fill(part + (<usize>c0 << 3), 0, <usize>(n - c0) << 3);
  let c = c0;
  for (; c + 3 < c1; c += 4) {
    const k0 = at(a, lda, 0, c);
    const k1 = at(a, lda, 0, c + 1);
    const k2 = at(a, lda, 0, c + 2);
    const k3 = at(a, lda, 0, c + 3);
    const cb = <usize>c << 3;
    const v0 = load<f64>(v + cb);
    const v1 = load<f64>(v + cb, 8);
    const v2 = load<f64>(v + cb, 16);
    const v3 = load<f64>(v + cb, 24);
    // The 4×4 triangle on the diagonal.
    const a10 = load<f64>(k0 + cb, 8);
    const a20 = load<f64>(k0 + cb, 16);
    const a30 = load<f64>(k0 + cb, 24);
    const a21 = load<f64>(k1 + cb, 16);
    const a31 = load<f64>(k1 + cb, 24);
    const a32 = load<f64>(k2 + cb, 24);
    let d0 = load<f64>(k0 + cb) * v0 + a10 * v1 + a20 * v2 + a30 * v3;
    let d1 = load<f64>(k1 + cb, 8) * v1 + a21 * v2 + a31 * v3;
    let d2 = load<f64>(k2 + cb, 16) * v2 + a32 * v3;
    let d3 = load<f64>(k3 + cb, 24) * v3;
    store<f64>(part + cb, load<f64>(part + cb, 8) + a10 * v0, 8);
    store<f64>(part + cb, load<f64>(part + cb, 16) + (a20 * v0 + a21 * v1), 16);
    store<f64>(part + cb, load<f64>(part + cb, 24) + (a30 * v0 + a31 * v1 + a32 * v2), 24);
    // Rows below it, two at a time.
    const s0 = f64x2.splat(v0);
    const s1 = f64x2.splat(v1);
    const s2 = f64x2.splat(v2);
    const s3 = f64x2.splat(v3);
    let e0 = f64x2.splat(0);
    let e1 = f64x2.splat(0);
    let e2 = f64x2.splat(0);
    let e3 = f64x2.splat(0);
    let r = c + 4;
    for (; r + 1 < n; r += 2) {
      const rb = <usize>r << 3;
      const x = v128.load(v + rb);
      const a0 = v128.load(k0 + rb);
      const a1 = v128.load(k1 + rb);
      const a2 = v128.load(k2 + rb);
      const a3 = v128.load(k3 + rb);
      const sum = f64x2.add(f64x2.add(f64x2.mul(a0, s0), f64x2.mul(a1, s1)), f64x2.add(f64x2.mul(a2, s2), f64x2.mul(a3, s3)));
      v128.store(part + rb, f64x2.add(v128.load(part + rb), sum));
      e0 = f64x2.add(e0, f64x2.mul(a0, x));
      e1 = f64x2.add(e1, f64x2.mul(a1, x));
      e2 = f64x2.add(e2, f64x2.mul(a2, x));
      e3 = f64x2.add(e3, f64x2.mul(a3, x));
    }
    d0 += f64x2.extract_lane(e0, 0) + f64x2.extract_lane(e0, 1);
    d1 += f64x2.extract_lane(e1, 0) + f64x2.extract_lane(e1, 1);
    d2 += f64x2.extract_lane(e2, 0) + f64x2.extract_lane(e2, 1);
    d3 += f64x2.extract_lane(e3, 0) + f64x2.extract_lane(e3, 1);
    if (r < n) {
      const rb = <usize>r << 3;
      const x = load<f64>(v + rb);
      const a0 = load<f64>(k0 + rb);
      const a1 = load<f64>(k1 + rb);
      const a2 = load<f64>(k2 + rb);
      const a3 = load<f64>(k3 + rb);
      store<f64>(part + rb, load<f64>(part + rb) + (a0 * v0 + a1 * v1 + (a2 * v2 + a3 * v3)));
      d0 += a0 * x;
      d1 += a1 * x;
      d2 += a2 * x;
      d3 += a3 * x;
    }
    store<f64>(dots + cb, d0);
    store<f64>(dots + cb, d1, 8);
    store<f64>(dots + cb, d2, 16);
    store<f64>(dots + cb, d3, 24);
  }
  // The chunk's last columns when its width is not a multiple of four.
  for (; c < c1; c++) {
    const k0 = at(a, lda, 0, c);
    const cb = <usize>c << 3;
    const vc = load<f64>(v + cb);
    let dot = load<f64>(k0 + cb) * vc;
    for (let r = c + 1; r < n; r++) {
      const rb = <usize>r << 3;
      const x = load<f64>(k0 + rb);
      store<f64>(part + rb, load<f64>(part + rb) + x * vc);
      dot += x * load<f64>(v + rb);
    }
    store<f64>(dots + cb, dot);
  }
}
