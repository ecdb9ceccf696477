export type { NdArray, NumericArray, ArrayInput } from './ndarray.js';
export { readNpy, readNpyHeader, writeNpy, MAX_HEADER_BYTES, type NpyLayout, type WriteNpyOptions } from './npy.js';
export { toFloat64, asMatrix, asVector } from './convert.js';
export { readNpz, writeNpz } from './npz.js';
export { toCsv, parseCsv, type CsvOptions, type ParsedCsv } from './csv.js';
export { jsonText, sidecarJson } from './sidecar.js';
export { WW_CONFIG_FILENAME, weightFileName, matrixNpy, weightWatcherConfig, weightWatcherScript, recordsCsv, checkLayerName, type WwLayer } from './weightwatcher.js';
