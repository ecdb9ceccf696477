import { join } from 'node:path';
import { ParameterError } from '../../core/errors.js';
import { estimateTrainSeconds, layerPhaseLine, resolveTrainParams, train, TrainAbortError, type EpochRecord, type LabelledImages, type ParameterTensor, type TrainParams, type TrainRecord } from '../../core/train/index.js';
import { formatSeconds } from '../../core/vsdl/index.js';
import { jsonText } from '../../io/index.js';
import type { CommandContext } from '../command.js';
import { checkOutputs } from '../files.js';
import { Progress } from '../progress.js';
import { SweepWriter } from '../sweep/files.js';
import { backendFlag, trainParamsFromFlags, withTrainFlagNames } from './flags.js';
import { nodePlatform } from './platform.js';
import { checkNoRunIn, MODEL_FILE, weightsDirOutput, weightsFileAt, writeEpochWeights, writeModel } from './weights.js';

/** `vsdl train`: one run, its record rewritten after every epoch, Ctrl-C keeping the epochs done. */
export async function runTrain(ctx: CommandContext): Promise<number> {
  const o = ctx.options;
  const json = o.json === true;
  // Everything is checked before any work: flags, ranges, the output paths.
  const params = withTrainFlagNames(o, () => resolveTrainParams(trainParamsFromFlags(o).params));
  const backend = backendFlag(o);
  const out = optionalPath('out', o.out);
  const weightsDir = optionalPath('weights-dir', o['weights-dir']);
  if (out && weightsDir) {
    const clash = await weightsFileAt(out, weightsDir);
    if (clash) throw new ParameterError('--out', out, `a file other than those --weights-dir writes (${join(weightsDir, MODEL_FILE)}, ${join(weightsDir, 'epoch-EEE')}/…)`, `the run would write ${clash} there too`);
  }
  await checkOutputs([...(out ? [{ flag: '--out', path: out }] : []), ...(weightsDir ? [weightsDirOutput(weightsDir)] : [])]);
  if (weightsDir) await checkNoRunIn(weightsDir);

  // Ctrl-C is heard from here on: while the backend loads, it stops the run before anything is written.
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted (SIGINT)'));
  process.on('SIGINT', onSigint);
  try {
    if (!json || ctx.stderrIsTTY) {
      ctx.stderr(`train: ${params.model} on ${params.data}, ${params.epochs} epochs of ${params.trainSize} examples at batch ${params.batchSize}, about ${formatSeconds(estimateTrainSeconds(params))} (estimated for one core)\n`);
    }
    const platform = nodePlatform(backend);
    await platform.ready();
    const mnist = params.data === 'mnist' ? await platform.mnist() : undefined;
    if (controller.signal.aborted) {
      ctx.stderr('vsdl train: interrupted before training started; nothing was written\n');
      return 130;
    }
    return await trainAndWrite(ctx, params, { mnist, controller, out, weightsDir, json });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

interface RunSetup {
  mnist: LabelledImages | undefined;
  controller: AbortController;
  out: string | undefined;
  weightsDir: string | undefined;
  json: boolean;
}

async function trainAndWrite(ctx: CommandContext, params: TrainParams, { mnist, controller, out, weightsDir, json }: RunSetup): Promise<number> {
  const writer = out ? new SweepWriter<TrainRecord>(out, (error) => controller.abort(error)) : null;
  const weightWrites: Promise<unknown>[] = [];
  let lastTensors: ParameterTensor[] = [];
  // A bar within each epoch on a terminal; the one line per epoch below replaces Progress's stage lines.
  const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, true);
  const stage = (epoch: number) => progress.stage(epoch === 0 ? 'epoch 0 (the random network)' : `epoch ${epoch}/${params.epochs}`);
  let record: TrainRecord;
  try {
    stage(0);
    ({ record } = await train(params, {
      mnist,
      signal: controller.signal,
      onProgress: (p) => progress.update(p.step / p.steps),
      onEpoch: (entry, snapshot, tensors, timing) => {
        progress.finish();
        if (!json || ctx.stderrIsTTY) ctx.stderr(`${epochLine(entry)}  (${timing.train.toFixed(1)} s training, ${timing.evaluate.toFixed(1)} s evaluation, ${timing.analyze.toFixed(1)} s analysis)\n`);
        writer?.write(snapshot);
        if (weightsDir) weightWrites.push(writeEpochWeights(weightsDir, entry.epoch, params.epochs, tensors));
        lastTensors = tensors;
        if (entry.epoch < params.epochs && snapshot.status === 'running') stage(entry.epoch + 1);
      },
    }));
  } catch (error) {
    if (ctx.stderrIsTTY) ctx.stderr('\n');
    if (!(error instanceof TrainAbortError)) throw error;
    record = error.record;
    const done = record.epochs.length;
    // Nothing is written for a run stopped before its first epoch was measured: an existing --out stays as it was.
    if (done > 0) {
      writer?.write(record);
      if (weightsDir && lastTensors.length) weightWrites.push(writeModel(weightsDir, lastTensors, modelMetadata(record)));
    }
    await finish(writer, weightWrites);
    ctx.stderr(`vsdl train: ${interruptedLine(record, out, weightsDir)}\n`);
    if (json) ctx.stdout(jsonText(record) + '\n');
    return 130;
  }
  writer?.write(record);
  if (weightsDir) weightWrites.push(writeModel(weightsDir, lastTensors, modelMetadata(record)));
  await finish(writer, weightWrites);
  if (json) ctx.stdout(jsonText(record) + '\n');
  else ctx.stdout(summary(record, out, weightsDir));
  if (record.status === 'diverged') {
    ctx.stderr(`vsdl train: ${record.reason}\n`);
    return 1;
  }
  return 0;
}

/** What an interrupted run left, in words: the files written and the epochs they hold. */
function interruptedLine(record: TrainRecord, out: string | undefined, weightsDir: string | undefined): string {
  const done = record.epochs.length;
  if (done === 0) return `interrupted during epoch 0 (the random network); no epoch was finished and nothing was written`;
  const epochs = done === 1 ? 'epoch 0' : `epochs 0–${done - 1}`;
  const files = [
    ...(out ? [`${out} holds ${epochs} (status interrupted)`] : []),
    ...(weightsDir ? [`${weightsDir} holds the layer matrices of ${epochs} and ${MODEL_FILE} (epoch ${done - 1})`] : []),
  ];
  return `interrupted; ${files.length ? files.join('; ') : `${epochs} finished; no --out file was given`}`;
}

/**
 * What the model file says of itself (safetensors metadata are strings): the run's model, data, seed, last epoch,
 * status and backend, its parameters as one JSON string (`params`, the record's params object), and the versions
 * of vsdl, TensorFlow.js and the random generator.
 */
function modelMetadata(record: TrainRecord): Record<string, string> {
  return {
    model: record.model,
    data: record.data,
    seed: String(record.seed),
    epoch: String(record.epochs.at(-1)?.epoch ?? 0),
    status: record.status,
    backend: record.backend,
    software: `${record.software.name} ${record.software.version}`,
    tfjs: record.software.tfjs,
    generator: `${record.generator.name} v${record.generator.version}`,
    params: JSON.stringify(record.params),
  };
}

async function finish(writer: SweepWriter<TrainRecord> | null, writes: Promise<unknown>[]): Promise<void> {
  await Promise.all(writes);
  await writer?.flush();
}

export function optionalPath(flag: string, value: string | boolean | undefined): string | undefined {
  return value === undefined ? undefined : required(flag, value);
}

function required(flag: string, value: string | boolean): string {
  if (typeof value !== 'string' || value === '') throw new ParameterError(`--${flag}`, value, 'a file or folder path');
  return value;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));

