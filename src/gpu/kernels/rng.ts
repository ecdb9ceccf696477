/* gpu.js kernel: Philox4x24-10 blocks for consecutive counters (tests and parity checks of the generator). */

declare function mulHi24(m: number, x: number): number;
declare function mulLo24(m: number, x: number): number;
declare function add24(a: number, b: number): number;

/**
 * Output [4, blocks]: thread (x, y) returns word x of the block with counter (start + y, c1, c2, c3) and key
 * (k0, k1). start + y must stay below 2^24.
 */
export function rngBlocksKernel(this: any, start: number, c1: number, c2: number, c3: number, key0: number, key1: number): number {
  let x0 = start + this.thread.y;
  let x1 = c1;
  let x2 = c2;
  let x3 = c3;
  let k0 = key0;
  let k1 = key1;
  for (let r = 0; r < 10; r++) {
    const hi0 = mulHi24(this.constants.m0, x0);
    const lo0 = mulLo24(this.constants.m0, x0);
    const hi1 = mulHi24(this.constants.m1, x2);
    const lo1 = mulLo24(this.constants.m1, x2);
    x0 = add24(add24(hi1, x1), k0);
    x1 = lo1;
    x2 = add24(add24(hi0, x3), k1);
    x3 = lo0;
    k0 = add24(k0, this.constants.w0);
    k1 = add24(k1, this.constants.w1);
  }
  let word = x3;
  if (this.thread.x === 0) word = x0;
  if (this.thread.x === 1) word = x1;
  if (this.thread.x === 2) word = x2;
  return word;
}
