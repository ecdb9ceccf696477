/** Browser worker entry for the lessons: exposes the lesson API over comlink, then says it is ready. */
import { expose, type Endpoint } from 'comlink';
import { LESSON_WORKER_READY } from '../src/labs/index.js';
import { createLessonApi } from './lessonApi.js';

const endpoint = self as unknown as Endpoint;
expose(createLessonApi(), endpoint);
endpoint.postMessage({ type: LESSON_WORKER_READY });
