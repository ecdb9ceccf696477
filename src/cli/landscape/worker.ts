import { parentPort } from 'node:worker_threads';
import { planEnumeration, scanChunk, type ChunkRequest } from '../../core/landscape/index.js';
import type { FromEnumerationWorker } from './pool.js';
import { serializeError } from '../sweep/messages.js';

/** Worker-thread entry of the enumeration pool: scans one chunk per message and answers with its best state. */

if (!parentPort) throw new Error('landscape/worker.js runs as a worker thread of the enumeration pool');
const port = parentPort;

port.on('message', ({ id, J, n, start, end }: ChunkRequest) => {
  let reply: FromEnumerationWorker;
  try {
    const best = scanChunk(J, planEnumeration(n), { start, end });
    reply = { id, energy: best.energy, state: best.state };
  } catch (error) {
    reply = { id, error: serializeError(error) };
  }
  port.postMessage(reply);
});
