export type {
  ExtremeVerdict,
  InputMode,
  LayerBatch,
  LayerBatchLearner,
  LayerBbp,
  LayerCellParams,
  LayerCellRecord,
  LayerProgress,
  LayerSchedule,
  LayerSweepHeader,
  LayerSweepOptions,
  LayerSweepResult,
  LayerTeacherSpec,
  LayerTheory,
  RowNorms,
  SpectrumSummary,
  TeacherCovariance,
} from './types.js';
export { checkLayerSweep, checkTeacher, COVARIANCE_LAWS, INPUT_MODES, ROW_NORMS, type CheckedLayerSweep, type CheckedTeacher } from './params.js';
export { drawTeacher, type LayerTeacher } from './teacher.js';
export { inputSeed, learnLayer, type LearnedLayer, type LearnOptions } from './students.js';
export { layerMatrix, analyseLayer, summarizeSpectra, type LayerSpectrum } from './spectrum.js';
export { extremeVerdict } from './extremes.js';
export { psi, psiPrime, criticalSpike, bulkEdge, spikeOutlier } from './spikedModel.js';
export { teacherModel, predictSpectrum, rowTheory, inheritedTail, type TeacherModel, type PredictedSpectrum } from './theory.js';
export { surrogateLayer } from './surrogate.js';
export { inputScales, inputPopulation, heavyTailThresholdR } from './covariance.js';
export { layerCellProgram, mostFrequent, summarizeLayerCell, type LayerCellContext } from './cell.js';
export { layerCellKey, cellParts, type LayerCellIdentity } from './key.js';
export { runLayerSweep, planLayerSweep, layerSweepHeader, assembleLayerSweep, type LayerSweepPlan } from './sweep.js';
export { layerCellWork } from './estimate.js';
