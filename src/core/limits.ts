/**
 * The one size limit on matrices and arrays of float64: what `generate` agrees to build, what the readers agree
 * to load and what the Laguerre model agrees to allocate. 2.5·10⁸ entries is 2 GB, already beyond what a dense
 * spectrum can use; refusing from arithmetic, before any allocation, keeps a typo from eating the machine.
 */
export const MAX_ENTRIES = 250_000_000;

/** What the limit allows, in the words every refusal uses. */
export const ENTRY_LIMIT = `at most ${MAX_ENTRIES} entries (2 GB of float64)`;

/** 'W would need 6.5 GB' for a count over the limit, null within it. */
export function overEntryLimit(count: number, name = 'W'): string | null {
  if (count <= MAX_ENTRIES) return null;
  return `${name} would need ${((count * 8) / 1e9).toFixed(1)} GB`;
}
