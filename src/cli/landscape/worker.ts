import { parentPort } from 'node:worker_threads';
import { planEnumeration, scanChunk } from '../../core/landscape/index.js';
import type { FromEnumerationWorker, ToEnumerationWorker } from './pool.js';
import { serializeError } from '../sweep/messages.js';

/** Worker-thread entry of the enumeration pool: scans one chunk per message and answers with its best state. */

if (!parentPort) throw new Error('landscape/worker.js runs as a worker thread of the enumeration pool');
const port = parentPort;

port.on('message', ({ id, J, n, start, end }: ToEnumerationWorker) => {
  let reply: FromEnumerationWorker;
  try {
    const best = scanChunk(J, planEnumeration(n), { start, end });
    reply = { id, type: 'done', energy: best.energy, state: best.state };
  } catch (error) {
    reply = { id, type: 'error', error: serializeError(error) };
  }
  port.postMessage(reply);
});
