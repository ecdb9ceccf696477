export {
  CONV_LAYOUTS,
  LAYOUT_HELP,
  checkWeightTensor,
  weightGeometry,
  weightMatrices,
  type ConvLayout,
  type WeightGeometry,
  type WeightKind,
  type WeightTensor,
  type WeightTensorOptions,
} from './matrices.js';
export { analyzeLayer, analyzeLayerSpectrum, fitWeightSpectrum, spectrumWork, weightSpectrum, DEFAULT_FALSE_POSITIVE_RATE, MIN_PHASE_EIGENVALUES, type AnalyzeLayerOptions, type LayerRecord, type WeightSpectrum } from './layer.js';
export {
  analyzeModel,
  selectWeights,
  type AnalyzeModelOptions,
  type ModelAnalysis,
  type ModelTensor,
  type SkippedTensor,
  type WeightSelection,
} from './model.js';
