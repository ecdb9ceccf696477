/**
 * The phase lab's grids. The page draws on them and the worker computes on them: both call these functions, so a
 * row or cell the worker sends always lands where the page expects it.
 */
import type { LabValues } from './definitions.js';

export interface GridAxes {
  alphas: number[];
  taus: number[];
}

type PhaseValues = LabValues<'phase'>;

/** `count` equal steps from max/count up to max: 0 is a limit the charts need not show (α = 0, τ = 0). */
export function stepsUpTo(max: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (max * (i + 1)) / count);
}

function gridAxes(alphaMax: number, alphaSteps: number, tauMax: number, tauSteps: number): GridAxes {
  return { alphas: stepsUpTo(alphaMax, alphaSteps), taus: stepsUpTo(tauMax, tauSteps) };
}

/** The replica theory's grid (the heatmap). */
export function phaseAxes(v: Pick<PhaseValues, 'alphaMax' | 'alphaSteps' | 'tauMax' | 'tauSteps'>): GridAxes {
  return gridAxes(v.alphaMax, v.alphaSteps, v.tauMax, v.tauSteps);
}

/** The Monte Carlo's coarser grid over the same ranges. */
export function monteCarloAxes(v: Pick<PhaseValues, 'alphaMax' | 'mcAlphaSteps' | 'tauMax' | 'mcTauSteps'>): GridAxes {
  return gridAxes(v.alphaMax, v.mcAlphaSteps, v.tauMax, v.mcTauSteps);
}

/** The layer map's grid over the same ranges. */
export function layerAxes(v: Pick<PhaseValues, 'alphaMax' | 'layerAlphaSteps' | 'tauMax' | 'layerTauSteps'>): GridAxes {
  return gridAxes(v.alphaMax, v.layerAlphaSteps, v.tauMax, v.layerTauSteps);
}
