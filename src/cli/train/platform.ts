import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ParameterError } from '../../core/errors.js';
import type { LabelledImages, TrainingPlatform } from '../../core/train/index.js';
import { readMnist } from '../../io/mnist.js';
import { readBytes } from '../files.js';

/**
 * Training in Node: TensorFlow.js's WebAssembly backend (XNNPACK, SIMD, one thread; its .wasm files ship in the
 * npm package and are found there) or its plain JavaScript CPU backend, and the MNIST digits from the IDX files
 * that `npm run build` writes under dist/data. TensorFlow.js is imported on first use, so commands that do not
 * train never load it.
 */
export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

// This file is src/cli/train/platform.ts or dist/cli/train/platform.js: the package root is three folders up.
const ROOT = new URL('../../../', import.meta.url);
const built = (path: string) => {
  const file = fileURLToPath(new URL(path, ROOT));
  if (!existsSync(file)) throw new ParameterError('build', path, 'the output of `npm run build` (run it first)', `${file} is missing`);
  return file;
};

let libraries: Promise<typeof import('@tensorflow/tfjs-core')> | null = null;
let digits: Promise<LabelledImages> | null = null;

/** The platform of one backend; ready() selects it (processes may switch, e.g. to compare backends). */
export function nodePlatform(backend: NodeBackend = 'wasm'): TrainingPlatform {
  if (!NODE_BACKENDS.includes(backend)) throw new ParameterError('backend', backend, `one of ${NODE_BACKENDS.join(', ')}`);
  return {
    async ready() {
      const tf = await (libraries ??= load());
      if (!(await tf.setBackend(backend))) throw new ParameterError('backend', backend, 'a TensorFlow.js backend that initialises here');
      await tf.ready();
      return tf.getBackend();
    },
    mnist: () => (digits ??= loadMnist()),
  };
}

async function load(): Promise<typeof import('@tensorflow/tfjs-core')> {
  const gradients = built('dist/tfjs/register-gradients.js');
  const tf = await import('@tensorflow/tfjs-core');
  await import(pathToFileURL(gradients).href);
  await import('@tensorflow/tfjs-backend-cpu');
  await import('@tensorflow/tfjs-backend-wasm');
  const { registerWasmKernels } = await import('../../core/train/wasmKernels.js');
  registerWasmKernels();
  // Production mode skips debug checks and the CPU backend's advice to install tfjs-node (a native binary).
  tf.enableProdMode();
  return tf;
}

async function loadMnist(): Promise<LabelledImages> {
  const images = await readBytes(built('dist/data/mnist-images.idx3-ubyte'), 'mnist');
  const labels = await readBytes(built('dist/data/mnist-labels.idx1-ubyte'), 'mnist');
  return readMnist(images, labels);
}
