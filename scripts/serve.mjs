// A dependency-free static file server for dist/ on 127.0.0.1: `node scripts/serve.mjs [root]`,
// port from PORT (default 8080). Also imported by the tests and the benchmark: serve({root, port}).
//
// Each HTML file is sent with its own Content-Security-Policy as a header: the policy of the file's
// <meta http-equiv> tag, read from the file, so the hosted page and the single file (whose policy
// admits its inline script and style by hash) each keep one policy, written once, in the file.
// From the command line the server refuses to start if an HTML file under root has no policy.
import { createServer } from 'node:http';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};
const COMPRESSIBLE = /^(text\/|application\/(json|wasm|manifest\+json)|image\/svg|font\/ttf)/;
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;  // esbuild's content-hashed names never change content

// Sent with every response. No X-Frame-Options and no frame-ancestors: course sites embed the page.
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  // The page links out to nothing that needs to know where the reader came from.
  'Referrer-Policy': 'no-referrer',
  // The tutorial uses none of these; a page that cannot ask for them cannot be tricked into asking.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

const META_POLICY = /<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content=(?:"([^"]*)"|'([^']*)')[^>]*>/gi;
const ENTITIES = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };

// The Content-Security-Policy values of the <meta http-equiv> tags in `html` (usually one), as a
// header sends them: whitespace runs (the tag may wrap) folded to one space.
export function metaPolicies(html) {
  return [...String(html).matchAll(META_POLICY)].map(([, double, single]) => (double ?? single)
    .replace(/&(amp|quot|#39|lt|gt);/g, (entity) => ENTITIES[entity]).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

// The HTML files under `root` (recursively) that carry no Content-Security-Policy meta tag.
export function htmlWithoutPolicy(root) {
  const missing = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.html?$/i.test(entry.name)) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (metaPolicies(readFileSync(file, 'utf8')).length === 0) missing.push(path.relative(root, file));
  }
  return missing;
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS, ...headers });
  response.end(body);
}

// The file under `root` that `urlPath` names, or null when it would leave root or cannot be decoded.
async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  try {
    const real = await realpath(candidate);
    return real === root || real.startsWith(root + path.sep) ? real : null;
  } catch {
    return null;
  }
}

async function handle(root, request, response, { strict }) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  if (!request.url.startsWith('/')) {
    send(response, 400, 'Bad request\n');
    return;
  }
  // Prefixed, not resolved against a base: "//x" is a path here, not a host.
  const url = new URL(`http://localhost${request.url}`);
  let file = await resolveFile(root, url.pathname);
  let info = file && (await stat(file));
  if (info?.isDirectory()) {
    if (!url.pathname.endsWith('/')) {
      // One leading slash only: "//host" would be a protocol-relative redirect to another site.
      send(response, 301, 'Moved\n', { Location: `${url.pathname.replace(/^\/+/, '/')}/${url.search}` });
      return;
    }
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    send(response, 404, 'Not found\n');
    return;
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  let body = await readFile(file);
  const headers = {
    'Content-Type': type,
    'Cache-Control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
    // Public files, no credentials: lets a sandboxed (opaque-origin) iframe of the page load its module and fonts.
    'Access-Control-Allow-Origin': '*',
    Vary: 'Accept-Encoding',
  };
  if (type.startsWith('text/html')) {
    const policies = metaPolicies(body.toString('utf8'));
    if (policies.length) {
      headers['Content-Security-Policy'] = policies;
    } else if (strict) {
      send(response, 500, `${path.relative(root, file)} has no Content-Security-Policy meta tag\n`);
      return;
    } else {
      warnOnce(`scripts/serve.mjs: ${file} has no Content-Security-Policy meta tag; sent without a policy.`);
    }
  }
  if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
    body = gzipSync(body);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = body.length;
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

const warned = new Set();
function warnOnce(message) {
  if (!warned.has(message)) console.warn(message);
  warned.add(message);
}

// Starts serving `root` on 127.0.0.1:`port` (0 picks a free port) and returns the http.Server;
// it emits 'listening' once server.address().port is known, or 'error'. With `strict`, it throws at
// once if an HTML file under root has no policy, and answers 500 for one that loses it later; without
// (the tests' host pages, which stand for other sites), such a file is sent without a policy, with a
// warning on stderr.
export function serve({ root, port = 8080, strict = false }) {
  const base = realpathSync(path.resolve(root));
  if (strict) {
    const missing = htmlWithoutPolicy(base);
    if (missing.length) throw new Error(`no Content-Security-Policy meta tag in ${missing.join(', ')} (under ${base})`);
  }
  // Room for long permalinks (and the tests' 100 KB hostile query values); Node's default is 16 KB.
  const server = createServer({ maxHeaderSize: 256 * 1024 }, (request, response) => {
    handle(base, request, response, { strict }).catch((error) => {
      if (!response.headersSent) send(response, 500, 'Internal server error\n');
      else response.destroy(error);
    });
  });
  return server.listen(port, '127.0.0.1');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const port = Number(process.env.PORT || 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer from 0 to 65535, not "${process.env.PORT}".`);
    process.exit(1);
  }
  let server;
  try {
    server = serve({ root, port, strict: true });
  } catch (error) {
    console.error(`Cannot serve ${path.resolve(root)}: ${error.message}`);
    process.exit(1);
  }
  server.on('listening', () => console.log(`Serving ${path.resolve(root)} at http://127.0.0.1:${server.address().port}/`));
  server.on('error', (error) => {
    console.error(`Cannot serve on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  });
}
