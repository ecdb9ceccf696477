/**
 * The fitter lab: batches with known truth (law, μ, a few seeds) fitted by the power-law MLE, to compare α̂ with
 * the α theory predicts for each μ; and the fit of a user's own .npy file.
 */
import { generate, predictTruth, resolveParams } from '../../src/core/ensembles/index.js';
import { ParameterError } from '../../src/core/errors.js';
import { fitEsd, fitPowerLaw } from '../../src/core/fit/index.js';
import { esd, transpose } from '../../src/core/linalg/index.js';
import { asMatrix, asVector, readNpy } from '../../src/io/index.js';
import { columnsFor, LAB_FIELDS, MAX_UPLOAD_COLUMNS, type FitterDraw, type FitterRequest, type FitterResult, type UploadResult } from '../../src/labs/index.js';
import { ensembleParams } from '../../src/core/ensembles/index.js';
import { BAND_MUS, bandNote, calibratedSeries } from './calibration.js';
import { esdChart } from './esdChart.js';
import { fitPerN } from './fitUnits.js';
import { meanSe } from '../../src/core/stats/index.js';
import { loop, type JobControl } from './jobs.js';

export async function computeFitterBatch(r: FitterRequest, control: JobControl): Promise<FitterResult> {
  const jobs = r.mus.flatMap((mu) => Array.from({ length: r.reps }, (_, rep) => ({ mu, rep })));
  const draws: FitterDraw[] = [];
  const eigenvalues: Float64Array[] = [];
  let n = r.n;
  let m = columnsFor(r.n, r.q);
  await loop(jobs.length, control, (i) => {
    const { mu, rep } = jobs[i];
    const suffix = `:mu=${mu}:rep=${rep}`;
    const params = ensembleParams({ ensemble: 'heavy-tailed', law: r.law, n: r.n, q: r.q, mu, seed: r.seed }, suffix);
    const values = esd(generate(params).W);
    const fit = fitPowerLaw(values);
    n = params.n;
    m = params.m;
    draws.push({ mu, rep, seed: String(params.seed), alpha: fit.alpha, sigma: fit.sigma, xmin: fit.xmin, D: fit.D });
    eigenvalues.push(values);
  });
  const mus = [...new Set(r.mus)].sort((a, b) => a - b);
  const x = Float64Array.from(mus);
  const mean = new Float64Array(mus.length);
  const sd = new Float64Array(mus.length);
  const se = new Float64Array(mus.length);
  const predicted = new Float64Array(mus.length);
  mus.forEach((mu, k) => {
    const own = draws.filter((d) => d.mu === mu);
    const stats = meanSe(own.map((d) => d.alpha));
    mean[k] = stats.mean;
    sd[k] = stats.n > 1 ? stats.sd : 0; // one seed: no spread to draw
    se[k] = meanSe(own.map((d) => d.sigma)).mean;
    const truth = predictTruth(resolveParams(ensembleParams({ ensemble: 'heavy-tailed', law: r.law, n: r.n, q: r.q, mu, seed: r.seed })));
    // The limit only: the calibrated α̂ for 2 < μ < 4 has series of its own, with its interval.
    predicted[k] = truth.heavy_tail?.predicted_alpha_basis === 'limit' ? truth.heavy_tail.predicted_alpha ?? NaN : NaN;
  });
  const q = n / m;
  const atMus = calibratedSeries(r.law, q, m, mus);
  const band = calibratedSeries(r.law, q, m, BAND_MUS);
  return {
    n,
    m,
    draws,
    eigenvalues,
    summary: { x, ys: { alphaHat: mean, spread: sd, fitSigma: se, predicted, ...atMus.series.ys } },
    calibration: { band: band.series, note: bandNote(r.law, q, m, band.series, band.gaps) },
  };
}

/** The fit of an uploaded .npy; `q` (Q = N/M) places a vector of eigenvalues against MP (a matrix knows its own). */
export function fitUpload(bytes: Uint8Array, name: string, q?: number): UploadResult {
  if (!(bytes instanceof Uint8Array)) throw new ParameterError('file', typeof bytes, 'the bytes of a .npy file');
  if (q !== undefined) {
    const checked = LAB_FIELDS.fitter.q.check(q);
    if (!checked.ok) throw new ParameterError('q', q, LAB_FIELDS.fitter.q.allowed, checked.why);
  }
  const array = readNpy(bytes, name);
  const notes: string[] = [];
  let fit;
  let eigenvalues: Float64Array;
  let kind: UploadResult['kind'];
  if (array.shape.length === 2) {
    kind = 'matrix';
    let W = asMatrix(array, name);
    if (W.rows < W.cols) {
      W = transpose(W);
      notes.push(`transposed the ${W.cols}×${W.rows} matrix so that N ≥ M (the ESD is that of WᵀW/N)`);
    }
    if (W.cols > MAX_UPLOAD_COLUMNS) throw new ParameterError('matrix', `${W.rows}×${W.cols}`, `at most ${MAX_UPLOAD_COLUMNS} columns (after transposing)`);
    eigenvalues = esd(W);
    fit = fitPerN(fitEsd({ eigenvalues, n: W.rows, q: W.rows / W.cols }, { seed: 1 }));
  } else if (array.shape.length === 1) {
    kind = 'eigenvalues';
    eigenvalues = Float64Array.from(asVector(array, name)).sort();
    if (q === undefined) {
      fit = fitEsd({ eigenvalues });
      notes.push('eigenvalues only: give Q = N/M for the MP fit and the phase');
    } else {
      fit = fitPerN(fitEsd({ eigenvalues, q, normalization: '1/N' }, { seed: 1 }));
      notes.push(`eigenvalues of WᵀW/N with Q = ${q}: N = ${fit.N}, M = ${eigenvalues.length}`);
    }
  } else {
    throw new ParameterError('array', `shape (${array.shape.join(', ')})`, 'a 2-D matrix W or a 1-D vector of eigenvalues');
  }
  if (fit.status === 'failed') notes.push(`fit failed: ${fit.reason}`);
  else if (fit.reason) notes.push(fit.reason);
  return { name, shape: array.shape, kind, notes, fit, ...esdChart(eigenvalues, { alpha: fit.alpha, xmin: fit.xmin, tail: fit.num_pl_spikes }) };
}
