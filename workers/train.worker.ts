/** Browser worker entry for training: exposes the training API over comlink, then says it is ready. */
import { expose, type Endpoint } from 'comlink';
import { createTrainApi } from './trainApi.js';
import { TRAIN_WORKER_READY } from './trainProtocol.js';

const endpoint = self as unknown as Endpoint;
expose(createTrainApi(), endpoint);
endpoint.postMessage({ type: TRAIN_WORKER_READY });
