import { installNativeKernels } from './node/index.js';

/** VSDL Lab in Node: the whole library, plus worker threads for the dense kernels (esdAsync and its siblings). */
export * from './index.js';
export * from './node/index.js';

// The Node entry computes dense spectra with the native kernels where they are built (the same bits, sooner).
installNativeKernels();
