import { ConvergenceError, ParameterError } from '../errors.js';
import { PHASES, type Phase } from '../fit/index.js';
import { createStream, type Seed } from '../random/index.js';
import type { Program } from '../vsdl/drive.js';
import { extremeVerdict } from './extremes.js';
import { cellParts, layerCellKey, type LayerCellIdentity } from './key.js';
import { analyseLayer, layerMatrix, summarizeSpectra } from './spectrum.js';
import { learnLayer, type LearnedLayer } from './students.js';
import { surrogateLayer } from './surrogate.js';
import type { LayerTeacher } from './teacher.js';
import { inheritedTail, predictSpectrum, rowTheory, type TeacherModel } from './theory.js';
import type { ExtremeVerdict, LayerCellRecord, LayerTheory } from './types.js';

/**
 * One cell (α, τ) of a layer sweep: for each of `samples` layers (teacher draw, inputs and chains), learn the
 * layer by Monte Carlo, fit its ESD, and set the theory beside it. Scalars are means over the samples; R and ε_g
 * are means over all rows with the standard error over rows; `phase` is the most frequent label. The theory's
 * closed forms use sample 0's teacher; its predicted phase is the most frequent surrogate phase.
 */

export interface LayerCellContext {
  identity: LayerCellIdentity;
  samples: number;
  seed: Seed;
  /** The teacher of a sample and its model (cached by the sweep: teachers do not depend on α or τ). */
  teacher: (sample: number) => { teacher: LayerTeacher; model: TeacherModel };
}

export function* layerCellProgram(ctx: LayerCellContext, progress: (fraction: number) => number): Program<LayerCellRecord> {
  const { identity: id, samples, seed } = ctx;
  const parts = cellParts(id);
  const learned: LearnedLayer[] = [];
  for (let s = 0; s < samples; s++) {
    const { teacher } = ctx.teacher(s);
    learned.push(
      yield* learnLayer(
        teacher,
        { alpha: id.alpha, tau: id.tau, inputs: id.inputs, weights: id.weights, schedule: id.schedule, seed, sample: s, cell: parts },
        (f) => progress((s + f) / samples),
      ),
    );
  }
  return summarizeLayerCell(ctx, learned);
}

/**
 * The record of a cell from its learned layers (one per sample, however they were learned: CPU chains or a GPU
 * batch): each layer's ESD fitted and classified, the theory's surrogate beside it, and the cell's means.
 */
export function summarizeLayerCell(ctx: LayerCellContext, learnedLayers: readonly LearnedLayer[]): LayerCellRecord {
  const { identity: id, samples, seed } = ctx;
  let theoryRow: { R: number; eps_g: number } | null = null;
  let theoryError: string | null = null;
  try {
    theoryRow = rowTheory(id.weights, id.alpha, id.tau);
  } catch (error) {
    if (!(error instanceof ConvergenceError || error instanceof ParameterError)) throw error;
    theoryError = error.message;
  }

  const spectra: Float64Array[] = [];
  const fits: ReturnType<typeof analyseLayer>[] = [];
  const verdicts: ExtremeVerdict[] = [];
  const predicted: Phase[] = [];
  const rowR: number[] = [];
  let unequilibrated = 0;
  let equilibrationSweeps = 0;
  let p = 0;
  for (let s = 0; s < samples; s++) {
    const { teacher } = ctx.teacher(s);
    const learned = learnedLayers[s]!;
    p = learned.p;
    unequilibrated += learned.unequilibrated;
    equilibrationSweeps = Math.max(equilibrationSweeps, learned.equilibrationSweeps);
    for (const r of learned.R) rowR.push(r);
    const scales = id.rowNorms === 'teacher' ? teacher.scales : null;
    const spectrum = analyseLayer(layerMatrix(learned.J, id.k, id.n, scales));
    spectra.push(spectrum.eigenvalues);
    fits.push(spectrum);
    verdicts.push(extremeVerdict(spectrum.fit, spectrum.unitsPerX));
    if (theoryRow) {
      const stream = createStream(seed, 'layer', 'surrogate', `sample=${s}`);
      const J = surrogateLayer(teacher, theoryRow.R, id.weights, stream);
      const phase = analyseLayer(layerMatrix(J, id.k, id.n, scales)).fit.phase;
      if (phase) predicted.push(phase);
    }
  }

  const mean = (values: (number | null)[]) => {
    const ok = values.filter((v): v is number => v !== null && Number.isFinite(v));
    return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
  };
  const inX = (pick: (f: (typeof fits)[number]['fit']) => number | null) =>
    mean(fits.map((f) => (pick(f.fit) === null ? null : pick(f.fit)! / f.unitsPerX)));
  const phases = fits.map((f) => f.fit.phase).filter((x): x is Phase => x !== null);
  const counts: Partial<Record<Phase, number>> = {};
  for (const ph of phases) counts[ph] = (counts[ph] ?? 0) + 1;
  const Rmean = rowR.reduce((a, b) => a + b, 0) / rowR.length;
  const Rsd = Math.sqrt(rowR.reduce((a, b) => a + (b - Rmean) ** 2, 0) / Math.max(1, rowR.length - 1));
  const epsG = rowR.reduce((a, r) => a + Math.acos(Math.max(-1, Math.min(1, r))) / Math.PI, 0) / rowR.length;
  const verdict = mostFrequent(verdicts.map((v) => v.verdict), ['outlier', 'frechet', 'tracy-widom', 'undecided'] as const);

  let theory: LayerTheory | null = null;
  if (theoryRow) {
    const spectrum = predictSpectrum(ctx.teacher(0).model, theoryRow.R);
    theory = {
      R: theoryRow.R,
      eps_g: theoryRow.eps_g,
      predicted_phase: mostFrequent(predicted, PHASES),
      bbp: spectrum.bbp,
      lambda_plus: spectrum.lambda_plus,
      heavy_tail: inheritedTail(id.teacher, ctx.teacher(0).teacher, id.rowNorms),
      note: spectrum.note,
    };
  }
  return {
    key: layerCellKey(id, samples, seed),
    alpha: id.alpha,
    tau: id.tau,
    p,
    phase: mostFrequent(phases, PHASES),
    phase_counts: counts,
    eps_g: epsG,
    R: Rmean,
    R_se: Rsd / Math.sqrt(rowR.length),
    alpha_pl: mean(fits.map((f) => f.fit.alpha)),
    num_spikes: mean(fits.map((f) => f.fit.num_spikes)) ?? 0,
    lambda_max: inX((f) => f.lambda_max) ?? NaN,
    mp_lambda_plus: inX((f) => f.lambda_plus),
    entropy: mean(fits.map((f) => f.fit.entropy)),
    stable_rank: mean(fits.map((f) => f.fit.stable_rank)),
    mp_ks: mean(fits.map((f) => f.fit.mp_ks)),
    extremes: { ...verdicts[0]!, verdict: verdict ?? 'undecided' },
    spectrum: summarizeSpectra(spectra),
    unequilibrated,
    equilibration_sweeps: equilibrationSweeps,
    theory,
    theory_error: theoryError,
  };
}

/** The most frequent value; ties go to the one listed first in `order`. Null for an empty list. */
export function mostFrequent<T extends string>(values: readonly T[], order: readonly T[]): T | null {
  let best: T | null = null;
  let bestCount = 0;
  for (const candidate of order) {
    const count = values.filter((v) => v === candidate).length;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
