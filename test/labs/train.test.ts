// The training lab's definitions: its limits lie inside the core's (the page never offers what the worker
// refuses), its rules repair links, its estimate is the core's, and the run's identity ignores the shown layer.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { MNIST_COUNT, resolveTrainParams, TRAIN_DEFAULTS } from '../../src/core/train/params.js';
import { estimateTrainSeconds } from '../../src/core/train/cost.js';
import { applyConstraints, checkLabValues, labDefaults, labFields, MAX_TRAIN_LAYERS, trainEstimate, trainLayers, trainParamsOf, TRAIN_ASK_SECONDS, type NumberField, type TrainLabValues } from '../../src/labs/index.js';
import { createTrainJob } from '../../src/ui/jobs/trainJob.js';
import { parseUrlState } from '../../src/ui/state/urlState.js';

describe('training lab definitions', () => {
  it('defaults are vsdl train’s', () => {
    const v = labDefaults('train');
    const p = resolveTrainParams(trainParamsOf(v));
    expect(p).toEqual(resolveTrainParams({}));
  });

  it('every field at either end of its range, after the rules, is a run the core accepts', () => {
    const fields = labFields('train');
    for (const data of ['mnist', 'teacher'] as const) {
      for (const model of ['mlp3', 'lenet5', 'minialexnet'] as const) {
        for (const [name, field] of Object.entries(fields)) {
          if (field.kind !== 'number') continue;
          for (const end of [(field as NumberField).min, (field as NumberField).max]) {
            const v: TrainLabValues = { ...labDefaults('train'), data, model, [name]: end };
            applyConstraints('train', v);
            expect(() => checkLabValues('train', v)).not.toThrow();
            expect(() => resolveTrainParams(trainParamsOf(v)), `${model}, ${data}, ${name} = ${end}`).not.toThrow();
          }
        }
      }
    }
  });

  it('repairs what a link gets wrong and the worker check refuses it, naming the field', () => {
    const v: TrainLabValues = { ...labDefaults('train'), data: 'mnist', trainSize: 9000, batchSize: 1024, layer: 5 };
    expect(() => checkLabValues('train', v)).toThrow(ParameterError);
    const notes = applyConstraints('train', v);
    expect(v.trainSize).toBe(MNIST_COUNT - TRAIN_DEFAULTS.testSize);
    expect(v.layer).toBe(3);
    expect(notes.join(' ')).toMatch(/MNIST has 8000 training digits.*layer shown set to 3/);
    const small: TrainLabValues = { ...labDefaults('train'), data: 'teacher', trainSize: 100, batchSize: 500 };
    try {
      checkLabValues('train', small);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('batchSize');
    }
    applyConstraints('train', small);
    expect(small.batchSize).toBe(100);
  });

  it('names each model’s weight layers, the largest count being the layer field’s limit', () => {
    expect(trainLayers('mlp3')).toEqual(['fc1.kernel', 'fc2.kernel', 'fc3.kernel']);
    expect(trainLayers('lenet5')).toEqual(['conv1.kernel', 'conv2.kernel', 'fc1.kernel', 'fc2.kernel', 'fc3.kernel']);
    expect(Math.max(...(['mlp3', 'lenet5', 'minialexnet'] as const).map((m) => trainLayers(m).length))).toBe(MAX_TRAIN_LAYERS);
  });

  it('estimates a run by the core’s own cost model and asks before long ones', () => {
    const v = labDefaults('train');
    expect(trainEstimate(v).seconds).toBe(estimateTrainSeconds(resolveTrainParams(trainParamsOf(v))));
    expect(trainEstimate(v).ask).toBe(false);
    const big = { ...v, model: 'minialexnet' as const, epochs: 20 };
    expect(trainEstimate(big).seconds).toBeGreaterThan(TRAIN_ASK_SECONDS);
    expect(trainEstimate(big).ask).toBe(true);
  });

  it('reads its settings from a URL', () => {
    const s = parseUrlState('?lab=train&model=lenet5&data=teacher&batchSize=64&learningRate=0.05&trainSize=3000&labelNoise=0.2&seed=9&layer=4');
    expect(s.notices).toEqual([]);
    expect(s.values).toMatchObject({ model: 'lenet5', data: 'teacher', batchSize: 64, learningRate: 0.05, trainSize: 3000, labelNoise: 0.2, seed: '9', layer: 4 });
  });

  it('treats runs that differ only in the shown layer as the same run', () => {
    const job = createTrainJob(() => new Promise(() => {}));
    const v = labDefaults('train');
    job.run(v);
    expect(job.matches({ ...v, layer: 2 })).toBe(true);
    expect(job.matches({ ...v, batchSize: 64 })).toBe(false);
    job.dispose();
    job.disposeWorker();
  });
});
