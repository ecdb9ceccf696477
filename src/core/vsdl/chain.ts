import { float64Array, inRange, integer, oneOf, randomStream, record } from '../validate.js';
import type { RandomStream } from '../random/index.js';
import { boltzmannFactor, boltzmannTable } from './acceptance.js';
import { ChainKernel } from './chainKernel.js';
import { randomIndexUnchecked as randomIndex } from './randomIndex.js';
import type { Weights } from './types.js';

/**
 * One Metropolis chain of the student J on fixed data.
 *
 * The chain keeps the local fields h^μ = J·x^μ of the label-signed inputs x^μ = σ^μ ξ^μ (column-major, see
 * signedColumns), so E = #{μ : h^μ ≤ 0} and a proposal costs one pass over P fields: the new fields go to a
 * scratch array while the new E is counted, and an accepted move swaps the two arrays.
 *
 * Moves (symmetric proposals, so Metropolis gives detailed balance for ∝ e^(−E/τ)):
 * - Ising: flip one uniformly chosen J_i: h^μ −= 2J_i x^μ_i.
 * - Spherical: rotate (J_i, J_j), i ≠ j uniform, by θ uniform in [−w, w] in their plane. Rotations preserve
 *   |J|² and the uniform measure on the sphere, and θ and −θ are equally likely, so the proposal is symmetric
 *   for any fixed w. The schedule tunes w during equilibration only.
 *
 * Every REFRESH_SWEEPS sweeps the fields are recomputed from J (and a spherical J is renormalised to |J|² = N),
 * so that rounding in the incremental updates, about 1e−16·|h| per accepted move, cannot accumulate.
 *
 * Sweeps and refreshes run in WebAssembly (wasm/chain.as, f64x2 SIMD, through chainKernel.ts): the columns are
 * copied once per data set into the module's memory and shared by the chains on it; fields and scratch live
 * there too. The kernel draws the same Philox words in the same order and performs the same floating-point
 * operations as the TypeScript sweep below (kept as the fallback for streams other than PhiloxStream and engines
 * without WebAssembly SIMD, and as the tests' reference through `engine: 'typescript'`), with the engine's own
 * Math.exp/cos/sin, so trajectories are bit-identical to it. J stays a JavaScript array, copied in and out
 * around each sweep. The columns must not be modified while chains use them (they are re-checked whenever a
 * chain is built on them), nor the window vector after construction.
 */

/** Period of the exact recomputation of the fields; it costs about one sweep, i.e. ~6 % of the run. */
export const REFRESH_SWEEPS = 16;

/** Bounds of the spherical rotation width (radians). */
export const MIN_WIDTH = 1e-4;
export const MAX_WIDTH = Math.PI;

export interface ChainOptions {
  weights: Weights;
  n: number;
  /** Label-signed inputs, column-major with column stride `stride` (≥ p). */
  columns: Float64Array;
  stride: number;
  /** Examples in use: the first p of each column. */
  p: number;
  tau: number;
  stream: RandomStream;
  /** Initial J (copied); spherical ones are rescaled to |J|² = N, Ising ones must be ±1. */
  initial: Float64Array;
  /** Initial rotation width (spherical). */
  width?: number;
  /**
   * Restricts the chain to the states with low ≤ J·vector/N < high (moves that leave the window are rejected):
   * an exact sampler of the Gibbs measure restricted to that window, e.g. one branch of a first-order
   * transition. The initial state must lie inside.
   */
  window?: OverlapWindow;
  /**
   * 'auto' (default): the WebAssembly sweep where it can run, else the TypeScript one. 'typescript' forces the
   * plain TypeScript sweep, which the tests use as the reference that the kernel must match.
   */
  engine?: 'auto' | 'typescript';
}

export interface OverlapWindow {
  vector: Float64Array;
  low: number;
  high: number;
}

/** The shape of ChainOptions: the arrays the sweeps index must be there and long enough. */
function checkChainOptions(options: unknown): asserts options is ChainOptions {
  const o = record<ChainOptions>('options', options);
  oneOf('weights', o.weights, ['ising', 'spherical'] as const);
  const n = integer('n', o.n, 1);
  const stride = integer('stride', o.stride, 1);
  integer('p', o.p, 0, stride);
  float64Array('columns', o.columns, { minLength: n * stride });
  float64Array('initial', o.initial, { length: n });
  inRange('tau', o.tau, 0, Infinity, { maxOpen: true });
  randomStream('stream', o.stream);
}

