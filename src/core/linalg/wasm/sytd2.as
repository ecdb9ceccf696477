// Householder tridiagonalization without blocking (LAPACK's dsytd2, lower), for small matrices and for the last
// columns of the blocked reduction (sytrd.as). Symmetric matrices are held by their lower triangle, column by
// column: entry (i, j) with i >= j lives at a + (j*lda + i)*8, so each column is contiguous. The rank-2 update of
// step k-1 is fused into the matrix-vector product of step k: the trailing triangle is read and written once per
// step, which is fastest while it fits in cache.

/** Byte address of entry (i, j). */
export function at(a: usize, lda: usize, i: i32, j: i32): usize {
  return a + ((<usize>j * lda + <usize>i) << 3);
}

/** Reduces the n×n block at `a` (leading dimension lda) to tridiagonal (d, e); `work` holds 4n float64 values. */
export function tridiagonalizeUnblocked(a: usize, n: i32, ldaIn: i32, d: usize, e: usize, work: usize): void {
  const lda = <usize>ldaIn;
  const vecBytes = <usize>n << 3;
  let v = work;
  let vp = work + vecBytes;
  let wp = vp + vecBytes;
  const y = wp + vecBytes;
  memory.fill(work, 0, vecBytes * 4);
  if (n == 1) {
    store<f64>(d, load<f64>(a));
    return;
  }
  for (let k = 0; k < n - 2; k++) {
    const kb = <usize>k << 3;
    if (k > 0) {
      const vk = load<f64>(vp + kb);
      const wk = load<f64>(wp + kb);
      for (let i = k; i < n; i++) {
        const ib = <usize>i << 3;
        const p = at(a, lda, i, k);
        store<f64>(p, load<f64>(p) - load<f64>(vp + ib) * wk - load<f64>(wp + ib) * vk);
      }
    }
    store<f64>(d + kb, load<f64>(at(a, lda, k, k)));

    // Reflector H = I - tau v v^T with H [alpha; x] = [beta; 0] (dlarfg).
    const alpha = load<f64>(at(a, lda, k + 1, k));
    let xnorm2: f64 = 0;
    for (let i = k + 2; i < n; i++) {
      const x = load<f64>(at(a, lda, i, k));
      xnorm2 += x * x;
    }
    let tau: f64 = 0;
    if (xnorm2 == 0) {
      store<f64>(e + kb, alpha);
      for (let i = k + 1; i < n; i++) store<f64>(v + (<usize>i << 3), 0);
    } else {
      const beta = -copysign<f64>(Math.sqrt(alpha * alpha + xnorm2), alpha);
      tau = (beta - alpha) / beta;
      const s = 1 / (alpha - beta);
      store<f64>(e + kb, beta);
      store<f64>(v + ((<usize>k + 1) << 3), 1);
      for (let i = k + 2; i < n; i++) store<f64>(v + (<usize>i << 3), load<f64>(at(a, lda, i, k)) * s);
    }
    for (let i = k + 1; i < n; i++) store<f64>(y + (<usize>i << 3), 0);

    fusedPass(a, lda, n, k + 1, v, vp, wp, y);

    // w = tau y - (tau/2)(tau y . v) v, written over the previous w.
    let pv: f64 = 0;
    for (let i = k + 1; i < n; i++) {
      const ib = <usize>i << 3;
      pv += load<f64>(y + ib) * load<f64>(v + ib);
    }
    const c = -0.5 * tau * tau * pv;
    for (let i = k + 1; i < n; i++) {
      const ib = <usize>i << 3;
      store<f64>(wp + ib, tau * load<f64>(y + ib) + c * load<f64>(v + ib));
    }
    const t = vp;
    vp = v;
    v = t;
  }
  // The last 2x2 block still owes the update of step n-3.
  const n2 = n - 2;
  const n1 = n - 1;
  const v2 = load<f64>(vp + (<usize>n2 << 3));
  const w2 = load<f64>(wp + (<usize>n2 << 3));
  const v1 = load<f64>(vp + (<usize>n1 << 3));
  const w1 = load<f64>(wp + (<usize>n1 << 3));
  const a22 = load<f64>(at(a, lda, n2, n2)) - 2 * v2 * w2;
  const a12 = load<f64>(at(a, lda, n1, n2)) - v1 * w2 - w1 * v2;
  const a11 = load<f64>(at(a, lda, n1, n1)) - 2 * v1 * w1;
  store<f64>(d + (<usize>n2 << 3), a22);
  store<f64>(d + (<usize>n1 << 3), a11);
  store<f64>(e + (<usize>n2 << 3), a12);
}

