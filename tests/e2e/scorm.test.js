// The SCORM 1.2 package (dist/activation-derivations-scorm.zip), unzipped as an LMS would: its manifest
// is well-formed, at the root, and launches the single file; inside a host page with a mock SCORM API
// the page reports 'incomplete' on launch and 'completed' once all four tutorial derivations have been
// seen to their end, and finishes the session when it goes; without an API it runs as usual.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DIST } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';

const ZIP = path.join(DIST, 'activation-derivations-scorm.zip');
const LAUNCH = 'activation-derivations.html';
const TUTORIAL = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];

// The manifest's facts, read by Python's zipfile and ElementTree (which raises on malformed XML).
const INSPECT = `
import json, sys, zipfile, xml.etree.ElementTree as ET
names = zipfile.ZipFile(sys.argv[1]).namelist()
root = ET.parse(sys.argv[2]).getroot()
cp = '{http://www.imsproject.org/xsd/imscp_rootv1p1p2}'
adl = '{http://www.adlnet.org/xsd/adlcp_rootv1p2}'
organizations = root.find(cp + 'organizations')
items = [item for organization in organizations for item in organization.iter(cp + 'item')]
resources = root.find(cp + 'resources')
print(json.dumps({
  'names': names,
  'tag': root.tag,
  'schema': root.findtext(cp + 'metadata/' + cp + 'schema'),
  'schemaversion': root.findtext(cp + 'metadata/' + cp + 'schemaversion'),
  'title': organizations.find(cp + 'organization').findtext(cp + 'title'),
  'defaultFound': any(o.get('identifier') == organizations.get('default') for o in organizations),
  'items': [item.get('identifierref') for item in items],
  'resources': [{'identifier': r.get('identifier'), 'scormtype': r.get(adl + 'scormtype'), 'href': r.get('href'),
                 'files': [f.get('href') for f in r.iter(cp + 'file')]} for r in resources],
}))
`;

// A stand-in LMS: window.API records every call and keeps the values set; `?suspend=` preloads
// cmi.suspend_data as a returning learner's, `?cross=1` puts the lesson on another origin.
const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock LMS</title><link rel="icon" href="data:,"></head>
<body>
<script>
  const data = { 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio',
    'cmi.suspend_data': new URLSearchParams(location.search).get('suspend') || '' };
  window.scormCalls = [];
  window.scormData = data;
  const record = (name, result) => (...args) => { window.scormCalls.push([name, ...args]); return result(...args); };
  window.API = {
    LMSInitialize: record('LMSInitialize', () => 'true'),
    LMSFinish: record('LMSFinish', () => 'true'),
    LMSGetValue: record('LMSGetValue', (key) => data[key] ?? ''),
    LMSSetValue: record('LMSSetValue', (key, value) => { data[key] = String(value); return 'true'; }),
    LMSCommit: record('LMSCommit', () => 'true'),
    LMSGetLastError: record('LMSGetLastError', () => '0'),
    LMSGetErrorString: record('LMSGetErrorString', () => 'No error'),
    LMSGetDiagnostic: record('LMSGetDiagnostic', () => ''),
  };
</script>
<iframe title="Lesson" style="width: 1200px; height: 800px"></iframe>
<script>
  // ?cross=1 frames the lesson from the other name of the same server: another origin.
  const cross = new URLSearchParams(location.search).has('cross');
  document.querySelector('iframe').src = cross ? location.href.replace('//localhost:', '//127.0.0.1:')
    .replace(/host\.html.*$/, '${LAUNCH}') : '${LAUNCH}';
</script>
</body></html>
`;

let dir;
let server;
let base;
let browser;

before(async () => {
  if (!existsSync(ZIP)) throw new Error('dist/ is not built: run `npm run build` first');
  dir = mkdtempSync(path.join(os.tmpdir(), 'scorm-'));
  execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-e', ZIP, path.join(dir, 'package')]);
  writeFileSync(path.join(dir, 'package', 'host.html'), HOST);
  server = serve({ root: path.join(dir, 'package'), port: 0 });
  await once(server, 'listening');
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox',
    '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
});
after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Opens `address` in a fresh context, recording console messages and page errors (of every frame).
async function open(address) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const log = { console: [], errors: [] };
  page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => log.errors.push(error.message));
  await page.goto(new URL(address, base).href, { waitUntil: 'load' });
  return { page, log, close: () => context.close() };
}

// Resolves once `frame` has drawn every chart that is not hidden.
function chartsReady(frame) {
  return frame.waitForFunction(() => performance.getEntriesByName('first-chart').length > 0
    && [...document.querySelectorAll('canvas')].filter((canvas) => !canvas.closest('[hidden]'))
      .every((canvas) => canvas.chart?.data.datasets.length > 0));
}

// The lesson's frame inside the host page, once its charts are drawn.
async function lessonFrame(page) {
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await chartsReady(frame);
  return frame;
}

// Clicks the Next button of the stepper in section `id` until it is disabled; returns the status line.
async function stepToEnd(frame, id) {
  const next = frame.locator(`#${id} .stepper [data-action="next"]`);
  for (let clicks = 0; (await next.getAttribute('aria-disabled')) !== 'true'; clicks += 1) {
    assert.ok(clicks < 50, `the ${id} stepper never reaches its end`);
    await next.click();
  }
  return frame.locator(`#${id} .stepper .step-status`).textContent();
}

