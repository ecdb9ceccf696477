import type { Command } from '../command.js';
import { TRAIN_OPTIONS } from '../train/flags.js';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a network by minibatch SGD and record every layer’s spectrum and 5+1 phase per epoch',
  usage:
    'vsdl train --model mlp3|lenet5|minialexnet --data mnist|teacher --batch-size B --epochs E [--lr] [--momentum] ' +
    '[--weight-decay] [--train-size] [--test-size] [--label-noise] [--input-noise] [--patience] [--seed] [--backend wasm|cpu] ' +
    '[--out run.json] [--weights-dir DIR] [--json]',
  options: {
    ...TRAIN_OPTIONS,
    out: { type: 'string', value: 'FILE', description: 'the run record as JSON, rewritten atomically after every epoch' },
    'weights-dir': { type: 'string', value: 'DIR', description: 'every epoch’s layer matrices as DIR/epoch-EEE/<layer>.kernel.npy (float32) and the last epoch’s model as DIR/model.safetensors; a new folder, or one holding no other run’s weights' },
  },
  details: `Every epoch, from the random network (epoch 0) on, records train and test loss and accuracy and the
analysis of every layer weight (biases are skipped): its ESD, power-law and MP fits, WeightWatcher's metrics and
5+1 phase. The same seed and backend give the same record.

Output (the --out file, and stdout with --json): { model, data, params, seed, backend, software, generator,
architecture, knobs, status, reason, epochs: [ { epoch, train_loss, train_acc, test_loss, test_acc, alpha_mean,
alpha_weighted_mean, entropy_mean, layers: [ { name, shape, alpha, alpha_weighted, D, xmin, entropy,
stable_rank, log_norm, num_spikes, phase, phase_reason, … } ] } ] }. knobs places the run on VSDL's map:
noise_scale = ε/(1 − μ)·N_train/B (temperature-like) and load = (N_train − randomized labels)/weights.
status: complete, stopped-early (--patience), diverged (the loss, or the weights of a layer, became NaN or
infinite: exit 1; reason names the layers) or interrupted.

Progress goes to stderr, one line per epoch. Ctrl-C stops after the current step, writes the epochs done
(status interrupted) and exits with 130.

examples:
  vsdl train --model mlp3 --data mnist --batch-size 32 --epochs 5 --out run.json
  vsdl train --model minialexnet --data mnist --batch-size 16 --epochs 10 --weights-dir weights --json > run.json
  vsdl train --model mlp3 --data teacher --train-size 2000 --label-noise 0.3 --epochs 20 --patience 3`,
  async run(ctx) {
    // TensorFlow.js loads only when a run starts: the other commands stay quick.
    const { runTrain } = await import('../train/run.js');
    return runTrain(ctx);
  },
};
