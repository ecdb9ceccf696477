import { execFileSync } from 'node:child_process';

/**
 * A Python interpreter with NumPy (and SciPy when `withScipy`), used as an independent oracle; null when none is
 * installed, so that oracle tests skip cleanly. Tries the interpreter on PATH, then Debian's.
 */
function find(modules: string): string | null {
  for (const exe of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(exe, ['-c', `import ${modules}`], { stdio: 'ignore' });
      return exe;
    } catch {
      // try the next one
    }
  }
  return null;
}

/** Any Python 3, for scripts that need only the standard library. */
export const python: string | null = find('ast');
export const pythonWithNumpy: string | null = find('numpy');
export const pythonWithScipy: string | null = find('numpy, scipy');

/** Runs a Python script with the oracle interpreter and returns its stdout. */
export function runPython(script: string, exe = pythonWithNumpy): string {
  if (!exe) throw new Error('no python3 with numpy');
  return execFileSync(exe, ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 28 });
}