export class Chain {
  readonly weights: Weights;
  readonly n: number;
  readonly columns: Float64Array;
  readonly stride: number;
  readonly J: Float64Array;
  readonly stream: RandomStream;
  p: number;
  energy = 0;
  width: number;
  proposed = 0;
  accepted = 0;
  /** Sweeps since the chain was created (drives the refresh period). */
  sweeps = 0;
  private fields: Float64Array;
  private scratch: Float64Array;
  /** The WebAssembly sweep, or null (TypeScript sweep). */
  private readonly kernel: ChainKernel | null;
  private tauValue = 0;
  private table: Float64Array = boltzmannTable(0);
  private readonly window: OverlapWindow | null;
  /** J·window.vector, kept up to date when there is a window; bounds in the same units (×N). */
  private windowDot = 0;
  private readonly windowLow: number;
  private readonly windowHigh: number;

  constructor(options: ChainOptions) {
    checkChainOptions(options);
    this.weights = options.weights;
    this.n = options.n;
    this.columns = options.columns;
    this.stride = options.stride;
    this.stream = options.stream;
    this.p = options.p;
    this.J = Float64Array.from(options.initial);
    this.width = options.width ?? 1;
    this.window = options.window ?? null;
    this.windowLow = this.window ? this.window.low * this.n : -Infinity;
    this.windowHigh = this.window ? this.window.high * this.n : Infinity;
    this.kernel = options.engine === 'typescript' ? null : ChainKernel.create(this, {
      spherical: this.weights === 'spherical',
      n: this.n,
      columns: this.columns,
      stride: this.stride,
      stream: this.stream,
      window: this.window ? this.window.vector : null,
      windowLow: this.windowLow,
      windowHigh: this.windowHigh,
    });
    this.fields = new Float64Array(this.kernel ? 0 : options.stride);
    this.scratch = new Float64Array(this.kernel ? 0 : options.stride);
    this.tau = options.tau;
    this.refresh();
  }

  /** Whether the state lies in the window (always true without one). */
  get insideWindow(): boolean {
    return !this.window || (this.windowDot >= this.windowLow && this.windowDot < this.windowHigh);
  }

  get tau(): number {
    return this.tauValue;
  }

  set tau(value: number) {
    this.tauValue = value;
    this.table = boltzmannTable(value);
    this.kernel?.setTable(this.table, value);
  }

  /** Local fields of the examples in use (valid until the next move; a copy when the sweep runs in wasm). */
  get localFields(): Float64Array {
    if (this.kernel) return this.kernel.fields(this.p);
    return this.fields.subarray(0, this.p);
  }

  /** Uses the first p examples from now on (the α-scan). */
  setExamples(p: number): void {
    this.p = p;
    this.refresh();
  }

