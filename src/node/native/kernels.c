// Native help for the dense kernels in Node (docs/dense-spectra.md §8), for CPUs whose vectors are wider than
// WebAssembly's 128 bits: the tiled product (update), the reduction's product phase (product), and huge pages for
// the kernels' memory (advise). Each computes exactly what the WebAssembly kernel it stands in for computes, bit for
// bit: the same operations on the same values in the same order, each product and each sum rounded on its own (no
// fused multiply-add: this file is compiled with -ffp-contract=off). Only the width of the vectors differs, and a
// lane's arithmetic does not depend on its neighbours.
//
// The WebAssembly kernels call them through their `host` imports (src/node/nativeKernels.ts) with their own
// arguments, from every thread of a job; the threads claim work items from the same counter of the job's control
// block (sync.as), with the same atomic read-modify-write, and the kernel's barrier follows.
//
// The tiled product (src/core/linalg/wasm/tiles.as): the Gram product WᵀW and the rank-2k update of the
// tridiagonalization spend most of a dense spectrum's arithmetic here. Every sum of a tile runs over
// k = 0, 1, …, K−1 from +0, and meets the destination as tiles.as does (+=, −=, or added to +0).

#include <node_api.h>
#include <stdint.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

typedef double v8d __attribute__((vector_size(64), aligned(8)));
typedef double v4d __attribute__((vector_size(32), aligned(8)));

enum { ADD = 0, SUBTRACT = 1, STORE = 2 };
/** As in tiles.as: panels per side of one work item. */
enum { GROUP = 16 };
/** As in sync.as: byte offset of the two work counters in the control block. */
enum { COUNTERS = 12 };

/** Every helper is inlined into each CPU's clone of lower_update, so that it is compiled for that CPU's vectors. */
#define INLINE static inline __attribute__((always_inline))

INLINE v8d load8(const double *p) {
  v8d v;
  memcpy(&v, p, sizeof v);
  return v;
}

INLINE void store8(double *p, v8d v) { memcpy(p, &v, sizeof v); }

/** Lanes 0–3 from `lo`, 4–7 from `hi`: term k of two row panels side by side (one vinsertf64x4 on AVX-512). */
INLINE v8d join(const double *lo, const double *hi) {
  v4d a, b;
  memcpy(&a, lo, sizeof a);
  memcpy(&b, hi, sizeof b);
  return __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7);
}

INLINE void finish(double *dst, v8d sum, int mode) {
  if (mode == SUBTRACT) store8(dst, load8(dst) - sum);
  else if (mode == ADD) store8(dst, load8(dst) + sum);
  else store8(dst, (v8d){0, 0, 0, 0, 0, 0, 0, 0} + sum);
}

/**
 * Rows 4p … 4p + 15 (row panels p … p + 3) of columns 4q … 4q + 3 (column panel q): tiles.as's tiles (q, p) to
 * (q, p + 3) at once, 8 vectors of 8 sums.
 */
INLINE void tile16(const double *col, const double *r0, const double *r1, const double *r2, const double *r3,
                          int terms, double *dst, size_t ld, int mode) {
  v8d a0 = {0}, a1 = {0}, b0 = {0}, b1 = {0}, c0 = {0}, c1 = {0}, d0 = {0}, d1 = {0};
  for (int k = 0; k < terms; k++, col += 4, r0 += 4, r1 += 4, r2 += 4, r3 += 4) {
    const v8d x = join(r0, r1), y = join(r2, r3);
    const double s0 = col[0], s1 = col[1], s2 = col[2], s3 = col[3];
    a0 = a0 + s0 * x;
    a1 = a1 + s0 * y;
    b0 = b0 + s1 * x;
    b1 = b1 + s1 * y;
    c0 = c0 + s2 * x;
    c1 = c1 + s2 * y;
    d0 = d0 + s3 * x;
    d1 = d1 + s3 * y;
  }
  finish(dst, a0, mode);
  finish(dst + 8, a1, mode);
  finish(dst + ld, b0, mode);
  finish(dst + ld + 8, b1, mode);
  finish(dst + 2 * ld, c0, mode);
  finish(dst + 2 * ld + 8, c1, mode);
  finish(dst + 3 * ld, d0, mode);
  finish(dst + 3 * ld + 8, d1, mode);
}

