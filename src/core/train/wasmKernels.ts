import * as tf from '@tensorflow/tfjs-core';

/**
 * Two kernels of TensorFlow.js's WebAssembly backend (4.22) that training needs and that backend lacks or runs
 * slowly, written on its own kernels (no arithmetic here, so results stay the backend's):
 *
 * - BatchMatMul with a transposed operand (every weight gradient, xᵀ·δ, and every backpropagated error, δ·Wᵀ)
 *   leaves XNNPACK for a plain loop: 10–17× slower than the untransposed product at mlp3's sizes. Transposing the
 *   operand first (an O(n²) copy) and multiplying untransposed is measured in bench/train.mjs.
 * - Conv2DBackpropFilter (the gradient of a convolution with respect to its kernel) is not registered at all.
 *   For stride 1 it is itself a convolution: dW[i, j, c, o] = Σ_{b,y,x} x[b, y+i, x+j, c]·δ[b, y, x, o] is the
 *   convolution of xᵀ = x as [c, h, w, b] with the filter δ as [h', w', b, o], padded as the forward pass was.
 *
 * Called by the platforms after the backend is registered; idempotent.
 */
export function registerWasmKernels(): void {
  if (!tf.getKernel('BatchMatMul', 'wasm') || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  const matMul = tf.getKernel('BatchMatMul', 'wasm')!;
  const transposeKernel = tf.getKernel('Transpose', 'wasm')!;
  const conv2d = tf.getKernel('Conv2D', 'wasm')!;
  type Info = tf.TensorInfo;
  type Backend = tf.KernelBackend & { disposeData(id: object): void };
  const transpose = (backend: Backend, x: Info, perm: number[]) => transposeKernel.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as Info;
  const swapLast = (rank: number) => [...Array(rank - 2).keys(), rank - 1, rank - 2];

  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...matMul,
    kernelFunc: (args) => {
      const { inputs, attrs } = args as unknown as { inputs: { a: Info; b: Info }; attrs: { transposeA: boolean; transposeB: boolean } };
      if (!attrs.transposeA && !attrs.transposeB) return matMul.kernelFunc(args);
      const backend = args.backend as Backend;
      const a = attrs.transposeA ? transpose(backend, inputs.a, swapLast(inputs.a.shape.length)) : inputs.a;
      const b = attrs.transposeB ? transpose(backend, inputs.b, swapLast(inputs.b.shape.length)) : inputs.b;
      const out = matMul.kernelFunc({ ...args, inputs: { a, b }, attrs: { ...attrs, transposeA: false, transposeB: false } });
      if (a !== inputs.a) backend.disposeData(a.dataId);
      if (b !== inputs.b) backend.disposeData(b.dataId);
      return out;
    },
  });

  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const backend = args.backend as Backend;
      const { x, dy } = args.inputs as { x: Info; dy: Info };
      const a = args.attrs as unknown as { strides: number | [number, number]; pad: 'same' | 'valid' | number; dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number] };
      const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
      if (a.dataFormat !== 'NHWC' || info.strideHeight !== 1 || info.strideWidth !== 1) {
        throw new Error('Conv2DBackpropFilter on the wasm backend: only stride 1 and NHWC are implemented');
      }
      const { top, bottom, left, right } = info.padInfo;
      const xt = transpose(backend, x, [3, 1, 2, 0]);
      const dyt = transpose(backend, dy, [1, 2, 0, 3]);
      const pad: tf.backend_util.ExplicitPadding = [[0, 0], [top, bottom], [left, right], [0, 0]];
      const out = conv2d.kernelFunc({ inputs: { x: xt, filter: dyt }, backend, attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 } }) as Info;
      const dw = transpose(backend, out, [1, 2, 0, 3]);
      for (const t of [xt, dyt, out]) backend.disposeData(t.dataId);
      return dw;
    },
  });
}
