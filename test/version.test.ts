import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOFTWARE } from '../src/version.js';

describe('SOFTWARE', () => {
  it('matches package.json, so every export records the version that made it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(SOFTWARE).toEqual({ name: pkg.name, version: pkg.version });
  });
});