/** Row panels p and p + 1 of column panel q. */
INLINE void tile8(const double *col, const double *r0, const double *r1, int terms, double *dst, size_t ld, int mode) {
  v8d a = {0}, b = {0}, c = {0}, d = {0};
  for (int k = 0; k < terms; k++, col += 4, r0 += 4, r1 += 4) {
    const v8d x = join(r0, r1);
    a = a + col[0] * x;
    b = b + col[1] * x;
    c = c + col[2] * x;
    d = d + col[3] * x;
  }
  finish(dst, a, mode);
  finish(dst + ld, b, mode);
  finish(dst + 2 * ld, c, mode);
  finish(dst + 3 * ld, d, mode);
}

/** One 4×4 tile, scalar: a column panel's last odd row panel. */
INLINE void tile4(const double *col, const double *row, int terms, double *dst, size_t ld, int mode) {
  double s[4][4] = {{0}};
  for (int k = 0; k < terms; k++, col += 4, row += 4) {
    for (int c = 0; c < 4; c++) {
      for (int r = 0; r < 4; r++) s[c][r] = s[c][r] + col[c] * row[r];
    }
  }
  for (int c = 0; c < 4; c++) {
    for (int r = 0; r < 4; r++) {
      double *x = dst + c * ld + r;
      *x = mode == SUBTRACT ? *x - s[c][r] : mode == ADD ? *x + s[c][r] : 0.0 + s[c][r];
    }
  }
}

/** Rows 4p … 4p + 15 of columns 4q … 4q + 7 (column panels q, q + 1): tile16 for both, sharing the row loads. */
INLINE void tile16x8(const double *cl, const double *ch, const double *r0, const double *r1, const double *r2,
                     const double *r3, int terms, double *dst, size_t ld, int mode) {
  // Named sums, not an array: the compiler then keeps all 16 in registers.
  v8d a0 = {0}, a1 = {0}, b0 = {0}, b1 = {0}, c0 = {0}, c1 = {0}, d0 = {0}, d1 = {0};
  v8d e0 = {0}, e1 = {0}, f0 = {0}, f1 = {0}, g0 = {0}, g1 = {0}, h0 = {0}, h1 = {0};
  for (int k = 0; k < terms; k++, cl += 4, ch += 4, r0 += 4, r1 += 4, r2 += 4, r3 += 4) {
    const v8d x = join(r0, r1), y = join(r2, r3);
    // Column c's two vectors of sums (u: rows 0–7, v: rows 8–15) gain their term k.
#define TERM(scalar, u, v) (u = u + (scalar) * x, v = v + (scalar) * y)
    TERM(cl[0], a0, a1), TERM(cl[1], b0, b1), TERM(cl[2], c0, c1), TERM(cl[3], d0, d1);
    TERM(ch[0], e0, e1), TERM(ch[1], f0, f1), TERM(ch[2], g0, g1), TERM(ch[3], h0, h1);
#undef TERM
  }
  const v8d sums[16] = {a0, a1, b0, b1, c0, c1, d0, d1, e0, e1, f0, f1, g0, g1, h0, h1};
  for (int c = 0; c < 8; c++) {
    finish(dst + c * ld, sums[2 * c], mode);
    finish(dst + c * ld + 8, sums[2 * c + 1], mode);
  }
}

/** Row panels [p, p1) of one column panel, fewer than four: by two, then one. */
INLINE void rest(const double *col, const double *rows, size_t step, int p, int p1, int terms, double *out, size_t ld,
                 int mode) {
  for (; p + 1 < p1; p += 2) tile8(col, rows + p * step, rows + (p + 1) * step, terms, out + 4 * p, ld, mode);
  if (p < p1) tile4(col, rows + p * step, terms, out + 4 * p, ld, mode);
}

/**
 * Item `item` of the lower block triangle of panels [first, panels) (tiles.as, updateItem): the same tiles, taken
 * column panel by column panel so that a column panel stays in L1 while the row panels stream past it.
 */
