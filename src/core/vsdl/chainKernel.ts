import { ParameterError } from '../errors.js';
import type { RandomStream } from '../random/index.js';
import { PhiloxStream } from '../random/stream.js';
import { TABLE_CAP } from './acceptance.js';
import { compileWasm } from '../wasm/module.js';
import { chainWasmBase64 } from './wasm/chain-wasm.js';

/**
 * The WebAssembly side of Chain (wasm/chain.as): memory layout, the shared copy of the data, and the exchange of
 * the random-stream position around each sweep.
 *
 * One module instance per data set (per columns array): its memory holds one copy of the label-signed columns,
 * shared by every chain on that data, and one block per chain (state, acceptance table, J, fields, scratch,
 * window vector). Blocks of collected chains are reused; the instance and its memory go with the last chain and
 * the columns array. The columns are copied when the first chain is built and compared (and copied again if they
 * changed) whenever another chain on the same array is built: they must not change while chains use them.
 *
 * The sweep draws its words itself, with the same Philox4x32-10 as stream.ts, from the stream's current position,
 * and hands the new position back. PhiloxStream has no public seek, so its (TypeScript-private) counter fields are
 * read and written here; chain tests check that a stream continues exactly where the TypeScript chain leaves it.
 */

interface ChainExports {
  memory: WebAssembly.Memory;
  sweep(state: number, refreshAfter: number): number;
  refresh(state: number): void;
  heapBase(): number;
}

/** Byte offsets in a chain's state block (see chain.as). */
const SLOT_KIND = 0;
const SLOT_N = 4;
const SLOT_P = 8;
const SLOT_STRIDE = 12;
const SLOT_COLUMNS = 16;
const SLOT_J = 20;
const SLOT_FIELDS = 24;
const SLOT_SCRATCH = 28;
const SLOT_WINDOW = 32;
const SLOT_TABLE = 36;
const SLOT_ENERGY = 40;
const SLOT_ACCEPTED = 44;
const SLOT_KEY0 = 48;
const SLOT_BLOCK_LOW = 64;
const SLOT_BLOCK_HIGH = 68;
const SLOT_USED = 72;
const SLOT_WORDS = 76;
const SLOT_WINDOW_DOT = 96;
const SLOT_WINDOW_LOW = 104;
const SLOT_WINDOW_HIGH = 112;
const SLOT_WIDTH = 120;
const SLOT_TAU = 128;
const STATE_BYTES = 144;
const TABLE_BYTES = align((TABLE_CAP + 1) * 8);
const PAGE_BYTES = 65536;
const MAX_BYTES = 4 * 1024 * 1024 * 1024 - PAGE_BYTES;

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/** The (TypeScript-private) position fields of a PhiloxStream. */
interface PhiloxPosition {
  identity: readonly number[];
  blockLow: number;
  blockHigh: number;
  used: number;
  block: Uint32Array;
}

/** The position fields of `stream` when it is a PhiloxStream that has them; otherwise null. */
function philoxPosition(stream: RandomStream): PhiloxPosition | null {
  if (!(stream instanceof PhiloxStream)) return null;
  const s = stream as unknown as PhiloxPosition;
  const ok =
    typeof s.blockLow === 'number' &&
    typeof s.blockHigh === 'number' &&
    typeof s.used === 'number' &&
    s.block instanceof Uint32Array &&
    s.block.length === 4 &&
    s.identity.length === 4;
  return ok ? s : null;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly (with SIMD) is unavailable. */
function chainModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = compileWasm(chainWasmBase64);
  }
  return compiled;
}

/** Host functions of the sweep: the engine's own Math, so that its results match the TypeScript chain's. */
const hostMath = { math: { exp: Math.exp, cos: Math.cos, sin: Math.sin } };

/** One module instance holding one data set and the blocks of its chains. */
class DataSet {
  readonly exports: ChainExports;
  readonly columnsAddress: number;
  private readonly length: number;
  private top: number;
  private readonly free = new Map<number, number[]>();
  private view: Float64Array;

  constructor(module: WebAssembly.Module, columns: Float64Array) {
    this.exports = new WebAssembly.Instance(module, hostMath).exports as unknown as ChainExports;
    this.columnsAddress = align(this.exports.heapBase());
    this.length = columns.length;
    this.top = this.columnsAddress + align(columns.length * 8);
    this.reserve(this.top);
    this.view = new Float64Array(this.exports.memory.buffer);
    this.f64().set(columns, this.columnsAddress / 8);
  }

