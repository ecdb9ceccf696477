import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError, ParameterError } from '../../core/errors.js';
import { GENERATOR } from '../../core/random/index.js';
import { SWEEP_OBSERVABLES, sweepGrid, type CellRecord, type SweepHeader, type SweepObservable, type SweepResult } from '../../core/vsdl/index.js';
import type { LayerSweepHeader, LayerSweepResult } from '../../core/layer/index.js';
import { sidecarJson, toCsv, writeNpy } from '../../io/index.js';
import { SOFTWARE } from '../../version.js';
import { writeAtomic } from '../files.js';
import { readResumeText } from '../grid/jsonFile.js';
import { fsReason } from '../fsErrors.js';

/** The files of `vsdl sweep`: the JSON document, its CSV table, the .npy grids, and reading a document back. */

export interface SweepDocument extends SweepResult {
  backend: string;
  versions: { software: typeof SOFTWARE; generator: typeof GENERATOR };
}

export type LayerSweepDocument = LayerSweepResult & { versions: { software: typeof SOFTWARE; generator: typeof GENERATOR } };

/** The layer sweep's JSON document (vsdl sweep --layer): parameters, provenance, status, the phase grids, then the cells. */
export function layerSweepDocument(result: LayerSweepResult): LayerSweepDocument {
  const { status, cells, phase_grid, predicted_phase_grid, ...header } = result;
  return { ...header, versions: { software: SOFTWARE, generator: GENERATOR }, status, phase_grid, predicted_phase_grid, cells };
}

/** The document's key order: parameters, provenance, theory lines, status, cells. */
export function sweepDocument(result: SweepResult, backend: string): SweepDocument {
  const { phase_lines, status, cells, ...header } = result;
  return { ...header, backend, versions: { software: SOFTWARE, generator: GENERATOR }, phase_lines, status, cells };
}

/**
 * Writes each document atomically, one write at a time, and skips documents superseded while a write was in
 * flight (the newest always lands). A failed write is reported once through onError and rethrown by flush().
 * Any JSON document: `vsdl train` rewrites its run record the same way after every epoch.
 */
export class SweepWriter<T extends object = SweepDocument> {
  private pending: string | null = null;
  private running: Promise<void> | null = null;
  private error: unknown = null;

  constructor(
    private readonly path: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  write(document: T): void {
    this.pending = sidecarJson(document);
    // Cleared when the drain settles (a microtask later, even when it finishes at once: a drain that cleared it
    // itself, before this assignment, left a settled promise behind that flush() awaited forever).
    if (!this.running) this.running = this.drain().finally(() => (this.running = null));
  }

  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.error) throw this.error;
  }

  private async drain(): Promise<void> {
    while (this.pending !== null && this.error === null) {
      const text = this.pending;
      this.pending = null;
      try {
        await writeAtomic(this.path, text);
      } catch (error) {
        this.error = error;
        this.onError(error);
      }
    }
  }
}

/** One row per finished cell in grid order: α, τ, then every observable of SWEEP_OBSERVABLES. */
export function sweepCsv(document: SweepDocument): string {
  const columns: Record<string, number[]> = { alpha: document.cells.map((c) => c.alpha), tau: document.cells.map((c) => c.tau) };
  for (const [name, pick] of Object.entries(SWEEP_OBSERVABLES)) columns[name] = document.cells.map(pick);
  return toCsv(columns, {
    comments: [
      `vsdl sweep (${SOFTWARE.name} ${SOFTWARE.version}, ${GENERATOR.name} v${GENERATOR.version}), status ${document.status}`,
      `weights=${document.weights} N=${document.N} samples=${document.samples} noise=${document.noise} seed=${JSON.stringify(document.seed)} start=${document.start}`,
      'theory_* from the replica-symmetric theory (equilibrium branch); NaN where it declined; theory_perfect: 1 on the perfect branch',
    ],
  });
}

/**
 * DIR/<observable>.npy, float64 of shape [n_tau, n_alpha] (row i: τ = taus[i]; column j: α = alphas[j]; NaN for
 * cells not run), DIR/alphas.npy, DIR/taus.npy, and DIR/sweep.json: the document without its cells, with the
 * layout and the file list.
 */