export function epochLine(e: EpochRecord): string {
  return `epoch ${e.epoch}: train loss ${e.train_loss.toFixed(4)} acc ${pct(e.train_acc)}, test loss ${e.test_loss.toFixed(4)} acc ${pct(e.test_acc)}; mean α ${num(e.alpha_mean)}, α̂ ${num(e.alpha_weighted_mean)}; ${layerPhaseLine(e.layers)}`;
}

function summary(record: TrainRecord, out: string | undefined, weightsDir: string | undefined): string {
  const last = record.epochs.at(-1)!;
  const files = [out, weightsDir && `${weightsDir}/`].filter(Boolean).join(', ');
  return [
    `${record.model} on ${record.data} (${record.backend}), ${record.status}${record.reason ? `: ${record.reason}` : ''}`,
    `final: train acc ${pct(last.train_acc)}, test acc ${pct(last.test_acc)}, gap ${pct(last.train_acc - last.test_acc)}; mean α ${num(last.alpha_mean)}, α̂ ${num(last.alpha_weighted_mean)}, entropy ${num(last.entropy_mean)}`,
    ...last.layers.map((l) => `  ${l.name.padEnd(14)} ${String(l.shape.join('×')).padEnd(12)} α ${num(l.alpha).padStart(6)}  α̂ ${num(l.alpha_weighted).padStart(6)}  ${l.phase ?? '–'}`),
    ...(files ? [`written to ${files}`] : []),
    '',
  ].join('\n');
}
