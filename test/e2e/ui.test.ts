/**
 * End to end: builds the app, serves dist-ui/ on 127.0.0.1 and drives Debian's Chromium headless through the labs
 * and lessons (labs.ts) and through what a class does with them (classroom.ts). Every page must compute and draw
 * with no console error and no request beyond the page's own origin. The run leaves screenshots (the README's when
 * VSDL_SCREENSHOTS names docs/screenshots: `npm run screenshots`) and timings in /tmp/ui-shots.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classroomTests } from './classroom.js';
import type { E2E } from './context.js';
import { buildApp, DIST, hasChromium, launch, serve } from './harness.js';
import { labTests } from './labs.js';

describe.skipIf(!hasChromium)('UI in headless Chromium', () => {
  const e: E2E = { browser: undefined as never, origin: '', problems: [], timings: {} };
  let server: Server;

  beforeAll(async () => {
    await buildApp();
    ({ origin: e.origin, server } = await serve(DIST));
    e.browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await e.browser?.close();
    server?.close();
  });

  describe('labs and lessons', () => labTests(e));
  describe('in a class', () => classroomTests(e));

  it('logged no console errors and made no request beyond its origin', () => {
    expect(e.problems).toEqual([]);
  });
});
