export { GPU_MODES, availableModes, type GpuMode } from './modes.js';
export { chooseGpuMode, pickGpuMode, type GpuModeChoice, type GpuModeMeasurement, type ChooseOptions } from './choose.js';
export { createGpuBackend, type GpuBackend, type GpuBackendOptions, type GridRunOptions, type RunControl } from './backend.js';
export { GPU_DEFAULT_SWEEPS, GPU_MAX_N, GPU_MAX_P, type GridOptions } from './params.js';
export { GPU_REFRESH_SWEEPS } from './simulate.js';
export type { GpuCellResult, GpuRunInfo } from './results.js';
export { PHILOX24, philox24Block } from './philox24.js';
export { philox24BlocksOnGpu } from './rng.js';
export { GPU_INITIAL_WIDTH } from './layout.js';
