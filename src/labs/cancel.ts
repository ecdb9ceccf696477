/**
 * A stopped job. The worker throws it when a job hears its cancel; comlink carries an error's name and message
 * across (not its class), so the page recognises a cancellation by the name.
 */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

/** Whether an error (possibly one that crossed the worker boundary) says the job was cancelled. */
export function isCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'JobCancelled' || error.message === 'cancelled');
}

/** Readable text of an error, wherever it was thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
