/** A CLI command described as data, so that parsing, validation and `--help` come from one place. */

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. 'N'. */
  value?: string;
  description: string;
  default?: string;
  /** The value may start with a dash: it holds another program's options. */
  dashValue?: boolean;
}

export interface CommandContext {
  options: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Writers, injectable for tests. */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is an interactive terminal (progress bars only go there). */
  stderrIsTTY: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /** How many positional arguments the command takes at most (files, a topic); more is a usage error. Default 0. */
  maxPositionals?: number;
  /** Extra help text after the option list (examples, output format). */
  details?: string;
  run(ctx: CommandContext): Promise<number> | number;
}

/** The flags every command understands. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print one JSON object on stdout' },
  help: { type: 'boolean', description: 'show this help' },
};

export function formatHelp(cmd: Command): string {
  const all = { ...cmd.options, ...COMMON_OPTIONS };
  const rows = Object.entries(all).map(([name, spec]) => {
    const flag = `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    const def = spec.default !== undefined ? ` (default ${spec.default})` : '';
    return [flag, `${spec.description}${def}`];
  });
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  const lines = rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`);
  return [
    `vsdl ${cmd.name}: ${cmd.summary}`,
    '',
    `usage: ${cmd.usage}`,
    '',
    'options:',
    ...lines,
    ...(cmd.details ? ['', cmd.details.trimEnd()] : []),
    '',
  ].join('\n');
}
