/** The training worker's ready message, defined with its contract in src/labs (the page reads it from there). */
export { TRAIN_WORKER_READY } from '../src/labs/train.js';
