export type {
  Axis,
  Check,
  Figure,
  Notebook,
  NotebookContext,
  NotebookParams,
  NotebookResult,
  NotebookSection,
  Series,
  SeriesKind,
  TableRow,
} from './notebook.js';
export { check, formatChecks } from './checks.js';
export { PALETTE, renderSvg, type SvgOptions } from './svg.js';
export { notebookFiles, tableCsv } from './export.js';
export { layerSpectrumSeries } from './layerSpectrum.js';
