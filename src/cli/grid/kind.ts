/**
 * What the shard, merge and Slurm machinery needs to know about a kind of grid (the perceptron sweep, the layer
 * sweep, a training grid): how to re-plan its cells from the description a document carries, and how to write
 * the document a one-machine run writes. Everything else (part files, merging, status, scripts) is generic.
 */

/** A grid document as read from JSON: its description, a status and keyed cells. */
export interface GridDocument {
  status: string;
  cells: { key: string }[];
  [field: string]: unknown;
}

/** A grid's cells in grid order: keys, estimated costs and names for people. */
export interface GridPlan {
  keys: string[];
  /** Estimated work per cell (any unit ≥ 0): shards balance it. */
  costs: number[];
  /** Seconds of one core per unit of cost, for time estimates. */
  secondsPerCost: number;
  /** A cell for people, e.g. 'α = 0.5, τ = 1'. */
  labels: string[];
}

export interface GridKind {
  /** The command that writes this kind of document, for messages: 'vsdl sweep --layer'. */
  command: string;
  /** Whether a parsed JSON document is of this kind. */
  matches(doc: Record<string, unknown>): boolean;
  /** Fields computed from the cells: left out when the descriptions of parts are compared. */
  derived: readonly string[];
  /** The grid re-planned from a document's description; a ParameterError when the description is not one. */
  plan(doc: GridDocument): GridPlan;
  /** The document a one-machine run writes for this description with these cells (grid order) and status. */
  assemble(doc: GridDocument, cells: GridDocument['cells'], status: 'complete' | 'partial'): object;
}

/**
 * A kind re-plans a grid from the description a document carries; the header that plan makes must be the one the
 * document holds, field by field (a guard against hand-edited files and against a description that does not
 * determine its cells).
 */
export function checkReplanned(header: object, doc: GridDocument): void {
  for (const [field, value] of Object.entries(header)) {
    const [planned, stored] = [JSON.stringify(value), JSON.stringify(doc[field])];
    if (planned !== stored) throw new Error(`its ${field} ${stored ?? 'is missing'} does not plan to itself (${planned})`);
  }
}
