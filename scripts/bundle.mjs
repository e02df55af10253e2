// Bundles the static site (web/ -> dist/) and the library build of the JS API (wasm/api.js ->
// dist/lib/activation-derivations.js). Run by scripts/build.sh after the WebAssembly module is built.
import * as esbuild from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const common = { absWorkingDir: root, bundle: true, target: 'es2020', logLevel: 'warning', metafile: true };

// Swaps a source reference in index.html for the bundled file; fails if the reference is missing.
function replaceReference(html, attribute, source, output) {
  const reference = `${attribute}="${source}"`;
  if (!html.includes(reference)) throw new Error(`web/index.html has no ${reference}`);
  return html.replace(reference, `${attribute}="${path.relative(dist, path.join(root, output))}"`);
}

// The output file of an entry point, from esbuild's metafile.
function outputOf(metafile, entryPoint) {
  const found = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === entryPoint);
  if (!found) throw new Error(`esbuild produced no output for ${entryPoint}`);
  return found[0];
}

await rm(dist, { recursive: true, force: true });

// The page: one minified ES module, one stylesheet with KaTeX's, and KaTeX's fonts, all content-hashed
// and referenced by relative URLs so dist/ can be served from any path.
const site = await esbuild.build({
  ...common,
  entryPoints: ['web/js/main.js', 'web/css/style.css'],
  outdir: 'dist/assets',
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  format: 'esm',
  minify: true,
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
});
let html = await readFile(path.join(root, 'web/index.html'), 'utf8');
html = replaceReference(html, 'src', 'js/main.js', outputOf(site.metafile, 'web/js/main.js'));
html = replaceReference(html, 'href', 'css/style.css', outputOf(site.metafile, 'web/css/style.css'));
await writeFile(path.join(dist, 'index.html'), html);

// The library: the JS API with its WebAssembly module inlined, readable, for `import` from package.json.
const library = await esbuild.build({
  ...common,
  entryPoints: ['wasm/api.js'],
  outfile: 'dist/lib/activation-derivations.js',
  format: 'esm',
  platform: 'neutral',
});

const outputs = [...Object.keys(site.metafile.outputs), ...Object.keys(library.metafile.outputs), 'dist/index.html'];
for (const output of outputs.filter((name) => /\.(js|css|html)$/.test(name))) {
  const bytes = await readFile(path.join(root, output));
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`${output.padEnd(52)} ${kib(bytes.length).padStart(10)}  gzip ${kib(gzipSync(bytes).length).padStart(9)}`);
}
