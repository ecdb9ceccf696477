import { record } from '../../validate.js';
import { numberKey } from '../params.js';
import type { ResolvedCellParams } from '../types.js';

/**
 * The exact identity of a cell as text: weights, N, α, τ, noise, samples, seed, start, teacher and schedule,
 * floats by their shortest round-trip form. Two cells with equal keys have bit-identical results (runCell
 * derives every stream from these), so a resumed sweep may reuse a stored cell exactly when its key matches.
 */
export function cellKey(cell: ResolvedCellParams): string {
  record('cell', cell);
  record('cell.schedule', cell.schedule);
  const s = cell.schedule;
  const sweeps = (value: number | undefined) => (value === undefined ? 'auto' : String(value));
  return [
    cell.weights,
    `n=${cell.n}`,
    `alpha=${numberKey(cell.alpha)}`,
    `tau=${numberKey(cell.tau)}`,
    `noise=${numberKey(cell.noise)}`,
    `samples=${cell.samples}`,
    `seed=${JSON.stringify(String(cell.seed))}`,
    `start=${cell.start}`,
    `teacher=${teacherKey(cell.teacher)}`,
    `equilibration=${sweeps(s.equilibrationSweeps)}/${sweeps(s.maxEquilibrationSweeps)}`,
    `measurement=${sweeps(s.measurementSweeps)}/${sweeps(s.maxMeasurementSweeps)}`,
  ].join(';');
}

/** A given teacher vector is named by a 64-bit FNV-1a checksum of its float64 bytes (with its length). */
function teacherKey(teacher: ResolvedCellParams['teacher']): string {
  if (!(teacher instanceof Float64Array)) return teacher;
  const bytes = new Uint8Array(teacher.buffer, teacher.byteOffset, teacher.byteLength);
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return `given(${teacher.length}):${hash.toString(16).padStart(16, '0')}`;
}