INLINE void update_item(uint8_t *memory, int item, int first, int panels, uint32_t col_panels, uint32_t row_panels,
                        uint32_t panel_bytes, int terms, uint32_t dst, size_t ld, int mode) {
  int gr = 0;
  while (((gr + 1) * (gr + 2)) / 2 <= item) gr++;
  const int gc = item - gr * (gr + 1) / 2;
  const int p0 = first + gr * GROUP;
  const int p1 = p0 + GROUP < panels ? p0 + GROUP : panels;
  const int q0 = first + gc * GROUP;
  const int q1 = q0 + GROUP < p1 ? q0 + GROUP : p1;
  const size_t step = panel_bytes / sizeof(double);
  const double *rows = (const double *)(memory + row_panels);
  int q = q0;
  // Column panels two at a time where both have rows below them: tiles of 16 rows × 8 columns, 16 vectors of sums.
  for (; q + 1 < q1; q += 2) {
    const double *col = (const double *)(memory + col_panels + (size_t)q * panel_bytes);
    double *out = (double *)(memory + dst) + (size_t)4 * q * ld;
    int p = p0 > q ? p0 : q;
    // The diagonal tile of panel q has no partner in panel q + 1 (tile (q + 1, q) lies above the diagonal).
    if (p == q) tile4(col, rows + p * step, terms, out + 4 * p, ld, mode), p++;
    for (; p + 3 < p1; p += 4) {
      const double *r = rows + p * step;
      tile16x8(col, col + step, r, r + step, r + 2 * step, r + 3 * step, terms, out + 4 * p, ld, mode);
    }
    for (int c = 0; c < 2; c++) rest(col + c * step, rows, step, p, p1, terms, out + 4 * c * ld, ld, mode);
  }
  // The last column panel alone.
  for (; q < q1; q++) {
    const double *col = (const double *)(memory + col_panels + (size_t)q * panel_bytes);
    double *out = (double *)(memory + dst) + (size_t)4 * q * ld;
    int p = p0 > q ? p0 : q;
    for (; p + 3 < p1; p += 4) {
      const double *r = rows + p * step;
      tile16(col, r, r + step, r + 2 * step, r + 3 * step, terms, out + 4 * p, ld, mode);
    }
    rest(col, rows, step, p, p1, terms, out, ld, mode);
  }
}

/** The claim loop of tiles.as's lowerUpdate, compiled for the widest vectors this CPU has. */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void
lower_update(uint8_t *memory, uint32_t ctl, int phase, uint32_t col_panels, uint32_t row_panels, uint32_t panel_bytes,
             int terms, uint32_t dst, int ld, int first, int panels, int mode) {
  int32_t *counter = (int32_t *)(memory + ctl + COUNTERS + ((phase & 1) << 2));
  const int groups = (panels - first + GROUP - 1) / GROUP;
  const int items = groups * (groups + 1) / 2;
  for (int item = __atomic_fetch_add(counter, 1, __ATOMIC_SEQ_CST); item < items;
       item = __atomic_fetch_add(counter, 1, __ATOMIC_SEQ_CST)) {
    update_item(memory, item, first, panels, col_panels, row_panels, panel_bytes, terms, dst, (size_t)ld, mode);
  }
}

/**
 * The arguments of a native function: a Uint8Array over the kernels' memory, then `count` integers in [0, 2^32)
 * (byte offsets and sizes; none for advise). Throws and returns 0 when they are not that.
 */
enum { MAX_INTEGERS = 16 };
static int memory_and_integers(napi_env env, napi_callback_info info, size_t count, uint8_t **memory, size_t *length,
                               int64_t *out) {
  napi_value argv[MAX_INTEGERS + 2];
  size_t argc = MAX_INTEGERS + 2;
  napi_typedarray_type type;
  void *data;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != count + 1) {
    napi_throw_type_error(env, NULL, "a native kernel takes a Uint8Array over the kernels' memory and its integer arguments");
    return 0;
  }
  if (napi_get_typedarray_info(env, argv[0], &type, length, &data, NULL, NULL) != napi_ok || type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "a native kernel's first argument must be a Uint8Array over the kernels' memory");
    return 0;
  }
  for (size_t i = 0; i < count; i++) {
    double x;
    if (napi_get_value_double(env, argv[i + 1], &x) != napi_ok || !(x >= 0 && x <= UINT32_MAX) || x != (double)(int64_t)x) {
      napi_throw_range_error(env, NULL, "a native kernel's arguments after the memory must be integers in [0, 2^32)");
      return 0;
    }
    out[i] = (int64_t)x;
  }
  *memory = data;
  return 1;
}

