// How soon a link to a plot shows it: for each link below, cold loads of the BUILT dist/ (a fresh
// context each, the cache disabled) at a desktop viewport and at a phone's with the CPU slowed 4×, and
// the time the linked section's first figure first shows curves, against the first contentful paint
// of the same navigation. "Shows curves" is read from the figure itself, not from the page's own mark:
// a series' path in the build's preview (scripts/static-plots.mjs), or coloured pixels on the chart's
// canvas (the axes, grid and text are grey; the series are the palette's colours), in the viewport. A
// poll in every animation frame, from before the page's first script, records performance.now() when
// it first sees either. Prints JSON and records it under 'first-figure': per link and viewport, the
// medians of 5 (figure ms, FCP ms, and figure / FCP, the goal being at most 1.5), a figure not shown
// within 20 s counting as never (null).
import { withServedPage } from './browser.mjs';
import { recordResults } from './results.mjs';

const RUNS = 5;
const GOAL = 1.5;
// Each link with the id of the section whose first figure it is for.
const LINKS = [
  ['?fn=sigmoid', 'sigmoid'],
  ['?fn=tanh', 'tanh'],
  ['?fn=relu', 'relu'],
  ['?fn=leaky_relu', 'leaky_relu'],
  ['?fn=gelu', 'gelu'],
  ['?embed=1&fn=tanh', 'tanh'],
  ['?embed=1&section=labs', 'labs'],
];
const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 }, cpuSlowdown: 1 },
  phone: { viewport: { width: 390, height: 844 }, cpuSlowdown: 4 },
};

// Runs in the page before its scripts: window.firstFigureMs becomes the time the first figure of the
// section `id` first shows curves.
function watchFirstFigure(id) {
  window.firstFigureMs = null;
  // A pixel is coloured when its channels differ by more than this (the greys' differ by a few).
  const COLOURED = 60;
  const colouredPixels = (canvas) => {
    if (!canvas?.chart?.data.datasets.length || canvas.width === 0 || canvas.height === 0) return false;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 128 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > COLOURED) return true;
    }
    return false;
  };
  // In the viewport and drawn (not skipped as far from it: content-visibility: auto).
  const inView = (box) => {
    const { top, bottom } = box.getBoundingClientRect();
    return top < window.innerHeight && bottom > 0 && box.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
  };
  const shown = () => {
    // A catalogue entry's stand-in (web/js/boot/previews.js) until the page's code builds the entry.
    const section = document.getElementById(id) ?? document.querySelector(`[data-preview-of="${id}"]`);
    const box = section?.querySelector('figure .chart-box');
    if (!box || !inView(box)) return false;
    return Boolean(box.querySelector('.static-plot path[class^="static-series"]')) || colouredPixels(box.querySelector('canvas'));
  };
  const poll = () => {
    if (shown()) window.firstFigureMs = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

// How long a load waits for the figure: one not shown by then counts as never (figureMs null).
const WAIT_MS = 20000;

// One cold load of `url`: {figureMs, fcpMs}.
async function load(browser, url, id, { viewport, cpuSlowdown }) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    await page.addInitScript(watchFirstFigure, id);
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    await page.waitForFunction(() => window.firstFigureMs !== null, null, { timeout: WAIT_MS }).catch(() => {});
    return await page.evaluate(() => ({
      figureMs: window.firstFigureMs,
      fcpMs: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    }));
  } finally {
    await context.close();
  }
}

// The median of `values`, where null (never shown) counts as later than any time; null if it is one.
const median = (values) => {
  const middle = values.map((value) => value ?? Infinity).sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Number.isFinite(middle) ? middle : null;
};
const round = (value, digits) => (value === null ? null : Number(value.toFixed(digits)));

await withServedPage(async ({ browser, url }) => {
  const figures = { goal: `first figure within ${GOAL} × FCP`, runs: RUNS, links: {} };
  for (const [search, id] of LINKS) {
    figures.links[search] = {};
    for (const [name, settings] of Object.entries(VIEWPORTS)) {
      const runs = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await load(browser, `${url}${search}`, id, settings));
      const ratio = median(runs.map(({ figureMs, fcpMs }) => (figureMs === null ? null : figureMs / fcpMs)));
      figures.links[search][name] = {
        figureMs: round(median(runs.map(({ figureMs }) => figureMs)), 1),
        fcpMs: round(median(runs.map(({ fcpMs }) => fcpMs)), 1),
        ratio: round(ratio, 2),
        withinGoal: ratio !== null && ratio <= GOAL,
        neverShown: runs.filter(({ figureMs }) => figureMs === null).length,
      };
      console.error(search, name, JSON.stringify(figures.links[search][name]));
    }
  }
  figures.viewports = Object.fromEntries(Object.entries(VIEWPORTS).map(([name, { viewport, cpuSlowdown }]) => [name,
    `${viewport.width}×${viewport.height}, CPU slowed ${cpuSlowdown}×`]));
  console.log(JSON.stringify(figures, null, 2));
  recordResults('first-figure', figures);
});
