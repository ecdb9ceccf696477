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
} from './matrices.js';
export { analyzeLayer, analyzeLayerSpectrum, fitWeightSpectrum, spectrumWork, weightSpectrum, MIN_PHASE_EIGENVALUES, type AnalyzeLayerOptions, type LayerRecord, type WeightSpectrum } from './layer.js';
export {
  analyzeModel,
  selectWeights,
  type AnalyzeModelOptions,
  type ModelAnalysis,
  type ModelTensor,
  type SkippedTensor,
  type WeightSelection,
} from './model.js';