/** update(memory: Uint8Array, ctl, phase, colPanels, rowPanels, panelBytes, terms, dst, ld, first, panels, mode). */
static napi_value update(napi_env env, napi_callback_info info) {
  uint8_t *data;
  size_t length;
  int64_t a[11];
  if (!memory_and_integers(env, info, 11, &data, &length, a)) return NULL;
  const int64_t ctl = a[0], col_panels = a[2], row_panels = a[3], panel_bytes = a[4], terms = a[5], dst = a[6];
  const int64_t ld = a[7], first = a[8], panels = a[9], mode = a[10];
  // The caller is the kernel itself; these checks keep a wrong call from writing outside the memory it was given.
  const int64_t bytes = (int64_t)length;
  const int64_t tile_rows = 4 * panels;
  const int ok = mode <= STORE && first <= panels && ctl + COUNTERS + 8 <= bytes && panel_bytes == terms * 32 &&
                 col_panels + panels * panel_bytes <= bytes && row_panels + panels * panel_bytes <= bytes &&
                 tile_rows <= ld && (panels == 0 || dst + 8 * (ld * (tile_rows - 1) + tile_rows) <= bytes) &&
                 ctl % 4 == 0 && col_panels % 8 == 0 && row_panels % 8 == 0 && dst % 8 == 0;
  if (!ok) {
    napi_throw_range_error(env, NULL, "update: the panels, destination or control block lie outside the memory");
    return NULL;
  }
  lower_update(data, (uint32_t)ctl, (int)a[1], (uint32_t)col_panels, (uint32_t)row_panels,
               (uint32_t)panel_bytes, (int)terms, (uint32_t)dst, (int)ld, (int)first, (int)panels, (int)mode);
  napi_value done;
  napi_get_boolean(env, 1, &done);
  return done;
}

// The product phase of a reduced column (src/core/linalg/wasm/sytrd.as, symv.as, latrd.as's dot): y = A v by
// chunks of CHUNK columns and the panel's 2p dot products, with exactly the operations of symv.as and dot, in the
// same order. Rows below a column's 4×4 diagonal block go 8 at a time; each lane is one row, and the dot products
// keep WebAssembly's two lanes (even and odd rows from the block's first row below), taken pair by pair.

typedef double v2d __attribute__((vector_size(16), aligned(8)));

/** As in symv.as and latrd.as. */
enum { CHUNK = 64, PANEL = 32 };

INLINE v2d load2(const double *p) {
  v2d v;
  memcpy(&v, p, sizeof v);
  return v;
}

/** The pair of lanes 2i, 2i + 1 of x. */
INLINE v2d pair(v8d x, int i) {
  switch (i) {
    case 0: return __builtin_shufflevector(x, x, 0, 1);
    case 1: return __builtin_shufflevector(x, x, 2, 3);
    case 2: return __builtin_shufflevector(x, x, 4, 5);
    default: return __builtin_shufflevector(x, x, 6, 7);
  }
}