const lms = (page) => page.evaluate(() => ({ calls: window.scormCalls, data: window.scormData }));
const named = (calls, name) => calls.filter(([called]) => called === name);
const statuses = (calls) => named(calls, 'LMSSetValue').filter(([, key]) => key === 'cmi.core.lesson_status')
  .map(([, , value]) => value);
const quiet = (log) => log.console.filter(({ type }) => type === 'error' || type === 'warning');

test('the zip holds imsmanifest.xml at its root, a well-formed SCORM 1.2 manifest launching the single file', () => {
  const manifest = JSON.parse(execFileSync('/usr/bin/python3',
    ['-c', INSPECT, ZIP, path.join(dir, 'package', 'imsmanifest.xml')], { encoding: 'utf8' }));
  assert.deepEqual(manifest.names.toSorted(), [LAUNCH, 'imsmanifest.xml']);
  assert.equal(manifest.tag, '{http://www.imsproject.org/xsd/imscp_rootv1p1p2}manifest');
  assert.equal(manifest.schema, 'ADL SCORM');
  assert.equal(manifest.schemaversion, '1.2');
  assert.equal(manifest.title, 'Activation functions and their derivatives');
  assert.equal(manifest.defaultFound, true, 'organizations/@default names no organization');
  assert.equal(manifest.resources.length, 1);
  const [resource] = manifest.resources;
  assert.deepEqual(manifest.items, [resource.identifier]);
  assert.deepEqual(resource, { identifier: resource.identifier, scormtype: 'sco', href: LAUNCH, files: [LAUNCH] });
  assert.ok(existsSync(path.join(dir, 'package', LAUNCH)));
});

test('inside an LMS: incomplete on launch, completed once every tutorial derivation is seen, finished on leaving', async () => {
  const { page, log, close } = await open('host.html');
  try {
    const frame = await lessonFrame(page);
    let { calls, data } = await lms(page);
    assert.deepEqual(calls[0], ['LMSInitialize', '']);
    assert.deepEqual(statuses(calls), ['incomplete']);
    assert.equal(data['cmi.core.lesson_status'], 'incomplete');

    for (const id of TUTORIAL.slice(0, 3)) assert.match(await stepToEnd(frame, id), /^Step (\d+) of \1: /);
    ({ calls, data } = await lms(page));
    assert.equal(data['cmi.core.lesson_status'], 'incomplete', 'completed before leaky_relu was stepped');
    assert.deepEqual(data['cmi.suspend_data'].split(',').toSorted(), TUTORIAL.slice(0, 3).toSorted());

    // The last one by keyboard: End with focus on the stepper.
    await frame.locator('#leaky_relu .stepper').focus();
    await frame.locator('#leaky_relu .stepper').press('End');
    await page.waitForFunction(() => window.scormData['cmi.core.lesson_status'] === 'completed');
    ({ calls } = await lms(page));
    assert.deepEqual(statuses(calls), ['incomplete', 'completed']);
    const completedAt = calls.findIndex(([name, , value]) => name === 'LMSSetValue' && value === 'completed');
    assert.ok(calls.slice(completedAt).some(([name]) => name === 'LMSCommit'), 'no LMSCommit after completion');
    assert.equal(named(calls, 'LMSFinish').length, 0);

    // Leaving the lesson ends the session, once.
    await page.evaluate(() => { document.querySelector('iframe').src = 'about:blank'; });
    await page.waitForFunction(() => window.scormCalls.some(([name]) => name === 'LMSFinish'));
    ({ calls } = await lms(page));
    assert.deepEqual(named(calls, 'LMSFinish'), [['LMSFinish', '']]);
    assert.deepEqual(calls.at(-1), ['LMSFinish', '']);
    assert.deepEqual(quiet(log), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('a returning learner keeps their progress, and "Show all steps" counts as seeing a derivation', async () => {
  const { page, log, close } = await open(`host.html?suspend=${TUTORIAL.slice(0, 3).join(',')}`);
  try {
    const frame = await lessonFrame(page);
    assert.equal((await lms(page)).data['cmi.core.lesson_status'], 'incomplete');
    await frame.locator('#leaky_relu .stepper [data-action="all"]').click();
    await page.waitForFunction(() => window.scormData['cmi.core.lesson_status'] === 'completed');
    assert.deepEqual(quiet(log), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('under a parent on another origin (whose API it cannot reach) the lesson runs and nothing throws', async () => {
  const { page, log, close } = await open(new URL('host.html?cross=1', base.replace('127.0.0.1', 'localhost')).href);
  try {
    const frame = await lessonFrame(page);
    assert.equal(new URL(frame.url()).hostname, '127.0.0.1');
    for (const id of TUTORIAL) await stepToEnd(frame, id);
    assert.deepEqual((await lms(page)).calls, []);
    assert.deepEqual(quiet(log), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('without an LMS the launch file runs as usual and nothing throws', async () => {
  const { page, log, close } = await open(LAUNCH);
  try {
    await chartsReady(page);
    assert.equal(await page.evaluate(() => typeof window.API), 'undefined');
    for (const id of TUTORIAL) assert.match(await stepToEnd(page, id), /^Step (\d+) of \1: /);
    assert.equal(await page.locator('[data-slot="load-error"]').isHidden(), true);
    assert.deepEqual(quiet(log), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});