/** The names of the files writeSweepNpy writes into its folder, whatever the grid (known before any work). */
export function sweepNpyFiles(): string[] {
  return ['alphas.npy', 'taus.npy', ...Object.keys(SWEEP_OBSERVABLES).map((name) => `${name}.npy`), 'sweep.json'];
}

export async function writeSweepNpy(dir: string, document: SweepDocument): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new ParameterError('--npy-dir', dir, 'a folder that can be created', fsReason(error));
  }
  const shape = [document.taus.length, document.alphas.length];
  const files: string[] = [];
  const put = async (name: string, data: Float64Array, arrayShape: number[]) => {
    await writeAtomic(join(dir, name), writeNpy({ data, shape: arrayShape }), '--npy-dir');
    files.push(name);
  };
  await put('alphas.npy', Float64Array.from(document.alphas), [document.alphas.length]);
  await put('taus.npy', Float64Array.from(document.taus), [document.taus.length]);
  for (const name of Object.keys(SWEEP_OBSERVABLES) as SweepObservable[]) await put(`${name}.npy`, sweepGrid(document, name), shape);
  const { cells, ...rest } = document;
  const sidecar = {
    ...rest,
    cells_done: cells.length,
    layout: { shape, axes: ['tau', 'alpha'], order: 'C (row-major)', missing: 'NaN' },
    files,
  };
  await writeAtomic(join(dir, 'sweep.json'), sidecarJson(sidecar), '--npy-dir');
  return [...files, 'sweep.json'];
}

/** A sweep document read back for --resume; null when the file does not exist. */
export async function readSweepDocument(path: string): Promise<SweepDocument | null> {
  const text = await readResumeText(path);
  if (text === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(text, revive);
  } catch (error) {
    // A file cut short (a copy or a disk that failed mid-write) is unreadable input, as an empty one is.
    throw new FormatError(path, `not JSON: ${(error as Error).message}`);
  }
  const problem = documentProblem(data);
  if (problem) throw new ParameterError('--resume', path, 'a sweep file written by vsdl sweep', problem);
  return data as SweepDocument;
}

/** The exports write NaN and ±Infinity as strings (JSON has none); numbers come back as numbers. */
function revive(key: string, value: unknown): unknown {
  if (key === 'seed' || key === 'key') return value;
  // Files written before q_se became null with one sample hold "NaN" there: read as what it means now.
  if (key === 'q_se' && value === 'NaN') return null;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

const CELL_NUMBERS = ['alpha', 'tau', 'p', 'R', 'q', 'eps_g', 'eps_t', 'energy', 'R_se', 'eps_g_se', 'eps_t_se', 'energy_se',
  'acceptance', 'equilibration_sweeps', 'measurement_sweeps', 'unequilibrated'] as const;
/** Numbers that are null where undefined (q_se with one sample). */
const CELL_NUMBERS_OR_NULL = ['q_se'] as const;
const THEORY_NUMBERS = ['R', 'q', 'eps_g', 'eps_t', 'f', 's'] as const;

function documentProblem(data: unknown): string | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'not a JSON object';
  const doc = data as Record<string, unknown>;
  for (const field of ['weights', 'N', 'samples', 'noise', 'seed', 'start', 'teacher', 'schedule', 'alphas', 'taus', 'versions', 'cells']) {
    if (!(field in doc)) return `no '${field}' field`;
  }
  if (!Array.isArray(doc.cells)) return "'cells' is not an array";
  for (const [index, cell] of (doc.cells as unknown[]).entries()) {
    if (cell === null || typeof cell !== 'object') return `cells[${index}] is not an object`;
    const c = cell as Record<string, unknown>;
    if (typeof c.key !== 'string') return `cells[${index}].key is not a string`;
    for (const name of CELL_NUMBERS) if (typeof c[name] !== 'number') return `cells[${index}].${name} is not a number`;
    for (const name of CELL_NUMBERS_OR_NULL) if (c[name] !== null && typeof c[name] !== 'number') return `cells[${index}].${name} is neither a number nor null`;
    const tauInt = c.tau_int as Record<string, unknown> | null;
    if (!tauInt || typeof tauInt.energy !== 'number' || typeof tauInt.R !== 'number') return `cells[${index}].tau_int is not { energy, R }`;
    if (c.theory !== null) {
      const t = c.theory as Record<string, unknown> | undefined;
      if (!t || typeof t !== 'object' || THEORY_NUMBERS.some((name) => typeof t[name] !== 'number')) return `cells[${index}].theory is neither null nor { R, q, eps_g, eps_t, f, s, branch }`;
    }
  }
  return null;
}

