import { closeSync, constants, openSync, unlinkSync, type Stats } from 'node:fs';
import { access, chmod, lstat, open, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ParameterError } from '../core/errors.js';
import { fsReason, isPathProblem } from './fsErrors.js';

/**
 * Writing output files. Every command checks all its outputs with checkOutputs before any work starts, and writes
 * with writeAtomic (or writeAtomicGroup for files that belong together, such as a matrix and its truth):
 *
 * - a regular file is replaced atomically: the new content goes to a temporary file beside it, renamed over it
 *   when complete, so a failed or interrupted run leaves the old file as it was (keeping its permissions);
 * - a symbolic link is followed: its target is replaced and the link stays;
 * - a character device or a FIFO (/dev/null, a pipe) is written through, never replaced; block devices and
 *   sockets are refused;
 * - an output that is one of the command's inputs (same file by path or by device and inode) is refused, and so
 *   are two outputs that are the same file;
 * - temporary files are removed when the process is interrupted (SIGINT, SIGTERM, SIGHUP) and nothing else
 *   handles the signal; a group of renames, once started, completes before the process stops.
 */

export interface OutputSpec {
  /** The flag that named the path, for messages. */
  flag: string;
  path: string;
  /** 'file' (the default) or 'folder' (created with its parents when missing). */
  kind?: 'file' | 'folder';
  /** A folder output that must be empty (or not exist yet). */
  empty?: boolean;
}

export interface InputSpec {
  flag: string;
  path: string;
}

/** Checks every output (and that none is an input) before any work; throws a ParameterError naming the flag. */
export async function checkOutputs(outputs: readonly OutputSpec[], inputs: readonly InputSpec[] = []): Promise<void> {
  const seen: { spec: OutputSpec; key: string | null; id: string | null }[] = [];
  const inputIds = await Promise.all(inputs.map(async (input) => ({ input, key: await resolvedPath(input.path), id: await fileId(input.path) })));
  for (const spec of outputs) {
    if (typeof spec.path !== 'string' || spec.path === '') throw new ParameterError(spec.flag, spec.path ?? 'missing', 'a file path');
    if (spec.kind === 'folder') await checkFolderOutput(spec);
    else await checkFileOutput(spec);
    const id = await fileId(spec.path);
    const key = id === null && (await isCharacterDevice(spec.path)) ? null : await resolvedPath(spec.path);
    for (const { input, key: inputKey, id: inputId } of inputIds) {
      if ((key !== null && key === inputKey) || (id !== null && id === inputId)) {
        throw new ParameterError(spec.flag, spec.path, `a file other than the input ${input.path} (${input.flag})`, 'writing it would destroy the input');
      }
    }
    for (const other of seen) {
      if ((key !== null && key === other.key) || (id !== null && id === other.id)) {
        throw new ParameterError(spec.flag, spec.path, `a file other than ${other.spec.path} (${other.spec.flag})`, 'two outputs would be the same file');
      }
    }
    seen.push({ spec, key, id });
  }
}

