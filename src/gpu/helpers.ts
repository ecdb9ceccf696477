import { add24, mulHi24, mulLo24, scaleIndex } from './kernels/limbs.js';
import { rotationTrig } from './kernels/trig.js';
import { add32, mul16, xor16 } from './edge/halves.js';
import { exp32, ln32 } from './edge/logexp.js';

/**
 * The limb helpers as gpu.js function sources, each under the name the kernels call it by. Bundlers may rename
 * a function (mulHi24 → mulHi24$1) while the kernels' calls keep the original name, so the name is written
 * into the source rather than taken from the function object.
 */
const sources = (functions: Record<string, (...args: number[]) => number>): string[] =>
  Object.entries(functions).map(([name, fn]) => fn.toString().replace(/^function\s*[^(]*\(/, `function ${name}(`));

export const LIMB_FUNCTIONS: string[] = sources({ mulHi24, mulLo24, add24, scaleIndex });
/** The limb helpers and the rotation's cos/sin (kernels/trig.ts), for the spherical decision. */
export const SPHERE_FUNCTIONS: string[] = sources({ mulHi24, mulLo24, add24, scaleIndex, rotationTrig });
/** Exact 32-bit word arithmetic on 16-bit halves (edge/halves.ts), for the device's Philox4x32-10. */
export const WORD_FUNCTIONS: string[] = sources({ mul16, xor16, add32 });
/** ln and exp in float32 from exactly rounded operations (edge/logexp.ts). */
export const LN_EXP_FUNCTIONS: string[] = sources({ ln32, exp32 });
