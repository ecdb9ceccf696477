import type { RandomStream } from '../random/index.js';
import { boltzmannFactor, boltzmannTable } from './acceptance.js';
import { REFRESH_SWEEPS, type ChainOptions, type OverlapWindow } from './chain.js';
import { randomIndex } from './randomIndex.js';
import type { Weights } from './types.js';

/**
 * The plain TypeScript Metropolis chain, kept unchanged as the reference of Chain (chain.ts), whose sweeps run in
 * WebAssembly: same options, same fields, same random words in the same order. Tests compare the two trajectory
 * by trajectory; the benchmark times both. It is not used by the simulations themselves.
 */
export class ChainReference {
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
  private tauValue = 0;
  private table: Float64Array = boltzmannTable(0);
  private readonly window: OverlapWindow | null;
  /** J·window.vector, kept up to date when there is a window; bounds in the same units (×N). */
  private windowDot = 0;
  private readonly windowLow: number;
  private readonly windowHigh: number;

  constructor(options: ChainOptions) {
    this.weights = options.weights;
    this.n = options.n;
    this.columns = options.columns;
    this.stride = options.stride;
    this.stream = options.stream;
    this.p = options.p;
    this.J = Float64Array.from(options.initial);
    this.width = options.width ?? 1;
    this.fields = new Float64Array(options.stride);
    this.scratch = new Float64Array(options.stride);
    this.tau = options.tau;
    this.window = options.window ?? null;
    this.windowLow = this.window ? this.window.low * this.n : -Infinity;
    this.windowHigh = this.window ? this.window.high * this.n : Infinity;
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
  }

  /** Local fields of the examples in use (a view; valid until the next move). */
  get localFields(): Float64Array {
    return this.fields.subarray(0, this.p);
  }

  /** Uses the first p examples from now on (the α-scan). */
  setExamples(p: number): void {
    this.p = p;
    this.refresh();
  }

  /** Recomputes the fields and E from J exactly. */
  refresh(): void {
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
