/**
 * The `vsdl train-grid` file loaded into the phase lab, kept above the views (a module store) so that it survives
 * switching labs, with what went wrong when a file could not be read.
 */
import { writable } from 'svelte/store';
import { MAX_TRAIN_GRID_BYTES, readTrainGrid, type TrainGridMap } from '../../io/index.js';

export interface LoadedTrainGrid {
  name: string;
  map: TrainGridMap | null;
  error: string;
}

export const trainGrid = writable<LoadedTrainGrid | null>(null);

export async function loadTrainGrid(file: File): Promise<void> {
  try {
    if (file.size > MAX_TRAIN_GRID_BYTES) throw new Error(`${file.name} is ${file.size} bytes, above the limit of ${MAX_TRAIN_GRID_BYTES}`);
    trainGrid.set({ name: file.name, map: readTrainGrid(await file.text()), error: '' });
  } catch (error) {
    trainGrid.set({ name: file.name, map: null, error: error instanceof Error ? error.message : String(error) });
  }
}
