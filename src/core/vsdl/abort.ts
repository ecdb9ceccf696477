/** Thrown when a run is cancelled through its AbortSignal; `cause` is the signal's reason. */
export class MonteCarloAbortError extends Error {
  constructor(reason: unknown) {
    super('Monte Carlo run aborted', { cause: reason });
    this.name = 'AbortError';
  }
}

/** The subset of AbortSignal the runners use. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

export function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw new MonteCarloAbortError(signal.reason);
}
