export { meanSe, type MeanSe } from './summary.js';
export { histogram, linearEdges, logEdges, steppedGrid, type Histogram } from './histogram.js';
export { quantileSorted } from './quantile.js';
export { grid } from './grid.js';
export { fitLine, type LineFit } from './line.js';
export { ksDistance, ksCritical } from './ks.js';
export { triangularKde } from './kde.js';
export { integratedAutocorrelation, summarizeSeries, SOKAL_WINDOW_FACTOR, type AutocorrelationEstimate, type SeriesSummary } from './autocorrelation.js';
