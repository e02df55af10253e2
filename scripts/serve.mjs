// A dependency-free static file server for dist/ on 127.0.0.1: `node scripts/serve.mjs [root]`,
// port from PORT (default 8080). Also imported by the tests and the benchmark: serve({root, port}).
import { createServer } from 'node:http';
import { realpathSync } from 'node:fs';
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

function send(response, status, body, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
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

async function handle(root, request, response) {
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
    'X-Content-Type-Options': 'nosniff',
    // Public files, no credentials: lets a sandboxed (opaque-origin) iframe of the page load its module and fonts.
    'Access-Control-Allow-Origin': '*',
    Vary: 'Accept-Encoding',
  };
  if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
    body = gzipSync(body);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = body.length;
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

// Starts serving `root` on 127.0.0.1:`port` (0 picks a free port) and returns the http.Server;
// it emits 'listening' once server.address().port is known, or 'error'.
export function serve({ root, port = 8080 }) {
  const base = realpathSync(path.resolve(root));
  // Room for long permalinks (and the tests' 100 KB hostile query values); Node's default is 16 KB.
  const server = createServer({ maxHeaderSize: 256 * 1024 }, (request, response) => {
    handle(base, request, response).catch((error) => {
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
  const server = serve({ root, port });
  server.on('listening', () => console.log(`Serving ${path.resolve(root)} at http://127.0.0.1:${server.address().port}/`));
  server.on('error', (error) => {
    console.error(`Cannot serve on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  });
}
