/**
 * Reads the output of `vsdl train-grid` (JSON) for drawing: a real network's phase diagram, a load-like knob
 * (training-set size or randomized labels) against a temperature-like one (batch size or learning rate), each cell
 * with its dominant layer phase and generalization gap. Everything a drawing relies on is checked, and a file that
 * is not such an output gets a FormatError saying what is wrong, before anything is drawn.
 */
import { FormatError } from '../core/errors.js';
import { MAX_GRID_CELLS } from '../core/train/params.js';

export const LOAD_KNOBS = ['train_size', 'label_noise'] as const;
export const TEMPERATURE_KNOBS = ['batch_size', 'learning_rate'] as const;
export type LoadKnob = (typeof LOAD_KNOBS)[number];
export type TemperatureKnob = (typeof TEMPERATURE_KNOBS)[number];

/** Largest train-grid file read (1024 cells with their histories are a few megabytes). */
export const MAX_TRAIN_GRID_BYTES = 64 * 1024 * 1024;

export interface TrainGridCell {
  key: string;
  /** Column (load value) and row (temperature value) of the cell. */
  loadIndex: number;
  temperatureIndex: number;
  status: string;
  train_acc: number;
  test_acc: number;
  generalization_gap: number;
  dominant_phase: string | null;
  alpha_mean: number | null;
  alpha_weighted_mean: number | null;
  layers: { name: string; phase: string | null; alpha: number | null }[];
}

export interface TrainGridMap {
  model: string;
  data: string;
  seed: string;
  status: string;
  load: { knob: LoadKnob; values: number[] };
  temperature: { knob: TemperatureKnob; values: number[] };
  cells: TrainGridCell[];
  /** Cells of the full grid the file does not hold yet (an interrupted or split run). */
  missing: number;
}

const WHAT = 'the train-grid file';
const fail = (detail: string): never => {
  throw new FormatError(WHAT, detail);
};
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numberOrNull = (v: unknown, where: string): number | null => (v === null || v === undefined ? null : finite(v) ? v : fail(`${where} is not a number`));

/** The varied knob of one kind, or the single value every cell shares (a one-dimensional grid). */
function axis<K extends string>(kind: string, knobs: readonly K[], axes: Record<string, unknown>, params: Record<string, unknown>): { knob: K; values: number[] } {
  const varied = knobs.filter((k) => axes[k] !== undefined);
  if (varied.length > 1) fail(`it varies both ${varied.join(' and ')}: the phase lab draws one ${kind} knob against one other`);
  if (varied.length === 1) {
    const values = axes[varied[0]];
    if (!Array.isArray(values) || values.length === 0 || values.length > MAX_GRID_CELLS || !values.every(finite)) fail(`axes.${varied[0]} is not a list of numbers`);
    return { knob: varied[0], values: values as number[] };
  }
  const fixed = knobs.find((k) => finite(params[k]));
  return fixed ? { knob: fixed, values: [params[fixed] as number] } : fail(`neither axes nor params give a ${kind} knob (${knobs.join(' or ')})`);
}

export function readTrainGrid(text: string): TrainGridMap {
  if (text.length > MAX_TRAIN_GRID_BYTES) fail(`${text.length} characters, above the limit of ${MAX_TRAIN_GRID_BYTES}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    fail(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(doc)) return fail('not a JSON object');
  if (doc.kind !== 'train-grid') fail(`its kind is ${JSON.stringify(doc.kind ?? null)}, not "train-grid" (the output of vsdl train-grid --out or --json)`);
  const axes = isRecord(doc.axes) ? doc.axes : fail('it has no axes object');
  const params = isRecord(doc.params) ? doc.params : fail('it has no params object');
  const load = axis('load-like', LOAD_KNOBS, axes, params);
  const temperature = axis('temperature-like', TEMPERATURE_KNOBS, axes, params);
  if (!Array.isArray(doc.cells)) fail('it has no list of cells');
  const raw = doc.cells as unknown[];
  if (raw.length > MAX_GRID_CELLS) fail(`${raw.length} cells, above the limit of ${MAX_GRID_CELLS}`);
  const seen = new Set<string>();
  const cells = raw.map((c, i): TrainGridCell => {
    const where = `cells[${i}]`;
    if (!isRecord(c)) return fail(`${where} is not an object`);
    const loadIndex = load.values.indexOf(c[load.knob] as number);
    const temperatureIndex = temperature.values.indexOf(c[temperature.knob] as number);
    if (loadIndex < 0) fail(`${where}.${load.knob} = ${JSON.stringify(c[load.knob])} is not on the grid's axis`);
    if (temperatureIndex < 0) fail(`${where}.${temperature.knob} = ${JSON.stringify(c[temperature.knob])} is not on the grid's axis`);
    const place = `${loadIndex},${temperatureIndex}`;
    if (seen.has(place)) fail(`${where} repeats the cell ${load.knob} = ${load.values[loadIndex]}, ${temperature.knob} = ${temperature.values[temperatureIndex]}`);
    seen.add(place);
    for (const name of ['train_acc', 'test_acc', 'generalization_gap']) if (!finite(c[name])) fail(`${where}.${name} is not a number`);
    if (c.dominant_phase !== null && typeof c.dominant_phase !== 'string') fail(`${where}.dominant_phase is not a phase name`);
    const layers = Array.isArray(c.layers) ? c.layers : [];
    return {
      key: typeof c.key === 'string' ? c.key : '',
      loadIndex,
      temperatureIndex,
      status: typeof c.status === 'string' ? c.status : '',
      train_acc: c.train_acc as number,
      test_acc: c.test_acc as number,
      generalization_gap: c.generalization_gap as number,
      dominant_phase: (c.dominant_phase as string | null) ?? null,
      alpha_mean: numberOrNull(c.alpha_mean, `${where}.alpha_mean`),
      alpha_weighted_mean: numberOrNull(c.alpha_weighted_mean, `${where}.alpha_weighted_mean`),
      layers: layers.filter(isRecord).map((l, j) => ({
        name: typeof l.name === 'string' ? l.name : `layer ${j}`,
        phase: typeof l.phase === 'string' ? l.phase : null,
        alpha: numberOrNull(l.alpha, `${where}.layers[${j}].alpha`),
      })),
    };
  });
  return {
    model: String(doc.model ?? ''),
    data: String(doc.data ?? ''),
    seed: String(doc.seed ?? ''),
    status: String(doc.status ?? ''),
    load,
    temperature,
    cells,
    missing: load.values.length * temperature.values.length - cells.length,
  };
}