/** symv.as's symvChunk: chunk t of y = A v for the trailing block from column j0 (A: column j at a + j·lda). */
INLINE void symv_chunk(const double *a, size_t lda, int n, int j0, int t, const double *v, double *dots, double *part) {
  const int c0 = j0 > t * CHUNK ? j0 : t * CHUNK;
  const int c1 = n < (t + 1) * CHUNK ? n : (t + 1) * CHUNK;
  memset(part + c0, 0, (size_t)(n - c0) * sizeof(double));
  int c = c0;
  for (; c + 3 < c1; c += 4) {
    const double *k0 = a + (size_t)c * lda, *k1 = k0 + lda, *k2 = k1 + lda, *k3 = k2 + lda;
    const double v0 = v[c], v1 = v[c + 1], v2 = v[c + 2], v3 = v[c + 3];
    // The 4×4 triangle on the diagonal.
    const double a10 = k0[c + 1], a20 = k0[c + 2], a30 = k0[c + 3], a21 = k1[c + 2], a31 = k1[c + 3], a32 = k2[c + 3];
    double d0 = k0[c] * v0 + a10 * v1 + a20 * v2 + a30 * v3;
    double d1 = k1[c + 1] * v1 + a21 * v2 + a31 * v3;
    double d2 = k2[c + 2] * v2 + a32 * v3;
    double d3 = k3[c + 3] * v3;
    part[c + 1] = part[c + 1] + a10 * v0;
    part[c + 2] = part[c + 2] + (a20 * v0 + a21 * v1);
    part[c + 3] = part[c + 3] + (a30 * v0 + a31 * v1 + a32 * v2);
    // Rows below it: part gains each row's four terms, (a0·v0 + a1·v1) + (a2·v2 + a3·v3); column k's dot product
    // gains a_k·x pair by pair into its two lanes.
    v2d e0 = {0, 0}, e1 = {0, 0}, e2 = {0, 0}, e3 = {0, 0};
    int r = c + 4;
    for (; r + 7 < n; r += 8) {
      const v8d x = load8(v + r), a0 = load8(k0 + r), a1 = load8(k1 + r), a2 = load8(k2 + r), a3 = load8(k3 + r);
      store8(part + r, load8(part + r) + ((a0 * v0 + a1 * v1) + (a2 * v2 + a3 * v3)));
      const v8d q0 = a0 * x, q1 = a1 * x, q2 = a2 * x, q3 = a3 * x;
      for (int i = 0; i < 4; i++) {
        e0 = e0 + pair(q0, i);
        e1 = e1 + pair(q1, i);
        e2 = e2 + pair(q2, i);
        e3 = e3 + pair(q3, i);
      }
    }
    for (; r + 1 < n; r += 2) {
      const v2d x = load2(v + r), a0 = load2(k0 + r), a1 = load2(k1 + r), a2 = load2(k2 + r), a3 = load2(k3 + r);
      const v2d sum = (a0 * v0 + a1 * v1) + (a2 * v2 + a3 * v3);
      const v2d old = load2(part + r) + sum;
      memcpy(part + r, &old, sizeof old);
      e0 = e0 + a0 * x;
      e1 = e1 + a1 * x;
      e2 = e2 + a2 * x;
      e3 = e3 + a3 * x;
    }
    d0 += e0[0] + e0[1];
    d1 += e1[0] + e1[1];
    d2 += e2[0] + e2[1];
    d3 += e3[0] + e3[1];
    if (r < n) {
      const double x = v[r], a0 = k0[r], a1 = k1[r], a2 = k2[r], a3 = k3[r];
      part[r] = part[r] + (a0 * v0 + a1 * v1 + (a2 * v2 + a3 * v3));
      d0 += a0 * x;
      d1 += a1 * x;
      d2 += a2 * x;
      d3 += a3 * x;
    }
    dots[c] = d0;
    dots[c + 1] = d1;
    dots[c + 2] = d2;
    dots[c + 3] = d3;
  }
  // The chunk's last columns when its width is not a multiple of four.
  for (; c < c1; c++) {
    const double *k0 = a + (size_t)c * lda;
    const double vc = v[c];
    double dot = k0[c] * vc;
    for (int r = c + 1; r < n; r++) {
      const double x = k0[r];
      part[r] = part[r] + x * vc;
      dot += x * v[r];
    }
    dots[c] = dot;
  }
}

/** latrd.as's dot: Σ x[r]·y[r] over r in [from, to), in two lanes added at the end. */
INLINE double dot(const double *x, const double *y, int from, int to) {
  v2d acc = {0, 0};
  int r = from;
  for (; r + 1 < to; r += 2) acc = acc + load2(x + r) * load2(y + r);
  double sum = acc[0] + acc[1];
  if (r < to) sum += x[r] * y[r];
  return sum;
}

/** sytrd.as's product phase: items [0, chunks) are chunks first + item, items [chunks, chunks + p) dot products. */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void
product_phase(uint8_t *memory, uint32_t ctl, int phase, uint32_t a, int lda, int n, int from, int first, int chunks,
              int p, uint32_t v, uint32_t dots, uint32_t parts, uint32_t ldv, uint32_t products, uint32_t wb,
              uint32_t vb) {
  int32_t *counter = (int32_t *)(memory + ctl + COUNTERS + ((phase & 1) << 2));
  const double *A = (const double *)(memory + a), *V = (const double *)(memory + v);
  double *out = (double *)(memory + products);
  for (int item = __atomic_fetch_add(counter, 1, __ATOMIC_SEQ_CST); item < chunks + p;
       item = __atomic_fetch_add(counter, 1, __ATOMIC_SEQ_CST)) {
    if (item < chunks) {
      const int t = first + item;
      symv_chunk(A, (size_t)lda, n, from, t, V, (double *)(memory + dots), (double *)(memory + parts + (size_t)t * ldv));
    } else {
      const int q = item - chunks;
      out[q] = dot((const double *)(memory + wb + (size_t)q * ldv), V, from, n);
      out[PANEL + q] = dot((const double *)(memory + vb + (size_t)q * ldv), V, from, n);
    }
  }
}

