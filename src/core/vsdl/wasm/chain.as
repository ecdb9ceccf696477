// AssemblyScript source of the Metropolis sweep of the VSDL chain (compiled by build-chain.mjs into chain-wasm.ts).
// It is the TypeScript sweep of chain.ts step for step: the same Philox4x32-10 words in the same order, Lemire's exact index, the
// same floating-point operations in the same order (f64x2 lanes are independent examples, and wasm has no fused
// multiply-add), and Math.exp/cos/sin imported from the host engine. A sweep therefore reproduces the TypeScript
// trajectory bit for bit on the same engine.
//
// Every pointer is a byte offset into this module's memory; the caller (chainKernel.ts) owns the layout. One chain
// is described by a state block:

// i32 slots
const KIND: usize = 0; // 0 Ising, 1 spherical
const N: usize = 4;
const P: usize = 8;
const STRIDE: usize = 12; // column stride, in float64 values
const COLUMNS: usize = 16;
const J_PTR: usize = 20;
const FIELDS: usize = 24; // current local fields (swapped with SCRATCH on acceptance)
const SCRATCH: usize = 28;
const WINDOW: usize = 32; // window vector, 0 without a window
const TABLE: usize = 36; // e^(-dE/tau) for dE = 0..TABLE_CAP
const ENERGY: usize = 40;
const ACCEPTED: usize = 44; // out: acceptances of the last sweep
const KEY0: usize = 48; // Philox key (k0, k1) and fixed counter words (c2, c3)
const KEY1: usize = 52;
const CTR2: usize = 56;
const CTR3: usize = 60;
const BLOCK_LOW: usize = 64; // counter of the next block to generate
const BLOCK_HIGH: usize = 68;
const USED: usize = 72; // words of the current block already used (4: none left)
const WORDS: usize = 76; // the current block, 4 words
// f64 slots
const WINDOW_DOT: usize = 96;
const WINDOW_LOW: usize = 104;
const WINDOW_HIGH: usize = 112;
const WIDTH: usize = 120;
const TAU: usize = 128;

const TABLE_CAP: i32 = 64;

@external("math", "exp") declare function hostExp(x: f64): f64;
@external("math", "cos") declare function hostCos(x: f64): f64;
@external("math", "sin") declare function hostSin(x: f64): f64;

// ---------------------------------------------------------------------------------------------------------------
// The random stream of the running sweep (loaded from and saved to the state block around it).

const buffer: usize = memory.data(16, 16);
let key0: u32 = 0;
let key1: u32 = 0;
let ctr2: u32 = 0;
let ctr3: u32 = 0;
let blockLow: u32 = 0;
let blockHigh: u32 = 0;
let used: u32 = 4;

function loadStream(state: usize): void {
  key0 = load<u32>(state + KEY0);
  key1 = load<u32>(state + KEY1);
  ctr2 = load<u32>(state + CTR2);
  ctr3 = load<u32>(state + CTR3);
  blockLow = load<u32>(state + BLOCK_LOW);
  blockHigh = load<u32>(state + BLOCK_HIGH);
  used = load<u32>(state + USED);
  v128.store(buffer, v128.load(state + WORDS));
}

function saveStream(state: usize): void {
  store<u32>(state + BLOCK_LOW, blockLow);
  store<u32>(state + BLOCK_HIGH, blockHigh);
  store<u32>(state + USED, used);
  v128.store(state + WORDS, v128.load(buffer));
}

