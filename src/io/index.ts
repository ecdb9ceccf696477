export type { NdArray, NumericArray, ArrayInput } from './ndarray.js';
export { readNpy, readNpyHeader, writeNpy, MAX_HEADER_BYTES, type NpyLayout, type ReadNpyOptions, type WriteNpyOptions } from './npy.js';
export { toFloat64, asMatrix, asVector, type ConvertOptions } from './convert.js';
export { readNpz, writeNpz } from './npz.js';
export { readIdx, type IdxArray } from './idx.js';
export { readMnist } from './mnist.js';
export { toCsv, parseCsv, type CsvOptions, type ParsedCsv } from './csv.js';
export { jsonText, sidecarJson } from './sidecar.js';
export { WW_CONFIG_FILENAME, weightFileName, matrixNpy, weightWatcherConfig, weightWatcherScript, recordsCsv, checkLayerName, type WwLayer } from './weightwatcher.js';
export {
  readSafetensors,
  readSafetensorsHeader,
  writeSafetensors,
  MAX_SAFETENSORS_HEADER,
  SAFETENSORS_DTYPES,
  type SafeTensor,
  type Safetensors,
  type SafetensorsDtype,
  type SafetensorsEntry,
  type SafetensorsInput,
} from './safetensors.js';
export { decodeFloat16, decodeBfloat16 } from './float16.js';
export {
  readTfjsManifest,
  readTfjsWeights,
  tfjsShardPaths,
  type TfjsDtype,
  type TfjsGroup,
  type TfjsManifest,
  type TfjsQuantization,
  type TfjsTensor,
  type TfjsWeightSpec,
} from './tfjs.js';
export {
  detectModelFormat,
  kernelWithoutLayout,
  modelFromFiles,
  npzModel,
  safetensorsModel,
  tfjsModel,
  type ModelFile,
  type ModelFormat,
  type NamedBytes,
} from './modelFile.js';
export { readTrainGrid, LOAD_KNOBS, TEMPERATURE_KNOBS, MAX_TRAIN_GRID_BYTES, type TrainGridMap, type TrainGridCell, type LoadKnob, type TemperatureKnob } from './trainGrid.js';
