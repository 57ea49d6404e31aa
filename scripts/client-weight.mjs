// npm run size:client — how much JavaScript the web client makes a browser download before the first page shows,
// gzipped as a server sends it, and the largest chunks that load later, only on the pages that need them.
//
// Reads the build in client/dist (run `npm run build:client` first): the initial JavaScript is the entry script of
// index.html and every module it preloads; everything else under assets/ loads on demand.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 300;
const LAZY_SHOWN = 8;

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'client', 'dist');

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error('client/dist/index.html not found: run `npm run build:client` first');
  process.exit(1);
}

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
const rawKb = (file) => readFileSync(join(dist, file)).length / 1024;
const kb = (n) => `${n.toFixed(1).padStart(7)} KB`;

const initial = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*\bhref="\/?([^"]+\.css)"/g)].map((m) => m[1]);
const lazy = readdirSync(join(dist, 'assets'))
  .map((name) => `assets/${name}`)
  .filter((file) => file.endsWith('.js') && !initial.includes(file))
  .map((file) => ({ file, gzip: gzipKb(file) }))
  .sort((a, b) => b.gzip - a.gzip);

const initialGzip = initial.reduce((sum, file) => sum + gzipKb(file), 0);
console.log('Initial JavaScript (entry and modulepreloads), gzipped:');
for (const file of initial) console.log(`  ${kb(gzipKb(file))}  (${kb(rawKb(file)).trim()} raw)  ${file}`);
console.log(`  ${kb(initialGzip)}  total, limit ${LIMIT_KB} KB`);
for (const file of styles) console.log(`Stylesheet: ${kb(gzipKb(file)).trim()} gzipped  ${file}`);
console.log(`Loaded on demand: ${lazy.length} chunks, ${kb(lazy.reduce((sum, c) => sum + c.gzip, 0)).trim()} gzipped; the largest:`);
for (const chunk of lazy.slice(0, LAZY_SHOWN)) console.log(`  ${kb(chunk.gzip)}  ${chunk.file}`);
if (initialGzip > LIMIT_KB) {
  console.error(`The initial JavaScript is over ${LIMIT_KB} KB gzipped.`);
  process.exitCode = 1;
}
