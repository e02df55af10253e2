// Bundles the static site (web/ -> dist/), the same page as one self-contained file that works from
// disk (dist/activation-derivations.html), and the library build of the JS API (wasm/api.js ->
// dist/lib/activation-derivations.js). Run by scripts/build.sh after the WebAssembly module is built:
// the page's prose from content/ comes from that module (scripts/page-prose.mjs).
import * as esbuild from 'esbuild';
import katex from 'katex';
import { createHash } from 'node:crypto';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { loadCore } from '../wasm/api.js';
import { fillLessonFacts, placeDefinitions, placeProse } from './page-prose.mjs';
import { insertStaticPlots } from './static-plots.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const common = { absWorkingDir: root, bundle: true, target: 'es2020', logLevel: 'warning', metafile: true };

// Points per plotted series (web/js/controls/range.js): 481 on the page; bench/slider.mjs also times a build
// with PLOT_POINTS=2001, the density the speed budget is set for.
const plotPoints = Number(process.env.PLOT_POINTS ?? 481);
if (!Number.isInteger(plotPoints) || plotPoints < 2) throw new Error(`PLOT_POINTS must be a whole number of at least 2, not ${process.env.PLOT_POINTS}`);

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

// The static math of web/index.html, typeset here rather than in the browser: the first view needs
// KaTeX's stylesheet and fonts but not its 270 KB of script. Each [data-tex] / [data-tex-display]
// element outside <template>s gets KaTeX's markup in place of its TeX, and data-typeset(-display)
// in place of the attribute, so web/js/figures/math.js's renderTexIn() passes it by and web/js/boot/main.js can
// find the display lines. (Templates are typeset when cloned.)
const KATEX_OPTIONS = { throwOnError: true, output: 'htmlAndMathml', trust: false };
const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
function typesetStaticMath(page) {
  const typeset = (part) => part.replace(
    /<(span|div)([^>]*?) (data-tex(?:-display)?)(>|\s[^>]*>)([^<]*)<\/\1>/g,
    (element, tag, before, attribute, after, tex) => {
      const source = tex.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);
      const markup = katex.renderToString(source, { ...KATEX_OPTIONS, displayMode: attribute === 'data-tex-display' });
      const typesetAttribute = attribute === 'data-tex-display' ? 'data-typeset-display' : 'data-typeset';
      return `<${tag}${before} ${typesetAttribute}${after}${markup}</${tag}>`;
    });
  return page.split(/(<template[\s\S]*?<\/template>)/).map((part) => {
    if (part.startsWith('<template')) return part;
    const done = typeset(part);
    const left = done.match(/ data-tex(-display)?[\s>]/);
    if (left) throw new Error(`web/index.html: a [data-tex] element was not typeset: ${left[0]}`);
    return done;
  }).join('');
}

// The hosted page loads the core built with a separate .wasm (see wasm/CMakeLists.txt): this plugin
// swaps wasm/api.js's import of the single-file module for it, with the .wasm as a content-hashed
// asset whose address web/js/core/core-url.js gives (to the module's locateFile and to main.js).
const WEB_CORE = path.join(root, 'build-wasm/wasm/activation-core-web.mjs');
const hostedCore = {
  name: 'hosted-core',
  setup(build) {
    build.onResolve({ filter: /activation-core\.mjs$/ }, () => ({ path: 'core', namespace: 'hosted-core' }));
    build.onResolve({ filter: /[\\/]core-url\.js$/ }, () => ({ path: 'url', namespace: 'hosted-core' }));
    build.onLoad({ filter: /^core$/, namespace: 'hosted-core' }, () => ({
      resolveDir: root,
      contents: `import create from ${JSON.stringify(WEB_CORE)};
        import { CORE_URL } from './web/js/core/core-url.js';
        export default (options) => create({ ...options, locateFile: () => CORE_URL });`,
    }));
    build.onLoad({ filter: /^url$/, namespace: 'hosted-core' }, () => ({
      resolveDir: root,
      contents: `import wasmFile from ${JSON.stringify(WEB_CORE.replace(/\.mjs$/, '.wasm'))};
        export const CORE_URL = new URL(wasmFile, import.meta.url).href;`,
    }));
  },
};

