import { add24, mulHi24, mulLo24, scaleIndex } from './kernels/limbs.js';

/**
 * The limb helpers as gpu.js function sources, each under the name the kernels call it by. Bundlers may rename
 * a function (mulHi24 → mulHi24$1) while the kernels' calls keep the original name, so the name is written
 * into the source rather than taken from the function object.
 */
export const LIMB_FUNCTIONS: string[] = Object.entries({ mulHi24, mulLo24, add24, scaleIndex }).map(([name, fn]) =>
  fn.toString().replace(/^function\s*[^(]*\(/, `function ${name}(`),
);
