/**
 * The lessons view in the URL: ?lab=lesson&lesson=01&predict=1&hide=tabs. Parsing never throws: a bad value is
 * dropped and listed in `notices`, like the labs' fields. Whether lesson 01 exists is known only to the lessons
 * worker (it holds the notebooks): the view checks that when the catalogue arrives, with its own notice.
 */
import { truncate } from './urlState.js';

export const LESSON_LAB = 'lesson';

/** What ?hide= can take away in the lessons view. */
export const LESSON_HIDEABLE = ['tabs', 'list', 'run', 'predict', 'links', 'table', 'checks', 'export'] as const;

export interface LessonUrlState {
  /** The lesson's two-digit key, or null for the list. */
  lesson: string | null;
  /** Predict first: theory series stay hidden until the student has answered. */
  predict: boolean;
  hidden: string[];
}

export interface ParsedLessonUrl extends LessonUrlState {
  notices: string[];
}

/** ?lab=lesson, or the plural the Lessons tab is called by (links are written with the singular). */
export function isLessonUrl(search: string): boolean {
  const lab = new URLSearchParams(search).get('lab');
  return lab === LESSON_LAB || lab === 'lessons';
}

/** '01', '1' and '01-marchenko-pastur' all name lesson 01; anything else is null. */
export function lessonKey(text: string): string | null {
  const m = /^(\d{1,2})(-[a-z0-9-]{1,80})?$/.exec(text.trim());
  if (!m) return null;
  return m[1].padStart(2, '0');
}

export function parseLessonState(search: string): ParsedLessonUrl {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  let lesson: string | null = null;
  let predict = false;
  let hidden: string[] = [];
  for (const [key, text] of params) {
    if (key === 'lab') continue;
    if (key === 'lesson') {
      lesson = lessonKey(text);
      if (lesson === null) notices.push(`lesson="${truncate(text)}" is not a lesson number such as 01: showing the list of lessons`);
    } else if (key === 'predict') {
      if (text === '1' || text === 'true') predict = true;
      else if (text !== '0' && text !== 'false') notices.push(`predict="${truncate(text)}" is not 0 or 1: reset to 0`);
    } else if (key === 'hide') {
      hidden = parseHidden(text, notices);
    } else {
      notices.push(`unknown parameter "${truncate(key)}" ignored`);
    }
  }
  return { lesson, predict, hidden, notices };
}

function parseHidden(text: string, notices: string[]): string[] {
  const hidden: string[] = [];
  for (const name of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if ((LESSON_HIDEABLE as readonly string[]).includes(name)) {
      if (!hidden.includes(name)) hidden.push(name);
    } else notices.push(`hide: unknown control "${truncate(name)}" ignored`);
  }
  return hidden;
}

export function serializeLessonState(state: LessonUrlState): string {
  const params = new URLSearchParams();
  params.set('lab', LESSON_LAB);
  if (state.lesson !== null) params.set('lesson', state.lesson);
  if (state.predict) params.set('predict', '1');
  const hidden = state.hidden.filter((name) => (LESSON_HIDEABLE as readonly string[]).includes(name));
  if (hidden.length > 0) params.set('hide', hidden.join(','));
  return `?${params.toString().replace(/%2C/g, ',')}`;
}
