import { parentPort } from 'node:worker_threads';
import { runCell } from '../../core/vsdl/index.js';
import { serializeError, type FromWorker, type ToWorker } from './messages.js';

/**
 * Worker-thread entry of the sweep pool: runs one cell at a time with runCell (which yields to the event loop
 * between blocks of sweeps, so an 'abort' message is seen within one block) and reports progress.
 */

if (!parentPort) throw new Error('the sweep worker (dist/cli/sweep/worker.js) runs as a worker thread of the sweep pool');
const port = parentPort;
const aborted = new Set<number>();
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    aborted.add(message.id);
    return;
  }
  const { id, params } = message;
  const signal = {
    get aborted() {
      return aborted.has(id);
    },
  };
  // runCell validates synchronously: start inside a promise so that a ParameterError is reported, not thrown.
  Promise.resolve()
    .then(() => runCell({ ...params, signal, onProgress: (fraction) => send({ type: 'progress', id, fraction }) }))
    .then(
      (result) => send({ type: 'done', id, result }),
      (error: unknown) => send({ type: 'error', id, error: serializeError(error) }),
    )
    .finally(() => aborted.delete(id));
});