// The page: a small ES module for the first view, chunks it imports when the reader reaches the
// interactive parts (web/js/boot/main.js), one stylesheet with KaTeX's, KaTeX's fonts and the core's
// .wasm, all content-hashed and referenced by relative URLs so dist/ can be served from any path.
const site = await esbuild.build({
  ...common,
  entryPoints: ['web/js/boot/main.js', 'web/css/style.css'],
  outdir: 'dist/assets',
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  format: 'esm',
  splitting: true,
  minify: true,
  define: { LOAD_WHEN_NEEDED: 'true', PLOT_POINTS: String(plotPoints) },
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.wasm': 'file' },
  plugins: [hostedCore],
});
// The activations' prose (content/<locale>/activations/*.md, with the core's numbers) goes in first, so
// that its math is typeset with the rest; the lesson's thresholds too, as the page would show them.
// Then the still previews of the sections' plots (scripts/static-plots.mjs), over the page's grid.
const core = await loadCore();
const pageSource = await readFile(path.join(root, 'web/index.html'), 'utf8');
const typesetHtml = insertStaticPlots(typesetStaticMath(placeDefinitions(fillLessonFacts(placeProse(pageSource, core), core), core)), core, plotPoints);
// The head's one inline script (embed mode from the first paint), admitted by its hash.
const headScript = /<script>([^<]*)<\/script>/.exec(pageSource)?.[1];
if (!headScript) throw new Error('web/index.html has no inline <script> for embed mode in its head');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
let html = allow(typesetHtml, 'script-src', sha256(headScript));
html = replaceReference(html, 'src', 'js/boot/main.js', outputOf(site.metafile, 'web/js/boot/main.js'));
html = replaceReference(html, 'href', 'css/style.css', outputOf(site.metafile, 'web/css/style.css'));
// KaTeX's two text faces, asked for with the stylesheet rather than once it has been parsed and the
// math laid out: math laid out in a fallback face is laid out again when they arrive, and a link that
// opens the page at a part sees its text move.
const PRELOADED_FACES = ['Main-Regular', 'Math-Italic'];
const preloads = PRELOADED_FACES.map((face) => {
  const file = Object.keys(site.metafile.outputs).find((name) => name.includes(`KaTeX_${face}-`) && name.endsWith('.woff2'));
  if (!file) throw new Error(`esbuild produced no KaTeX_${face} woff2`);
  return `<link rel="preload" as="font" type="font/woff2" crossorigin href="${path.relative(dist, path.join(root, file))}">`;
});
html = replaceOnce(html, '<link rel="stylesheet"', `${preloads.join('\n  ')}\n  <link rel="stylesheet"`);
await writeFile(path.join(dist, 'index.html'), html);

// Offline after one visit: the web app manifest, its icon, and dist/sw.js, which keeps the page, its
// scripts (the chunks loaded later too), the core's .wasm, the stylesheet and KaTeX's woff2 fonts
// (every browser that runs WebAssembly reads woff2).
// The version names this build, so a new build's worker replaces the old cache.
await copyFile(path.join(root, 'web/manifest.webmanifest'), path.join(dist, 'manifest.webmanifest'));
await copyFile(path.join(root, 'web/icon.svg'), path.join(dist, 'icon.svg'));
const precache = ['./', 'manifest.webmanifest', 'icon.svg', ...Object.keys(site.metafile.outputs)
  .filter((name) => /\.(js|css|woff2|wasm)$/.test(name))
  .map((name) => path.relative(dist, path.join(root, name)))];
const version = createHash('sha256').update(html).update(precache.join('\n')).digest('hex').slice(0, 12);
let worker = await readFile(path.join(root, 'web/sw.js'), 'utf8');
worker = worker.replace("'__VERSION__'", () => JSON.stringify(version));
worker = worker.replace("['__PRECACHE__']", () => JSON.stringify(precache));
if (worker.includes('__')) throw new Error('web/sw.js: a placeholder was not filled in');
await writeFile(path.join(dist, 'sw.js'), worker);

// The single file: file:// loads no module scripts, so the page becomes one classic script and one
// <style>, inlined with KaTeX's fonts as data: URLs. Every browser that runs WebAssembly reads woff2,
// so the woff and ttf fallbacks are dropped, and so are the faces the page's TeX never reaches (the
// core's printer and the prose use only these; tests/e2e/offline.test.js checks that nothing on the
// page asks for another). The policy admits the inline script and style by hash.
const SINGLE_FILE = 'dist/activation-derivations.html';
const SINGLE_FILE_BUDGET = 1.5 * 1024 * 1024;
const KATEX_FACES = ['Main-Regular', 'Math-Italic', 'Size1-Regular', 'Size2-Regular', 'Size3-Regular', 'Size4-Regular'];

