/**
 * The one error type for invalid input. It names the parameter, the value that was given and what is allowed,
 * so that every boundary (CLI flags, URL state, file import, worker messages) can report it the same way.
 */
export class ParameterError extends Error {
  readonly parameter: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(parameter: string, value: unknown, allowed: string, detail?: string) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    super(`invalid ${parameter}: ${shown}${detail ? ` (${detail})` : ''}; allowed: ${allowed}`);
    this.name = 'ParameterError';
    this.parameter = parameter;
    this.value = value;
    this.allowed = allowed;
  }
}

/** A numerical method that did not reach its tolerance: it reports that instead of returning a wrong number. */
export class ConvergenceError extends Error {
  constructor(method: string, detail: string) {
    super(`${method} did not converge: ${detail}`);
    this.name = 'ConvergenceError';
  }
}

/** A file or byte stream that cannot be read as what it claims to be. */
export class FormatError extends Error {
  constructor(what: string, detail: string) {
    super(`cannot read ${what}: ${detail}`);
    this.name = 'FormatError';
  }
}
