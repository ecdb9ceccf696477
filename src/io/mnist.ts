import { FormatError } from '../core/errors.js';
import { imagesFromBytes, type LabelledImages } from '../core/train/data.js';
import { readIdx } from './idx.js';

/** MNIST from its two IDX files (images n×28×28 unsigned bytes, labels n): inputs in [0, 1], labels 0–9. */
export function readMnist(imageBytes: Uint8Array, labelBytes: Uint8Array): LabelledImages {
  const images = readIdx(imageBytes, 'MNIST images');
  const labels = readIdx(labelBytes, 'MNIST labels');
  if (images.shape.length !== 3) throw new FormatError('MNIST images', `shape ${images.shape.join('×')}; expected count×height×width`);
  if (labels.shape.length !== 1 || labels.shape[0] !== images.shape[0]) {
    throw new FormatError('MNIST labels', `shape ${labels.shape.join('×')}; expected one label per image (${images.shape[0]})`);
  }
  return imagesFromBytes(images.data, labels.data, images.shape[1], images.shape[2]);
}
