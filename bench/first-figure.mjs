// How soon a link to a plot shows it: for each link below, cold loads of the BUILT dist/ (a fresh
// context each, the cache disabled) at a desktop viewport and at a phone's with the CPU slowed 4×, and
// the time the linked section's first figure first shows curves, against the first contentful paint
// of the same navigation. "Shows curves" is read from the figure itself, not from the page's own mark:
// a series' path in the build's preview (scripts/static-plots.mjs), or coloured pixels on the chart's
// canvas (the axes, grid and text are grey; the series are the palette's colours). A poll in every
// animation frame, from before the page's first script, records performance.now() when it first sees
// either. Prints JSON and records it under 'first-figure': per link and viewport, the medians of 5
// (figure ms, FCP ms, and figure / FCP, the goal being at most 1.5).
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
  const shown = () => {
    const box = document.getElementById(id)?.querySelector('figure .chart-box');
    if (!box) return false;
    return Boolean(box.querySelector('.static-plot path[class^="static-series"]')) || colouredPixels(box.querySelector('canvas'));
  };
  const poll = () => {
    if (shown()) window.firstFigureMs = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

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
    await page.waitForFunction(() => window.firstFigureMs !== null
      && performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 60000 });
    return await page.evaluate(() => ({
      figureMs: window.firstFigureMs,
      fcpMs: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    }));
  } finally {
    await context.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value, digits) => Number(value.toFixed(digits));

await withServedPage(async ({ browser, url }) => {
  const figures = { goal: `first figure within ${GOAL} × FCP`, runs: RUNS, links: {} };
  for (const [search, id] of LINKS) {
    figures.links[search] = {};
    for (const [name, settings] of Object.entries(VIEWPORTS)) {
      const runs = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await load(browser, `${url}${search}`, id, settings));
      const ratio = median(runs.map(({ figureMs, fcpMs }) => figureMs / fcpMs));
      figures.links[search][name] = {
        figureMs: round(median(runs.map(({ figureMs }) => figureMs)), 1),
        fcpMs: round(median(runs.map(({ fcpMs }) => fcpMs)), 1),
        ratio: round(ratio, 2),
        withinGoal: ratio <= GOAL,
      };
      console.error(search, name, JSON.stringify(figures.links[search][name]));
    }
  }
  figures.viewports = Object.fromEntries(Object.entries(VIEWPORTS).map(([name, { viewport, cpuSlowdown }]) => [name,
    `${viewport.width}×${viewport.height}, CPU slowed ${cpuSlowdown}×`]));
  console.log(JSON.stringify(figures, null, 2));
  recordResults('first-figure', figures);
});
