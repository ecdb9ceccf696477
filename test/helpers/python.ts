import { execFileSync } from 'node:child_process';

/**
 * A Python interpreter that imports `modules` (e.g. 'numpy, scipy'), used as an independent oracle; null when none
 * is installed (or VSDL_NO_PYTHON=1 pretends so), and oracle tests then use their frozen results
 * (test/helpers/oracle.ts). Tries the interpreter on PATH, then Debian's.
 */
export function findPython(modules: string): string | null {
  if (process.env.VSDL_NO_PYTHON === '1') return null;
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
export const python: string | null = findPython('ast');
export const pythonWithNumpy: string | null = findPython('numpy');
export const pythonWithScipy: string | null = findPython('numpy, scipy');

/** Runs a Python script with the oracle interpreter and returns its stdout. */
export function runPython(script: string, exe = pythonWithNumpy): string {
  if (!exe) throw new Error('no python3 with numpy');
  return execFileSync(exe, ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 28 });
}