// Philox4x32-10 of counter (blockLow, blockHigh, ctr2, ctr3) and key (key0, key1), as philox.ts.
function generateBlock(): void {
  let x0 = blockLow;
  let x1 = blockHigh;
  let x2 = ctr2;
  let x3 = ctr3;
  let k0 = key0;
  let k1 = key1;
  for (let r = 0; r < 10; r++) {
    const p0 = <u64>x0 * 0xd2511f53;
    const p1 = <u64>x2 * 0xcd9e8d57;
    const y0 = <u32>(p1 >> 32) ^ x1 ^ k0;
    const y2 = <u32>(p0 >> 32) ^ x3 ^ k1;
    x1 = <u32>p1;
    x3 = <u32>p0;
    x0 = y0;
    x2 = y2;
    k0 += 0x9e3779b9;
    k1 += 0xbb67ae85;
  }
  store<u32>(buffer, x0);
  store<u32>(buffer, x1, 4);
  store<u32>(buffer, x2, 8);
  store<u32>(buffer, x3, 12);
  blockLow += 1;
  if (blockLow == 0) blockHigh += 1;
  used = 0;
}

// @ts-ignore: decorator
@inline function nextWord(): u32 {
  if (used == 4) generateBlock();
  const word = load<u32>(buffer + (<usize>used << 2));
  used += 1;
  return word;
}

// Uniform in [0, 1) on the grid k·2^-53 from two words (stream.ts wordsToFloat).
// @ts-ignore: decorator
@inline function nextFloat(): f64 {
  const first = nextWord();
  const second = nextWord();
  return (<f64>(first >> 5) * 67108864.0 + <f64>(second >> 6)) * (1.0 / 9007199254740992.0);
}

// Uniform index in [0, n) by Lemire's multiply-and-reject (randomIndex.ts).
// @ts-ignore: decorator
@inline function randomIndex(n: u32): u32 {
  let m = <u64>nextWord() * <u64>n;
  let low = <u32>m;
  if (low < n) {
    const threshold = (<u32>0 - n) % n;
    while (low < threshold) {
      m = <u64>nextWord() * <u64>n;
      low = <u32>m;
    }
  }
  return <u32>(m >> 32);
}

// Metropolis: accept with min(1, e^(-dE/tau)) (acceptance.ts).
// @ts-ignore: decorator
@inline function accept(deltaE: i32, table: usize, tau: f64): bool {
  if (deltaE <= 0) return true;
  const u = nextFloat();
  let factor: f64;
  if (deltaE <= TABLE_CAP) factor = load<f64>(table + (<usize>deltaE << 3));
  else factor = tau > 0 ? hostExp(<f64>(-deltaE) / tau) : 0;
  return u < factor;
}

// ---------------------------------------------------------------------------------------------------------------
// One pass over the examples: next = h + step·x (Ising) or next = (h + a·x) + b·y (spherical), counting next <= 0.

function isingPass(h: usize, next: usize, x: usize, step: f64, p: i32): i32 {
  const s = f64x2.splat(step);
  const zero = f64x2.splat(0);
  let count0 = i64x2.splat(0);
  let count1 = i64x2.splat(0);
  let mu = 0;
  for (; mu + 3 < p; mu += 4) {
    const o = <usize>mu << 3;
    const v0 = f64x2.add(v128.load(h + o), f64x2.mul(s, v128.load(x + o)));
    const v1 = f64x2.add(v128.load(h + o, 16), f64x2.mul(s, v128.load(x + o, 16)));
    v128.store(next + o, v0);
    v128.store(next + o, v1, 16);
    count0 = i64x2.sub(count0, f64x2.le(v0, zero));
    count1 = i64x2.sub(count1, f64x2.le(v1, zero));
  }
  const count = i64x2.add(count0, count1);
  let errors = <i32>(i64x2.extract_lane(count, 0) + i64x2.extract_lane(count, 1));
  for (; mu < p; mu++) {
    const o = <usize>mu << 3;
    const v = load<f64>(h + o) + step * load<f64>(x + o);
    store<f64>(next + o, v);
    errors += i32(v <= 0);
  }
  return errors;
}

