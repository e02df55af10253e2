// scripts/serve.mjs's security headers: each HTML file is sent with the Content-Security-Policy of
// its own meta tag (the hosted page's and the single file's hash-based one), every response with
// nosniff, a referrer policy and a permissions policy, and nothing that would stop a course site from
// framing the page (tests/e2e/embed.test.js frames it from another origin). Every HTML file of the
// build has a policy; the page works under header and meta.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, chartData, sharedPage } from './harness.mjs';
import { htmlWithoutPolicy, metaPolicies, serve } from '../../scripts/serve.mjs';

const shared = sharedPage();

const get = (pathname, headers = {}) => fetch(new URL(pathname, shared.site.url), { headers });
const metaOf = (file) => metaPolicies(readFileSync(path.join(DIST, file), 'utf8'));

test('every HTML file of the build carries a Content-Security-Policy meta tag', () => {
  assert.deepEqual(htmlWithoutPolicy(DIST), []);
  for (const file of ['index.html', 'activation-derivations.html']) {
    const [policy, ...more] = metaOf(file);
    assert.equal(more.length, 0, `${file} has more than one policy`);
    assert.match(policy, /(^|; )script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']+')*(;|$)/, file);
    assert.doesNotMatch(policy, /'unsafe-eval'|script-src[^;]*'unsafe-inline'/, file);
  }
});

test('each HTML file is sent with its own meta tag\'s policy as a header', async () => {
  for (const [pathname, file] of [['/', 'index.html'], ['/index.html', 'index.html'],
    ['/activation-derivations.html', 'activation-derivations.html']]) {
    const response = await get(pathname, { 'Accept-Encoding': 'gzip' });
    assert.equal(response.status, 200, pathname);
    assert.equal(response.headers.get('content-security-policy'), metaOf(file)[0], pathname);
  }
  // The two files' policies differ: the single file's admits its inline script by hash.
  assert.notEqual(metaOf('index.html')[0], metaOf('activation-derivations.html')[0]);
});

test('every response carries nosniff, a referrer and a permissions policy, and nothing against framing', async () => {
  const html = await get('/');
  const manifest = await get('/manifest.webmanifest');
  const missing = await get('/no-such-file');
  assert.equal(missing.status, 404);
  for (const response of [html, manifest, missing]) {
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(response.headers.get('permissions-policy'), /camera=\(\)/);
    assert.equal(response.headers.get('x-frame-options'), null);
    assert.doesNotMatch(response.headers.get('content-security-policy') ?? '', /frame-ancestors|sandbox/);
  }
  assert.equal(manifest.headers.get('content-security-policy'), null, 'a policy on a file that is not HTML');
});

test('strict serving refuses a root with an HTML file that has no policy; lenient serving warns', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'serve-'));
  const warn = console.warn;
  const warnings = [];
  try {
    writeFileSync(path.join(root, 'index.html'), readFileSync(path.join(DIST, 'index.html')));
    writeFileSync(path.join(root, 'bare.html'), '<!doctype html><title>No policy</title>');
    assert.throws(() => serve({ root, port: 0, strict: true }), /no Content-Security-Policy meta tag in bare\.html/);
    console.warn = (message) => warnings.push(message);
    const server = serve({ root, port: 0 });
    await once(server, 'listening');
    try {
      const response = await fetch(`http://127.0.0.1:${server.address().port}/bare.html`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-security-policy'), null);
      assert.match(warnings.join('\n'), /bare\.html has no Content-Security-Policy/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    // Strict, with the file losing its policy after the start: a 500 saying so, not a page without one.
    rmSync(path.join(root, 'bare.html'));
    const strict = serve({ root, port: 0, strict: true });
    await once(strict, 'listening');
    try {
      writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Policy lost</title>');
      const response = await fetch(`http://127.0.0.1:${strict.address().port}/`);
      assert.equal(response.status, 500);
      assert.match(await response.text(), /index\.html has no Content-Security-Policy/);
    } finally {
      strict.closeAllConnections();
      await new Promise((resolve) => strict.close(resolve));
    }
  } finally {
    console.warn = warn;
    rmSync(root, { recursive: true, force: true });
  }
});

test('metaPolicies reads the tag in either quoting, wrapped over lines, with entities', () => {
  assert.deepEqual(metaPolicies(`<meta http-equiv="Content-Security-Policy"\n  content="default-src 'self';\n   img-src data:">`),
    ["default-src 'self'; img-src data:"]);
  assert.deepEqual(metaPolicies(`<META HTTP-EQUIV='Content-Security-Policy' CONTENT='default-src &#39;none&#39;'>`),
    ["default-src 'none'"]);
  assert.deepEqual(metaPolicies('<meta name="description" content="Content-Security-Policy">'), []);
});

test('the page works under the header and the meta tag together, with a clean console', async () => {
  const { page, log } = shared.view;
  const response = await page.request.get(shared.site.url);
  assert.ok(response.headers()['content-security-policy'], 'the page was served without the header');
  const [g] = await chartData(page, 'chart-sigmoid');
  assert.equal(g.data.find(({ x }) => x === 0).y, 0.5);
  assert.deepEqual(log.console.filter(({ type }) => type === 'error' || type === 'warning'), []);
  assert.deepEqual(log.errors, []);
});
