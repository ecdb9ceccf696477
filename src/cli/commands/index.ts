import type { Command } from '../command.js';

/**
 * Every command, by name, loaded on demand: a run pays start-up time only for its own command's imports (all of
 * them together took `vsdl esd` a tenth of a second of CPU before it read its first byte). The order is the help's.
 */
const LOADERS: Record<string, () => Promise<Command>> = {
  generate: async () => (await import('./generate.js')).generateCommand,
  esd: async () => (await import('./esd.js')).esdCommand,
  wigner: async () => (await import('./wigner.js')).wignerCommand,
  fit: async () => (await import('./fit.js')).fitCommand,
  analyze: async () => (await import('./analyze.js')).analyzeCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  theory: async () => (await import('./theory.js')).theoryCommand,
  sweep: async () => (await import('./sweep.js')).sweepCommand,
  merge: async () => (await import('./merge.js')).mergeCommand,
  landscape: async () => (await import('./landscape.js')).landscapeCommand,
  train: async () => (await import('./train.js')).trainCommand,
  'train-grid': async () => (await import('./trainGrid.js')).trainGridCommand,
  notebook: async () => (await import('./notebook.js')).notebookCommand,
  demo: async () => (await import('./demo.js')).demoCommand,
};

export const COMMAND_NAMES = Object.keys(LOADERS);

/** The command called `name`, or undefined when there is none. */
export function loadCommand(name: string): Promise<Command> | undefined {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]() : undefined;
}

/** All commands, in the help's order. */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(COMMAND_NAMES.map((name) => LOADERS[name]()));
}
