// The SCORM packages, unzipped as an LMS would, run against a real SCORM run-time: scorm-again
// 3.4.3 (the library LMS players embed, with its data-model validation), in a host page that loads
// its browser build, sets window.API (1.2) or window.API_1484_11 (2004) and frames the lesson like a
// player. Both manifests are well-formed, at their zip's root, and launch the single file. In each
// version: launch, answer wrong then right in the tanh panel, take a hint in sigmoid, leave; the
// run-time holds the score, the status, each check as an interaction and the progress in
// suspend_data; a return (a new run-time from what was stored, entry resume) shows the records in
// the panels and "Your results". No call leaves a run-time error. Completion still follows the four
// derivations; under a parent on another origin, and without an LMS, the page runs as usual.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DIST, ROOT } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';

const PACKAGES = {
  '1.2': path.join(DIST, 'activation-derivations-scorm.zip'),
  2004: path.join(DIST, 'activation-derivations-scorm2004.zip'),
};
const LAUNCH = 'activation-derivations.html';
const TUTORIAL = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];
const RUNTIME = path.join(ROOT, 'node_modules', 'scorm-again', 'dist');

// The manifest's facts, read by Python's zipfile and ElementTree (which raises on malformed XML).
const INSPECT = `
import json, sys, zipfile, xml.etree.ElementTree as ET
names = zipfile.ZipFile(sys.argv[1]).namelist()
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read('imsmanifest.xml'))
cp, adl = sys.argv[2], sys.argv[3]
ss = '{http://www.imsglobal.org/xsd/imsss}'
organizations = root.find(cp + 'organizations')
items = [item for organization in organizations for item in organization.iter(cp + 'item')]
resources = root.find(cp + 'resources')
objective = root.find('.//' + ss + 'primaryObjective')
print(json.dumps({
  'names': names,
  'tag': root.tag,
  'namespaces': sorted({node.tag.split('}')[0][1:] for node in root.iter() if node.tag.startswith('{')}),
  'schema': root.findtext(cp + 'metadata/' + cp + 'schema'),
  'schemaversion': root.findtext(cp + 'metadata/' + cp + 'schemaversion'),
  'title': organizations.find(cp + 'organization').findtext(cp + 'title'),
  'defaultFound': any(o.get('identifier') == organizations.get('default') for o in organizations),
  'items': [item.get('identifierref') for item in items],
  'masteryscore': items[0].findtext(adl + 'masteryscore'),
  'objective': objective is not None and {'satisfiedByMeasure': objective.get('satisfiedByMeasure'),
    'minNormalizedMeasure': objective.findtext(ss + 'minNormalizedMeasure')},
  'resources': [{'identifier': r.get('identifier'),
                 'scormtype': r.get(adl + 'scormtype') or r.get(adl + 'scormType'), 'href': r.get('href'),
                 'files': [f.get('href') for f in r.iter(cp + 'file')]} for r in resources],
}))
`;
const NAMESPACES = {
  '1.2': { cp: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2', adl: 'http://www.adlnet.org/xsd/adlcp_rootv1p2' },
  2004: { cp: 'http://www.imsglobal.org/xsd/imscp_v1p1', adl: 'http://www.adlnet.org/xsd/adlcp_v1p3' },
};

// The LMS player: launch(version, cmi) makes a scorm-again run-time from `cmi` (its JSON form, as
// loadFromJSON takes it), records every API call and every call that leaves lastErrorCode other
// than '0', and frames the lesson (from the other name of the server, another origin, if `cross`).
const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS player</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script>
<script src="scorm2004.min.js"></script>
</head>
<body>
<iframe title="Lesson" style="width: 1200px; height: 800px"></iframe>
<script>
  const METHODS = {
    '1.2': ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError',
      'LMSGetErrorString', 'LMSGetDiagnostic'],
    '2004': ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError', 'GetErrorString',
      'GetDiagnostic'],
  };
  window.lms = { calls: [], errors: [] };
  window.launch = (version, cmi, cross = false) => {
    const settings = { autocommit: false, logLevel: 4 };
    const api = version === '1.2' ? new Scorm12API(settings) : new Scorm2004API(settings);
    api.loadFromJSON(cmi);
    for (const name of METHODS[version]) {
      const original = api[name].bind(api);
      api[name] = (...args) => {
        const result = original(...args);
        lms.calls.push([name, ...args]);
        if (String(api.lastErrorCode) !== '0') lms.errors.push({ call: [name, ...args], code: String(api.lastErrorCode) });
        return result;
      };
    }
    window[version === '1.2' ? 'API' : 'API_1484_11'] = api;
    window.runtime = api;
    document.querySelector('iframe').src = cross
      ? location.href.replace('//localhost:', '//127.0.0.1:').replace(/host\\.html.*$/, '${LAUNCH}') : '${LAUNCH}';
  };
  // What the run-time would send the LMS: its data model as JSON.
  window.stored = () => JSON.parse(JSON.stringify(window.runtime.renderCommitCMI(true))).cmi;
