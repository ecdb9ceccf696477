import type { Command } from '../command.js';
import { SHARD_OPTIONS } from '../grid/flags.js';
import { TRAIN_OPTIONS } from '../train/flags.js';

export const trainGridCommand: Command = {
  name: 'train-grid',
  summary: 'a training run per cell of a grid over training-set size, randomized labels, batch size and learning rate',
  usage:
    'vsdl train-grid --model M --data D [--batch-size 2,4,…,1024] [--lr L1,L2] [--train-size N1,N2] [--label-noise F1,F2] ' +
    '[--epochs E] [other vsdl train flags] [--out grid.json] [--csv grid.csv] [--resume] [--yes] [--json] ' +
    '[--shard K/N | --slurm N [--slurm-options "…"]]',
  options: {
    ...TRAIN_OPTIONS,
    'batch-size': { ...TRAIN_OPTIONS['batch-size'], value: 'B1,B2', description: 'batch sizes: one, or a comma list (an axis)' },
    lr: { ...TRAIN_OPTIONS.lr, value: 'ε1,ε2', description: 'learning rates: one, or a comma list (an axis)' },
    'train-size': { ...TRAIN_OPTIONS['train-size'], value: 'N1,N2', description: 'training-set sizes: one, or a comma list (an axis)' },
    'label-noise': { ...TRAIN_OPTIONS['label-noise'], value: 'F1,F2', description: 'fractions of randomized labels: one, or a comma list (an axis)' },
    out: { type: 'string', value: 'FILE', description: 'the grid as JSON, rewritten atomically after every cell' },
    csv: { type: 'string', value: 'FILE', description: 'also one CSV row per cell: knobs, accuracies, gap, α, α̂ and each layer’s phase' },
    resume: { type: 'boolean', description: 'read --out and run only the cells it does not hold' },
    yes: { type: 'boolean', description: 'run even when the estimate exceeds 6 hours' },
    ...SHARD_OPTIONS,
    workers: { type: 'string', value: 'K', description: 'the cores given (Slurm scripts pass it); cells train one after another on one thread whatever K, so one core per task suffices' },
  },
  details: `Every combination of the listed values is one training run (a cell); the other flags are shared. Load-like
knobs (--train-size, --label-noise) vary slowest, then temperature-like ones (--batch-size, --lr). Every cell has
the same budget: the same number of epochs (--epochs), so every example is seen equally often whatever the batch
size; smaller batches take more, noisier steps. Cells share the seed: the same split, initial weights and
randomized labels, so the knob is the only difference; a cell depends only on its own parameters, so grids can be
resumed, extended or split across machines and joined by key.

Output (the --out file, and stdout with --json): { kind: "train-grid", model, data, seed, backend, software,
generator, params, axes, estimate_seconds, status, cells: [ { key, batch_size, learning_rate, train_size,
label_noise, noise_scale, load, status, reason, epochs_run, train_loss, train_acc, test_loss, test_acc,
generalization_gap, alpha_mean, alpha_weighted_mean, entropy_mean, dominant_phase, layers: [ { name, shape,
phase, alpha, alpha_weighted, entropy, stable_rank, num_spikes } ], history: [ { epoch, train_acc, test_acc,
alpha_mean, alpha_weighted_mean } ], estimate_seconds } ] }. dominant_phase is the phase of the layers holding
the most weights. Ctrl-C keeps the cells done (exit 130); --resume runs the rest.

On a cluster: --shard K/N runs shard K of N (cells balanced by their estimated seconds) into the part file --out,
the grid's document with a "shard" field { index, count, cells, command } first; vsdl merge joins the parts into
the file one machine writes, byte for byte. --slurm N writes a Slurm array job, its merge job and a submit script;
a task's --time comes from its one-core estimate, since cells train on one thread whatever --cpus-per-task.

examples:
  vsdl train-grid --model mlp3 --data mnist --batch-size 2,4,8,16,32,64,128,256,512,1024 --epochs 10 --out bs.json --csv bs.csv
  vsdl train-grid --model mlp3 --data mnist --label-noise 0,0.2,0.4,0.6 --batch-size 16,64,256 --epochs 8 --out phase.json
  vsdl train-grid --model mlp3 --data mnist --label-noise 0,0.2,0.4,0.6 --batch-size 16,64,256 --epochs 8 --shard "$SLURM_ARRAY_TASK_ID/4" --out "parts/part-$SLURM_ARRAY_TASK_ID.json" --resume`,
  async run(ctx) {
    const { runTrainGridCommand } = await import('../train/grid.js');
    return runTrainGridCommand(ctx);
  },
};
