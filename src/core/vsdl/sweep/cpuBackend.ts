import { runCell } from '../cell.js';
import type { SweepBackend } from './types.js';

/** The CPU reference in this thread: runCell, which yields to the event loop between blocks of sweeps. */
export const cpuSweepBackend: SweepBackend = {
  name: 'cpu',
  runCell: (params, { signal, onProgress }) => runCell({ ...params, signal, onProgress }),
};