async function checkFileOutput(spec: OutputSpec): Promise<void> {
  const refuse = (why: string): never => {
    throw new ParameterError(spec.flag, spec.path, 'a writable file path', why);
  };
  const target = await existing(spec.path, refuse);
  if (target === null) {
    await checkFolder(dirname(spec.path), refuse);
    return;
  }
  if (target.isDirectory()) refuse('it is a folder');
  if (target.isFile()) {
    await checkFolder(dirname(await realpath(spec.path)), refuse);
    if (!(await writable(spec.path))) refuse('the file is read-only');
    return;
  }
  if (target.isCharacterDevice()) {
    if (!(await writable(spec.path))) refuse('permission denied');
    return;
  }
  if (target.isFIFO()) {
    // Opening a FIFO without a reader would block forever: ask without blocking. The answer's descriptor stays open
    // until the command ends (releaseFifoWriters): closing it would be the pipe's end of file, and a reader such as
    // `cat` would leave before the real write, which would then wait forever for a reader. Held open, the reader
    // sees one stream, ended when the command ends, as with the shell's `> fifo`.
    const key = await resolvedPath(spec.path);
    if (heldFifoWriters.has(key)) return;
    try {
      heldFifoWriters.set(key, openSync(spec.path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch (error) {
      refuse(`it is a FIFO and ${fsReason(error)}`);
    }
    return;
  }
  refuse(`it is a ${target.isBlockDevice() ? 'block device' : 'socket'}; outputs are regular files, character devices or FIFOs`);
}

/** FIFO outputs checked for a reader, by resolved path: their probing descriptors, open until the command ends. */
const heldFifoWriters = new Map<string, number>();

/** Closes the descriptors checkOutputs holds on FIFO outputs: their readers see the end of the stream. */
export function releaseFifoWriters(): void {
  for (const fd of heldFifoWriters.values()) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
  heldFifoWriters.clear();
}

async function checkFolderOutput(spec: OutputSpec): Promise<void> {
  const allowed = spec.empty ? 'a folder that does not exist yet or is empty' : 'a folder path';
  const refuse = (why: string): never => {
    throw new ParameterError(spec.flag, spec.path, allowed, why);
  };
  const target = await existing(spec.path, refuse);
  if (target !== null) {
    if (!target.isDirectory()) refuse('it is not a folder');
    if (spec.empty && (await readdir(spec.path)).length > 0) refuse('it is not empty');
    await checkFolder(spec.path, refuse, true);
    return;
  }
  // A missing folder is created with its parents: the nearest existing ancestor must accept it.
  let ancestor = dirname(resolve(spec.path));
  while ((await existing(ancestor, refuse)) === null && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  await checkFolder(ancestor, refuse);
}

/** stat of what the path names (following links), null when nothing is there. */
async function existing(path: string, refuse: (why: string) => never): Promise<Stats | null> {
  let link: Stats;
  try {
    link = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return refuse(fsReason(error));
  }
  if (!link.isSymbolicLink()) return link;
  try {
    return await stat(path);
  } catch (error) {
    return refuse(`it is a symbolic link to ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'nothing' : `something unreadable (${fsReason(error)})`}`);
  }
}

/** The folder exists, is a folder, and accepts a new file (tried, not guessed: permissions, read-only mounts, /proc). */
async function checkFolder(folder: string, refuse: (why: string) => never, isTarget = false): Promise<void> {
  const shown = folder === '' ? '.' : folder;
  let info: Stats;
  try {
    info = await stat(shown);
  } catch (error) {
    refuse((error as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder does not exist: ${shown}` : `the folder ${shown}: ${fsReason(error)}`);
    return;
  }
  if (!info.isDirectory()) refuse(`${shown} is not a folder`);
  const probe = join(shown, `.vsdl-probe.${process.pid}.${++counter}.tmp`);
  try {
    await (await open(probe, 'wx')).close();
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    refuse(code === 'ENOENT' ? `the folder ${shown} does not accept new files` : `${isTarget ? 'the' : 'its'} folder ${shown} cannot take new files: ${fsReason(error)}`);
  }
}

async function writable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

async function isCharacterDevice(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isCharacterDevice();
  } catch {
    return false;
  }
}

/** An absolute path with every link resolved (for a path that does not exist yet, its folder's). */
async function resolvedPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    try {
      return join(await realpath(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** device:inode of an existing file (catches hard links and bind mounts), null when there is none. */
async function fileId(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    // A character device is a stream, not a file's content: reading /dev/zero and writing /dev/null (or even
    // reading and writing the same terminal) destroys nothing.
    if (info.isCharacterDevice()) return null;
    return `${info.dev}:${info.ino}`;
  } catch {
    return null;
  }
}

// ---- writing ----------------------------------------------------------------------------------------------

let counter = 0;

export interface OutputFile {
  path: string;
  content: Uint8Array | string;
}

/** Writes one file atomically (see the module comment). */
export async function writeAtomic(path: string, content: Uint8Array | string, flag = '--out'): Promise<void> {
  await writeAtomicGroup([{ path, content }], flag);
}

/**
 * Writes files that belong together: every new content is complete in its temporary file before the first rename,
 * and the renames run to the end even when a signal arrives meanwhile. A reader can still find the group half
 * renamed after a crash or SIGKILL, which is why a matrix's truth also records the matrix's checksum.
 */
export async function writeAtomicGroup(files: readonly OutputFile[], flag = '--out'): Promise<void> {
  const plans: { target: string; through: boolean; temp: string | null; content: Uint8Array | string; path: string }[] = [];
  try {
    for (const { path, content } of files) {
      const { target, through, mode } = await writePlan(path);
      const plan = { target, through, temp: null as string | null, content, path };
      plans.push(plan);
      if (through) continue;
      plan.temp = join(dirname(target), `.${basename(target)}.${process.pid}.${++counter}.tmp`);
      track(plan.temp);
      await writeFile(plan.temp, content, { flag: 'wx' });
      if (mode !== null) await chmod(plan.temp, mode);
    }
    committing++;
    try {
      for (const plan of plans) {
        if (plan.temp) {
          await rename(plan.temp, plan.target);
          untrack(plan.temp);
          plan.temp = null;
        } else await writeFile(plan.target, plan.content);
      }
    } finally {
      leaveCommit();
    }
  } catch (error) {
    for (const plan of plans) {
      if (!plan.temp) continue;
      await rm(plan.temp, { force: true });
      untrack(plan.temp);
    }
    const failed = plans[plans.length - 1]?.path ?? files[0]?.path;
    if (isPathProblem(error)) throw new ParameterError(flag, failed, 'a writable file path', fsReason(error));
    throw new Error(`cannot write ${failed}: ${fsReason(error)}`);
  }
}

/** Where the bytes go: the link's target for a symbolic link; straight through for a device or FIFO. */
async function writePlan(path: string): Promise<{ target: string; through: boolean; mode: number | null }> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch {
    return { target: path, through: false, mode: null };
  }
  if (info.isCharacterDevice() || info.isFIFO()) return { target: path, through: true, mode: null };
  if (!info.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: info.isDirectory() ? 'EISDIR' : 'EINVAL' });
  return { target: await realpath(path), through: false, mode: info.mode & 0o7777 };
}

// ---- temporary files and signals --------------------------------------------------------------------------

const live = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let installed = false;
let committing = 0;
let deferred: NodeJS.Signals | null = null;

function onSignal(signal: NodeJS.Signals): void {
  // A command that handles the signal itself (a sweep saving its cells) finishes its writes: step aside. So does a
  // listener already removed while this emit was under way (count 0): the run is stopping on its own, and
  // deleting its temporary files now would fail its last write with a misleading error instead of exit 130.
  if (process.listenerCount(signal) !== 1) return;
  if (committing > 0) {
    deferred = signal;
    return;
  }
  stop(signal);
}

/** Removes the temporary files and lets the signal do what it would have done: end the process. */
function stop(signal: NodeJS.Signals): void {
  for (const temp of live) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
  live.clear();
  setInstalled(false);
  process.kill(process.pid, signal);
}

function setInstalled(on: boolean): void {
  if (on === installed) return;
  installed = on;
  for (const signal of SIGNALS) {
    // First in line, so that a command's own listener (even a `once` one) is still counted when it runs.
    if (on) process.prependListener(signal, onSignal);
    else process.off(signal, onSignal);
  }
}

function track(temp: string): void {
  live.add(temp);
  setInstalled(true);
}

function untrack(temp: string): void {
  live.delete(temp);
  if (live.size === 0 && committing === 0) setInstalled(false);
}

function leaveCommit(): void {
  committing--;
  if (committing > 0) return;
  if (deferred) {
    const signal = deferred;
    deferred = null;
    stop(signal);
  } else if (live.size === 0) setInstalled(false);
}

/** Temporary files in flight (for tests). */
export function liveTemporaryFiles(): string[] {
  return [...live];
}
