import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ParameterError } from '../../core/errors.js';
import { jsonText } from '../../io/index.js';
import { formatChecks, notebookFiles, type Notebook } from '../../report/index.js';
import type { Command } from '../command.js';
import { checkOutputs, writeAtomic } from '../files.js';
import { fsReason } from '../fsErrors.js';
import { parseSeedFlag } from '../parse.js';
import { Progress } from '../progress.js';
import { nodePlatform } from '../train/platform.js';

/**
 * Notebooks are compiled to dist/notebooks/ (tsconfig.notebooks.json), beside dist/cli/: from this file that is
 * ../../notebooks/. Run from the sources (src/cli/commands/, in tests) that folder does not exist and the
 * notebooks are the .ts modules at the repository root, which a TypeScript-aware loader imports.
 */
function notebookDir(): string {
  const compiled = fileURLToPath(new URL('../../notebooks/', import.meta.url));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL('../../../notebooks/', import.meta.url));
}

interface Entry {
  id: string;
  file: string;
}

/** The notebook modules in `dir`; `given`: the folder came from --dir (else it is the build's, which may be missing). */
async function listNotebooks(dir: string, given: boolean): Promise<Entry[]> {
  const parameter = given ? '--dir' : 'notebooks';
  const allowed = 'a folder of notebook modules (NN-name.js or .ts)';
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ParameterError(parameter, dir, allowed, given ? folderProblem(dir, error) : 'not found: run `npm run build`');
  }
  const byId = new Map<string, string>();
  for (const name of names.sort()) {
    const m = /^(\d\d-[a-z0-9-]+)\.(js|ts)$/.exec(name);
    // Prefer the compiled .js when both exist.
    if (m && !name.endsWith('.d.ts') && (!byId.has(m[1]) || m[2] === 'js')) byId.set(m[1], join(dir, name));
  }
  if (byId.size === 0) throw new ParameterError(parameter, dir, allowed, 'it holds none');
  return [...byId].map(([id, file]) => ({ id, file }));
}

/** Why a --dir could not be listed, in words: missing, a file, or what the file system said. */
function folderProblem(dir: string, error: unknown): string {
  if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return 'no such folder';
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() === false ? 'it is not a folder' : fsReason(error);
}

/** '01', '01-marchenko-pastur' or 'marchenko-pastur' select one notebook; anything ambiguous is an error. */
function resolve(entries: Entry[], name: string): Entry[] {
  if (name === 'all') return entries;
  const hits = entries.filter((e) => e.id === name || e.id.startsWith(`${name}-`) || e.id.slice(3) === name);
  if (hits.length !== 1) throw new ParameterError('NAME', name, `one of all, ${entries.map((e) => e.id).join(', ')} (or its two-digit number)`);
  return hits;
}

async function load(entry: Entry): Promise<Notebook> {
  const mod = (await import(pathToFileURL(entry.file).href)) as { notebook?: Notebook };
  if (!mod.notebook) throw new ParameterError('NAME', entry.id, 'a module that exports `notebook`');
  return mod.notebook;
}

export const notebookCommand: Command = {
  name: 'notebook',
  summary: 'list or run the lessons that reproduce papers (figures as SVG, tables, checks)',
  usage: 'vsdl notebook list | vsdl notebook run NAME|all [--full] [--out DIR] [--seed S] [--json]',
  maxPositionals: 2,
  options: {
    full: { type: 'boolean', description: 'run the paper-sized version (minutes) instead of the small one (seconds)' },
    out: { type: 'string', value: 'DIR', description: 'write DIR/NAME/figure-K.svg, table.csv, table.json, checks.json' },
    seed: { type: 'string', value: 'S', description: "override the notebook's seed" },
    dir: { type: 'string', value: 'DIR', description: 'folder of the notebook modules (default: the compiled dist/notebooks)' },
  },
  details: [
    'NAME is a notebook id (01-marchenko-pastur), its number (01) or its name (marchenko-pastur); all runs every one.',
    'The checks compare measurements with theory within stated tolerances; the exit code is 1 when any fails.',
    '',
    'examples:',
    '  vsdl notebook list',
    '  vsdl notebook run 01 --out out/notebooks',
    '  vsdl notebook run all --out out/notebooks     (npm run notebooks)',
  ].join('\n'),
  async run(ctx) {
    const o = ctx.options;
    const json = o.json === true;
    const [sub, name] = ctx.positionals;
    const given = typeof o.dir === 'string';
    const dir = given ? (o.dir as string) : notebookDir();
    if (sub !== 'list' && sub !== 'run') throw new ParameterError('subcommand', sub ?? '', 'list or run');
    if (sub === 'list' && name !== undefined) throw new ParameterError('NAME', name, "nothing after 'list'");
    const entries = await listNotebooks(dir, given);

    if (sub === 'list') {
      const rows = await Promise.all(entries.map(async (e) => {
        const nb = await load(e);
        return { id: nb.id, title: nb.title, summary: nb.summary };
      }));
      ctx.stdout(json ? jsonText({ notebooks: rows }) + '\n' : rows.map((r) => `${r.id.padEnd(30)}${r.title}`).join('\n') + '\n');
      return 0;
    }

    if (name === undefined) throw new ParameterError('NAME', '', 'a notebook to run (see vsdl notebook list)');
    const selected = resolve(entries, name);
    if (typeof o.out === 'string') await checkOutputs([{ flag: '--out', path: o.out, kind: 'folder' }]);
    const size = o.full === true ? 'full' : 'small';
    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
    const reports = [];
    let failed = 0;
    for (const entry of selected) {
      const nb = await load(entry);
      const params = { ...nb.params[size] };
      if (o.seed !== undefined) params.seed = parseSeedFlag('seed', o.seed);
      progress.stage(`${nb.id} (${size})`);
      const start = performance.now();
      const result = await nb.run(params, { onProgress: (f) => progress.update(f), platform: nodePlatform() });
      progress.finish();
      const seconds = (performance.now() - start) / 1000;
      const files: string[] = [];
      if (typeof o.out === 'string') {
        const target = join(o.out, nb.id);
        await mkdir(target, { recursive: true });
        for (const [file, text] of Object.entries(notebookFiles(nb, size, params, result))) {
          await writeAtomic(join(target, file), text);
          files.push(join(target, file));
        }
      }
      const passed = result.checks.every((c) => c.passed);
      if (!passed) failed++;
      reports.push({ notebook: nb.id, size, seconds, passed, checks: result.checks, files });
      if (!json) ctx.stdout(`${nb.id} (${size}, ${seconds.toFixed(1)} s): ${passed ? 'all checks pass' : 'CHECKS FAIL'}\n${formatChecks(result.checks)}\n\n`);
    }
    if (json) ctx.stdout(jsonText(reports.length === 1 ? reports[0] : { notebooks: reports }) + '\n');
    return failed > 0 ? 1 : 0;
  },
};
