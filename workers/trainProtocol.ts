/** What the page needs to know of the training worker without loading it (TensorFlow.js stays out of the page). */
export const TRAIN_WORKER_READY = 'vsdl-train-worker-ready';
