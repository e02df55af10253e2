// Memory over a long session on the hosted page (the BUILT dist/, served by scripts/serve.mjs, in
// headless Chromium): after a warm-up, 10,000 moves of Leaky ReLU's alpha slider (each redraws the
// plot of g and g'; the comparison figure, a screen away, keeps its latest data until it is near) and 1,000 derivations of different typed expressions (each derives,
// typesets the steps and redraws). After each quarter of each phase, garbage is collected (CDP
// HeapProfiler.collectGarbage) and three figures are read:
// - jsHeapBytes: the JS heap in use (CDP Runtime.getHeapUsage);
// - wasmHeapBytes: the core's linear memory (it only ever grows);
// - wasmInUseBytes: the bytes the core's allocator has handed out and not had back (core.heapStats()).
// The page does not expose its core: the benchmark catches the module object as embind fills it in
// (catchCore below).
// Progress goes to stderr. Prints JSON with each checkpoint, the growth over each phase's second half and since the warm-up, and
// `flat`: whether each figure stayed within its tolerance over both second halves.
import { skim } from '../tests/e2e/harness.mjs';
import { withServedPage } from './browser.mjs';
import { recordResults } from './results.mjs';

const SLIDER_MOVES = 10_000;
const DERIVATIONS = 1_000;
const CHECKPOINTS = 4;
// Growth over a phase's second half that still counts as flat: V8 keeps some slack between
// collections (compiled code, inline caches); the core's heap must not grow at all.
const TOLERANCE = { jsHeapBytes: 256 * 1024, wasmHeapBytes: 0, wasmInUseBytes: 0 };
const progress = (text) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);

// Runs before the page's scripts: when the core's module object receives its heapStats binding (embind
// assigns Module.heapStats), keeps that object as window.__benchCore. The page does not expose its
// core; this reaches it without changing the page. (The DevTools protocol's Runtime.queryObjects would
// find it too, but hung on this page.)
function catchCore() {
  Object.defineProperty(Object.prototype, 'heapStats', {
    configurable: true,
    set(value) {
      Object.defineProperty(this, 'heapStats', { value, writable: true, configurable: true, enumerable: true });
      window.__benchCore = this;
    },
  });
}

async function measure(page, cdp) {
  for (let i = 0; i < 3; i += 1) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__benchCore.heapStats());
  return { jsHeapBytes: usedSize, wasmHeapBytes: wasm.heapBytes, wasmInUseBytes: wasm.inUseBytes };
}

// `count` moves of Leaky ReLU's alpha slider from `start`, through every value 0, 0.01, ..., 1, with a
// frame drawn after every 50: a hand's drag has frames between its moves (Chromium delivers one mouse
// move per frame), and some of the browser's work waits for a frame. (Moved 2,500 at a time with no
// frame at all, the JS heap went up and down by up to 1.4 MB between readings.)
function moveSlider(page, start, count) {
  return page.evaluate(async ([from, n]) => {
    const slider = document.querySelector('#leaky_relu form.alpha-controls input[name="slider"]');
    for (let i = from; i < from + n; i += 1) {
      slider.value = String((i % 101) / 100);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      if (i % 50 === 49) await new Promise(requestAnimationFrame);
    }
    return document.getElementById('chart-leaky_relu').chart.data.datasets.length;
  }, [start, count]);
}

// `count` derivations from `start`: each a different expression, typed and submitted (Enter).
function derive(page, start, count) {
  return page.evaluate(([from, n]) => {
    const input = document.getElementById('custom-expr');
    const forms = ['z*sigmoid(K*z)', 'log(1 + e^(K*z))/K', 'z*tanh(softplus(z/K))', 'max(z/K, z)', 'K*z^2*erf(z)',
      'sqrt(K + z^2) - z', 'piecewise(z > 0, z, z <= 0, (e^z - 1)/K)', 'tanh(K*z) + z/K'];
    for (let i = from; i < from + n; i += 1) {
      input.value = forms[i % forms.length].replaceAll('K', String(1 + (Math.floor(i / forms.length) % 97)));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
    return { invalid: input.getAttribute('aria-invalid'), message: document.getElementById('custom-expr-message').textContent };
  }, [start, count]);
}

async function phase(page, cdp, run, total) {
  const points = [];
  const step = total / CHECKPOINTS;
  const started = performance.now();
  for (let done = 0; done < total; done += step) {
    const result = await run(done, step);
    points.push({ after: done + step, ...await measure(page, cdp), result });
    progress(JSON.stringify(points[points.length - 1]));
  }
  return { count: total, seconds: Math.round((performance.now() - started) / 100) / 10, points };
}

await withServedPage(async ({ browser, url }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(catchCore);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  // Every lazily loaded part, as the end-to-end tests load them.
  await skim(page);
  await page.waitForFunction(() => document.getElementById('chart-custom')?.chart?.data.datasets.length > 0);
  progress('page loaded');
  const cdp = await context.newCDPSession(page);
  if (!(await page.evaluate(() => typeof window.__benchCore?.heapStats === 'function'))) throw new Error('the page\'s core was not caught');
  const loaded = await measure(page, cdp);
  // Warm-up: the code paths compiled, the caches and pools filled, the heap grown to its working size.
  await moveSlider(page, 0, 500);
  await derive(page, 0, 100);
  const warm = await measure(page, cdp);
  const sliders = await phase(page, cdp, (done, n) => moveSlider(page, done, n), SLIDER_MOVES);
  const derivations = await phase(page, cdp, (done, n) => derive(page, done, n), DERIVATIONS);
  // Growth over each phase's second half (a leak grows with the work; a heap still settling after the
  // warm-up grows in the first half only), and over everything from the warm-up's end.
  const change = (from, to) => Object.fromEntries(Object.keys(TOLERANCE).map((key) => [key, to[key] - from[key]]));
  const secondHalf = ({ points }) => change(points[CHECKPOINTS / 2 - 1], points[CHECKPOINTS - 1]);
  const growth = {
    slidersSecondHalf: secondHalf(sliders),
    derivationsSecondHalf: secondHalf(derivations),
    sinceWarmUp: change(warm, derivations.points[CHECKPOINTS - 1]),
  };
  const flat = Object.fromEntries(Object.keys(TOLERANCE).map((key) => [key,
    growth.slidersSecondHalf[key] <= TOLERANCE[key] && growth.derivationsSecondHalf[key] <= TOLERANCE[key]]));
  const figures = { loaded, warm, sliders, derivations, growth, tolerance: TOLERANCE, flat, pageErrors: errors };
  console.log(JSON.stringify(figures, null, 2));
  recordResults('memory', figures);
  await context.close();
});