</script>
</body></html>
`;

// A first launch's data model, as an LMS fills it from the manifest (mastery 80 of 100).
const FIRST = {
  '1.2': { core: { student_id: 'learner-1', student_name: 'Doe, Jane', entry: 'ab-initio', credit: 'credit' },
    student_data: { mastery_score: '80' } },
  2004: { learner_id: 'learner-1', learner_name: 'Doe, Jane', entry: 'ab-initio', credit: 'credit',
    scaled_passing_score: '0.8' },
};
// The next launch's: what was stored, resumed (a session's exit and time are not carried over).
function resumed(version, cmi) {
  const next = structuredClone(cmi);
  const session = version === '1.2' ? next.core : next;
  delete session.exit;
  delete session.session_time;
  session.entry = 'resume';
  return next;
}
const FINISH = { '1.2': 'LMSFinish', 2004: 'Terminate' };

let dir;
let server;
let base;
let browser;

before(async () => {
  for (const zip of Object.values(PACKAGES)) if (!existsSync(zip)) throw new Error('dist/ is not built: run `npm run build` first');
  dir = mkdtempSync(path.join(os.tmpdir(), 'scorm-'));
  for (const [version, zip] of Object.entries(PACKAGES)) {
    const folder = path.join(dir, version);
    execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-e', zip, folder]);
    writeFileSync(path.join(folder, 'host.html'), HOST);
    for (const file of ['scorm12.min.js', 'scorm2004.min.js']) copyFileSync(path.join(RUNTIME, file), path.join(folder, file));
  }
  server = serve({ root: dir, port: 0 });
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

// Opens `address` in a fresh context (its own sessionStorage), recording console messages and page
// errors of every frame.
async function open(address) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const log = { console: [], errors: [] };
  page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => log.errors.push(error.message));
  await page.goto(new URL(address, base).href, { waitUntil: 'load' });
  return { page, log, close: () => context.close() };
}

// The host page of `version`'s package with the lesson launched from `cmi`.
async function player(version, cmi, { cross = false } = {}) {
  const host = new URL(`${version}/host.html`, cross ? base.replace('127.0.0.1', 'localhost') : base).href;
  const opened = await open(host);
  await opened.page.evaluate(([v, data, other]) => window.launch(v, data, other), [version, cmi, cross]);
  return opened;
}

// Resolves once `frame` has drawn every chart that is not hidden and its practice panels are up.
async function chartsReady(frame) {
  await frame.waitForFunction(() => performance.getEntriesByName('first-chart').length > 0
    && [...document.querySelectorAll('canvas')].filter((canvas) => !canvas.closest('[hidden]'))
      .every((canvas) => canvas.chart?.data.datasets.length > 0));
  await frame.waitForSelector('#tanh-practice [data-slot="practice-score"]');
}

// The lesson's frame inside the host page, once it is ready.
async function lessonFrame(page) {
  await page.waitForFunction(() => document.querySelector('iframe').src !== '');
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForURL(new RegExp(`${LAUNCH}$`));
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

// Types `text` into the panel of `id`, presses Check and returns the verdict.
async function check(frame, id, text) {
  const panel = frame.locator(`#${id}-practice`);
  await frame.locator(`#${id}-answer`).fill(text);
  await panel.getByRole('button', { name: 'Check' }).click();
  await frame.waitForFunction((selector) => document.querySelector(selector).textContent.trim() !== '',
    `#${id}-practice [data-slot="verdict"]`);
  return panel.locator('[data-slot="verdict"]').innerText();
}

