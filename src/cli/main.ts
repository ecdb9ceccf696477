import { parseArgs } from 'node:util';
import { ConvergenceError, FormatError, ParameterError } from '../core/errors.js';
import { SOFTWARE } from '../version.js';
import { COMMON_OPTIONS, formatHelp, type Command, type CommandContext, type OptionSpec } from './command.js';
import { COMMAND_NAMES, loadCommand, loadCommands } from './commands/index.js';
import { installNativeKernels } from '../node/nativeKernels.js';
import { releaseFifoWriters } from './output.js';

export interface RunIO {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  stderrIsTTY?: boolean;
}

async function topHelp(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `vsdl ${SOFTWARE.version}: random-matrix theory and the Very Simple Deep Learning model`,
    '',
    'usage: vsdl <command> [options]   (vsdl <command> --help for each)',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
  ].join('\n');
}

/** Runs the CLI on argv (without `node vsdl`) and returns the exit code: 0 ok, 1 failure, 2 bad usage. */
export async function run(argv: string[], io: RunIO = {}): Promise<number> {
  const stdout = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = io.stderr ?? ((t: string) => void process.stderr.write(t));
  const [name, ...rest] = argv;
  installNativeKernels();

  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    stdout(await topHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    stdout(`${SOFTWARE.version}\n`);
    return 0;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    stderr(`vsdl: unknown command '${name}'; commands: ${COMMAND_NAMES.join(', ')}\n`);
    return 2;
  }

  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(cmd, rest);
  } catch (err) {
    stderr(`vsdl ${cmd.name}: ${(err as Error).message}\nsee: vsdl ${cmd.name} --help\n`);
    return 2;
  }
  if (parsed.values.help) {
    stdout(formatHelp(cmd));
    return 0;
  }
  const ctx: CommandContext = {
    options: parsed.values,
    positionals: parsed.positionals,
    stdout,
    stderr,
    stderrIsTTY: io.stderrIsTTY ?? Boolean(process.stderr.isTTY),
  };
  try {
    return await cmd.run(ctx);
  } catch (err) {
    return report(cmd, err, stderr);
  } finally {
    // A FIFO output's reader sees its end of file when the command ends (see checkOutputs).
    releaseFifoWriters();
  }
}

/**
 * Flags and positionals, strictly: unknown flags, a flag given twice and more positional arguments than the
 * command takes are usage errors (a repeated flag silently taking its last value hides typos in scripts).
 */
function parse(cmd: Command, args: string[]) {
  const options = Object.fromEntries(
    Object.entries({ ...cmd.options, ...COMMON_OPTIONS }).map(([k, spec]) => [k, { type: spec.type }]),
  ) as Record<string, { type: 'string' | 'boolean' }>;
  let parsed;
  try {
    parsed = parseArgs({ args: attachNegativeValues(args, { ...cmd.options, ...COMMON_OPTIONS }), options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    // parseArgs' messages mention its own API; say it in the user's terms.
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new Error(msg);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new Error(`--${token.name} is given more than once; give each flag once`);
    seen.add(token.name);
  }
  const max = cmd.maxPositionals ?? 0;
  if (parsed.positionals.length > max && !parsed.values.help) {
    const extra = parsed.positionals.slice(max).map((p) => JSON.stringify(p)).join(' ');
    throw new Error(max === 0 ? `unexpected argument ${extra}: this command takes only flags` : `unexpected argument ${extra}: this command takes at most ${max} (see the usage line)`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * `--at -2,0,1` means the value -2,0,1, not an option: join such values as `--at=-2,0,1` for parseArgs. So are
 * the values of options that take other programs' options (`--slurm-options "--time=4:00:00"`).
 */
function attachNegativeValues(args: string[], options: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i].startsWith('--') ? args[i].slice(2) : '';
    const next = args[i + 1];
    const spec = Object.hasOwn(options, flag) ? options[flag] : undefined;
    if (spec?.type === 'string' && next !== undefined && (/^-[\d.]/.test(next) || (spec.dashValue === true && next.startsWith('-')))) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

/** The engine's words when an array cannot be had (beyond its limits, or beyond the memory there is). */
const OUT_OF_MEMORY = /^(Invalid typed array length|Invalid array length|Array buffer allocation failed)/;

function report(cmd: Command, err: unknown, stderr: (t: string) => void): number {
  const known = err instanceof ParameterError || err instanceof FormatError || err instanceof ConvergenceError;
  let message = err instanceof Error ? err.message : String(err);
  // Sizes pass their limits with --yes; what memory cannot hold then ends here, said as what it is.
  if (err instanceof RangeError && OUT_OF_MEMORY.test(message)) message = `not enough memory for this run (${message}); choose smaller sizes`;
  stderr(`vsdl ${cmd.name}: ${message}\n`);
  if (!known && process.env.VSDL_DEBUG && err instanceof Error) stderr(`${err.stack}\n`);
  if (err instanceof ParameterError) stderr(`see: vsdl ${cmd.name} --help\n`);
  return err instanceof ParameterError ? 2 : 1;
}
