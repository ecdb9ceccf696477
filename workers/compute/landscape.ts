/**
 * The landscape lab: for each coupling law, the core's landscape run at N (ground states, then quenches, streamed
 * as they come) and the spectrum of J; then the width of the band of minima at each of the request's sizes. All
 * numbers are the core's (runLandscape, landscapeRecord, landscapeSummary), so the lab shows what
 * `vsdl landscape` prints for the same parameters.
 */
import { ParameterError } from '../../src/core/errors.js';
import {
  drawInstance,
  instanceRecord,
  landscapeRecord,
  landscapeSummary,
  overlap,
  resolveLandscape,
  runLandscape,
  type EnumerateBackend,
  type LandscapeGroundState,
  type LandscapeOptions,
  type LandscapeResult,
} from '../../src/core/landscape/index.js';
import { symmetricEigenvalues } from '../../src/core/linalg/index.js';
import { meanSe } from '../../src/core/stats/index.js';
import {
  ASK_SECONDS,
  enumerationWorkers,
  JobCancelled,
  landscapeEstimate,
  landscapeLaws,
  landscapeOptions,
  spectrumDraws,
  widthOptions,
  type LandscapeItem,
  type LandscapeLabResult,
  type LandscapeRequest,
  type LawSpectrum,
  type WidthPoint,
} from '../../src/labs/index.js';
import { yieldToEvents, type JobControl } from './jobs.js';

/** A batch of quenches is streamed at most this often (a histogram can grow while an instance runs). */
const BATCH_MS = 150;
/** Spectra of small J take microseconds: yield to hear a cancel only every this many milliseconds. */
const YIELD_MS = 50;

export interface LandscapeSetup {
  /** Cores the browser reports (the estimate and the number of enumerating threads follow them). */
  cores: number;
  /** Whether the page asked before starting (it must when the estimate says so). */
  confirmed: boolean;
  /** Web workers that share an enumeration (absent: the lab worker enumerates alone). */
  pool?: () => EnumerateBackend | null;
}

export async function computeLandscape(r: LandscapeRequest, control: JobControl, onItem: (item: LandscapeItem) => void, setup: LandscapeSetup): Promise<LandscapeLabResult> {
  const estimate = landscapeEstimate(r, setup.cores);
  if (estimate.ask && !setup.confirmed) throw new ParameterError('landscape run', estimate.text, `a run of at most ${ASK_SECONDS} s, or one the page has confirmed`);
  const started = performance.now();
  const laws = landscapeLaws(r);
  const threads = enumerationWorkers(r, setup.cores);
  const pooled = threads > 1 ? (setup.pool?.() ?? null) : null;
  const workers = pooled ? threads : 1;

  // Progress counts instances (each law at N, then each law at each size) and one unit per spectrum.
  const total = laws.length * (r.instances * (1 + r.sizes.length) + 1);
  let done = 0;
  const progress = (fraction: number, stage: string) => control.progress(done + fraction, total, stage);

  const run = async (options: LandscapeOptions, stage: string, streamAs: number | null): Promise<LandscapeResult> => {
    const instances = resolveLandscape(options).instances;
    let ground: LandscapeGroundState | null = null;
    let batch = { energies: [] as number[], overlaps: [] as number[], instance: -1, at: performance.now() };
    const flush = () => {
      if (streamAs === null || !ground || batch.energies.length === 0) return;
      onItem({ kind: 'minima', law: streamAs, instance: batch.instance, groundStateEnergy: ground.energy, energies: batch.energies, overlaps: batch.overlaps });
      batch = { energies: [], overlaps: [], instance: batch.instance, at: performance.now() };
    };
    try {
      const result = await runLandscape(options, {
        signal: control.signal,
        enumerate: pooled ?? undefined,
        workers,
        onProgress: (p) => progress(p.fraction * instances, `${stage}: instance ${p.instance + 1} of ${instances}, ${p.stage}`),
        onGroundState: (k, g) => {
          ground = g;
          batch = { energies: [], overlaps: [], instance: k, at: performance.now() };
        },
        onMinimum: (k, _q, m) => {
          if (streamAs === null || !ground) return;
          batch.energies.push(m.energy);
          batch.overlaps.push(overlap(m.state, ground.state));
          if (performance.now() - batch.at > BATCH_MS) flush();
        },
        onInstance: (result) => {
          ground = null;
          if (streamAs !== null) onItem({ kind: 'instance', law: streamAs, instance: result.index, record: instanceRecord(result) });
        },
      });
      done += instances;
      return result;
    } catch (error) {
      if (control.signal.aborted) throw new JobCancelled();
      throw error;
    }
  };

  const records = [];
  const summaries = [];
  const spectra: LawSpectrum[] = [];
  const runMillis: number[] = [];
  let spectrumMillis = 0;
  for (const [index, law] of laws.entries()) {
    const t0 = performance.now();
    const record = landscapeRecord(await run(landscapeOptions(r, law), law.label, index));
    runMillis.push(performance.now() - t0);
    records.push(record);
    summaries.push(landscapeSummary(record.instances));
    const t1 = performance.now();
    const spectrum = await spectrumOf(r, index, control, (f) => progress(f, `${law.label}: spectrum of J`));
    spectrumMillis += performance.now() - t1;
    done += 1;
    spectra.push(spectrum);
    onItem({ kind: 'spectrum', spectrum: { ...spectrum, eigenvalues: spectrum.eigenvalues.slice() } });
  }

  const t2 = performance.now();
  const widths: WidthPoint[] = [];
  for (const n of r.sizes) {
    for (const [index, law] of laws.entries()) {
      const record = landscapeRecord(await run(widthOptions(r, law, n), `${law.label}: width at N = ${n}`, null));
      const width = landscapeSummary(record.instances).width;
      const point = { law: index, n, width: width.mean, widthSe: width.se, instanceSpread: meanSe(record.instances.map((i) => meanSe(i.minima_energies).mean)).sd };
      widths.push(point);
      onItem({ kind: 'width', point });
    }
  }
  const widthMillis = performance.now() - t2;
  control.progress(total, total, 'done');
  return { laws, records, summaries, widths, spectra, workers, millis: { runs: runMillis, widths: widthMillis, spectra: spectrumMillis, total: performance.now() - started } };
}

/** Eigenvalues of J pooled over the law's first draws at N (instance k's couplings, planted pattern included). */
async function spectrumOf(r: LandscapeRequest, law: number, control: JobControl, onProgress: (fraction: number) => void): Promise<LawSpectrum> {
  const params = resolveLandscape(landscapeOptions(r, landscapeLaws(r)[law]));
  const draws = spectrumDraws(r.n);
  const eigenvalues = new Float64Array(draws * r.n);
  let last = performance.now();
  for (let k = 0; k < draws; k++) {
    const { J } = drawInstance(params, k);
    eigenvalues.set(symmetricEigenvalues({ rows: r.n, cols: r.n, data: J }), k * r.n);
    if (performance.now() - last < YIELD_MS && k + 1 < draws) continue;
    onProgress((k + 1) / draws);
    await yieldToEvents();
    last = performance.now();
    if (control.signal.aborted) throw new JobCancelled();
  }
  return { law, draws, eigenvalues };
}
