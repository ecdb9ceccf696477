import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';

// RuleTester reports through the test framework's hooks.
Object.assign(RuleTester, { afterAll, describe, it });

const root = join(import.meta.dirname, '../..');
// The configuration and the rule are plain JavaScript (ESLint loads them without a build): import them untyped.
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const config = (await load('eslint.config.js')).default;
const { allowedImports } = await load('eslint/layers.js');
/** The rule's options exactly as the repository's configuration gives them to TypeScript sources. */
const options = (config as { files?: string[]; rules?: Record<string, unknown[]> }[]).find((c) => c.files?.includes('src/**/*.ts'))!
  .rules!['layers/allowed-imports'][1];
const at = (file: string, code: string) => ({ filename: join(root, file), code, options: [options] });

new RuleTester({ languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: 'module' } }).run('layers/allowed-imports', allowedImports, {
  valid: [
    at('src/core/fit/x.ts', "import { a } from '../theory/index.js';"),
    at('src/core/fit/x.ts', "import { SOFTWARE } from '../../version.js';"),
    at('src/io/x.ts', "import { ParameterError } from '../core/errors.js';"),
    at('src/cli/commands/x.ts', "import { a } from '../../gpu/index.js'; import { b } from '../../report/index.js';"),
    at('src/cli/commands/x.ts', "const dir = new URL('../../../notebooks/', import.meta.url);"),
    at('src/ui/labs/x.ts', "import { a } from '../../labs/index.js'; const w = new URL('../../../workers/lab.worker.ts', import.meta.url);"),
    at('workers/compute/x.ts', "import { a } from '../../src/labs/index.js'; import * as Comlink from 'comlink';"),
    at('workers/compute/lessons.ts', "import { notebook } from '../../notebooks/01-marchenko-pastur.js';"),
    at('notebooks/01-x.ts', "import { generate } from 'vsdl-lab';"),
    at('test/core/x.test.ts', "import { internal } from '../../src/cli/main.js';"),
  ],
  invalid: [
    at('src/core/fit/x.ts', "import { run } from '../../cli/main.js';"),
    at('src/core/fit/x.ts', "import { readFileSync } from 'node:fs';"),
    at('src/core/fit/x.ts', "export * from '../../io/index.js';"),
    at('src/core/fit/x.ts', "const m = await import('../../report/index.js');"),
    at('src/io/x.ts', "import { a } from '../gpu/index.js';"),
    at('src/labs/x.ts', "import { a } from '../ui/state/labs.js';"),
    at('workers/compute/x.ts', "import type { LabValues } from '../../src/ui/state/labs.js';"),
    at('workers/compute/x.ts', "import { notebook } from '../../notebooks/01-marchenko-pastur.js';"),
    at('src/ui/x.ts', "import { run } from '../cli/main.js';"),
    at('src/cli/x.ts', "const u = new URL('../ui/main.ts', import.meta.url);"),
    at('notebooks/01-x.ts', "import { generate } from '../src/index.js';"),
    at('notebooks/01-x.ts', "import { writeFileSync } from 'node:fs';"),
    at('src/gpu/x.ts', "import { a } from 'comlink';"),
  ].map((c) => ({ ...c, errors: 1 })),
});
