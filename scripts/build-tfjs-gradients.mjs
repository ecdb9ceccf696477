// TensorFlow.js registers its gradients from ES modules (@tensorflow/tfjs-core/dist/register_all_gradients.js)
// whose relative imports have no file extensions: bundlers resolve them, Node cannot, and tfjs-core's Node build
// leaves the gradients out. This bundles that module into one file that Node imports
// (dist/tfjs/register-gradients.js); it registers into the engine-wide gradient registry, which every copy of
// tfjs-core shares. Browsers import the module itself through Vite. Run by `npm run build`.
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('../', import.meta.url));
await build({
  cwd: root,
  input: '@tensorflow/tfjs-core/dist/register_all_gradients.js',
  output: { file: 'dist/tfjs/register-gradients.js', format: 'esm', sourcemap: false },
  logLevel: 'warn',
});
process.stdout.write('dist/tfjs/register-gradients.js: TensorFlow.js gradients for Node\n');
