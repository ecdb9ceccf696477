/** Kernel results as plain rows: gpu.js returns arrays of Float32Array rows for 2D outputs on every backend. */
export function rows(result: unknown): Float32Array[] {
  if (!Array.isArray(result)) throw new Error('expected a 2D kernel result');
  return result as Float32Array[];
}

/** A 2D state as host rows, wherever it lives: host arrays as they are, a texture or buffer read back. */
export async function hostRows(state: unknown): Promise<Float32Array[]> {
  const resident = state as { toArray?: () => unknown };
  return rows(typeof resident?.toArray === 'function' ? await resident.toArray() : state);
}
