// ESLint guards the architecture (README, "Architecture"): which layer may import which. Style is left to the
// authors; the only other rule keeps the core reproducible (no Math.random: every random number comes from a
// seeded stream).
import tsParser from '@typescript-eslint/parser';
import svelteParser from 'svelte-eslint-parser';
import layers from './eslint/layers.js';

/** The layers, by path from the repository root (the longest matching path wins). */
const LAYERS = [
  { name: 'core', path: 'src/core' },
  { name: 'core', path: 'src/version.ts' },
  { name: 'index', path: 'src/index.ts' },
  { name: 'io', path: 'src/io' },
  { name: 'gpu', path: 'src/gpu' },
  { name: 'report', path: 'src/report' },
  { name: 'labs', path: 'src/labs' },
  { name: 'node', path: 'src/node' },
  { name: 'node-index', path: 'src/index.node.ts' },
  { name: 'cli', path: 'src/cli' },
  { name: 'ui', path: 'src/ui' },
  { name: 'workers', path: 'workers' },
  // The lesson worker runs the notebooks, as the CLI does.
  { name: 'lesson-worker', path: 'workers/lesson.worker.ts' },
  { name: 'lesson-worker', path: 'workers/lessonApi.ts' },
  { name: 'lesson-worker', path: 'workers/compute/lessons.ts' },
  { name: 'notebooks', path: 'notebooks' },
];

/** What each layer may import (itself included). Tests, benchmarks and scripts may import anything. */
const ALLOW = {
  core: ['core'],
  io: ['core', 'io'],
  gpu: ['core', 'gpu'],
  report: ['core', 'io', 'report'],
  labs: ['core', 'io', 'labs'],
  index: ['core', 'io', 'gpu', 'report', 'index'],
  // Node-only shell pieces (worker threads for the dense kernels), used by the CLI and the library's Node entry.
  node: ['core', 'node'],
  'node-index': ['index', 'node', 'node-index'],
  cli: ['core', 'io', 'gpu', 'report', 'node', 'cli', 'notebooks'],
  ui: ['core', 'io', 'gpu', 'report', 'labs', 'ui', 'workers', 'lesson-worker'],
  workers: ['core', 'io', 'gpu', 'report', 'labs', 'workers'],
  'lesson-worker': ['core', 'io', 'gpu', 'report', 'labs', 'workers', 'lesson-worker', 'notebooks'],
  // Notebooks are written against the public package only (below), so they read as examples of the library.
  notebooks: [],
};

/**
 * Layers that may import only these packages (others may import any). The core's one package is TensorFlow.js's
 * core: its tensor operations are computation (src/core/train); choosing and loading a backend is the shells' job.
 */
const PACKAGES = { core: ['@tensorflow/tfjs-core'], io: [], report: [], labs: [], gpu: ['gpu.js'], notebooks: ['vsdl-lab'] };

const rule = (allow) => ['error', { layers: LAYERS, allow, packages: PACKAGES }];

export default [
  { ignores: ['dist/**', 'dist-ui/**', 'node_modules/**', 'out/**', 'coverage/**', 'bench/.tmp/**'] },
  {
    files: ['src/**/*.ts', 'workers/**/*.ts', 'notebooks/**/*.ts'],
    languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { layers },
    rules: { 'layers/allowed-imports': rule(ALLOW) },
  },
  {
    files: ['src/**/*.svelte'],
    languageOptions: { parser: svelteParser, parserOptions: { parser: tsParser } },
    plugins: { layers },
    rules: { 'layers/allowed-imports': rule(ALLOW) },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'use a seeded stream (src/core/random)' }] },
  },
];
