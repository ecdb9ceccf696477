import { inRange, oneOf, randomStream } from '../validate.js';
import { fillNormal, type RandomStream } from '../random/index.js';
import type { Weights } from '../theory/index.js';
import { checkLayerTeacher, type LayerTeacher } from './teacher.js';

/**
 * The model of a learned layer at overlap R, drawn directly (no Monte Carlo): the Gibbs student of a perceptron
 * at overlap R is, by the rotational symmetry of Gaussian inputs about T, J = R·T + √(1−R²)·ξ with ξ ⊥ T uniform on
 * the sphere of radius √N, independently for each row with independent inputs. For Ising students
 * J_i = T_i with probability (1 + R)/2 and −T_i otherwise, which has the same mean R·T and the same noise
 * variance 1 − R² per entry.
 *
 * Its spectrum is the "predicted spectrum" of a cell when no closed form exists, and the closed forms are
 * tested against it. The noise comes from `stream` alone, so one stream gives one coupled family in R.
 */
export function surrogateLayer(teacher: LayerTeacher, R: number, weights: Weights, stream: RandomStream): Float64Array {
  checkLayerTeacher(teacher);
  inRange('R', R, -1, 1);
  oneOf('weights', weights, ['ising', 'spherical'] as const);
  randomStream('stream', stream);
  const { k, n, rows } = teacher;
  const J = new Float64Array(k * n);
  if (weights === 'ising') {
    const u = stream.fill(new Float64Array(k * n));
    const keep = (1 + R) / 2;
    for (let i = 0; i < k * n; i++) J[i] = u[i]! < keep ? rows[i]! : -rows[i]!;
    return J;
  }
  const g = fillNormal(stream, new Float64Array(k * n));
  const noise = Math.sqrt(Math.max(0, 1 - R * R));
  for (let r = 0; r < k; r++) {
    const t = rows.subarray(r * n, (r + 1) * n);
    const x = g.subarray(r * n, (r + 1) * n);
    let dot = 0;
    for (let i = 0; i < n; i++) dot += x[i]! * t[i]!;
    dot /= n; // |t|² = N
    let norm = 0;
    for (let i = 0; i < n; i++) {
      x[i]! -= dot * t[i]!;
      norm += x[i]! * x[i]!;
    }
    const scale = Math.sqrt(n / norm);
    for (let i = 0; i < n; i++) J[r * n + i] = R * t[i]! + noise * scale * x[i]!;
  }
  return J;
}