/**
 * product(memory: Uint8Array, ctl, phase, a, lda, n, from, first, chunks, p, v, dots, parts, ldv, products, wb, vb):
 * sytrd.as's `hostProduct`.
 */
static napi_value product(napi_env env, napi_callback_info info) {
  uint8_t *memory;
  size_t length;
  int64_t x[16];
  if (!memory_and_integers(env, info, 16, &memory, &length, x)) return NULL;
  const int64_t ctl = x[0], a = x[2], lda = x[3], n = x[4], from = x[5], first = x[6], chunks = x[7], p = x[8];
  const int64_t v = x[9], dots = x[10], parts = x[11], ldv = x[12], products = x[13], wb = x[14], vb = x[15];
  const int64_t bytes = (int64_t)length, vector = 8 * n;
  // The caller is the kernel itself; these checks keep a wrong call from reading or writing outside the memory.
  const int ok = n >= 1 && from >= 1 && from <= n && lda >= n && p <= PANEL && vector <= (int64_t)ldv &&
                 first == from / CHUNK && chunks == (n - 1) / CHUNK - first + 1 && ctl + COUNTERS + 8 <= bytes &&
                 a + 8 * (lda * (n - 1) + n) <= bytes && v + vector <= bytes && dots + vector <= bytes &&
                 parts + ldv * ((n - 1) / CHUNK + 1) <= bytes && products + 16 * PANEL <= bytes &&
                 wb + ldv * PANEL <= bytes && vb + ldv * PANEL <= bytes && ctl % 4 == 0 &&
                 (a | v | dots | parts | ldv | products | wb | vb) % 8 == 0;
  if (!ok) {
    napi_throw_range_error(env, NULL, "product: the matrix, vectors or control block lie outside the memory");
    return NULL;
  }
  product_phase(memory, (uint32_t)ctl, (int)x[1], (uint32_t)a, (int)lda, (int)n, (int)from, (int)first, (int)chunks,
                (int)p, (uint32_t)v, (uint32_t)dots, (uint32_t)parts, (uint32_t)ldv, (uint32_t)products, (uint32_t)wb,
                (uint32_t)vb);
  napi_value done;
  napi_get_boolean(env, 1, &done);
  return done;
}

/**
 * advise(memory): asks Linux for transparent huge pages (2 MiB) over the whole 2 MiB blocks of the kernels' memory,
 * as NumPy does for its large arrays. On a virtual machine every first touch of a 4 KiB page traps to the
 * hypervisor (10 µs each, measured), and the O(M³) passes over a trailing block larger than the TLB's reach miss in
 * it; 2 MiB pages cut both. Values are untouched. Returns whether the advice was taken (false elsewhere than Linux,
 * or where the kernel refuses it).
 */
static napi_value advise(napi_env env, napi_callback_info info) {
  uint8_t *data;
  size_t length;
  if (!memory_and_integers(env, info, 0, &data, &length, NULL)) return NULL;
  int taken = 0;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const uintptr_t huge = (uintptr_t)2 << 20;
  const uintptr_t start = ((uintptr_t)data + huge - 1) & ~(huge - 1);
  const uintptr_t end = ((uintptr_t)data + length) & ~(huge - 1);
  taken = end > start && madvise((void *)start, end - start, MADV_HUGEPAGE) == 0;
#endif
  napi_value out;
  napi_get_boolean(env, taken, &out);
  return out;
}

/** vectors(): the instruction set whose clone of lower_update runs on this CPU, for reports. */
static napi_value vectors(napi_env env, napi_callback_info info) {
  (void)info;
  const char *name = "generic";
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) name = "avx512f";
  else if (__builtin_cpu_supports("avx2")) name = "avx2";
#endif
  napi_value out;
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &out);
  return out;
}

NAPI_MODULE_INIT() {
  static const struct {
    const char *name;
    napi_callback call;
  } functions[] = {{"update", update}, {"product", product}, {"advise", advise}, {"vectors", vectors}};
  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
    napi_value fn;
    if (napi_create_function(env, functions[i].name, NAPI_AUTO_LENGTH, functions[i].call, NULL, &fn) != napi_ok ||
        napi_set_named_property(env, exports, functions[i].name, fn) != napi_ok) {
      return NULL;
    }
  }
  return exports;
}
