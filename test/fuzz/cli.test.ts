import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeNpy } from '../../src/io/index.js';
import { caseStream, FUZZ_SEED, mutateBytes, pick } from './mutate.js';

/**
 * The real `vsdl` process under random flags and hostile files: whatever it is given, it exits with 0, 1 or 2,
 * prints no stack trace, and finishes. Values that are valid stay small (no case may start minutes of work);
 * the others are the hostile ones: huge, negative, empty, not numbers, special files, mutated .npy files.
 */

const BIN = fileURLToPath(new URL('../../bin/vsdl.js', import.meta.url));
const CASES = 32;
const CASE_SECONDS = 60;

const dir = mkdtempSync(join(tmpdir(), 'vsdl-fuzz-'));
const good = writeNpy({ data: Float64Array.from({ length: 40 * 20 }, (_, i) => Math.sin(i * 1.7) + ((i * 7) % 5) / 3), shape: [40, 20] });
const paths = {
  good: join(dir, 'W.npy'),
  eigen: join(dir, 'ev.npy'),
  out: join(dir, 'out.npy'),
  missing: join(dir, 'missing', 'x.npy'),
};
writeFileSync(paths.good, good);
writeFileSync(paths.eigen, writeNpy({ data: Float64Array.from({ length: 50 }, (_, i) => 1 + i * i / 40), shape: [50] }));

/** A hostile value one time in seven per flag: about half the cases run, and every kind of refusal shows up. */
const either = (s: Draw, valid: readonly string[], hostile: readonly string[]): string => (s.nextFloat() < 6 / 7 ? pick(s, valid) : pick(s, hostile));

const HOSTILE_NUMBERS = ['NaN', 'x', '', '1,2', '1e309', '99999999999999999999', '0x10', '-1e-320'];
const HOSTILE_INTS = ['0', '-3', '1e9', '999999999999', 'x', '', '2.5', '01', '+4'];
const HOSTILE_SEEDS = ['01', '1.0', '+1', '', '9007199254740993', '1e0'];
const FILES = ['good', 'good', 'good', 'eigen', 'fuzzed', 'fuzzed', '/dev/zero', '/dev/null', '/proc', 'missing'] as const;

type Draw = ReturnType<typeof caseStream>;

