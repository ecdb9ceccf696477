/**
 * The whole page in the URL: which view (the first view, a lab, the lessons), that view's state, and the
 * presentation mode. A query without any key (or with only `present`) is the first view; every other link opens
 * a lab or the lessons exactly as the lab and lesson parsers read it, so links shared before the first view
 * existed keep working. Parsing never throws: a bad value is dropped and listed in `notices`.
 */
import type { AnyLabValues, LabId } from '../../labs/index.js';
import { isLessonUrl, LESSON_LAB, parseLessonState, serializeLessonState } from './lessonState.js';
import { parseUrlState, serializeUrlState, truncate } from './urlState.js';

export const HOME = 'home';
export type View = typeof HOME | LabId | typeof LESSON_LAB;

/** `?present=1`: large type and a compact layout for a projector (1024×768 and up). */
export const PRESENT_KEY = 'present';

export interface ShellState {
  view: View;
  /** The lab's values (lab views only). */
  values: AnyLabValues | null;
  lesson: string | null;
  predict: boolean;
  hidden: string[];
  present: boolean;
}

export interface ParsedShell extends ShellState {
  notices: string[];
}

/**
 * The query with each key once, at its first value (the one URLSearchParams.get gives), and a notice for each key
 * given more than once: ?n=100&n=200 (a link edited by hand, two links pasted together) says which n it shows.
 */
function firstOfEach(params: URLSearchParams, notices: string[]): URLSearchParams {
  const out = new URLSearchParams();
  const counts = new Map<string, number>();
  for (const [key, value] of params) {
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count === 1) out.append(key, value);
  }
  for (const [key, count] of counts) {
    if (count > 1) notices.push(`"${truncate(key)}" is given ${count} times: the first, ${key}="${truncate(out.get(key)!)}", is used`);
  }
  return out;
}

export function parseShell(search: string): ParsedShell {
  const notices: string[] = [];
  const params = firstOfEach(new URLSearchParams(search), notices);
  let present = false;
  const presentText = params.get(PRESENT_KEY);
  if (presentText !== null) {
    if (presentText === '1' || presentText === 'true') present = true;
    else if (presentText !== '0' && presentText !== 'false') notices.push(`${PRESENT_KEY}="${truncate(presentText)}" is not 0 or 1: reset to 0`);
    params.delete(PRESENT_KEY);
  }
  const base = { values: null, lesson: null, predict: false, hidden: [], present };
  if ([...params.keys()].length === 0) return { ...base, view: HOME, notices };
  const rest = `?${params.toString()}`;
  if (isLessonUrl(rest)) {
    const lesson = parseLessonState(rest);
    return { ...base, view: LESSON_LAB, lesson: lesson.lesson, predict: lesson.predict, hidden: lesson.hidden, notices: [...notices, ...lesson.notices] };
  }
  const lab = parseUrlState(rest);
  return { ...base, view: lab.lab, values: lab.values, hidden: lab.hidden, notices: [...notices, ...lab.notices] };
}

export function serializeShell(state: ShellState): string {
  let query = '';
  if (state.view === LESSON_LAB) query = serializeLessonState(state);
  else if (state.view !== HOME) query = serializeUrlState({ lab: state.view, values: state.values ?? {}, hidden: state.hidden });
  if (!state.present) return query;
  return query === '' ? `?${PRESENT_KEY}=1` : `${query}&${PRESENT_KEY}=1`;
}
