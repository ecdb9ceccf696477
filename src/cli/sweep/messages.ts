import { ConvergenceError, FormatError, ParameterError } from '../../core/errors.js';
import { MonteCarloAbortError, type CellResult, type ResolvedCellParams } from '../../core/vsdl/index.js';

/** Messages between the sweep pool (main thread) and its workers (worker.ts). */

export type ToWorker = { type: 'run'; id: number; params: ResolvedCellParams } | { type: 'abort'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'done'; id: number; result: CellResult }
  | { type: 'error'; id: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  parameter?: string;
  value?: unknown;
  allowed?: string;
}

/** Errors cross the thread boundary as data; the project's own error types keep their class and fields. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof ParameterError) {
    return { name: error.name, message: error.message, parameter: error.parameter, value: safeValue(error.value), allowed: error.allowed };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function deserializeError(data: SerializedError, abortReason?: unknown): Error {
  let error: Error;
  if (data.name === 'AbortError') return new MonteCarloAbortError(abortReason);
  if (data.name === 'ParameterError') error = new ParameterError(data.parameter ?? 'parameter', data.value, data.allowed ?? '');
  else if (data.name === 'ConvergenceError') error = new ConvergenceError('', '');
  else if (data.name === 'FormatError') error = new FormatError('', '');
  else error = new Error();
  error.message = data.message;
  return error;
}

function safeValue(value: unknown): unknown {
  return value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value) ? value : String(value);
}