/** Each command's flags with their value pools; positional files come from FILES. */
const COMMANDS: Record<string, (s: Draw, file: () => string) => string[]> = {
  generate: (s) => {
    const ensemble = either(s, ['gaussian', 'spiked', 'pareto'], ['cauchy', '']);
    return [
      '--ensemble', ensemble,
      '--n', either(s, ['40', '30'], HOSTILE_INTS), '--m', either(s, ['20', '10'], HOSTILE_INTS), '--seed', either(s, ['1', 'run-3', ' 7'], HOSTILE_SEEDS),
      ...(ensemble === 'pareto' ? ['--mu', either(s, ['1.5', '3'], HOSTILE_NUMBERS)] : []),
      ...(ensemble === 'spiked' ? ['--spikes', either(s, ['2,5', '3'], ['', 'a,b', '1e400', '-1'])] : []),
      '--out', either(s, [paths.out, join(dir, 'gen.npy')], [paths.missing, '/proc/x.npy', dir, paths.good, join(dir, 'gen.json')]),
    ];
  },
  esd: (s, file) => [
    file(),
    ...(s.nextFloat() < 0.5 ? ['--out', either(s, [join(dir, 'ev-out.npy'), '/dev/null'], [paths.missing, dir, paths.good])] : []),
    ...(s.nextFloat() < 0.3 ? ['--normalization', either(s, ['1/N', 'none'], ['x'])] : []),
    '--json',
  ],
  fit: (s, file) => [
    file(),
    ...(s.nextFloat() < 0.4 ? ['--q', either(s, ['2', '1.5'], HOSTILE_NUMBERS)] : []),
    ...(s.nextFloat() < 0.3 ? ['--bootstrap', either(s, ['20'], ['1e9', '1000000000', '-1', 'x'])] : []),
    ...(s.nextFloat() < 0.3 ? ['--xmin', either(s, ['1.2'], HOSTILE_NUMBERS)] : []),
    '--json',
  ],
  theory: (s) => {
    const topic = either(s, ['mp', 'tw', 'bbp', 'frechet', 'perceptron'], ['nope']);
    const flags: Record<string, () => string[]> = {
      mp: () => ['--q', either(s, ['2', '1'], HOSTILE_NUMBERS), '--at', either(s, ['0.5,1', '3'], HOSTILE_NUMBERS), '--moments', either(s, ['3', '1000'], ['1000000', '0'])],
      tw: () => ['--beta', either(s, ['1', '2', '4'], ['3']), '--at', either(s, ['-1000', '1e308', '-1e308', '-2,0,1'], ['x']), '--quantile', either(s, ['1e-300', '0.9999999999999999', '0.5'], ['2', '-1'])],
      bbp: () => ['--q', either(s, ['2'], HOSTILE_NUMBERS), '--spike', either(s, ['3', '1.1,5'], HOSTILE_NUMBERS)],
      frechet: () => ['--mu', either(s, ['1.5', '3'], HOSTILE_NUMBERS), '--n', either(s, ['1000'], HOSTILE_INTS), '--m', either(s, ['500'], HOSTILE_INTS)],
      perceptron: () => ['--weights', 'ising', '--alpha', either(s, ['1', '2'], ['-1', 'x']), '--tau', either(s, ['0.5', '0'], ['-1'])],
      nope: () => [],
    };
    return [topic, ...flags[topic]!()];
  },
  sweep: (s) => [
    '--weights', either(s, ['ising', 'spherical'], ['x']), '--alpha', either(s, ['1', '0.5:1:2'], ['0.1:10:1000', '1:2', '']),
    '--tau', either(s, ['0.5', '0.5,1'], ['0:1:2000', '-1']), '--n', either(s, ['20'], ['1', '99999999', 'x']),
    '--samples', '1', '--equilibration', either(s, ['5'], ['-1', 'x']), '--measurement', '5',
    '--workers', either(s, ['1', '2'], ['1000', '0', 'x']),
    ...(s.nextFloat() < 0.5 ? ['--out', either(s, [join(dir, 'sweep.json')], [paths.missing, dir])] : []),
  ],
};

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  args: string[];
}

function runCli(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_SECONDS * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, args });
    });
  });
}

describe(`fuzzing the vsdl process (seed ${FUZZ_SEED})`, () => {
  it(`${CASES} random command lines exit with 0, 1 or 2, without a stack trace`, async () => {
    const cases: string[][] = [];
    for (let index = 0; index < CASES; index++) {
      const s = caseStream('cli', index);
      const command = pick(s, Object.keys(COMMANDS));
      const file = () => {
        const which = pick(s, FILES);
        if (which === 'good' || which === 'eigen' || which === 'missing') return paths[which];
        if (which !== 'fuzzed') return which;
        const path = join(dir, `fuzzed-${index}.npy`);
        writeFileSync(path, mutateBytes(s, pick(s, [good, writeNpy({ data: new Float64Array(50), shape: [50] })])));
        return path;
      };
      const args = [command, ...COMMANDS[command]!(s, file)];
      // Now and then a flag twice or a stray argument: usage errors.
      if (s.nextFloat() < 0.1) args.push(args[args.length - 2]!, args[args.length - 1]!);
      if (s.nextFloat() < 0.05) args.push('stray');
      cases.push(args);
    }
    const outcomes: Outcome[] = [];
    // Two at a time: the machine has two cores and every case is a fresh Node process.
    for (let k = 0; k < cases.length; k += 2) outcomes.push(...(await Promise.all(cases.slice(k, k + 2).map(runCli))));
    const bad = outcomes.filter((o) => !(o.code === 0 || o.code === 1 || o.code === 2) || /\n\s+at /.test(o.stderr) || /\b(E[A-Z]{3,}|ERR_[A-Z_]+)\b/.test(o.stderr));
    expect(bad.map((o) => `${JSON.stringify(o.args)} → code ${o.code}, signal ${o.signal}: ${o.stderr.slice(0, 300)}`)).toEqual([]);
    // Some cases must get through, or the fuzzing tests only the refusals.
    expect(outcomes.filter((o) => o.code === 0).length).toBeGreaterThan(CASES / 5);
  }, CASES * CASE_SECONDS * 1000);
});
