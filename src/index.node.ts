/** VSDL Lab in Node: the whole library, plus worker threads for the dense kernels (esdAsync and its siblings). */
export * from './index.js';
export * from './node/index.js';
