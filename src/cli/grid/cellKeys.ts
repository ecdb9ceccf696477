import { numberKey } from '../../core/vsdl/index.js';

/**
 * A cell's key is its identity: `name=value` parts joined by ';' (spherical;n=20;alpha=0.5;tau=1;…), numbers
 * written by numberKey (the shortest text that reads back as the same double). The grid's coordinates are the
 * parts that the cell also carries as fields: alpha and tau in sweeps, batch_size, learning_rate, train_size and
 * label_noise in training grids; the other parts (n, samples, epochs…) are the grid's, not fields of a cell.
 */

/** The key's `name=value` parts before the seed, by name (the first of a name). */
function keyParts(key: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of key.split(';')) {
    // The seed comes last in every key and is JSON text, which may itself hold ';' and '=' (--seed 'a;alpha=2').
    if (part.startsWith('seed=')) break;
    const eq = part.indexOf('=');
    if (eq > 0 && !parts.has(part.slice(0, eq))) parts.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return parts;
}

/** Whether a field holds what a key part says: the same number (written as numberKey writes it), or the same text. */
function agrees(field: unknown, value: string): boolean {
  const numeric = value.trim() !== '' && !Number.isNaN(Number(value));
  return numeric ? typeof field === 'number' && numberKey(field) === value : field === value;
}

/** A field of `cell` that differs from what its key says ('has alpha 0.75, but its key says alpha=0.5'), or null. */
export function keyContradiction(cell: { key: string } & Record<string, unknown>): string | null {
  for (const [name, value] of keyParts(cell.key)) {
    if (name === 'key' || !Object.hasOwn(cell, name)) continue;
    const field = cell[name];
    if (!agrees(field, value)) return `has ${name} ${JSON.stringify(field)}, but its key says ${name}=${value}`;
  }
  return null;
}
