import { chromiumMissing } from '../helpers/chromium.js';

/** Vitest global setup: says, after the run, which tests could not run on this machine and why. */
export default function setup(): () => void {
  return () => {
    if (chromiumMissing) process.stdout.write(`\nNOTICE: ${chromiumMissing}\n`);
  };
}
