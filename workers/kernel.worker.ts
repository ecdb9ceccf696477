/** Browser worker entry of the kernel pool (kernelThreads.ts): runs its part of each dense-kernel job. */
import { answerKernelRequest, type KernelRequest } from '../src/core/linalg/threads.js';

self.onmessage = (event: MessageEvent<KernelRequest>) => self.postMessage(answerKernelRequest(event.data));
