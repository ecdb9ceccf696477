import { existsSync } from 'node:fs';

/** The Chromium that the end-to-end and browser GPU tests drive (Debian's; CHROMIUM=/path overrides). */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Why the browser tests are skipped, or null when they run. */
export const chromiumMissing: string | null = hasChromium
  ? null
  : `no Chromium at ${CHROMIUM}: the end-to-end UI test (test/e2e) and the browser GPU test (test/gpu/browser.test.ts) were skipped. ` +
    'Install Debian\'s chromium (apt-get install chromium) or set CHROMIUM=/path/to/chromium to run them.';