  /** A Float64Array over the whole memory (renewed after the memory grows). */
  f64(): Float64Array {
    if (this.view.buffer !== this.exports.memory.buffer) this.view = new Float64Array(this.exports.memory.buffer);
    return this.view;
  }

  /** Makes the wasm copy equal to `columns` again if it was changed in place. */
  sync(columns: Float64Array): void {
    const f64 = this.f64();
    const base = this.columnsAddress / 8;
    for (let k = 0; k < this.length; k++) {
      if (f64[base + k] !== columns[k]) {
        f64.set(columns, base);
        return;
      }
    }
  }

  allocate(bytes: number): number {
    const reused = this.free.get(bytes)?.pop();
    if (reused !== undefined) return reused;
    const address = this.top;
    this.reserve(address + bytes);
    this.top = address + bytes;
    return address;
  }

  release(address: number, bytes: number): void {
    let list = this.free.get(bytes);
    if (!list) this.free.set(bytes, (list = []));
    list.push(address);
  }

  private reserve(end: number): void {
    if (end > MAX_BYTES) throw new RangeError(`the chains of this data set need ${end} bytes, more than wasm32 memory allows`);
    const memory = this.exports.memory;
    const have = memory.buffer.byteLength;
    if (end > have) memory.grow(Math.ceil((end - have) / PAGE_BYTES));
  }
}

const dataSets = new WeakMap<Float64Array, DataSet>();
const blocks = new FinalizationRegistry<{ dataSet: DataSet; address: number; bytes: number }>((held) =>
  held.dataSet.release(held.address, held.bytes),
);

export interface KernelOptions {
  spherical: boolean;
  n: number;
  columns: Float64Array;
  stride: number;
  stream: RandomStream;
  window: Float64Array | null;
  windowLow: number;
  windowHigh: number;
}

/**
 * The wasm state of one chain. The owner keeps J (a JavaScript array: it is copied in before and out after each
 * call, O(N) against the O(N·P) of a sweep), energy, p, τ and width, and passes them in at each call.
 */
export class ChainKernel {
  private readonly dataSet: DataSet;
  private readonly exports: ChainExports;
  private readonly stream: PhiloxPosition;
  private readonly n: number;
  private readonly stride: number;
  private readonly state: number;
  private readonly jAddress: number;
  private readonly tableAddress: number;
  private readonly hasWindow: boolean;
  private i32: Int32Array;
  private u32: Uint32Array;

  private constructor(owner: object, dataSet: DataSet, stream: PhiloxPosition, options: KernelOptions) {
    const { n, stride } = options;
    this.dataSet = dataSet;
    this.exports = dataSet.exports;
    this.stream = stream;
    this.n = n;
    this.stride = stride;
    this.hasWindow = options.window !== null;
    const jBytes = align(n * 8);
    const fieldBytes = align(stride * 8);
    const bytes = STATE_BYTES + TABLE_BYTES + jBytes + 2 * fieldBytes + (this.hasWindow ? jBytes : 0);
    const state = dataSet.allocate(bytes);
    blocks.register(owner, { dataSet, address: state, bytes });
    this.state = state;
    this.tableAddress = state + STATE_BYTES;
    this.jAddress = this.tableAddress + TABLE_BYTES;
    const fields = this.jAddress + jBytes;
    const scratch = fields + fieldBytes;
    const window = this.hasWindow ? scratch + fieldBytes : 0;
    const f64 = dataSet.f64();
    this.i32 = new Int32Array(f64.buffer);
    this.u32 = new Uint32Array(f64.buffer);
    const i32 = this.i32;
    const s = state / 4;
    i32[s + SLOT_KIND / 4] = options.spherical ? 1 : 0;
    i32[s + SLOT_N / 4] = n;
    i32[s + SLOT_STRIDE / 4] = stride;
    i32[s + SLOT_COLUMNS / 4] = dataSet.columnsAddress;
    i32[s + SLOT_J / 4] = this.jAddress;
    i32[s + SLOT_FIELDS / 4] = fields;
    i32[s + SLOT_SCRATCH / 4] = scratch;
    i32[s + SLOT_WINDOW / 4] = window;
    i32[s + SLOT_TABLE / 4] = this.tableAddress;
    for (let k = 0; k < 4; k++) this.u32[s + SLOT_KEY0 / 4 + k] = stream.identity[k]! >>> 0;
    f64[(state + SLOT_WINDOW_LOW) / 8] = options.windowLow;
    f64[(state + SLOT_WINDOW_HIGH) / 8] = options.windowHigh;
    if (options.window) f64.set(options.window.subarray(0, n), window / 8);
  }

