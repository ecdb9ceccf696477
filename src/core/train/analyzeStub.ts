// TEMPORARY stand-in for src/core/analyze (analyzeModel), replaced when that module is merged.
import { fitEsd, type Phase } from '../fit/index.js';
import { matrix } from '../linalg/index.js';

export interface LayerRecord {
  name: string;
  shape: number[];
  N: number;
  M: number;
  matrices: number;
  status: 'ok' | 'failed';
  alpha: number | null;
  alpha_weighted: number | null;
  D: number | null;
  xmin: number | null;
  entropy: number | null;
  stable_rank: number | null;
  log_norm: number | null;
  lambda_max: number | null;
  lambda_plus: number | null;
  num_spikes: number | null;
  phase: Phase | null;
  phase_reason: string;
}

export interface ModelTensor {
  name: string;
  shape: readonly number[];
  data: Float32Array | Float64Array;
  layout?: 'hwio';
}

export function analyzeModel(tensors: ModelTensor[]): { layers: LayerRecord[] } {
  const layers: LayerRecord[] = [];
  for (const t of tensors) {
    if (t.shape.length !== 2) continue;
    let [n, m] = t.shape as [number, number];
    let data = Float64Array.from(t.data);
    if (n < m) {
      const tr = new Float64Array(n * m);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) tr[j * n + i] = data[i * m + j];
      data = tr;
      [n, m] = [m, n];
    }
    if (m < 10) continue;
    if (data.some((v) => !Number.isFinite(v))) {
      layers.push({ name: t.name, shape: [...t.shape], N: n, M: m, matrices: 1, status: 'failed', alpha: null, alpha_weighted: null, D: null, xmin: null, entropy: null, stable_rank: null, log_norm: null, lambda_max: null, lambda_plus: null, num_spikes: null, phase: null, phase_reason: 'non-finite' });
      continue;
    }
    const fit = fitEsd({ W: matrix(n, m, data) }, { randNull: 'none' });
    layers.push({
      name: t.name, shape: [...t.shape], N: n, M: m, matrices: 1, status: fit.status,
      alpha: fit.alpha, alpha_weighted: fit.alpha_weighted, D: fit.D, xmin: fit.xmin, entropy: fit.entropy,
      stable_rank: fit.stable_rank, log_norm: fit.log_norm, lambda_max: fit.lambda_max, lambda_plus: fit.lambda_plus,
      num_spikes: fit.num_spikes, phase: fit.phase, phase_reason: fit.phase_reasons[0] ?? fit.reason,
    });
  }
  return { layers };
}
