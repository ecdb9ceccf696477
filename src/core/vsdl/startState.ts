import { float64Array, oneOf, randomStream } from '../validate.js';
import { fillNormal, type RandomStream } from '../random/index.js';
import { normalizeToSphere } from './problem.js';
import type { Weights } from './types.js';

/**
 * The initial student. 'teacher' copies the teacher, projected on the student's space: an Ising student starts
 * at sgn(T) (sgn 0 = +1), a spherical one at T itself (|T|² = N). 'random' draws a uniform state of the
 * student's space from `stream`.
 */
export function initialStudent(weights: Weights, start: 'teacher' | 'random', teacher: Float64Array, stream: RandomStream): Float64Array {
  oneOf('weights', weights, ['ising', 'spherical'] as const);
  oneOf('start', start, ['teacher', 'random'] as const);
  float64Array('teacher', teacher, { minLength: 1 });
  randomStream('stream', stream);
  const n = teacher.length;
  const J = new Float64Array(n);
  if (start === 'teacher') {
    if (weights === 'ising') for (let i = 0; i < n; i++) J[i] = teacher[i]! >= 0 ? 1 : -1;
    else J.set(teacher);
    return weights === 'spherical' ? normalizeToSphere(J) : J;
  }
  if (weights === 'ising') {
    for (let i = 0; i < n; i++) J[i] = stream.nextUint32() >>> 31 ? 1 : -1;
    return J;
  }
  return normalizeToSphere(fillNormal(stream, J));
}