// Keeps KaTeX's @font-face rules for KATEX_FACES only, each with its woff2 source alone.
const katexFonts = {
  name: 'katex-fonts',
  setup(build) {
    build.onLoad({ filter: /katex[\\/]dist[\\/]katex(\.min)?\.css$/ }, async ({ path: file }) => {
      const css = await readFile(file, 'utf8');
      const kept = [];
      const stripped = css.replace(/@font-face\s*\{[^}]*\}/g, (rule) => {
        const face = /KaTeX_([\w-]+)\.woff2\)/.exec(rule)?.[1];
        if (!KATEX_FACES.includes(face)) return '';
        kept.push(face);
        return rule.replace(/,\s*url\([^)]*\.(woff|ttf)\)\s*format\("(woff|truetype)"\)/g, '');
      });
      if (kept.length !== KATEX_FACES.length || /\.(woff|ttf)\)/.test(stripped)) {
        throw new Error(`${file}: expected woff2 sources for ${KATEX_FACES.join(', ')}; found ${kept.join(', ')}`);
      }
      return { contents: stripped, loader: 'css' };
    });
  },
};

// The single file's core: the separate-.wasm module, with the .wasm inlined gzipped and in base64
// (about 40% of the SINGLE_FILE module's inline base64) and handed to it as `wasmBinary`, so that it
// fetches nothing. DecompressionStream (Chromium 80, Firefox 113, Safari 16.4) unpacks it.
const packedCore = {
  name: 'packed-core',
  setup(build) {
    build.onResolve({ filter: /activation-core\.mjs$/ }, () => ({ path: 'core', namespace: 'packed-core' }));
    build.onLoad({ filter: /^core$/, namespace: 'packed-core' }, async () => {
      const packed = gzipSync(await readFile(WEB_CORE.replace(/\.mjs$/, '.wasm')), { level: 9 }).toString('base64');
      return {
        resolveDir: root,
        contents: `import create from ${JSON.stringify(WEB_CORE)};
          const PACKED = ${JSON.stringify(packed)};
          async function unpack() {
            const text = atob(PACKED);
            const bytes = new Uint8Array(text.length);
            for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
            const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
            return new Uint8Array(await new Response(stream).arrayBuffer());
          }
          export default async (options) => create({ ...options, wasmBinary: await unpack() });`,
      };
    });
  },
};

const offline = await esbuild.build({
  ...common,
  entryPoints: ['web/js/boot/main.js', 'web/css/style.css'],
  outdir: 'dist/offline',
  write: false,
  format: 'iife',
  minify: true,
  // Emscripten's ES module reads import.meta.url only to locate a .wasm file; SINGLE_FILE has none.
  // An inline script's address is the page's. (No service worker is registered from SINGLE_FILE:
  // it has no manifest link, see web/js/boot/offline.js.)
  define: { 'import.meta.url': 'document.baseURI', LOAD_WHEN_NEEDED: 'false', PLOT_POINTS: String(plotPoints) },
  loader: { '.woff2': 'dataurl' },
  plugins: [katexFonts, packedCore],
});
const outputText = (entryPoint) => {
  const name = path.join(root, outputOf(offline.metafile, entryPoint));
  return offline.outputFiles.find((file) => file.path === name).text;
};
// Inside <script>, only "</script" (and "<!--", which changes how the parser reads what follows) can
// end the element early; "<\/" means "</" in every JS string, template and regular expression.
const script = outputText('web/js/boot/main.js').replace(/<\/script/gi, '<\\/script');
const style = outputText('web/css/style.css');
if (script.includes('<!--')) throw new Error('the bundled script contains "<!--"');
if (/<\/style/i.test(style)) throw new Error('the bundled stylesheet contains "</style"');
// Replaces the one match of `pattern` in `text` by `replacement`; fails if there is not exactly one.
function replaceOnce(text, pattern, replacement) {
  const count = text.split(pattern).length - 1;
  if (count !== 1) throw new Error(`web/index.html has ${count} × ${pattern}, expected 1`);
  return text.replace(pattern, () => replacement);
}

// Adds `sources` to the CSP directive `name` of the policy in `text`.
function allow(text, name, sources) {
  return text.replace(/(<meta http-equiv="Content-Security-Policy"\s+content="[^"]*)/, (policy) => {
    const directive = new RegExp(`(^|[";]\\s*)(${name} [^;"]*)`);
    if (!directive.test(policy)) throw new Error(`the CSP in web/index.html has no ${name}`);
    return policy.replace(directive, (all, before, rule) => `${before}${rule} ${sources}`);
  });
}