const scoreLine = (frame, id) => frame.locator(`#${id}-practice [data-slot="practice-score"]`).textContent();
const lms = (page) => page.evaluate(() => window.lms);
const named = (calls, name) => calls.filter(([called]) => called === name);
const quiet = (log) => log.console.filter(({ type }) => type === 'error' || type === 'warning');

// Leaves the lesson (pagehide runs) and waits for the session to end.
async function leave(page, version) {
  await page.evaluate(() => { document.querySelector('iframe').src = 'about:blank'; });
  await page.waitForFunction((name) => window.lms.calls.some(([called]) => called === name), FINISH[version]);
}

for (const version of ['1.2', '2004']) {
  test(`SCORM ${version}: the zip holds imsmanifest.xml at its root, a well-formed manifest launching the single file`, () => {
    const { cp, adl } = NAMESPACES[version];
    const manifest = JSON.parse(execFileSync('/usr/bin/python3', ['-c', INSPECT, PACKAGES[version], `{${cp}}`, `{${adl}}`],
      { encoding: 'utf8' }));
    assert.deepEqual(manifest.names.toSorted(), [LAUNCH, 'imsmanifest.xml']);
    assert.equal(manifest.tag, `{${cp}}manifest`);
    assert.equal(manifest.schema, 'ADL SCORM');
    assert.equal(manifest.title, 'Activation functions and their derivatives');
    assert.equal(manifest.defaultFound, true, 'organizations/@default names no organization');
    assert.equal(manifest.resources.length, 1);
    const [resource] = manifest.resources;
    assert.deepEqual(manifest.items, [resource.identifier]);
    assert.deepEqual(resource, { identifier: resource.identifier, scormtype: 'sco', href: LAUNCH, files: [LAUNCH] });
    if (version === '1.2') {
      assert.equal(manifest.schemaversion, '1.2');
      assert.equal(manifest.masteryscore, '80');
      assert.equal(manifest.objective, false);
    } else {
      assert.equal(manifest.schemaversion, '2004 4th Edition');
      assert.equal(manifest.masteryscore, null);
      assert.deepEqual(manifest.objective, { satisfiedByMeasure: 'true', minNormalizedMeasure: '0.8' });
      // The elements are IMS CP's and IMS SS's (adlcp_v1p3 names the resource's scormType; adlseq
      // and adlnav are declared for an LMS's tools).
      assert.deepEqual(manifest.namespaces, [cp, 'http://www.imsglobal.org/xsd/imsss']);
    }
  });

  test(`SCORM ${version}: answer wrong then right, a hint, leave; the run-time stores score, status, interactions, progress; a return restores them`, async () => {
    let cmi;
    {
      const { page, log, close } = await player(version, FIRST[version]);
      try {
        const frame = await lessonFrame(page);
        assert.match(await check(frame, 'tanh', '1 - g(z)'), /^Not yet/);
        assert.match(await check(frame, 'tanh', '(1 - g(z))*(1 + g(z))'), /^Correct/);
        await frame.locator('#sigmoid-practice [data-action="hint"]').click();
        assert.match(await scoreLine(frame, 'tanh'), /^2 checks, 0 hints: solved, 90 of 100 points\./);
        await leave(page, version);
        cmi = await page.evaluate(() => window.stored());
        const { calls, errors } = await lms(page);
        assert.deepEqual(errors, []);
        assert.equal(named(calls, FINISH[version]).length, 1);
        assert.deepEqual(calls.at(-1), [FINISH[version], '']);
        assert.deepEqual(quiet(log), []);
        assert.deepEqual(log.errors, []);
      } finally {
        await close();
      }
    }
    // tanh 90 (one wrong check), sigmoid unsolved, relu and Leaky ReLU untried: (90 + 0 + 0 + 0) / 4.
    const interactions = Object.values(cmi.interactions);
    assert.equal(interactions.length, 2);
    const progress = cmi.suspend_data;
    assert.ok(progress.length <= 4096);
    assert.match(progress, /^2\|\|/);
    assert.match(progress, /(^|[|,])tanh\.0\.2\.1\.0\.1\.[0-9a-z]+(,|$)/);
    assert.match(progress, /(^|[|,])sigmoid\.0\.0\.0\.1\.0\.[0-9a-z]+(,|$)/);
    if (version === '1.2') {
      assert.deepEqual(cmi.core.score, { raw: '23', min: '0', max: '100' });
      assert.equal(cmi.core.lesson_status, 'failed');
      assert.equal(cmi.core.exit, 'suspend');
      assert.match(cmi.core.session_time, /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/);
      assert.deepEqual(interactions.map(({ id, type, student_response: response, result }) => [id, type, response, result]),
        [['tanh', 'fill-in', '1 - g(z)', 'wrong'], ['tanh', 'fill-in', '(1 - g(z))*(1 + g(z))', 'correct']]);
      for (const { latency, time } of interactions) {
        assert.match(latency, /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/);
        assert.match(time, /^\d\d:\d\d:\d\d$/);
      }
    } else {
      assert.deepEqual(cmi.score, { scaled: '0.23', raw: '23', min: '0', max: '100' });
      assert.equal(cmi.completion_status, 'incomplete');
      assert.equal(cmi.success_status, 'failed');
      assert.equal(cmi.exit, 'suspend');
      assert.match(cmi.session_time, /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/);
      assert.deepEqual(interactions.map(({ id, type, learner_response: response, result }) => [id, type, response, result]),
        [['tanh', 'fill-in', '1 - g(z)', 'incorrect'], ['tanh', 'fill-in', '(1 - g(z))*(1 + g(z))', 'correct']]);
      for (const { latency, timestamp } of interactions) {
        assert.match(latency, /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/);
        assert.ok(Math.abs(Date.parse(timestamp) - Date.now()) < 10 * 60 * 1000, timestamp);
      }
    }

    // The return: a new run-time from what was stored, in a new tab (no sessionStorage to help).
    const { page, log, close } = await player(version, resumed(version, cmi));
    try {
      const frame = await lessonFrame(page);
      assert.match(await scoreLine(frame, 'tanh'), /^2 checks, 0 hints: solved, 90 of 100 points\./);
      assert.match(await scoreLine(frame, 'sigmoid'), /^0 checks, 1 hint: not solved yet\./);
      assert.equal(await frame.locator('#sigmoid-practice [data-slot="hints"] > li').count(), 1);
      assert.equal(await frame.locator('#results [data-slot="results-total"]').textContent(),
        'Course score: 23 of 100, from 2 exercises tried.');
      // One more check is appended after the stored interactions: sigmoid with its hint, 80.
      assert.match(await check(frame, 'sigmoid', 'g(z)*(1 - g(z))'), /^Correct/);
      await leave(page, version);
      const again = await page.evaluate(() => window.stored());
      const { errors } = await lms(page);
      assert.deepEqual(errors, []);
      const all = Object.values(again.interactions);
      assert.deepEqual(all.map(({ id, result }) => [id, result]), [['tanh', version === '1.2' ? 'wrong' : 'incorrect'],
        ['tanh', 'correct'], ['sigmoid', 'correct']]);
      // (90 + 80) / 4 = 42.5, rounded: still under the mastery score.
      assert.equal((version === '1.2' ? again.core.score : again.score).raw, '43');
      assert.match(again.suspend_data, /(^|[|,])sigmoid\.0\.1\.0\.1\.1\.[0-9a-z]+(,|$)/);
      assert.deepEqual(quiet(log), []);
      assert.deepEqual(log.errors, []);
    } finally {
      await close();
    }
  });
}

