/** Kernel results as plain rows: gpu.js returns arrays of Float32Array rows for 2D outputs on every backend. */
export function rows(result: unknown): Float32Array[] {
  if (!Array.isArray(result)) throw new Error('expected a 2D kernel result');
  return result as Float32Array[];
}
