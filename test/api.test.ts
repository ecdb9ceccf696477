import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../src/index.js';
import * as nodeLibrary from '../src/index.node.js';

/** The names docs/api.md lists, in backticks in its table, by group (the table's first column). */
const groups = [...readFileSync(join(import.meta.dirname, '../docs/api.md'), 'utf8').matchAll(/^\|([^|]+)\|([^|]+)\|/gm)].map(([, group, names]) => ({
  group: group.trim(),
  names: [...names.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map(([, name]) => name),
}));
const NODE_GROUP = 'Node only';
const listed = new Set(groups.filter((g) => g.group !== NODE_GROUP).flatMap((g) => g.names));
const nodeListed = new Set(groups.filter((g) => g.group === NODE_GROUP).flatMap((g) => g.names));

// Types vanish at run time: of the listed names, those that are values must be exported.
const isValue = (name: string) => /^[a-z]|^[A-Z0-9_]+$|Error$|^Chain$/.test(name);

describe('the public API', () => {
  it('exports exactly the runtime names docs/api.md lists', () => {
    const exported = Object.keys(library).sort();
    expect(exported.filter((name) => !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => isValue(name) && !(name in library))).toEqual([]);
  });

  it("exports every function README.md's file-format section shows called (Python's float() aside)", () => {
    const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## File formats'), readme.indexOf('\n## ', readme.indexOf('## File formats') + 1));
    const called = new Set([...section.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)\(/g)].map(([, name]) => name).filter((name) => name !== 'float'));
    expect(called.size).toBeGreaterThan(10);
    expect([...called].filter((name) => !(name in library))).toEqual([]);
  });

  it("the Node entry adds exactly the names listed as 'Node only'", () => {
    expect(nodeListed.size).toBeGreaterThan(0);
    const added = Object.keys(nodeLibrary).filter((name) => !(name in library)).sort();
    expect(added).toEqual([...nodeListed].filter(isValue).sort());
  });
});
