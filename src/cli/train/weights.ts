import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ParameterError } from '../../core/errors.js';
import type { ParameterTensor } from '../../core/train/record.js';
import { writeNpy } from '../../io/index.js';
import { writeAtomic } from '../files.js';

/**
 * --weights-dir DIR: every epoch's layer matrices as DIR/epoch-EEE/<layer>.kernel.npy (float32, TensorFlow's
 * layout: dense [in, out], convolution [k, k, c_in, c_out]), readable by `vsdl fit`, NumPy and WeightWatcher.
 */
export async function prepareWeightsDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new ParameterError('--weights-dir', dir, 'a folder that can be created', (error as Error).message);
  }
}

export function epochFolder(epoch: number, epochs: number): string {
  return `epoch-${String(epoch).padStart(Math.max(3, String(epochs).length), '0')}`;
}

export async function writeEpochWeights(dir: string, epoch: number, epochs: number, tensors: ParameterTensor[]): Promise<string> {
  const folder = join(dir, epochFolder(epoch, epochs));
  await prepareWeightsDir(folder);
  for (const t of tensors) {
    if (!t.name.endsWith('.kernel')) continue;
    await writeAtomic(join(folder, `${t.name}.npy`), writeNpy({ data: t.data, shape: [...t.shape] }));
  }
  return folder;
}