  /** Recomputes the fields and E from J exactly. */
  refresh(): void {
    if (this.kernel) {
      this.kernel.refresh(this.J, this.p);
      this.energy = this.kernel.energy();
      if (this.window) this.windowDot = this.kernel.windowDot();
      return;
    }
    const { J, n, columns, stride, p } = this;
    if (this.weights === 'spherical') {
      let norm = 0;
      for (let i = 0; i < n; i++) norm += J[i]! * J[i]!;
      const scale = Math.sqrt(n / norm);
      for (let i = 0; i < n; i++) J[i]! *= scale;
    }
    const h = this.fields;
    h.fill(0, 0, p);
    for (let i = 0; i < n; i++) {
      const weight = J[i]!;
      const column = i * stride;
      for (let mu = 0; mu < p; mu++) h[mu]! += weight * columns[column + mu]!;
    }
    let energy = 0;
    for (let mu = 0; mu < p; mu++) if (h[mu]! <= 0) energy++;
    this.energy = energy;
    if (this.window) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += J[i]! * this.window.vector[i]!;
      this.windowDot = dot;
    }
  }

  /** J·v / N. */
  overlap(v: Float64Array): number {
    const { J, n } = this;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += J[i]! * v[i]!;
    return sum / n;
  }

  /** N proposals. */
  sweep(): void {
    if (this.kernel) {
      const refreshAfter = (this.sweeps + 1) % REFRESH_SWEEPS === 0;
      const accepted = this.kernel.sweep(this.J, this.p, this.energy, this.width, refreshAfter);
      this.energy = this.kernel.energy();
      if (this.window) this.windowDot = this.kernel.windowDot();
      this.proposed += this.n;
      this.accepted += accepted;
      this.sweeps++;
      return;
    }
    if (this.weights === 'ising') this.isingSweep();
    else this.sphericalSweep();
    this.sweeps++;
    if (this.sweeps % REFRESH_SWEEPS === 0) this.refresh();
  }

  private accept(deltaE: number): boolean {
    if (deltaE <= 0) return true;
    return this.stream.nextFloat() < boltzmannFactor(this.table, this.tauValue, deltaE);
  }

  private isingSweep(): void {
    const { J, n, columns, stride, p, stream } = this;
    let accepted = 0;
    for (let k = 0; k < n; k++) {
      const i = randomIndex(stream, n);
      const step = -2 * J[i]!;
      let dot = 0;
      if (this.window) {
        dot = this.windowDot + step * this.window.vector[i]!;
        if (dot < this.windowLow || dot >= this.windowHigh) continue;
      }
      const column = i * stride;
      const h = this.fields;
      const next = this.scratch;
      // The new energy is counted directly from the new fields (E is the count of the old ones): one
      // comparison per example, unrolled by two.
      let errors = 0;
      let mu = 0;
      for (; mu + 1 < p; mu += 2) {
        const v0 = h[mu]! + step * columns[column + mu]!;
        const v1 = h[mu + 1]! + step * columns[column + mu + 1]!;
        next[mu] = v0;
        next[mu + 1] = v1;
        errors += +(v0 <= 0) + +(v1 <= 0);
      }
      if (mu < p) {
        const v = h[mu]! + step * columns[column + mu]!;
        next[mu] = v;
        errors += +(v <= 0);
      }
      const deltaE = errors - this.energy;
      if (this.accept(deltaE)) {
        J[i] = -J[i]!;
        this.windowDot = dot;
        this.fields = next;
        this.scratch = h;
        this.energy += deltaE;
        accepted++;
      }
    }
    this.proposed += n;
    this.accepted += accepted;
  }

  private sphericalSweep(): void {
    const { J, n, columns, stride, p, stream } = this;
    const width = this.width;
    let accepted = 0;
    for (let k = 0; k < n; k++) {
      const i = randomIndex(stream, n);
      let j = randomIndex(stream, n - 1);
      if (j >= i) j++;
      const theta = width * (2 * stream.nextFloat() - 1);
      const c = Math.cos(theta);
      const s = Math.sin(theta);
      const a = J[i]!;
      const b = J[j]!;
      const newA = c * a - s * b;
      const newB = s * a + c * b;
      const stepA = newA - a;
      const stepB = newB - b;
      let dot = 0;
      if (this.window) {
        dot = this.windowDot + stepA * this.window.vector[i]! + stepB * this.window.vector[j]!;
        if (dot < this.windowLow || dot >= this.windowHigh) continue;
      }
      const columnA = i * stride;
      const columnB = j * stride;
      const h = this.fields;
      const next = this.scratch;
      let errors = 0;
      let mu = 0;
      for (; mu + 1 < p; mu += 2) {
        const v0 = h[mu]! + stepA * columns[columnA + mu]! + stepB * columns[columnB + mu]!;
        const v1 = h[mu + 1]! + stepA * columns[columnA + mu + 1]! + stepB * columns[columnB + mu + 1]!;
        next[mu] = v0;
        next[mu + 1] = v1;
        errors += +(v0 <= 0) + +(v1 <= 0);
      }
      if (mu < p) {
        const v = h[mu]! + stepA * columns[columnA + mu]! + stepB * columns[columnB + mu]!;
        next[mu] = v;
        errors += +(v <= 0);
      }
      const deltaE = errors - this.energy;
      if (this.accept(deltaE)) {
        J[i] = newA;
        J[j] = newB;
        this.windowDot = dot;
        this.fields = next;
        this.scratch = h;
        this.energy += deltaE;
        accepted++;
      }
    }
    this.proposed += n;
    this.accepted += accepted;
  }
}
