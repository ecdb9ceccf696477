/**
 * Joining the cells of shards by key: which of a grid's cells the parts hold (in grid order), which are missing,
 * and what does not fit (a cell held twice, or a key that is not a cell of the grid). Pure bookkeeping: reading
 * the parts and deciding what to refuse belong to the caller.
 */

export interface PartCells<R extends { key: string }> {
  /** Names the part in reports (a file path). */
  source: string;
  cells: readonly R[];
}

export interface CollectedCells<R> {
  /** The cells found, in grid order. */
  cells: R[];
  /** Grid positions that no part holds, ascending. */
  missing: number[];
  /** Keys held more than once, with every source that holds them. */
  duplicates: { key: string; sources: string[] }[];
  /** Keys that are not cells of the grid. */
  foreign: { key: string; source: string }[];
}

export function collectCells<R extends { key: string }>(keys: readonly string[], parts: readonly PartCells<R>[]): CollectedCells<R> {
  const position = new Map(keys.map((key, i) => [key, i]));
  const found: { record: R; source: string }[] = new Array(keys.length);
  const duplicates = new Map<string, string[]>();
  const foreign: CollectedCells<R>['foreign'] = [];
  for (const { source, cells } of parts) {
    for (const record of cells) {
      const i = position.get(record.key);
      if (i === undefined) {
        foreign.push({ key: String(record.key), source });
      } else if (found[i]) {
        const sources = duplicates.get(record.key) ?? [found[i]!.source];
        sources.push(source);
        duplicates.set(record.key, sources);
      } else {
        found[i] = { record, source };
      }
    }
  }
  const cells: R[] = [];
  const missing: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    if (found[i]) cells.push(found[i]!.record);
    else missing.push(i);
  }
  return { cells, missing, duplicates: [...duplicates].map(([key, sources]) => ({ key, sources })), foreign };
}
