/**
 * Rules that tie fields together (beyond each field's own range). The page repairs values that break a rule (a link
 * or a control change) and says what it changed; the worker refuses them. Both read the rules here.
 */
import { columnsFor, LANDSCAPE_MAX_ENUMERATION_N, LANDSCAPE_MAX_MINIMA, MAX_M, type AnyLabValues, type LabId } from './definitions.js';
import { LAWS, type LawName } from '../core/ensembles/index.js';
import { MNIST_COUNT, MODELS, TRAIN_DEFAULTS, type ModelName } from '../core/train/params.js';
import { trainLayers } from './train.js';

/** The largest μ a heavy-tailed law allows (the core's descriptor); Infinity for the others and unknown names. */
function muMax(law: unknown): number {
  const range = typeof law === 'string' && Object.hasOwn(LAWS, law) ? LAWS[law as LawName].mu : null;
  return range ? range.max : Infinity;
}

interface Rule {
  /** The field the rule repairs, and what it allows (for the worker's error). */
  field: string;
  allowed: string;
  /** Repairs `v` in place and says what it changed, or returns null when `v` keeps the rule. */
  repair(v: AnyLabValues): string | null;
  /** The largest value of `field` the rule allows given the other fields (a slider then never offers more). */
  max?: (v: AnyLabValues) => number;
}

const num = (v: AnyLabValues, name: string): number => Number(v[name]);

const atLeastTwoColumns: Rule = {
  field: 'q',
  allowed: 'a Q that leaves at least 2 columns (M = N/Q ≥ 2)',
  repair: (v) => (columnsFor(num(v, 'n'), num(v, 'q')) < 2 ? ((v.q = 1), 'Q gives fewer than 2 columns: Q reset to 1') : null),
};

/** μ within what the law in field `lawField` allows (the stable law: μ ≤ 2). */
const muWithinLaw = (lawField: string): Rule => ({
  field: 'mu',
  allowed: 'μ ≤ 2 for the stable law',
  repair(v) {
    const max = muMax(v[lawField]);
    if (num(v, 'mu') <= max) return null;
    v.mu = max;
    return `the ${String(v[lawField])} law needs μ ≤ ${max}: μ set to ${max}`;
  },
});
const stableMu = muWithinLaw('law');

