import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
const markdown = tracked.filter((f) => f.endsWith('.md'));

describe('documentation is self-contained', () => {
  it('every relative link in the Markdown files resolves to a file inside the repository', () => {
    const broken: string[] = [];
    for (const file of markdown) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        const path = resolve(root, dirname(file), target.split('#')[0]);
        if (relative(root, path).startsWith('..') || !existsSync(path)) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the docs the code cites exist', () => {
    const cited = new Set<string>();
    for (const file of tracked.filter((f) => /\.(ts|mjs|js|svelte|md)$/.test(f))) {
      for (const [, doc] of readFileSync(join(root, file), 'utf8').matchAll(/\b(docs\/[\w./-]+\.md)\b/g)) cited.add(doc);
    }
    expect(cited.size).toBeGreaterThan(0);
    for (const doc of cited) expect(existsSync(join(root, doc)), doc).toBe(true);
  });
});
