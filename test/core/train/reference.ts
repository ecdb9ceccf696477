import type { ModelSpec } from '../../../src/core/train/index.js';

/**
 * An independent float64 forward pass of a model spec (plain loops, TensorFlow's padding rules), for finite
 * differences that float32 cannot resolve. Inputs x: n examples of height·width·channels values (NHWC).
 */
export function referenceLogits(spec: ModelSpec, params: Map<string, Float64Array>, x: Float64Array, n: number): Float64Array {
  let [h, w, c] = spec.input;
  let a = x;
  for (const op of spec.ops) {
    if (op.op === 'conv') {
      const k = op.kernel;
      const K = params.get(`${op.name}.kernel`)!;
      const bias = params.get(`${op.name}.bias`)!;
      const [oh, ow] = op.padding === 'same' ? [h, w] : [h - k + 1, w - k + 1];
      const top = op.padding === 'same' ? Math.floor((k - 1) / 2) : 0;
      const out = new Float64Array(n * oh * ow * op.filters);
      for (let b = 0; b < n; b++)
        for (let y = 0; y < oh; y++)
          for (let z = 0; z < ow; z++)
            for (let o = 0; o < op.filters; o++) {
              let s = bias[o];
              for (let i = 0; i < k; i++)
                for (let j = 0; j < k; j++) {
                  const yy = y + i - top;
                  const zz = z + j - top;
                  if (yy < 0 || yy >= h || zz < 0 || zz >= w) continue;
                  for (let ci = 0; ci < c; ci++) s += a[((b * h + yy) * w + zz) * c + ci] * K[((i * k + j) * c + ci) * op.filters + o];
                }
              out[((b * oh + y) * ow + z) * op.filters + o] = s;
            }
      [a, h, w, c] = [out, oh, ow, op.filters];
    } else if (op.op === 'maxpool') {
      const { size, stride } = op;
      const [oh, ow] = op.padding === 'same' ? [Math.ceil(h / stride), Math.ceil(w / stride)] : [Math.floor((h - size) / stride) + 1, Math.floor((w - size) / stride) + 1];
      const top = op.padding === 'same' ? Math.floor(Math.max((oh - 1) * stride + size - h, 0) / 2) : 0;
      const left = op.padding === 'same' ? Math.floor(Math.max((ow - 1) * stride + size - w, 0) / 2) : 0;
      const out = new Float64Array(n * oh * ow * c);
      for (let b = 0; b < n; b++)
        for (let y = 0; y < oh; y++)
          for (let z = 0; z < ow; z++)
            for (let ci = 0; ci < c; ci++) {
              let m = -Infinity;
              for (let i = 0; i < size; i++)
                for (let j = 0; j < size; j++) {
                  const yy = y * stride + i - top;
                  const zz = z * stride + j - left;
                  if (yy >= 0 && yy < h && zz >= 0 && zz < w) m = Math.max(m, a[((b * h + yy) * w + zz) * c + ci]);
                }
              out[((b * oh + y) * ow + z) * c + ci] = m;
            }
      [a, h, w] = [out, oh, ow];
    } else if (op.op === 'relu') {
      a = a.map((v) => Math.max(0, v));
    } else if (op.op === 'flatten') {
      [h, w, c] = [1, 1, h * w * c];
    } else {
      const W = params.get(`${op.name}.kernel`)!;
      const bias = params.get(`${op.name}.bias`)!;
      const inSize = h * w * c;
      const out = new Float64Array(n * op.units);
      for (let b = 0; b < n; b++)
        for (let o = 0; o < op.units; o++) {
          let s = bias[o];
          for (let i = 0; i < inSize; i++) s += a[b * inSize + i] * W[i * op.units + o];
          out[b * op.units + o] = s;
        }
      [a, h, w, c] = [out, 1, 1, op.units];
    }
  }
  return a;
}

/** Mean softmax cross-entropy of logits [n, classes] against integer labels. */
export function referenceLoss(logits: Float64Array, labels: ArrayLike<number>, classes: number): number {
  let total = 0;
  for (let b = 0; b < labels.length; b++) {
    const row = logits.subarray(b * classes, (b + 1) * classes);
    const max = Math.max(...row);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    total += max + Math.log(sum) - row[labels[b]];
  }
  return total / labels.length;
}
