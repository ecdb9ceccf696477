import { ENSEMBLES, SPIKE_MODELS, generate, resolveParams, type EnsembleName, type SpikeModel } from '../../core/ensembles/index.js';
import { ParameterError } from '../../core/errors.js';
import { GENERATOR } from '../../core/random/index.js';
import { jsonText, sidecarJson, writeNpy } from '../../io/index.js';
import { SOFTWARE } from '../../version.js';
import type { Command } from '../command.js';
import { checkOutputWithSidecar, writeAtomicGroup } from '../files.js';
import { matrixFileRecord } from '../truthFile.js';
import { parseInteger, parseList, parseSeedFlag, optionalNumber, required } from '../parse.js';
import { Progress } from '../progress.js';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'draw a random matrix W (N×M) from an ensemble, with its ground truth',
  usage:
    'vsdl generate --ensemble NAME --n N --m M [--sigma S] [--mu MU] [--spikes L1,L2,...] ' +
    '[--spike-model covariance|additive] --seed SEED --out W.npy',
  options: {
    ensemble: { type: 'string', value: 'NAME', description: `one of ${ENSEMBLES.join(', ')}` },
    n: { type: 'string', value: 'N', description: 'rows of W (N ≥ M)' },
    m: { type: 'string', value: 'M', description: 'columns of W; the ESD has M eigenvalues' },
    sigma: { type: 'string', value: 'S', description: 'entry standard deviation (Gaussian, spiked) or scale (heavy-tailed)', default: '1' },
    mu: { type: 'string', value: 'MU', description: 'tail exponent μ > 0 of pareto, lomax, student-t (ν = μ); stable needs 0 < μ ≤ 2' },
    spikes: { type: 'string', value: 'L1,L2', description: 'spike strengths for spiked: ℓ ≥ 1 (covariance) or θ ≥ 0 (additive)' },
    'spike-model': { type: 'string', value: 'MODEL', description: SPIKE_MODELS.join(' or '), default: 'covariance' },
    seed: { type: 'string', value: 'SEED', description: 'integer or string seed (required: every draw is reproducible)' },
    out: { type: 'string', value: 'W.npy', description: 'output .npy (float64, N×M); the truth goes to the .json beside it' },
  },
  details: `Writes W.npy and W.json. W.json holds the truth object: ensemble, element law, N, M, Q, σ, μ, spikes,
the Marchenko–Pastur edges, BBP outlier predictions, Johnstone's Tracy–Widom centre and scale, the
heavy-tail class and Fréchet scale, all for X = WᵀW/N, plus the seed, generator and software version.

examples:
  vsdl generate --ensemble gaussian --n 1000 --m 500 --seed 1 --out W.npy
  vsdl generate --ensemble spiked --n 1000 --m 500 --spikes 3,6 --seed 1 --out spiked.npy
  vsdl generate --ensemble pareto --mu 2.5 --n 1000 --m 500 --seed 1 --out heavy.npy`,

  async run(ctx) {
    const o = ctx.options;
    const json = o.json === true;
    const ensemble = required('ensemble', o.ensemble, `one of ${ENSEMBLES.join(', ')}`) as EnsembleName;
    const out = required('out', o.out, 'an output path ending in .npy');
    const seed = parseSeedFlag('seed', o.seed);
    const params = {
      ensemble,
      n: parseInteger('n', required('n', o.n, 'an integer ≥ 1')),
      m: parseInteger('m', required('m', o.m, 'an integer ≥ 1')),
      sigma: optionalNumber('sigma', o.sigma, 1),
      mu: optionalNumber('mu', o.mu),
      spikes: o.spikes === undefined ? undefined : parseList('spikes', String(o.spikes)),
      spikeModel: (o['spike-model'] as SpikeModel | undefined) ?? 'covariance',
      seed,
    };

    // As --spikes is: a spike model given to an ensemble without spikes is a mistake, not a no-op.
    if (o['spike-model'] !== undefined && ensemble !== 'spiked') {
      throw new ParameterError('spike-model', String(o['spike-model']), 'no spike model: only the spiked ensemble takes one');
    }
    resolveParams(params); // every parameter error before any file is touched
    const { path: truthPath, notice } = await checkOutputWithSidecar('--out', out, '--out (its truth file)');

    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
    progress.stage(`generating ${params.n}×${params.m} ${ensemble}`);
    const { W, truth } = generate(params);
    progress.stage(`writing ${out}`);
    const matrix = writeNpy({ data: W.data, shape: [W.rows, W.cols] });
    const sidecar = { ...truth, seed, generator: GENERATOR, software: SOFTWARE, matrix_file: matrixFileRecord(out, matrix) };
    await writeAtomicGroup(truthPath === null ? [{ path: out, content: matrix }] : [
      { path: out, content: matrix },
      { path: truthPath, content: sidecarJson(sidecar) },
    ]);
    progress.finish();

    // truth_file is null when no truth file was written (an --out that is a device or a FIFO: sidecarFor).
    if (json) {
      if (notice) ctx.stderr(`vsdl generate: ${notice}\n`);
      ctx.stdout(jsonText({ out, truth_file: truthPath, truth: sidecar }) + '\n');
    } else ctx.stdout(`wrote ${out} (${W.rows}×${W.cols} float64)${truthPath === null ? `; ${notice}` : ` and ${truthPath}`}\n`);
    return 0;
  },
};
