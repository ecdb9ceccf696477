import { parentPort, workerData } from 'node:worker_threads';
// Only what a job needs (not the whole linalg module): the worker starts faster.
import { answerKernelRequest, type KernelRequest } from '../core/linalg/threads.js';
import { installNativeKernelsFrom } from './nativeKernels.js';

/** Worker-thread entry of the Node kernel pool (kernelPool.ts). */

if (!parentPort) throw new Error('kernelWorker.js runs as a worker thread of the kernel pool');
const port = parentPort;
// The native kernels exactly when the spawning thread uses them (kernelPool.ts passes their path).
installNativeKernelsFrom((workerData as { nativeKernels?: string | null } | null)?.nativeKernels ?? null);
port.on('message', (request: KernelRequest) => port.postMessage(answerKernelRequest(request)));