// Over the trailing triangle j0..n-1: A -= vp wp^T + wp vp^T, then y += A v (A symmetric, lower part stored).
function fusedPass(a: usize, lda: usize, n: i32, j0: i32, v: usize, vp: usize, wp: usize, y: usize): void {
  let j = j0;
  for (; j + 1 < n; j += 2) {
    const jb = <usize>j << 3;
    const j1b = jb + 8;
    const vj = load<f64>(v + jb);
    const vj1 = load<f64>(v + j1b);
    const vpj = load<f64>(vp + jb);
    const wpj = load<f64>(wp + jb);
    const vpj1 = load<f64>(vp + j1b);
    const wpj1 = load<f64>(wp + j1b);
    const c0 = at(a, lda, 0, j);
    const c1 = at(a, lda, 0, j + 1);
    // Rows j and j+1 by hand: the 2x2 diagonal block.
    const ajj = load<f64>(c0 + jb) - 2 * vpj * wpj;
    const aj1j = load<f64>(c0 + j1b) - vpj1 * wpj - wpj1 * vpj;
    const aj1j1 = load<f64>(c1 + j1b) - 2 * vpj1 * wpj1;
    store<f64>(c0 + jb, ajj);
    store<f64>(c0 + j1b, aj1j);
    store<f64>(c1 + j1b, aj1j1);
    let s0 = ajj * vj + aj1j * vj1;
    let s1 = aj1j * vj + aj1j1 * vj1;

    const sVj = f64x2.splat(vj);
    const sVj1 = f64x2.splat(vj1);
    const sVpj = f64x2.splat(vpj);
    const sWpj = f64x2.splat(wpj);
    const sVpj1 = f64x2.splat(vpj1);
    const sWpj1 = f64x2.splat(wpj1);
    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    let i = j + 2;
    for (; i + 1 < n; i += 2) {
      const ib = <usize>i << 3;
      const VP = v128.load(vp + ib);
      const WP = v128.load(wp + ib);
      let A0 = v128.load(c0 + ib);
      let A1 = v128.load(c1 + ib);
      A0 = f64x2.sub(A0, f64x2.add(f64x2.mul(VP, sWpj), f64x2.mul(WP, sVpj)));
      A1 = f64x2.sub(A1, f64x2.add(f64x2.mul(VP, sWpj1), f64x2.mul(WP, sVpj1)));
      v128.store(c0 + ib, A0);
      v128.store(c1 + ib, A1);
      const V = v128.load(v + ib);
      v128.store(y + ib, f64x2.add(v128.load(y + ib), f64x2.add(f64x2.mul(A0, sVj), f64x2.mul(A1, sVj1))));
      acc0 = f64x2.add(acc0, f64x2.mul(A0, V));
      acc1 = f64x2.add(acc1, f64x2.mul(A1, V));
    }
    for (; i < n; i++) {
      const ib = <usize>i << 3;
      const vpi = load<f64>(vp + ib);
      const wpi = load<f64>(wp + ib);
      const a0 = load<f64>(c0 + ib) - vpi * wpj - wpi * vpj;
      const a1 = load<f64>(c1 + ib) - vpi * wpj1 - wpi * vpj1;
      store<f64>(c0 + ib, a0);
      store<f64>(c1 + ib, a1);
      const vi = load<f64>(v + ib);
      store<f64>(y + ib, load<f64>(y + ib) + a0 * vj + a1 * vj1);
      s0 += a0 * vi;
      s1 += a1 * vi;
    }
    s0 += f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1);
    s1 += f64x2.extract_lane(acc1, 0) + f64x2.extract_lane(acc1, 1);
    store<f64>(y + jb, load<f64>(y + jb) + s0);
    store<f64>(y + j1b, load<f64>(y + j1b) + s1);
  }
  if (j < n) {
    const jb = <usize>j << 3;
    const p = at(a, lda, j, j);
    const ajj = load<f64>(p) - 2 * load<f64>(vp + jb) * load<f64>(wp + jb);
    store<f64>(p, ajj);
    store<f64>(y + jb, load<f64>(y + jb) + ajj * load<f64>(v + jb));
  }
}
