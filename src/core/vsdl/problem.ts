import { createStream, fillNormal, validateSeed } from '../random/index.js';
import { float64Array, integer, record } from '../validate.js';
import { checkAlpha, checkN, checkNoise, checkTeacherSpec, examplesFor } from './params.js';
import type { Problem, ProblemOptions, TeacherSpec } from './types.js';

/**
 * One disorder sample of the teacher–student problem.
 *
 * Streams: createStream(seed, 'vsdl', 'problem', `n=${n}`, `teacher=${kind}`, `sample=${k}`) forked into
 * 'teacher', 'inputs' and 'noise'. Inputs are drawn row by row from one stream and the noise uses one uniform
 * per example, so the data set does not depend on α: the problem at α is the first P(α) examples of the problem
 * at any larger α (the α-scan relies on this), and different noise levels flip nested sets of labels.
 */
export function createProblem(options: ProblemOptions): Problem {
  record('options', options);
  const n = checkN(options.n);
  const alpha = checkAlpha(options.alpha);
  const noise = checkNoise(options.noise ?? 0);
  const teacherSpec = checkTeacherSpec(options.teacher, n);
  const seed = validateSeed(options.seed);
  const sample = integer('sample', options.sample, 0, Number.MAX_SAFE_INTEGER);
  const p = examplesFor(n, alpha);

  const kind = teacherSpec instanceof Float64Array ? 'given' : teacherSpec;
  const root = createStream(seed, 'vsdl', 'problem', `n=${n}`, `teacher=${kind}`, `sample=${sample}`);
  const teacher = makeTeacher(teacherSpec, n, root.fork('teacher'));
  const xi = fillNormal(root.fork('inputs'), new Float64Array(p * n));
  const noiseStream = root.fork('noise');
  const labels = new Int8Array(p);
  for (let mu = 0; mu < p; mu++) {
    let field = 0;
    const row = mu * n;
    for (let i = 0; i < n; i++) field += teacher[i]! * xi[row + i]!;
    // sgn(0) = +1; a zero field has probability zero for Gaussian inputs.
    const clean = field >= 0 ? 1 : -1;
    labels[mu] = noiseStream.nextFloat() < noise ? -clean : clean;
  }
  return { n, p, xi, labels, teacher };
}

function makeTeacher(spec: TeacherSpec, n: number, stream: ReturnType<typeof createStream>): Float64Array {
  const teacher = new Float64Array(n);
  if (spec === 'ising') {
    for (let i = 0; i < n; i++) teacher[i] = stream.nextUint32() >>> 31 ? 1 : -1;
    return teacher;
  }
  if (spec === 'spherical') fillNormal(stream, teacher);
  else teacher.set(spec);
  return normalizeToSphere(teacher);
}

/** Rescales v in place to |v|² = N. */
export function normalizeToSphere(v: Float64Array): Float64Array {
  float64Array('v', v, { minLength: 1 });
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  const scale = Math.sqrt(v.length / norm);
  for (let i = 0; i < v.length; i++) v[i]! *= scale;
  return v;
}

/**
 * The label-signed inputs x^μ = σ^μ ξ^μ of the first `p` examples, column-major (N×p, column i contiguous):
 * example μ is an error iff J·x^μ ≤ 0, and a change of J_i updates every field by streaming column i.
 */
export function signedColumns(problem: Problem, examples?: number): Float64Array {
  record('problem', problem);
  float64Array('problem.xi', problem.xi);
  const p = examples === undefined ? problem.p : integer('p', examples, 0, problem.p);
  const { n, xi, labels } = problem;
  const columns = new Float64Array(n * p);
  for (let mu = 0; mu < p; mu++) {
    const sign = labels[mu]!;
    const row = mu * n;
    for (let i = 0; i < n; i++) columns[i * p + mu] = sign * xi[row + i]!;
  }
  return columns;
}
