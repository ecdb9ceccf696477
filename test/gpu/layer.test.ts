import { describe, expect, it } from 'vitest';
import { checkTeacher, drawTeacher, learnLayer, runLayerSweep, type LayerCellIdentity } from '../../src/core/layer/index.js';
import { drive } from '../../src/core/vsdl/drive.js';
import { cellParts } from '../../src/core/layer/key.js';
import { checkLayerSchedule } from '../../src/core/layer/params.js';
import { ParameterError } from '../../src/core/errors.js';
import { createGpuBackend } from '../../src/gpu/index.js';

/**
 * The layer model on the GPU (webasm and cpu modes here): every row of every cell is a chain of the shared
 * launches. Its chains start where learnLayer's start (same streams, same data), and its learned layers have the
 * law of the CPU's: R per cell within 3 combined standard errors (over rows) of runLayerSweep's.
 */
const teacher = { ensemble: 'spiked' as const, spikes: [8] };
const base = { teacher, k: 12, n: 24, inputs: 'independent' as const, samples: 2, seed: 5 };

describe('layer model on the GPU path', () => {
  it('starts every row where learnLayer starts it, on the same data (Ising, no sweeps)', async () => {
    const backend = createGpuBackend({ mode: 'cpu' });
    const checked = checkTeacher(teacher);
    const schedule = checkLayerSchedule({ equilibrationSweeps: 0, measurementSweeps: 0 });
    const cells: LayerCellIdentity[] = [0.5, 1.5].map((alpha) => ({ teacher: checked, k: 12, n: 24, alpha, tau: 0.5, inputs: 'independent', weights: 'ising', rowNorms: 'unit', schedule }));
    const teachers = [0, 1].map((s) => drawTeacher(checked, 12, 24, 'ising', 5, s));
    const learned = await backend.layerLearner.learnCells({ cells, samples: 2, seed: 5, teacher: (s) => teachers[s]! });
    for (const [j, cell] of cells.entries()) {
      for (const s of [0, 1]) {
        const cpu = await drive(learnLayer(teachers[s]!, { ...cell, seed: 5, sample: s, cell: cellParts(cell) }, (f) => f), {});
        expect(Array.from(learned[j]![s]!.J)).toEqual(Array.from(cpu.J));
        expect(Array.from(learned[j]![s]!.R)).toEqual(Array.from(cpu.R));
        expect(learned[j]![s]!.p).toBe(cpu.p);
      }
    }
  });

  it.each(['ising', 'spherical'] as const)('learns %s layers with the law of the CPU chains', async (weights) => {
    const options = { ...base, weights, alphas: [0.5, 2], taus: [0.5], schedule: { equilibrationSweeps: 150, measurementSweeps: 150 } };
    const backend = createGpuBackend({ mode: 'webasm' });
    const [gpu, cpu] = await Promise.all([runLayerSweep({ ...options, learner: backend.layerLearner }), runLayerSweep(options)]);
    expect(gpu.cells.map((c) => c.key)).toEqual(cpu.cells.map((c) => c.key));
    gpu.cells.forEach((g, j) => {
      const c = cpu.cells[j]!;
      // R is the mean over 2 × 12 rows with its SE over rows; the two runs are independent given the data.
      expect(Math.abs(g.R - c.R)).toBeLessThan(3 * Math.hypot(g.R_se, c.R_se));
      expect(g.R_se).toBeGreaterThan(0);
      expect(g.phase).not.toBeNull();
      expect(g.spectrum.density.length).toBe(c.spectrum.density.length);
    });
  }, 120000);

  it('refuses what the GPU cannot run: the automatic schedule', async () => {
    const backend = createGpuBackend({ mode: 'cpu' });
    await expect(runLayerSweep({ ...base, weights: 'ising', alphas: [1], taus: [0.5], learner: backend.layerLearner })).rejects.toThrow(ParameterError);
  });
});
