import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ParameterError } from '../../core/errors.js';
import type { ParameterTensor } from '../../core/train/record.js';
import { writeNpy, writeSafetensors } from '../../io/index.js';
import { writeAtomic } from '../files.js';

/**
 * --weights-dir DIR: every epoch's layer matrices as DIR/epoch-EEE/<layer>.kernel.npy (float32, TensorFlow's
 * layout: dense [in, out], convolution [k, k, c_in, c_out]), readable by `vsdl fit`, NumPy and WeightWatcher; and
 * the last epoch's model, biases included, as DIR/model.safetensors with its convolution layout in the metadata
 * (conv_layout: hwio), readable by `vsdl analyze`, PyTorch's safetensors and Hugging Face tools.
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

export const MODEL_FILE = 'model.safetensors';

export async function writeModel(dir: string, tensors: ParameterTensor[], metadata: Record<string, string>): Promise<string> {
  const file = join(dir, MODEL_FILE);
  const named = Object.fromEntries(tensors.map((t) => [t.name, { data: t.data, shape: t.shape }]));
  await writeAtomic(file, writeSafetensors(named, { conv_layout: 'hwio', ...metadata }));
  return file;
}