function sphericalPass(h: usize, next: usize, x: usize, y: usize, a: f64, b: f64, p: i32): i32 {
  const sa = f64x2.splat(a);
  const sb = f64x2.splat(b);
  const zero = f64x2.splat(0);
  let count0 = i64x2.splat(0);
  let count1 = i64x2.splat(0);
  let mu = 0;
  for (; mu + 3 < p; mu += 4) {
    const o = <usize>mu << 3;
    const v0 = f64x2.add(f64x2.add(v128.load(h + o), f64x2.mul(sa, v128.load(x + o))), f64x2.mul(sb, v128.load(y + o)));
    const v1 = f64x2.add(f64x2.add(v128.load(h + o, 16), f64x2.mul(sa, v128.load(x + o, 16))), f64x2.mul(sb, v128.load(y + o, 16)));
    v128.store(next + o, v0);
    v128.store(next + o, v1, 16);
    count0 = i64x2.sub(count0, f64x2.le(v0, zero));
    count1 = i64x2.sub(count1, f64x2.le(v1, zero));
  }
  const count = i64x2.add(count0, count1);
  let errors = <i32>(i64x2.extract_lane(count, 0) + i64x2.extract_lane(count, 1));
  for (; mu < p; mu++) {
    const o = <usize>mu << 3;
    const v = load<f64>(h + o) + a * load<f64>(x + o) + b * load<f64>(y + o);
    store<f64>(next + o, v);
    errors += i32(v <= 0);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// One sweep (N proposals); with `refreshAfter`, the exact recomputation follows. Returns the acceptances.

export function sweep(state: usize, refreshAfter: i32): i32 {
  loadStream(state);
  const n = load<i32>(state + N);
  const p = load<i32>(state + P);
  const strideBytes = <usize>load<i32>(state + STRIDE) << 3;
  const columns = <usize>load<u32>(state + COLUMNS);
  const J = <usize>load<u32>(state + J_PTR);
  const window = <usize>load<u32>(state + WINDOW);
  const table = <usize>load<u32>(state + TABLE);
  const tau = load<f64>(state + TAU);
  const low = load<f64>(state + WINDOW_LOW);
  const high = load<f64>(state + WINDOW_HIGH);
  let h = <usize>load<u32>(state + FIELDS);
  let next = <usize>load<u32>(state + SCRATCH);
  let energy = load<i32>(state + ENERGY);
  let windowDot = load<f64>(state + WINDOW_DOT);
  let accepted = 0;
  if (load<i32>(state + KIND) == 0) {
    for (let k = 0; k < n; k++) {
      const i = <usize>randomIndex(<u32>n);
      const ji = load<f64>(J + (i << 3));
      const step = -2 * ji;
      let dot: f64 = 0;
      if (window != 0) {
        dot = windowDot + step * load<f64>(window + (i << 3));
        if (dot < low || dot >= high) continue;
      }
      const deltaE = isingPass(h, next, columns + i * strideBytes, step, p) - energy;
      if (accept(deltaE, table, tau)) {
        store<f64>(J + (i << 3), -ji);
        windowDot = dot;
        const t = h;
        h = next;
        next = t;
        energy += deltaE;
        accepted++;
      }
    }
  } else {
    const width = load<f64>(state + WIDTH);
    for (let k = 0; k < n; k++) {
      const i = <usize>randomIndex(<u32>n);
      let j = <usize>randomIndex(<u32>(n - 1));
      if (j >= i) j++;
      const theta = width * (2 * nextFloat() - 1);
      const c = hostCos(theta);
      const s = hostSin(theta);
      const a = load<f64>(J + (i << 3));
      const b = load<f64>(J + (j << 3));
      const newA = c * a - s * b;
      const newB = s * a + c * b;
      const stepA = newA - a;
      const stepB = newB - b;
      let dot: f64 = 0;
      if (window != 0) {
        dot = windowDot + stepA * load<f64>(window + (i << 3)) + stepB * load<f64>(window + (j << 3));
        if (dot < low || dot >= high) continue;
      }
      const deltaE = sphericalPass(h, next, columns + i * strideBytes, columns + j * strideBytes, stepA, stepB, p) - energy;
      if (accept(deltaE, table, tau)) {
        store<f64>(J + (i << 3), newA);
        store<f64>(J + (j << 3), newB);
        windowDot = dot;
        const t = h;
        h = next;
        next = t;
        energy += deltaE;
        accepted++;
      }
    }
  }
  saveStream(state);
  store<u32>(state + FIELDS, <u32>h);
  store<u32>(state + SCRATCH, <u32>next);
  store<i32>(state + ENERGY, energy);
  store<i32>(state + ACCEPTED, accepted);
  store<f64>(state + WINDOW_DOT, windowDot);
  if (refreshAfter != 0) refresh(state);
  return accepted;
}

// ---------------------------------------------------------------------------------------------------------------
// Exact recomputation (chain.ts refresh): renormalise a spherical J, then h = Σ_i J_i x_i in the order
// i = 0, 1, … for every example (four columns per pass over h, same additions in the same order), E, J·window.

export function refresh(state: usize): void {
  const n = load<i32>(state + N);
  const p = load<i32>(state + P);
  const strideBytes = <usize>load<i32>(state + STRIDE) << 3;
  const columns = <usize>load<u32>(state + COLUMNS);
  const J = <usize>load<u32>(state + J_PTR);
  const h = <usize>load<u32>(state + FIELDS);
  const window = <usize>load<u32>(state + WINDOW);
  if (load<i32>(state + KIND) != 0) {
    let norm: f64 = 0;
    for (let i = 0; i < n; i++) {
      const x = load<f64>(J + (<usize>i << 3));
      norm += x * x;
    }
    const scale = Math.sqrt(<f64>n / norm);
    for (let i = 0; i < n; i++) {
      const at = J + (<usize>i << 3);
      store<f64>(at, load<f64>(at) * scale);
    }
  }
  memory.fill(h, 0, <usize>p << 3);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = columns + <usize>i * strideBytes;
    const x1 = x0 + strideBytes;
    const x2 = x1 + strideBytes;
    const x3 = x2 + strideBytes;
    const w0 = load<f64>(J + (<usize>i << 3));
    const w1 = load<f64>(J + (<usize>i << 3), 8);
    const w2 = load<f64>(J + (<usize>i << 3), 16);
    const w3 = load<f64>(J + (<usize>i << 3), 24);
    const s0 = f64x2.splat(w0);
    const s1 = f64x2.splat(w1);
    const s2 = f64x2.splat(w2);
    const s3 = f64x2.splat(w3);
    let mu = 0;
    for (; mu + 1 < p; mu += 2) {
      const o = <usize>mu << 3;
      let v = v128.load(h + o);
      v = f64x2.add(v, f64x2.mul(s0, v128.load(x0 + o)));
      v = f64x2.add(v, f64x2.mul(s1, v128.load(x1 + o)));
      v = f64x2.add(v, f64x2.mul(s2, v128.load(x2 + o)));
      v = f64x2.add(v, f64x2.mul(s3, v128.load(x3 + o)));
      v128.store(h + o, v);
    }
    if (mu < p) {
      const o = <usize>mu << 3;
      let v = load<f64>(h + o);
      v += w0 * load<f64>(x0 + o);
      v += w1 * load<f64>(x1 + o);
      v += w2 * load<f64>(x2 + o);
      v += w3 * load<f64>(x3 + o);
      store<f64>(h + o, v);
    }
  }
  for (; i < n; i++) {
    const x = columns + <usize>i * strideBytes;
    const w = load<f64>(J + (<usize>i << 3));
    for (let mu = 0; mu < p; mu++) {
      const o = <usize>mu << 3;
      store<f64>(h + o, load<f64>(h + o) + w * load<f64>(x + o));
    }
  }
  let energy = 0;
  for (let mu = 0; mu < p; mu++) energy += i32(load<f64>(h + (<usize>mu << 3)) <= 0);
  store<i32>(state + ENERGY, energy);
  if (window != 0) {
    let dot: f64 = 0;
    for (let k = 0; k < n; k++) dot += load<f64>(J + (<usize>k << 3)) * load<f64>(window + (<usize>k << 3));
    store<f64>(state + WINDOW_DOT, dot);
  }
}

export function heapBase(): usize {
  return __heap_base;
}
