/// <reference types="vite/client" />
/**
 * Training in a browser (a web worker): TensorFlow.js on the GPU through WebGL where the browser has a hardware
 * one, on WebAssembly (XNNPACK, SIMD; threads only in a cross-origin-isolated page) otherwise, and the MNIST digits
 * fetched from the IDX files `npm run build` writes (7.8 MB, once per worker). Nothing is fetched from anywhere
 * but the page's own origin: the .wasm files are bundled as assets.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { ParameterError } from '../../src/core/errors.js';
import { registerWasmKernels, type LabelledImages, type TrainingPlatform } from '../../src/core/train/index.js';
import { describeGl } from '../../src/gpu/glance.js';
import { readMnist } from '../../src/io/mnist.js';

export const BROWSER_BACKENDS = ['auto', 'webgl', 'wasm', 'cpu'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

const IMAGES = new URL('../../dist/data/mnist-images.idx3-ubyte', import.meta.url);
const LABELS = new URL('../../dist/data/mnist-labels.idx1-ubyte', import.meta.url);

let libraries: Promise<void> | null = null;
let digits: Promise<LabelledImages> | null = null;

/** 'auto' is WebGL on a hardware GPU and WebAssembly otherwise (a software renderer is slower than WebAssembly). */
export function browserPlatform(choice: BrowserBackend = 'auto'): TrainingPlatform {
  if (!BROWSER_BACKENDS.includes(choice)) throw new ParameterError('backend', choice, `one of ${BROWSER_BACKENDS.join(', ')}`);
  return {
    async ready() {
      await (libraries ??= load());
      const name = choice === 'auto' ? ((await hardwareWebGl()) ? 'webgl' : 'wasm') : choice;
      if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
      if (!(await tf.setBackend(name))) throw new ParameterError('backend', name, 'a TensorFlow.js backend this browser can start');
      await tf.ready();
      return tf.getBackend();
    },
    mnist: () => (digits ??= fetchMnist()),
  };
}

async function load(): Promise<void> {
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
  registerWasmKernels();
  tf.enableProdMode();
}

/** A WebGL2 context in this worker whose renderer is not a software rasterizer. */
async function hardwareWebGl(): Promise<boolean> {
  if (typeof OffscreenCanvas === 'undefined') return false;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return false;
  const { software } = describeGl(gl);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !software;
}

async function fetchMnist(): Promise<LabelledImages> {
  const bytes = async (url: URL) => {
    const response = await fetch(url);
    if (!response.ok) throw new ParameterError('mnist', url.pathname, 'the digits written by `npm run build` (dist/data)', `HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const [images, labels] = await Promise.all([bytes(IMAGES), bytes(LABELS)]);
  return readMnist(images, labels);
}
