export { presetCells, spikeAtTwScore, PRESETS, type Preset, type ValidationCell } from './grid.js';
export { generateLowRank, type LowRankParams, type LowRankTruth } from './lowRank.js';
export {
  runValidation,
  type ValidationMatrix,
  type ValidationOptions,
  type ValidationResult,
  type ValidationRow,
} from './run.js';
export { summarize, type QuantitySummary, type ValidationSummary } from './summarize.js';