const rules: Record<LabId, Rule[]> = {
  spectrum: [
    atLeastTwoColumns,
    {
      field: 'n',
      allowed: `N with M = N/Q ≤ ${MAX_M}`,
      max: (v) => Math.floor(MAX_M * num(v, 'q')),
      repair(v) {
        const m = columnsFor(num(v, 'n'), num(v, 'q'));
        if (m <= MAX_M) return null;
        v.n = Math.floor(MAX_M * num(v, 'q'));
        return `M = ${m} is above the lab's limit of ${MAX_M}: N reduced to ${v.n}`;
      },
    },
    stableMu,
    {
      field: 'spikes',
      allowed: 'at least one spike for the spiked ensemble',
      repair(v) {
        if (v.ensemble !== 'spiked' || (Array.isArray(v.spikes) && v.spikes.length > 0)) return null;
        v.spikes = [4];
        return 'the spiked ensemble needs at least one spike: spikes reset to 4';
      },
    },
  ],
  edge: [
    atLeastTwoColumns,
    {
      field: 'n',
      allowed: 'N ≤ 2000 for heavy-tailed draws',
      max: (v) => (v.ensemble === 'heavy-tailed' ? 2000 : Infinity),
      repair(v) {
        // Heavy-tailed draws need a dense spectrum each: keep them small enough to finish in seconds.
        if (v.ensemble !== 'heavy-tailed' || num(v, 'n') <= 2000) return null;
        v.n = 2000;
        return 'heavy-tailed edge draws are dense spectra: N reduced to 2000';
      },
    },
    stableMu,
  ],
  fitter: [
    {
      field: 'mus',
      allowed: 'μ values ≤ 2 for the stable law',
      repair(v) {
        const mus = v.mus;
        const max = muMax(v.law);
        if (!Array.isArray(mus)) return null;
        const kept = mus.filter((mu) => mu <= max);
        if (kept.length === mus.length) return null;
        v.mus = kept.length > 0 ? kept : [1, 1.5, 2];
        return `the ${String(v.law)} law needs μ ≤ ${max}: larger μ values dropped`;
      },
    },
  ],
  phase: [
    {
      field: 'layerSpikes',
      allowed: 'at least one spike for a spiked teacher',
      repair(v) {
        if (v.teacher !== 'spiked' || (Array.isArray(v.layerSpikes) && v.layerSpikes.length > 0)) return null;
        v.layerSpikes = [5, 10];
        return 'a spiked teacher needs at least one spike: layerSpikes reset to 5,10';
      },
    },
  ],
  landscape: [
    muWithinLaw('couplings'),
    {
      field: 'n',
      allowed: `N ≤ ${LANDSCAPE_MAX_ENUMERATION_N} for exact enumeration`,
      repair(v) {
        if (v.method !== 'enumerate' || num(v, 'n') <= LANDSCAPE_MAX_ENUMERATION_N) return null;
        v.n = LANDSCAPE_MAX_ENUMERATION_N;
        return `exact enumeration visits 2^(N−1) configurations: N reduced to ${LANDSCAPE_MAX_ENUMERATION_N} (tempering or quench give the best found at larger N)`;
      },
    },
    {
      field: 'quenches',
      allowed: `instances × quenches ≤ ${LANDSCAPE_MAX_MINIMA}`,
      repair(v) {
        if (num(v, 'instances') * num(v, 'quenches') <= LANDSCAPE_MAX_MINIMA) return null;
        v.quenches = Math.floor(LANDSCAPE_MAX_MINIMA / num(v, 'instances'));
        return `the lab keeps at most ${LANDSCAPE_MAX_MINIMA} minima per law: quenches reduced to ${v.quenches} per instance`;
      },
    },
  ],
  train: [
    {
      field: 'trainSize',
      allowed: `at most ${MNIST_COUNT - TRAIN_DEFAULTS.testSize} training digits (MNIST has ${MNIST_COUNT}, ${TRAIN_DEFAULTS.testSize} kept for testing)`,
      max: (v) => (v.data === 'mnist' ? MNIST_COUNT - TRAIN_DEFAULTS.testSize : Infinity),
      repair(v) {
        const max = MNIST_COUNT - TRAIN_DEFAULTS.testSize;
        if (v.data !== 'mnist' || num(v, 'trainSize') <= max) return null;
        v.trainSize = max;
        return `MNIST has ${max} training digits: training examples reduced to ${max}`;
      },
    },
    {
      field: 'batchSize',
      allowed: 'a batch size no larger than the training set',
      max: (v) => num(v, 'trainSize'),
      repair(v) {
        if (num(v, 'batchSize') <= num(v, 'trainSize')) return null;
        v.batchSize = num(v, 'trainSize');
        return `a batch cannot exceed the training set: batch size reduced to ${v.batchSize}`;
      },
    },
    {
      field: 'layer',
      allowed: "a layer number up to the model's number of weight layers",
      max: (v) => layerCount(v.model),
      repair(v) {
        const max = layerCount(v.model);
        if (num(v, 'layer') <= max) return null;
        v.layer = max;
        return `${String(v.model)} has ${max} weight layers: layer shown set to ${max}`;
      },
    },
  ],
};

/** Weight layers of a model (an unknown name, which the field check refuses first, bounds nothing). */
function layerCount(model: unknown): number {
  return (MODELS as readonly unknown[]).includes(model) ? trainLayers(model as ModelName).length : Infinity;
}

/** Applies the lab's cross-field rules in place and returns what was changed. */
export function applyConstraints(lab: LabId, values: AnyLabValues): string[] {
  const notes: string[] = [];
  for (const rule of rules[lab]) {
    const note = rule.repair(values);
    if (note) notes.push(note);
  }
  return notes;
}

/** The first rule `values` break, without changing them; null when they keep every rule. */
export function brokenConstraint(lab: LabId, values: AnyLabValues): { field: string; allowed: string } | null {
  const copy = structuredClone(values);
  for (const rule of rules[lab]) if (rule.repair(copy) !== null) return { field: rule.field, allowed: rule.allowed };
  return null;
}

/** The largest value the rules allow for `field` given the other values (Infinity when no rule bounds it). */
export function ruleMax(lab: LabId, field: string, values: AnyLabValues): number {
  let max = Infinity;
  for (const rule of rules[lab]) if (rule.field === field && rule.max) max = Math.min(max, rule.max(values));
  return max;
}