/**
 * Which flag a stored parameter belongs to, for messages about a file that does not match the command line: a
 * field of the header, or a dotted path into one ('teacher.spikes').
 */
export type ResumeField = readonly [field: string, flag: string];

const HEADER_FLAGS: readonly ResumeField[] = [
  ['weights', '--weights'],
  ['N', '--n'],
  ['samples', '--samples'],
  ['noise', '--noise'],
  ['seed', '--seed'],
  ['start', '--start'],
  ['teacher', '--weights'],
  ['schedule', '--equilibration/--measurement'],
] satisfies readonly (readonly [keyof SweepHeader, string])[];

/** The same for the layer sweep (vsdl sweep --layer); its teacher is described field by field. */
export const LAYER_HEADER_FLAGS: readonly ResumeField[] = [
  ['K', '--k'],
  ['N', '--n'],
  ['weights', '--weights'],
  ['inputs', '--inputs'],
  ['row_norms', '--row-norms'],
  ['samples', '--samples'],
  ['seed', '--seed'],
  ['teacher.ensemble', '--teacher'],
  ['teacher.covariance', '--teacher/--mu'],
  ['teacher.spikes', '--spikes'],
  ['teacher.spike_model', '--spike-model'],
  ['teacher.mu', '--mu'],
  ['teacher.sigma', '--sigma'],
  ['schedule', '--equilibration/--measurement'],
];

/** The header of either sweep, as far as resuming compares it. */
type ResumableHeader = (SweepHeader | LayerSweepHeader) & { seed: SweepHeader['seed'] };
/** A stored document of either sweep (checked to be one by its reader). */
interface ResumableDocument {
  versions?: { generator?: unknown };
  cells: readonly { alpha: number; tau: number }[];
}

function fieldValue(document: object, path: string): unknown {
  return path.split('.').reduce<unknown>((value, name) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined), document);
}

/**
 * Checks that a stored document was made with the same shared parameters and generator as the requested sweep
 * and holds no cell outside its grid (resuming must not drop stored results). Throws a ParameterError naming
 * the flag that differs. `fields` are the perceptron sweep's unless given (LAYER_HEADER_FLAGS for the layer's).
 */
export function checkResumable(stored: ResumableDocument, header: ResumableHeader, path: string, fields: readonly ResumeField[] = HEADER_FLAGS): void {
  for (const [field, flag] of fields) {
    const a = field === 'seed' ? String(fieldValue(stored, 'seed')) : JSON.stringify(fieldValue(stored, field));
    const b = field === 'seed' ? String(header.seed) : JSON.stringify(fieldValue(header, field));
    if (a !== b) throw new ParameterError(flag, field === 'seed' ? header.seed : b ?? 'unset', `${a ?? 'unset'} as in ${path} (or a new --out)`, `--resume needs the parameters the file was made with`);
  }
  // Anything else the header holds (a parameter without a flag of its own) must match too; the axes may differ.
  for (const [field, value] of Object.entries(header)) {
    if (field === 'alphas' || field === 'taus') continue;
    const [a, b] = [JSON.stringify(fieldValue(stored, field)), JSON.stringify(value)];
    if (a !== b) throw new ParameterError('--resume', path, `a file made with ${field} ${b} (or a new --out)`, `its ${field} is ${a ?? 'missing'}`);
  }
  const generator = JSON.stringify(stored.versions?.generator);
  if (generator !== JSON.stringify(GENERATOR)) {
    throw new ParameterError('--resume', path, `a file made with generator ${JSON.stringify(GENERATOR)}`, `it was made with ${generator}`);
  }
  const alphas = new Set(header.alphas);
  const taus = new Set(header.taus);
  const outside = stored.cells.filter((c) => !alphas.has(c.alpha) || !taus.has(c.tau));
  if (outside.length > 0) {
    const c = outside[0]!;
    throw new ParameterError('--alpha/--tau', `a grid without α = ${c.alpha}, τ = ${c.tau}`, `axes that include every cell of ${path} (${outside.length} would be dropped), or a new --out`);
  }
}
