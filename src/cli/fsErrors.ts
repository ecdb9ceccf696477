/**
 * File-system errors in words: messages name what is wrong with a path ("no such file or folder"), never
 * Node's internal codes (ENOENT, EISDIR) or its call details.
 */

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EFBIG: 'the file is too large for the file system',
  EEXIST: 'it already exists',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EIO: 'an input/output error of the device',
  ENXIO: 'no process is reading it',
  ENODEV: 'no such device',
  EXDEV: 'it is on another file system',
  EINVAL: 'the file system does not support this',
  EAGAIN: 'the file is not ready (try again)',
  ERR_FS_FILE_TOO_LARGE: 'the file is larger than 2 GiB',
};

/** The reason a file operation failed, in words. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && REASONS[code]) return REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  // "ECODE: what happened, syscall 'path'" → "what happened"
  return message.replace(/^[A-Z_]+: /, '').replace(/, \w+ '.*'$/s, '') || 'the operating system refused it';
}

/** Whether the error is about the path itself (the caller named a bad place) rather than a failure while working. */
export function isPathProblem(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ELOOP' || code === 'ENAMETOOLONG';
}
