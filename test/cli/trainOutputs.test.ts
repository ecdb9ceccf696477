import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainRecord } from '../../src/core/train/index.js';
import { run } from '../../src/cli/main.js';
import { tempDir, vsdl } from './harness.js';

/** The outputs of `vsdl train` and `vsdl train-grid`: checked before training, never mixed, true about interrupts. */

const QUICK = ['--data', 'teacher', '--train-size', '300', '--test-size', '100', '--batch-size', '50', '--seed', '9'];
const GRID = ['--data', 'teacher', '--train-size', '200', '--test-size', '100', '--epochs', '1', '--batch-size', '20,100', '--seed', '9'];

/** `base` with the flags of `override` replaced by theirs: a flag given twice is a usage error. */
function overriding(base: string[], override: string[]): string[] {
  const given = new Set(override.filter((a) => a.startsWith('--')));
  const kept: string[] = [];
  for (let i = 0; i < base.length; i += 2) if (!given.has(base[i])) kept.push(base[i], base[i + 1]);
  return [...kept, ...override];
}

/**
 * Runs the CLI in-process as on a terminal (progress bars on stderr) and sends it SIGINT, as Ctrl-C does, the first
 * time its stderr matches `when`: a moment in the run fixed by what it prints, not by a clock.
 */
async function interrupted(when: RegExp, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  let sent = false;
  const code = await run(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => {
      stderr += t;
      if (!sent && when.test(stderr)) {
        sent = true;
        process.emit('SIGINT');
      }
    },
    stderrIsTTY: true,
  });
  expect(sent, stderr).toBe(true);
  expect(process.listenerCount('SIGINT')).toBe(0);
  return { code, stdout, stderr };
}