  /**
   * A kernel for a chain (`owner`, whose collection frees the block), or null where the sweep cannot run in wasm
   * (no WebAssembly SIMD, a stream other than PhiloxStream, a spherical chain with N < 2, columns shorter than
   * N·stride, data beyond wasm32 memory).
   */
  static create(owner: object, options: KernelOptions): ChainKernel | null {
    const stream = philoxPosition(options.stream);
    const module = chainModule();
    if (!stream || !module || (options.spherical && options.n < 2)) return null;
    if (options.columns.length < options.n * options.stride) return null;
    try {
      let dataSet = dataSets.get(options.columns);
      if (dataSet) {
        dataSet.sync(options.columns);
      } else {
        dataSet = new DataSet(module, options.columns);
        dataSets.set(options.columns, dataSet);
      }
      return new ChainKernel(owner, dataSet, stream, options);
    } catch {
      // Beyond wasm32 memory, or an engine that refuses synchronous instantiation here: the TypeScript sweep.
      return null;
    }
  }

  /** Writes the acceptance table (after τ changes). */
  setTable(table: Float64Array, tau: number): void {
    const f64 = this.views();
    f64.set(table, this.tableAddress / 8);
    f64[(this.state + SLOT_TAU) / 8] = tau;
  }

  /**
   * One sweep on J (updated in place), then the exact recomputation when `refreshAfter`. Returns the
   * acceptances; energy() holds the new E.
   */
  sweep(J: Float64Array, p: number, energy: number, width: number, refreshAfter: boolean): number {
    this.checkExamples(p);
    const f64 = this.views();
    const { i32, u32, state, stream } = this;
    const s = state / 4;
    i32[s + SLOT_P / 4] = p;
    i32[s + SLOT_ENERGY / 4] = energy;
    f64[(state + SLOT_WIDTH) / 8] = width;
    f64.set(J, this.jAddress / 8);
    u32[s + SLOT_BLOCK_LOW / 4] = stream.blockLow;
    u32[s + SLOT_BLOCK_HIGH / 4] = stream.blockHigh;
    u32[s + SLOT_USED / 4] = stream.used;
    u32.set(stream.block, s + SLOT_WORDS / 4);
    const accepted = this.exports.sweep(state, refreshAfter ? 1 : 0);
    // The memory does not grow during a call: the views are still valid.
    stream.blockLow = u32[s + SLOT_BLOCK_LOW / 4]!;
    stream.blockHigh = u32[s + SLOT_BLOCK_HIGH / 4]!;
    stream.used = u32[s + SLOT_USED / 4]!;
    const words = s + SLOT_WORDS / 4;
    const block = stream.block;
    block[0] = u32[words]!;
    block[1] = u32[words + 1]!;
    block[2] = u32[words + 2]!;
    block[3] = u32[words + 3]!;
    this.copyOut(J, f64);
    return accepted;
  }

  /** The exact recomputation (spherical J renormalised in place). */
  refresh(J: Float64Array, p: number): void {
    this.checkExamples(p);
    const f64 = this.views();
    this.i32[this.state / 4 + SLOT_P / 4] = p;
    f64.set(J, this.jAddress / 8);
    this.exports.refresh(this.state);
    this.copyOut(J, f64);
  }

  /** E after the last call. */
  energy(): number {
    this.views();
    return this.i32[this.state / 4 + SLOT_ENERGY / 4]!;
  }

  /** J·window after the last call. */
  windowDot(): number {
    return this.views()[(this.state + SLOT_WINDOW_DOT) / 8]!;
  }

  /** A copy of the first p local fields. */
  fields(p: number): Float64Array {
    this.views();
    const start = this.i32[this.state / 4 + SLOT_FIELDS / 4]! / 8;
    return this.dataSet.f64().slice(start, start + p);
  }

  /** The kernel writes p fields: p beyond the stride would overwrite other chains' blocks. */
  private checkExamples(p: number): void {
    if (!(Number.isInteger(p) && p >= 0 && p <= this.stride)) throw new ParameterError('p', p, `an integer in [0, ${this.stride}] (the column stride)`);
  }

  private copyOut(J: Float64Array, f64: Float64Array): void {
    const start = this.jAddress / 8;
    J.set(f64.subarray(start, start + this.n));
  }

  /** The Float64Array over memory, with the integer views renewed if the memory grew. */
  private views(): Float64Array {
    const f64 = this.dataSet.f64();
    if (this.i32.buffer !== f64.buffer) {
      this.i32 = new Int32Array(f64.buffer);
      this.u32 = new Uint32Array(f64.buffer);
    }
    return f64;
  }
}
