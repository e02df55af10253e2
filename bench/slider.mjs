// Slider input to painted frame: drags Leaky ReLU's alpha slider with the mouse (real input events
// through the DevTools protocol; Chromium delivers mouse moves once per frame, as with a hand) on the
// BUILT hosted page in headless Chromium. Each value change recomputes and redraws the plots alpha
// moves: g and g' with the slope explorer's tangent, and ReLU against Leaky ReLU (four series of 481
// points); the points redrawn per input are counted. Each 'input' event is timed from its timeStamp
// (when the input happened) to the painted frame after it. (The Event Timing API would be the natural
// tool, but headless Chromium reported none of these events, even with a 25 ms handler added.)
// Prints JSON; the budget is a p95 of at most 16 ms.
import { withServedPage } from './browser.mjs';
import { recordResults } from './results.mjs';

const MOVES = 600;  // mouse moves; each that changes the value fires one 'input' event
const BUDGET_MS = 16;

await withServedPage(async ({ browser, url }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${url}?fn=leaky_relu`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('chart-relu-vs-leaky')?.chart?.data.datasets.length === 4);
  const slider = page.locator('#leaky_relu .alpha-controls input[name="slider"]');
  await slider.scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    window.benchTimes = [];
    // Counts the points of every chart redraw, to report how much each input redraws.
    window.benchPointsDrawn = 0;
    for (const canvas of document.querySelectorAll('canvas')) {
      const { chart } = canvas;
      if (!chart) continue;
      const update = chart.update.bind(chart);
      chart.update = (mode) => {
        window.benchPointsDrawn += chart.data.datasets.reduce((n, dataset) => n + dataset.data.length, 0);
        return update(mode);
      };
    }
    // Capturing on the window runs before the page's own handler. The event's timeStamp is when the
    // input happened; the frame after the handlers is painted by the time a task queued from its
    // requestAnimationFrame callback runs.
    window.addEventListener('input', (event) => {
      if (!event.target.matches('#leaky_relu .alpha-controls input[name="slider"]')) return;
      const start = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.benchTimes.push(performance.now() - start), 0));
    }, true);
  });
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const [left, right] = [box.x + 4, box.x + box.width - 4];
  await page.mouse.move(left, y);
  await page.mouse.down();
  // Back and forth across the slider, 3 px per move, as a hand dragging it.
  let x = left;
  let direction = 1;
  for (let i = 0; i < MOVES; i += 1) {
    if (x + 3 * direction > right || x + 3 * direction < left) direction = -direction;
    x += 3 * direction;
    await page.mouse.move(x, y);
  }
  await page.mouse.up();
  await page.waitForTimeout(500);
  const { times, pointsDrawn } = await page.evaluate(() => ({ times: window.benchTimes, pointsDrawn: window.benchPointsDrawn }));
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1));
  const figures = {
    mouseMoves: MOVES,
    inputEvents: times.length,
    pointsRedrawnPerInput: Math.round(pointsDrawn / Math.max(1, times.length)),
    inputToPaintedFrameMs: { p50: at(0.5), p95: at(0.95), max: at(1) },
    budgetMs: BUDGET_MS,
    withinBudget: at(0.95) <= BUDGET_MS,
  };
  console.log(JSON.stringify(figures, null, 2));
  recordResults('slider', figures);
});
