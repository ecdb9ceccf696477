import { assembleLayerSweep, layerCellWork, planLayerSweep, type LayerCellRecord, type LayerSweepPlan } from '../../core/layer/index.js';
import { ASSUMED_RATE, assembleSweep, cellWork, planSweep, type CellRecord, type SweepPlan } from '../../core/vsdl/index.js';
import { checkReplanned, type GridDocument, type GridKind, type GridPlan } from '../grid/kind.js';
import { layerSweepDocument, sweepDocument, type LayerSweepDocument, type SweepDocument } from './files.js';

/** The two sweeps of `vsdl sweep` as grids that can be sharded, merged and submitted as array jobs. */

export function sweepGridPlan(plan: SweepPlan): GridPlan {
  return {
    keys: plan.cells.map((c) => c.key),
    costs: plan.cells.map((c) => cellWork(c.params).fieldUpdates),
    secondsPerCost: 1 / ASSUMED_RATE,
    labels: plan.cells.map((c) => `α = ${c.params.alpha}, τ = ${c.params.tau}`),
  };
}

export function layerGridPlan(plan: LayerSweepPlan): GridPlan {
  return {
    keys: plan.cells.map((c) => c.key),
    costs: plan.cells.map((c) => layerCellWork(c.identity, plan.checked.samples)),
    secondsPerCost: 1 / ASSUMED_RATE,
    labels: plan.cells.map((c) => `α = ${c.identity.alpha}, τ = ${c.identity.tau}`),
  };
}

/** The perceptron sweep of a document, planned from its header as the command plans it from its flags. */
function replanSweep(doc: GridDocument): SweepPlan {
  const h = doc as unknown as SweepDocument;
  const s = h.schedule ?? {};
  const fixed = (value: number | 'auto' | undefined) => (value === 'auto' ? undefined : value);
  const plan = planSweep({
    weights: h.weights,
    n: h.N,
    alphas: h.alphas,
    taus: h.taus,
    noise: h.noise,
    samples: h.samples,
    seed: h.seed,
    start: h.start,
    // 'given' (a caller's teacher vector) is not in the file: it plans to a drawn teacher and fails the check.
    teacher: h.teacher === 'given' ? undefined : h.teacher,
    schedule: {
      equilibrationSweeps: fixed(s.equilibration),
      measurementSweeps: fixed(s.measurement),
      maxEquilibrationSweeps: s.max_equilibration,
      maxMeasurementSweeps: s.max_measurement,
    },
  });
  checkReplanned(plan.header, doc);
  return plan;
}

function replanLayer(doc: GridDocument): LayerSweepPlan {
  const h = doc as unknown as LayerSweepDocument;
  const t = h.teacher;
  const plan = planLayerSweep({
    teacher: { ensemble: t?.ensemble, spikes: t?.spikes, spikeModel: t?.spike_model ?? undefined, mu: t?.mu ?? undefined, sigma: t?.sigma, covariance: t?.covariance },
    k: h.K,
    n: h.N,
    alphas: h.alphas,
    taus: h.taus,
    inputs: h.inputs,
    weights: h.weights,
    rowNorms: h.row_norms,
    samples: h.samples,
    seed: h.seed,
    schedule: {
      equilibrationSweeps: h.schedule?.equilibration === 'auto' ? undefined : h.schedule?.equilibration,
      maxEquilibrationSweeps: h.schedule?.max_equilibration,
      measurementSweeps: h.schedule?.measurement,
    },
  });
  checkReplanned(plan.header, doc);
  return plan;
}

export const SWEEP_KIND: GridKind = {
  command: 'vsdl sweep',
  matches: (doc) => doc.model === undefined && 'weights' in doc && 'phase_lines' in doc,
  derived: [],
  plan: (doc) => sweepGridPlan(replanSweep(doc)),
  assemble: (doc, cells, status) => {
    const records = new Map(cells.map((c) => [c.key, c as CellRecord]));
    const phaseLines = doc.phase_lines as SweepDocument['phase_lines'];
    return sweepDocument(assembleSweep(replanSweep(doc), phaseLines, records, status), doc.backend as string);
  },
};

export const LAYER_SWEEP_KIND: GridKind = {
  command: 'vsdl sweep --layer',
  matches: (doc) => doc.model === 'vsdl-layer',
  derived: ['phase_grid', 'predicted_phase_grid'],
  plan: (doc) => layerGridPlan(replanLayer(doc)),
  assemble: (doc, cells, status) => {
    const plan = replanLayer(doc);
    const records = new Map(cells.map((c) => [c.key, c as LayerCellRecord]));
    return layerSweepDocument(assembleLayerSweep(plan.header, plan.cells.map((c) => c.key), records, status));
  },
};
