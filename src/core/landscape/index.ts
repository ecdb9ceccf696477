export { checkCouplings, localFields, energyPerSpin, overlap, canonical, isOneFlipStable } from './energy.js';
export { MAX_ENUMERATION_N, planEnumeration, enumerationChunk, scanChunk, bestOf, enumerateProgram, type EnumerationChunk, type EnumerationPlan, type GroundState } from './enumerate.js';
export { enumerateOn, scannerOn, type ChunkReply, type ChunkRequest, type ChunkScanner, type ChunkThread } from './parallel.js';
export { enumerationKernelAvailable } from './enumerateKernel.js';
export { DESCENT_RULES, descend, randomSpins, quenchProgram, type DescentRule, type LocalMinimum, type QuenchOptions } from './quench.js';
export { summarizeMinima, pairOverlaps, type Basin, type MinimaSummary } from './minima.js';
export { TEMPERING_DEFAULTS, fieldScale, temperingSearch, type TemperingSearchOptions, type TemperingSearchResult } from './tempering.js';
export {
  COUPLING_LAWS,
  LANDSCAPE_METHODS,
  MIN_MU,
  MAX_LANDSCAPE_N,
  DEFAULT_ENUMERATION_N,
  DEFAULT_QUENCHES,
  resolveLandscape,
  type CouplingLaw,
  type LandscapeMethod,
  type LandscapeOptions,
  type ResolvedLandscape,
} from './params.js';
export { drawInstance, type LandscapeInstance } from './couplings.js';
export {
  ENUMERATION_RATE,
  FIELD_UPDATE_RATE,
  DEFAULT_LANDSCAPE_LIMITS,
  estimateLandscape,
  checkLandscapeSize,
  describeLandscapeEstimate,
  type LandscapeEstimate,
  type LandscapeLimits,
  type SizeCheckOptions,
} from './estimate.js';
export {
  runLandscape,
  type EnumerateBackend,
  type InstanceResult,
  type LandscapeControl,
  type LandscapeGroundState,
  type LandscapeProgress,
  type LandscapeResult,
} from './run.js';
export { LARGEST_BASINS, instanceRecord, landscapeRecord, type InstanceRecord, type LandscapeRecord } from './record.js';
export { instanceGaps, landscapeSummary, type LandscapeSummary, type SpreadOverInstances } from './summary.js';
