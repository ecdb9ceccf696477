import { parentPort } from 'node:worker_threads';
import { answerKernelRequest, type KernelRequest } from '../core/linalg/index.js';

/** Worker-thread entry of the Node kernel pool (kernelPool.ts). */

if (!parentPort) throw new Error('kernelWorker.js runs as a worker thread of the kernel pool');
const port = parentPort;
port.on('message', (request: KernelRequest) => port.postMessage(answerKernelRequest(request)));
