import { mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ParameterError } from '../../core/errors.js';
import type { ParameterTensor } from '../../core/train/record.js';
import { writeNpy, writeSafetensors } from '../../io/index.js';
import { writeAtomic, type OutputSpec } from '../files.js';
import { fsReason } from '../fsErrors.js';

/**
 * --weights-dir DIR: every epoch's layer matrices as DIR/epoch-EEE/<layer>.kernel.npy (float32, TensorFlow's
 * layout: dense [in, out], convolution [k, k, c_in, c_out]), readable by `vsdl fit`, NumPy and WeightWatcher; and
 * the last epoch's model, biases included, as DIR/model.safetensors with its convolution layout, the run's seed,
 * parameters and versions in the metadata, readable by `vsdl analyze`, PyTorch's safetensors and Hugging Face tools.
 *
 * The folder is checked with the other outputs before training (checkWeightsDir) and created only when the first
 * epoch's matrices are written, so that a run stopped before then leaves nothing behind. A folder that already
 * holds a run's files (epoch-EEE/ folders or model.safetensors) is refused: a new run would overwrite some of
 * them and leave others (epoch-009/ of a longer run beside a shorter one), mixing two runs in one folder.
 */

const FLAG = '--weights-dir';
export const MODEL_FILE = 'model.safetensors';
const EPOCH_FOLDER = /^epoch-\d+$/;

/**
 * What --weights-dir is checked as, among the command's outputs (checkOutputs: a folder, existing or creatable,
 * not a file, not under /proc, its nearest existing ancestor taking new files); checkNoRunIn comes after.
 */
export function weightsDirOutput(dir: string): OutputSpec {
  return { flag: FLAG, path: dir, kind: 'folder' };
}

/** Refuses a folder that holds a run's files: epoch-EEE/ folders or model.safetensors. */
export async function checkNoRunIn(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new ParameterError(FLAG, dir, 'a folder that can be listed', fsReason(error));
  }
  const held = entries.filter((name) => name === MODEL_FILE || EPOCH_FOLDER.test(name)).sort();
  if (held.length === 0) return;
  const shown = held.map((name) => (name === MODEL_FILE ? name : `${name}/`));
  const list = shown.length > 4 ? `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more` : shown.join(', ');
  throw new ParameterError(FLAG, dir, 'a new folder, or one that holds no other run’s weights (remove them first)', `it already holds ${list}`);
}

/**
 * A path the run writes under DIR (DIR/model.safetensors, DIR/epoch-EEE/…) that `file` (another output) would
 * also be; null when there is none. Links are resolved as far as the paths exist.
 */
export async function weightsFileAt(file: string, dir: string): Promise<string | null> {
  const [f, d] = await Promise.all([resolvedPath(file), resolvedPath(dir)]);
  const inside = relative(d, f);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || resolve(d, inside) !== f) return null;
  const first = inside.split(sep)[0]!;
  if (inside === MODEL_FILE) return join(dir, MODEL_FILE);
  if (EPOCH_FOLDER.test(first)) return join(dir, inside);
  return null;
}

/** An absolute path with the links of its existing part resolved. */
async function resolvedPath(path: string): Promise<string> {
  const rest: string[] = [];
  let p = resolve(path);
  for (;;) {
    try {
      return join(await realpath(p), ...rest.reverse());
    } catch {
      const up = dirname(p);
      if (up === p) return resolve(path);
      rest.push(basename(p));
      p = up;
    }
  }
}

/**
 * Creates the folder and its missing parents one at a time (never fs.mkdir's recursive mode, which on Node 20
 * never returns for some paths, such as under /proc); a failure names --weights-dir and says why in words.
 */
export async function prepareWeightsDir(dir: string): Promise<void> {
  const refuse = (why: string): never => {
    throw new ParameterError(FLAG, dir, 'a folder that can be created', why);
  };
  const missing: string[] = [];
  for (let p = resolve(dir); ; ) {
    let info;
    try {
      info = await stat(p);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') refuse(`${p}: ${fsReason(error)}`);
    }
    if (info) {
      if (!info.isDirectory()) refuse(`${p} is not a folder`);
      break;
    }
    missing.push(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      // Made meanwhile (by another epoch's write): fine when it is a folder.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(folder).catch(() => null))?.isDirectory()) continue;
      refuse(`${folder}: ${fsReason(error)}`);
    }
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
    await writeAtomic(join(folder, `${t.name}.npy`), writeNpy({ data: t.data, shape: [...t.shape] }), FLAG);
  }
  return folder;
}

export async function writeModel(dir: string, tensors: ParameterTensor[], metadata: Record<string, string>): Promise<string> {
  const file = join(dir, MODEL_FILE);
  const named = Object.fromEntries(tensors.map((t) => [t.name, { data: t.data, shape: t.shape }]));
  await prepareWeightsDir(dir);
  await writeAtomic(file, writeSafetensors(named, { conv_layout: 'hwio', ...metadata }), FLAG);
  return file;
}