let single = allow(typesetHtml, 'script-src', sha256(headScript));
single = replaceOnce(single, '<link rel="stylesheet" href="css/style.css">', `<style>${style}</style>`);
single = replaceOnce(single, '<script type="module" async src="js/boot/main.js"></script>\n', '');
// One file: no manifest (a service worker cannot serve file://), and the icon inline.
single = replaceOnce(single, '<link rel="manifest" href="manifest.webmanifest">\n', '');
single = replaceOnce(single, '<link rel="icon" href="icon.svg" type="image/svg+xml">',
  `<link rel="icon" href="data:image/svg+xml;base64,${(await readFile(path.join(root, 'web/icon.svg'))).toString('base64')}">`);
single = replaceOnce(single, '</body>', `<script>${script}</script>\n</body>`);
single = allow(single, 'script-src', sha256(script));
single = allow(single, 'style-src', sha256(style));
single = allow(single, 'font-src', 'data:');
await writeFile(path.join(root, SINGLE_FILE), single);

// The SCORM packages, each its manifest at the root of a zip beside the single file it launches:
// SCORM 1.2 (web/scorm/imsmanifest.xml) and SCORM 2004 4th Edition (web/scorm/2004/imsmanifest.xml).
// The same page reports to either (web/js/boot/scorm/).
const SCORM_PACKAGES = [
  { zip: 'dist/activation-derivations-scorm.zip', manifest: 'web/scorm/imsmanifest.xml' },
  { zip: 'dist/activation-derivations-scorm2004.zip', manifest: 'web/scorm/2004/imsmanifest.xml' },
];
// 1980-01-01 00:00, the first MS-DOS date: a fixed timestamp, so the same inputs give the same zip.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

// A zip archive (PKWARE APPNOTE 4.3: local headers, central directory, end record) of `files`
// ({name, data: Buffer}), each DEFLATE-compressed; names are ASCII, sizes well under 4 GiB.
function zip(files) {
  const parts = [];
  const directory = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name, 'ascii');
    const compressed = deflateRawSync(data);
    // The fields a local header and its central-directory entry share, from "version needed" on.
    const shared = Buffer.alloc(24);
    shared.writeUInt16LE(20, 0);  // version needed: 2.0, for deflate
    shared.writeUInt16LE(8, 4);   // method: deflate (flags at 2 stay 0)
    shared.writeUInt16LE(DOS_TIME, 6);
    shared.writeUInt16LE(DOS_DATE, 8);
    shared.writeUInt32LE(crc32(data), 10);
    shared.writeUInt32LE(compressed.length, 14);
    shared.writeUInt32LE(data.length, 18);
    shared.writeUInt16LE(nameBytes.length, 22);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    shared.copy(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);  // made by: MS-DOS attributes, version 2.0
    shared.copy(central, 6);
    central.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, compressed);
    directory.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.reduce((sum, part) => sum + part.length, 0), 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}

const LAUNCH = path.basename(SINGLE_FILE);
for (const { zip: output, manifest: source } of SCORM_PACKAGES) {
  const manifest = await readFile(path.join(root, source));
  if (!manifest.includes(`href="${LAUNCH}"`)) throw new Error(`${source} does not launch ${LAUNCH}`);
  await writeFile(path.join(root, output), zip([
    { name: 'imsmanifest.xml', data: manifest },
    { name: LAUNCH, data: Buffer.from(single, 'utf8') },
  ]));
}

// The library: the JS API with its WebAssembly module inlined, readable, for `import` from package.json.
const library = await esbuild.build({
  ...common,
  entryPoints: ['wasm/api.js'],
  outfile: 'dist/lib/activation-derivations.js',
  format: 'esm',
  platform: 'neutral',
});

const outputs = [...Object.keys(site.metafile.outputs), ...Object.keys(library.metafile.outputs), 'dist/index.html',
  SINGLE_FILE, ...SCORM_PACKAGES.map(({ zip: output }) => output)];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const output of outputs.filter((name) => /\.(js|css|html|zip)$/.test(name))) {
  const bytes = await readFile(path.join(root, output));
  const budget = output === SINGLE_FILE ? `  budget ${kib(SINGLE_FILE_BUDGET)}` : '';
  console.log(`${output.padEnd(52)} ${kib(bytes.length).padStart(10)}  gzip ${kib(gzipSync(bytes).length).padStart(9)}${budget}`);
  if (budget && bytes.length > SINGLE_FILE_BUDGET) throw new Error(`${SINGLE_FILE} is over its budget`);
}
