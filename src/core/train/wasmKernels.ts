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
 * - Conv2DBackpropInput (the error passed back through a convolution) is a plain loop, ~10× slower than the
 *   forward convolution of the same size. For stride 1 it is the convolution of δ with the kernel flipped in
 *   space and with its channels swapped, W'[i, j, o, c] = W[k−1−i, k−1−j, c, o], padded by k − 1 − pad.
 * - MaxPoolGrad (the error passed back through a max-pool) takes ~25 ms for a batch of 32 at minialexnet's first
 *   pool, where routing each output's error to its window's first maximum, as the CPU backend does, takes ~2 ms
 *   in JavaScript on the backend's memory: a selection and a sum, no other arithmetic.
 *
 * Called by the platforms after the backend is registered; idempotent.
 */
export function registerWasmKernels(): void {
  if (!tf.getKernel('BatchMatMul', 'wasm') || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  const reverse = tf.getKernel('Reverse', 'wasm')!;
  const matMul = tf.getKernel('BatchMatMul', 'wasm')!;
  const transposeKernel = tf.getKernel('Transpose', 'wasm')!;
  const conv2d = tf.getKernel('Conv2D', 'wasm')!;
  type Info = tf.TensorInfo;
  type Backend = tf.KernelBackend & { disposeData(id: object): void };
  /** The wasm backend's own memory: float32 views of a tensor and new outputs. */
  type Heap = { readSync(id: object): Float32Array; makeOutput(shape: number[], dtype: 'float32'): Info; typedArrayFromHeap(t: Info): Float32Array };
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

  type ConvAttrs = { strides: number | [number, number]; pad: 'same' | 'valid' | number; dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
  const stride1 = (name: string, a: ConvAttrs, info: tf.backend_util.Conv2DInfo) => {
    if (a.dataFormat !== 'NHWC' || info.strideHeight !== 1 || info.strideWidth !== 1) {
      throw new Error(`${name} on the wasm backend: only stride 1 and NHWC are implemented`);
    }
  };

  // Replaced kernels keep the backend's setup, so that the backend's own stays usable (bench/train.mjs times both).
  const replaced = (name: string) => {
    const own = tf.getKernel(name, 'wasm');
    tf.unregisterKernel(name, 'wasm');
    return { kernelName: name, backendName: 'wasm', setupFunc: own?.setupFunc };
  };

  tf.registerKernel({
    ...replaced('Conv2DBackpropInput'),
    kernelFunc: (args) => {
      const backend = args.backend as Backend;
      const { dy, filter } = args.inputs as { dy: Info; filter: Info };
      const a = args.attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] };
      const info = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape as [number, number, number, number], a.strides, 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
      stride1('Conv2DBackpropInput', a, info);
      const { top, bottom, left, right } = info.padInfo;
      const [kh, kw] = [info.filterHeight, info.filterWidth];
      const flipped = reverse.kernelFunc({ inputs: { x: filter }, backend, attrs: { dims: [0, 1] } }) as Info;
      const swapped = transpose(backend, flipped, [0, 1, 3, 2]);
      const pad: tf.backend_util.ExplicitPadding = [[0, 0], [kh - 1 - top, kh - 1 - bottom], [kw - 1 - left, kw - 1 - right], [0, 0]];
      const dx = conv2d.kernelFunc({ inputs: { x: dy, filter: swapped }, backend, attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 } }) as Info;
      for (const t of [flipped, swapped]) backend.disposeData(t.dataId);
      return dx;
    },
  });

  tf.registerKernel({
    ...replaced('MaxPoolGrad'),
    kernelFunc: (args) => {
      const heap = args.backend as unknown as Heap;
      const { dy, input } = args.inputs as { dy: Info; input: Info };
      const a = args.attrs as unknown as { filterSize: number | [number, number]; strides: number | [number, number]; pad: 'same' | 'valid' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
      const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
      const x = heap.readSync(input.dataId);
      const g = heap.readSync(dy.dataId);
      const out = heap.makeOutput([...input.shape], 'float32');
      const dx = heap.typedArrayFromHeap(out); // after the allocation: a heap that grows detaches older views
      dx.fill(0);
      const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
      const [fh, fw] = [info.effectiveFilterHeight, info.effectiveFilterWidth];
      const { top, left } = info.padInfo;
      for (let b = 0; b < batchSize; b++) {
        for (let oy = 0; oy < oh; oy++) {
          const y0 = oy * sh - top;
          for (let ox = 0; ox < ow; ox++) {
            const x0 = ox * sw - left;
            for (let ch = 0; ch < c; ch++) {
              let best = -Infinity;
              let at = -1;
              const [i1, j1] = [Math.min(h, y0 + fh), Math.min(w, x0 + fw)];
              for (let i = Math.max(0, y0); i < i1; i++) {
                for (let j = Math.max(0, x0); j < j1; j++) {
                  const k = ((b * h + i) * w + j) * c + ch;
                  if (x[k] > best) {
                    best = x[k];
                    at = k;
                  }
                }
              }
              if (at >= 0) dx[at] += g[((b * oh + oy) * ow + ox) * c + ch];
            }
          }
        }
      }
      return out;
    },
  });

  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const backend = args.backend as Backend;
      const { x, dy } = args.inputs as { x: Info; dy: Info };
      const a = args.attrs as unknown as ConvAttrs & { filterShape: [number, number, number, number] };
      const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
      stride1('Conv2DBackpropFilter', a, info);
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