describe('vsdl train and train-grid refuse every output before training, naming its flag in words', () => {
  const dir = tempDir();
  const at = (name: string) => join(dir, name);
  mkdirSync(at('adir'));
  writeFileSync(at('afile'), 'mine');
  mkdirSync(at('W'));
  const cases: [string, string[], RegExp][] = [
    // fs.mkdir(…, { recursive: true }) never returned for /proc paths: the check must not hang either.
    ['train', ['--weights-dir', '/proc/vsdl-x'], /invalid --weights-dir: "\/proc\/vsdl-x" \(the folder \/proc does not accept new files\)/],
    ['train', ['--weights-dir', '/proc/vsdl-x/y'], /invalid --weights-dir: "\/proc\/vsdl-x\/y" \(the folder \/proc does not accept new files\)/],
    ['train', ['--weights-dir', at('afile')], /invalid --weights-dir: .*afile" \(it is not a folder\)/],
    ['train', ['--weights-dir', join(at('afile'), 'sub')], /invalid --weights-dir: .*sub" \(a part of the path is not a folder\)/],
    ['train', ['--out', at('adir')], /invalid --out: .*adir" \(it is a folder\)/],
    ['train', ['--out', '/proc/vsdl-r.json'], /invalid --out: "\/proc\/vsdl-r\.json" \(the folder \/proc does not accept new files\)/],
    ['train', ['--out', join(at('W'), 'model.safetensors'), '--weights-dir', at('W')], /invalid --out: .*model\.safetensors" \(the run would write .*model\.safetensors there too\)/],
    ['train', ['--out', join(at('W'), 'epoch-001', 'fc1.kernel.npy'), '--weights-dir', at('W')], /invalid --out: .*fc1\.kernel\.npy" \(the run would write .*epoch-001.*fc1\.kernel\.npy there too\)/],
    ['train', ['--out', at('W'), '--weights-dir', at('W')], /invalid --out: .*W" \(it is a folder\)/],
    ['train', ['--out', at('new'), '--weights-dir', at('new')], /invalid --weights-dir: .*new" \(two outputs would be the same file\)/],
    ['train-grid', ['--out', at('grid.csv'), '--csv', at('grid.csv')], /invalid --csv: .*grid\.csv" \(two outputs would be the same file\)/],
    ['train-grid', ['--csv', at('adir'), '--out', at('gg.json')], /invalid --csv: .*adir" \(it is a folder\)/],
    ['train-grid', ['--out', '/proc/vsdl-g.json'], /invalid --out: "\/proc\/vsdl-g\.json" \(the folder \/proc does not accept new files\)/],
  ];
  it.each(cases)('%s %j', async (command, flags, message) => {
    const grid = command === 'train-grid' ? GRID : [...QUICK, '--epochs', '1'];
    const r = await vsdl(command, ...grid, ...flags);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    // Words, not Node's codes (EEXIST, ENOTDIR), and nothing trained.
    expect(r.stderr).not.toMatch(/\bE[A-Z]{3,}\b|epoch 0|cell/);
    expect(readdirSync(dir).sort()).toEqual(['W', 'adir', 'afile']);
    expect(readdirSync(at('W'))).toEqual([]);
    expect(readFileSync(at('afile'), 'utf8')).toBe('mine');
  }, 20_000);
});

describe('vsdl train --weights-dir', () => {
  it('records the parameters and versions in the model, and refuses a folder that holds another run', async () => {
    const dir = tempDir();
    const weights = join(dir, 'weights');
    const r = await vsdl('train', ...QUICK, '--epochs', '2', '--weights-dir', weights, '--json');
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout) as TrainRecord;
    const analyzed = await vsdl('analyze', join(weights, 'model.safetensors'), '--json');
    expect(analyzed.code, analyzed.stderr).toBe(0);
    const { metadata } = JSON.parse(analyzed.stdout);
    // The keys it had, then the training parameters (one JSON string: metadata values are strings) and versions.
    expect(metadata).toMatchObject({ conv_layout: 'hwio', model: 'mlp3', data: 'teacher', seed: '9', epoch: '2', status: 'complete', backend: 'wasm', software: `vsdl-lab ${record.software.version}` });
    expect(metadata.tfjs).toBe(record.software.tfjs);
    expect(metadata.generator).toBe(`${record.generator.name} v${record.generator.version}`);
    expect(JSON.parse(metadata.params)).toEqual(record.params);
    expect(JSON.parse(metadata.params)).toMatchObject({ batch_size: 50, epochs: 2, train_size: 300, test_size: 100, learning_rate: 0.01, momentum: 0.9, weight_decay: 0, label_noise: 0, input_noise: 0, patience: 0 });

    // A second run into the same folder would leave epoch-002/ of this one beside its own: refused, nothing touched.
    const model = readFileSync(join(weights, 'model.safetensors'));
    const again = await vsdl('train', ...QUICK, '--epochs', '1', '--weights-dir', weights);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/invalid --weights-dir: .*weights" \(it already holds epoch-000\/, epoch-001\/, epoch-002\/, model\.safetensors\)/);
    expect(again.stderr).not.toMatch(/epoch 0:/);
    expect(readdirSync(weights).sort()).toEqual(['epoch-000', 'epoch-001', 'epoch-002', 'model.safetensors']);
    expect(readFileSync(join(weights, 'model.safetensors')).equals(model)).toBe(true);

    // A folder of other files takes a run, and an --out inside it that is none of the run's files is fine.
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    writeFileSync(join(mixed, 'notes.txt'), 'mine');
    const ok = await vsdl('train', ...QUICK, '--epochs', '0', '--weights-dir', mixed, '--out', join(mixed, 'run.json'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(readdirSync(mixed).sort()).toEqual(['epoch-000', 'model.safetensors', 'notes.txt', 'run.json']);
  });

  it('creates missing parent folders', async () => {
    const weights = join(tempDir(), 'a', 'b', 'weights');
    const r = await vsdl('train', ...QUICK, '--epochs', '0', '--weights-dir', weights);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(weights).sort()).toEqual(['epoch-000', 'model.safetensors']);
  });
});

describe('vsdl train messages', () => {
  it.each([
    // Values that are not integers get the range the value is checked against, not "an integer ≥ 0".
    [['--batch-size', '-1'], /invalid --batch-size: "-1" \(.*\); allowed: an integer in \[1, 300\]$/m],
    [['--batch-size', '1.5'], /invalid --batch-size: "1\.5" \(.*\); allowed: an integer in \[1, 300\]$/m],
    [['--epochs', '99999999999999999999'], /invalid --epochs: "99999999999999999999"; allowed: an integer in \[0, 10000\]$/m],
    [['--patience', '-2'], /invalid --patience: "-2" \(.*\); allowed: an integer in \[0, 10000\]$/m],
    [['--test-size', 'x'], /invalid --test-size: "x"; allowed: an integer in \[1, 49999\]$/m],
    [['--train-size', '2.5'], /invalid --train-size: "2\.5" \(.*\); allowed: an integer in \[1, 49900\]$/m],
  ])('%j', async (flags, message) => {
    const r = await vsdl('train', ...overriding([...QUICK, '--epochs', '1'], flags));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('gives a grid axis the same range', async () => {
    const r = await vsdl('train-grid', ...overriding([...QUICK, '--epochs', '1'], ['--batch-size', '50,1.5']));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --batch-size: 1\.5; allowed: integers in \[1, 300\]$/m);
  });

  it('calls a refused value the user never typed the default, and names the flag it conflicts with', async () => {
    const train = await vsdl('train', '--epochs', '0', '--test-size', '5000');
    expect(train.code).toBe(2);
    expect(train.stderr).toMatch(/^vsdl train: invalid --train-size: 8000 \(the default, as --train-size was not given: with --test-size 5000 the two exceed the 10,000 digits of mnist\); allowed: an integer in \[1, 5000\]$/m);
    const grid = await vsdl('train-grid', '--epochs', '0', '--test-size', '5000', '--batch-size', '2,4');
    expect(grid.code).toBe(2);
    expect(grid.stderr).toMatch(/^vsdl train-grid: invalid --train-size: 8000 \(the default, as --train-size was not given: with --test-size 5000 the two exceed the 10,000 digits of mnist\)/m);
    const teacher = await vsdl('train', '--data', 'teacher', '--epochs', '0', '--test-size', '45000');
    expect(teacher.stderr).toMatch(/\(the default, as --train-size was not given: with --test-size 45000 the two exceed the 50,000 examples --data teacher draws at most\)/);
    // The default batch size against a grid's smallest training set.
    const batch = await vsdl('train-grid', '--data', 'teacher', '--epochs', '0', '--train-size', '10,100');
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/invalid --batch-size: 32 \(the default, as --batch-size was not given: it exceeds --train-size 10\); allowed: an integer in \[1, 10\]$/m);
    // A value the user typed is refused as it was.
    const typed = await vsdl('train', '--epochs', '0', '--train-size', '9000');
    expect(typed.code).toBe(2);
    expect(typed.stderr).toMatch(/invalid --train-size: 9000; allowed: an integer in \[1, 8000\]$/m);
  });
});

describe('Ctrl-C', () => {
  it('while the backend loads: vsdl train writes nothing and says so', async () => {
    const dir = tempDir();
    const r = await interrupted(/^train: /, 'train', ...QUICK, '--epochs', '1', '--out', join(dir, 'run.json'), '--weights-dir', join(dir, 'weights'));
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/vsdl train: interrupted before training started; nothing was written\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('during epoch 0: vsdl train leaves an existing --out as it was and says that no epoch was finished', async () => {
    const dir = tempDir();
    const out = join(dir, 'run.json');
    writeFileSync(out, 'an older record');
    const weights = join(dir, 'weights');
    // Enough examples that epoch 0's measurement yields (and sees the signal) several times before it ends.
    const large = overriding(QUICK, ['--train-size', '6000', '--test-size', '3000']);
    const r = await interrupted(/epoch 0 \(the random network\) \[/, 'train', ...large, '--epochs', '1', '--out', out, '--weights-dir', weights);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/vsdl train: interrupted during epoch 0 \(the random network\); no epoch was finished and nothing was written\n$/);
    expect(r.stderr).not.toMatch(/0–-1/);
    expect(readFileSync(out, 'utf8')).toBe('an older record');
    expect(existsSync(weights)).toBe(false);
  });

  it('during epoch 1: vsdl train writes epoch 0 and the model, and says where', async () => {
    const dir = tempDir();
    const out = join(dir, 'run.json');
    const weights = join(dir, 'weights');
    const r = await interrupted(/epoch 1\/3 \[/, 'train', ...QUICK, '--epochs', '3', '--out', out, '--weights-dir', weights);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`vsdl train: interrupted; ${out} holds epoch 0 (status interrupted); ${weights} holds the layer matrices of epoch 0 and model.safetensors (epoch 0)\n`);
    const record = JSON.parse(readFileSync(out, 'utf8')) as TrainRecord;
    expect(record.status).toBe('interrupted');
    expect(record.epochs.map((e) => e.epoch)).toEqual([0]);
    expect(readdirSync(weights).sort()).toEqual(['epoch-000', 'model.safetensors']);
  });

  it('during the first cell: vsdl train-grid writes nothing and says so', async () => {
    const dir = tempDir();
    const r = await interrupted(/train-grid \[/, 'train-grid', ...GRID, '--out', join(dir, 'grid.json'), '--csv', join(dir, 'grid.csv'));
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/vsdl train-grid: interrupted before the first cell finished; nothing was written\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('vsdl train-grid versions', () => {
  it('records TensorFlow.js’s version, and resumes only with the backend and versions the cells were computed with', async () => {
    const dir = tempDir();
    const out = join(dir, 'grid.json');
    const csv = join(dir, 'grid.csv');
    const r = await vsdl('train-grid', ...GRID, '--out', out, '--csv', csv);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.software).toEqual({ name: 'vsdl-lab', version: expect.any(String), tfjs: expect.stringMatching(/^\d+\.\d+/) });
    expect(readFileSync(csv, 'utf8')).toContain(`vsdl-lab ${doc.software.version}, TensorFlow.js ${doc.software.tfjs}`);

    // A wasm grid with a cell missing, resumed on another backend, would record that backend for the wasm cells.
    const partial = join(dir, 'partial.json');
    writeFileSync(partial, JSON.stringify({ ...doc, status: 'partial', cells: doc.cells.slice(1) }));
    const before = readFileSync(partial);
    const cpu = await vsdl('train-grid', ...GRID, '--out', partial, '--resume', '--backend', 'cpu');
    expect(cpu.code).toBe(2);
    expect(cpu.stderr).toMatch(/invalid --backend: "cpu" \(backend differs: "cpu" here, "wasm" there\); allowed: "wasm" as in .*partial\.json/);
    expect(readFileSync(partial).equals(before)).toBe(true);

    // So would another version of vsdl or TensorFlow.js (here: a file from before grids recorded TensorFlow.js's).
    const older = join(dir, 'older.json');
    writeFileSync(older, JSON.stringify({ ...doc, status: 'partial', software: { name: 'vsdl-lab', version: doc.software.version }, cells: doc.cells.slice(1) }));
    const old = await vsdl('train-grid', ...GRID, '--out', older, '--resume');
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/invalid --resume: .*older\.json" \(software differs: .*"tfjs".* here, .* there\)/);

    // The same backend and versions resume: one cell runs.
    const same = await vsdl('train-grid', ...GRID, '--out', partial, '--resume');
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toMatch(/1 of 2 cells to run/);
    expect(JSON.parse(readFileSync(partial, 'utf8'))).toEqual(doc);
  });

  it('says what an interrupted resume left', async () => {
    const dir = tempDir();
    const out = join(dir, 'grid.json');
    expect((await vsdl('train-grid', ...GRID, '--out', out)).code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    writeFileSync(out, JSON.stringify({ ...doc, status: 'partial', cells: doc.cells.slice(1) }));
    const before = readFileSync(out);
    const r = await interrupted(/train-grid \[/, 'train-grid', ...GRID, '--out', out, '--resume');
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`vsdl train-grid: interrupted before another cell finished; nothing was written, and ${out} still holds 1 of 2 cells; continue with --resume\n`);
    expect(readFileSync(out).equals(before)).toBe(true);
  });
});