test('SCORM 1.2: incomplete on launch, completed once every tutorial derivation is seen, finished once on leaving', async () => {
  const { page, log, close } = await player('1.2', FIRST['1.2']);
  try {
    const frame = await lessonFrame(page);
    const status = () => page.evaluate(() => window.runtime.cmi.core.lesson_status);
    assert.equal(await status(), 'incomplete');
    for (const id of TUTORIAL.slice(0, 3)) assert.match(await stepToEnd(frame, id), /^Step (\d+) of \1: /);
    assert.equal(await status(), 'incomplete', 'completed before leaky_relu was stepped');
    assert.equal(await page.evaluate(() => window.runtime.cmi.suspend_data), '2|sigmoid,tanh,relu|');
    // The last one by keyboard: End with focus on the stepper.
    await frame.locator('#leaky_relu .stepper').focus();
    await frame.locator('#leaky_relu .stepper').press('End');
    await page.waitForFunction(() => window.runtime.cmi.core.lesson_status === 'completed');
    let { calls } = await lms(page);
    const completedAt = calls.findIndex(([name, , value]) => name === 'LMSSetValue' && value === 'completed');
    assert.ok(calls.slice(completedAt).some(([name]) => name === 'LMSCommit'), 'no LMSCommit after completion');
    assert.equal(named(calls, 'LMSFinish').length, 0);
    await leave(page, '1.2');
    ({ calls } = await lms(page));
    assert.deepEqual(named(calls, 'LMSFinish'), [['LMSFinish', '']]);
    // Complete, and no exercise judged: a normal exit.
    const cmi = await page.evaluate(() => window.stored());
    assert.equal(cmi.core.exit, '');
    assert.equal(cmi.core.lesson_status, 'completed');
    assert.deepEqual((await lms(page)).errors, []);
    assert.deepEqual(quiet(log), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('SCORM 1.2: a learner returning with the earlier suspend_data ("sigmoid,tanh,relu") keeps it; "Show all steps" counts', async () => {
  const cmi = resumed('1.2', { ...FIRST['1.2'], suspend_data: TUTORIAL.slice(0, 3).join(',') });
  const { page, log, close } = await player('1.2', cmi);
  try {
    const frame = await lessonFrame(page);
    assert.equal(await page.evaluate(() => window.runtime.cmi.core.lesson_status), 'incomplete');
    await frame.locator('#leaky_relu .stepper [data-action="all"]').click();
    await page.waitForFunction(() => window.runtime.cmi.core.lesson_status === 'completed');
    assert.equal(await page.evaluate(() => window.runtime.cmi.suspend_data), '2|sigmoid,tanh,relu,leaky_relu|');
    assert.deepEqual((await lms(page)).errors, []);
    assert.deepEqual(quiet(log), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('SCORM 2004: completion_status follows the derivations and success_status stays unknown with no exercise checked', async () => {
  const { page, log, close } = await player('2004', FIRST[2004]);
  try {
    const frame = await lessonFrame(page);
    for (const id of TUTORIAL) await stepToEnd(frame, id);
    await page.waitForFunction(() => window.runtime.cmi.completion_status === 'completed');
    await leave(page, '2004');
    const cmi = await page.evaluate(() => window.stored());
    assert.equal(cmi.success_status, 'unknown');
    assert.equal(cmi.exit, 'normal');
    assert.deepEqual(cmi.interactions, {});
    assert.deepEqual((await lms(page)).errors, []);
    assert.deepEqual(quiet(log), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('under a parent on another origin (whose API it cannot reach) the lesson runs and nothing throws', async () => {
  const { page, log, close } = await player('1.2', FIRST['1.2'], { cross: true });
  try {
    const frame = await lessonFrame(page);
    assert.equal(new URL(frame.url()).hostname, '127.0.0.1');
    for (const id of TUTORIAL) await stepToEnd(frame, id);
    assert.match(await check(frame, 'tanh', '1 - g(z)^2'), /^Correct/);
    assert.deepEqual((await lms(page)).calls, []);
    assert.deepEqual(quiet(log), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('without an LMS the launch file runs as usual and nothing throws', async () => {
  const { page, log, close } = await open(`1.2/${LAUNCH}`);
  try {
    await chartsReady(page);
    assert.equal(await page.evaluate(() => typeof window.API), 'undefined');
    for (const id of TUTORIAL) assert.match(await stepToEnd(page, id), /^Step (\d+) of \1: /);
    assert.match(await check(page, 'tanh', '1 - g(z)^2'), /^Correct/);
    assert.equal(await page.locator('[data-slot="load-error"]').isHidden(), true);
    assert.deepEqual(quiet(log), []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});
