// The browser benchmarks' set-up: the BUILT dist/ served by scripts/serve.mjs and Debian's Chromium
// headless, with its temporary files in a folder removed afterwards.
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

export const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Runs `measure({browser, url})`, where url is the served page's address; cleans up whatever happens.
export async function withServedPage(measure) {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    console.error('dist/ is not built: run `npm run build` first.');
    process.exit(1);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  process.env.TMPDIR = tmp;
  const server = serve({ root: DIST, port: 0 });
  await once(server, 'listening');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    return await measure({ browser, url: `http://127.0.0.1:${server.address().port}/` });
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
