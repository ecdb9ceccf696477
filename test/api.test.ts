import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../src/index.js';

/** The names docs/api.md lists, in backticks in its table. */
const listed = new Set(
  [...readFileSync(join(import.meta.dirname, '../docs/api.md'), 'utf8').matchAll(/^\|[^|]+\|([^|]+)\|/gm)].flatMap(([, names]) =>
    [...names.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map(([, name]) => name),
  ),
);

describe('the public API', () => {
  it('exports exactly the runtime names docs/api.md lists', () => {
    const exported = Object.keys(library).sort();
    expect(exported.filter((name) => !listed.has(name))).toEqual([]);
    // Types vanish at run time: of the listed names, those that are values must be exported.
    const missing = [...listed].filter((name) => /^[a-z]|^[A-Z0-9_]+$|Error$|^Chain$/.test(name) && !(name in library));
    expect(missing).toEqual([]);
  });
});
