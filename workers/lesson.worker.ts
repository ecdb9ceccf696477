/** Browser worker entry for the lessons: exposes the lesson API over comlink, then says it is ready. */
import { expose, type Endpoint } from 'comlink';
import { createLessonApi } from './lessonApi.js';
import { LESSON_WORKER_READY } from './lessonProtocol.js';

const endpoint = self as unknown as Endpoint;
expose(createLessonApi(), endpoint);
endpoint.postMessage({ type: LESSON_WORKER_READY });
