/** What the page needs to know of the lessons worker without loading it (the notebooks stay out of the page). */
export const LESSON_WORKER_READY = 'vsdl-lesson-worker-ready';
