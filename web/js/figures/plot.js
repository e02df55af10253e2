// Chart.js figures: each is created once, then fed new series and redrawn with update('none').
import { Chart, LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Ticks } from 'chart.js';
import { createDataTable } from './data-table.js';
import { onColoursChange } from './media.js';
import { formatNumber } from './number-format.js';
import { AXIS_TITLES, dashOf, LINE_WIDTH, PALETTE_SIZE, tickDecimals, tickLabel } from './plot-style.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim()
  || 'system-ui, sans-serif';

// PALETTE_SIZE (the number of series colours) lives in plot-style.js, which the site's build imports too.
export { PALETTE_SIZE };

// formatNumber lives in number-format.js, which the site's build imports too; the figures take it from here.
export { formatNumber };

// The stylesheet's plot colours, read once per colour change: reading computed style while a slider
// is dragged would make the browser recalculate styles in the middle of every input.
let colours = null;
// Registered at import, before any chart's own listener, so that charts redraw with the new colours.
onColoursChange(() => {
  colours = null;
});

function themeColours() {
  if (colours) return colours;
  const style = getComputedStyle(document.documentElement);
  const read = (name) => style.getPropertyValue(name).trim();
  colours = {
    grid: read('--plot-grid'),
    axis: read('--plot-axis'),
    text: read('--text'),
    background: read('--bg'),
    series: Array.from({ length: PALETTE_SIZE }, (_, i) => read(`--plot-${i + 1}`)),
  };
  return colours;
}

function applyTheme(chart) {
  const colours = themeColours();
  const { x, y } = chart.options.scales;
  for (const scale of [x, y]) {
    scale.grid.color = colours.grid;
    scale.border.color = colours.axis;
    scale.ticks.color = colours.axis;
    scale.title.color = colours.text;
  }
  chart.options.plugins.legend.labels.color = colours.text;
  for (const dataset of chart.data.datasets) {
    dataset.borderColor = colours.series[dataset.colour % colours.series.length];
    dataset.backgroundColor = dataset.borderColor;
  }
}

// Tick labels of a logarithmic axis: the powers of ten only, e.g. "10⁻¹⁶" written as 1e−16.
function powerOfTenTick(value) {
  const exponent = Math.log10(value);
  return Number.isInteger(exponent) ? formatNumber(value) : null;
}

// Tick labels of a linear axis, as Chart.js's own formatter writes them in English (plot-style.js); its
// scientific notation, for ticks below 1e-4 or above 1e15, is left to it.
function linearTick(value, index, ticks) {
  const largest = Math.max(Math.abs(ticks[0].value), Math.abs(ticks[ticks.length - 1].value));
  if (ticks.length > 1 && (largest < 1e-4 || largest > 1e15)) return Ticks.formatters.numeric.call(this, value, index, ticks);
  return tickLabel(value, tickDecimals(value, ticks));
}

// The options of a chart made by createPlot (see there for `xAxis` and `yAxis`).
function plotOptions(xAxis, yAxis) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'index', intersect: false },
    elements: { point: { radius: 0, hoverRadius: 4, hitRadius: 4 }, line: { borderWidth: LINE_WIDTH } },
    scales: {
      x: { type: 'linear', title: { display: true, text: xAxis.title ?? AXIS_TITLES.x }, border: {}, grid: {},
        ticks: xAxis.integer ? { precision: 0, callback: linearTick } : { callback: linearTick } },
      y: {
        type: yAxis.logarithmic ? 'logarithmic' : 'linear',
        title: { display: true, text: yAxis.title ?? AXIS_TITLES.y },
        min: yAxis.min,
        max: yAxis.max,
        border: {},
        grid: {},
        ticks: yAxis.logarithmic ? { callback: powerOfTenTick, autoSkip: true } : { callback: linearTick },
      },
    },
    plugins: {
      legend: {
        labels: {
          usePointStyle: true,
          pointStyle: 'line',
          pointStyleWidth: 32,
          padding: 14,
          filter: (item, data) => data.datasets[item.datasetIndex].legend !== false,
          // The default takes the dash from the point style (a legend line must show the series' dash)
          // and lists series in drawing order (the legend keeps the order they were given in).
          generateLabels: (drawn) => Chart.defaults.plugins.legend.labels.generateLabels(drawn)
            .map((item) => ({ ...item, lineDash: drawn.data.datasets[item.datasetIndex].borderDash, lineWidth: LINE_WIDTH }))
            .sort((a, b) => a.datasetIndex - b.datasetIndex),
        },
      },
      tooltip: {
        filter: (item) => !item.dataset.noTooltip,
        itemSort: (a, b) => a.datasetIndex - b.datasetIndex,
        callbacks: {
          title: (items) => (items.length ? `${xAxis.symbol ?? 'z'} = ${formatNumber(items[0].parsed.x)}` : ''),
          label: (item) => `${item.dataset.label}: ${item.dataset.describe?.(item.dataIndex) ?? formatNumber(item.parsed.y)}`,
        },
      },
    },
  };
}

// Draws a chart's markers (setMarkers) as dots over its lines.
const markersPlugin = {
  id: 'markers',
  afterDatasetsDraw(drawn) {
    const { ctx, scales: { x, y }, chartArea } = drawn;
    const colours = themeColours();
    for (const marker of markers.get(drawn) ?? []) {
      if (!Number.isFinite(marker.y)) continue;
      const px = x.getPixelForValue(marker.x);
      const py = y.getPixelForValue(marker.y);
      if (px < chartArea.left || px > chartArea.right || py < chartArea.top || py > chartArea.bottom) continue;
      ctx.save();
      ctx.beginPath();
      ctx.arc(px, py, 6, 0, 2 * Math.PI);
      ctx.fillStyle = colours.series[marker.colour % colours.series.length];
      ctx.strokeStyle = colours.background;
      ctx.lineWidth = 2;
      ctx.fill();
      ctx.stroke();
      ctx.restore();
    }
  },
};

// A line chart on `canvas` with axes "z" and "value" (or `x`: {title, symbol, integer}, where `symbol`
// names x in the tooltip and `integer` keeps ticks whole, and `y`: {title, logarithmic, min, max}), a
// legend and an index tooltip. When it first draws with data, the preview the build drew in its box, if
// any, goes; the first chart of the page to draw sets the 'first-chart' performance mark (the
// benchmarks and the end-to-end tests wait for it).
export function createPlot(canvas, { x: xAxis = {}, y: yAxis = {} } = {}) {
  canvas.setAttribute('role', 'img');
  let rendered = false;
  const firstRender = {
    id: 'firstRender',
    afterRender(drawn) {
      if (rendered || drawn.data.datasets.length === 0) return;
      rendered = true;
      // The build's still preview of this plot (scripts/static-plots.mjs), shown until now, is stale
      // once the chart draws.
      canvas.parentElement.querySelector(':scope > .static-plot')?.remove();
      if (performance.getEntriesByName('first-chart').length === 0) performance.mark('first-chart');
    },
  };
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: plotOptions(xAxis, yAxis),
    plugins: [breakGaps, markersPlugin, firstRender],
  });
  if (yAxis.min !== undefined || yAxis.max !== undefined) fixedY.add(chart);
  // The end-to-end tests and embedding pages read the Chart instance from its canvas.
  Object.defineProperty(canvas, 'chart', { value: chart });
  tables.set(chart, createDataTable(canvas, { symbol: xAxis.symbol ?? 'z', formatNumber }));
  onColoursChange(() => {
    applyTheme(chart);
    drawAtSize(chart);
  });
  charts.add(chart);
  nearness?.observe(canvas);
  return chart;
}

// Charts more than a screen away from the viewport are not redrawn on every change (a slider dragged
// at the top of a section would redraw a figure far below it at every input): their latest data waits
// and is drawn when they come within a screen, or before printing. Until the observer's first report
// on a chart, it counts as near.
const far = new WeakSet();
const waiting = new Set();
const nearness = typeof IntersectionObserver === 'function'
  ? new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      const { chart } = target;
      if (isIntersecting) far.delete(chart);
      else far.add(chart);
      if (isIntersecting && waiting.has(chart)) {
        waiting.delete(chart);
        chart.update('none');
      }
    }
  }, { rootMargin: '100% 0px' })
  : null;

// Every chart made by createPlot.
const charts = new Set();

// Brings `chart` to its box's size and draws it. Chart.js follows its box with a resize observer, which
// says nothing while the box's section is far from the viewport (not laid out, see style.css): a chart
// made hidden there, then shown, would stay 0 px wide until the reader came near.
function drawAtSize(chart) {
  waiting.delete(chart);
  chart.resize();
  chart.update('none');
}

// Draws every chart at its size with its latest data: called by the Print button's preparation
// (page.js) before it prints (the browser's own print comes with 'beforeprint', see createPlot).
export function drawAllCharts() {
  charts.forEach(drawAtSize);
}

// Redraws `chart` now, or when it comes near if it is far from the viewport.
function redraw(chart) {
  if (far.has(chart)) {
    waiting.add(chart);
    return;
  }
  waiting.delete(chart);
  chart.update('none');
}

// Each chart's data table (see data-table.js): show(series, description).
const tables = new WeakMap();

// Charts whose y range was fixed when they were created: setSeries leaves it alone.
const fixedY = new WeakSet();
// The dots drawn over each chart ({x, y, colour}), from the `point` series given to setSeries: drawn
// by a plugin, not as datasets, so that they take no part in the index tooltip.
const markers = new WeakMap();

// The y range of the series that count (fit !== false), padded by 8%; null when every series counts
// (Chart.js then fits them all).
function fittedRange(series) {
  if (series.every(({ fit }) => fit !== false)) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const { y } of series.filter(({ fit }) => fit !== false)) {
    for (const v of y) {
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (!Number.isFinite(lo)) return null;
  const pad = hi > lo ? 0.08 * (hi - lo) : 1;
  return { min: lo - pad, max: hi + pad };
}

// The pixel spans [left, right] to leave out of a dataset's line: for each z in its `breaks`, from the
// grid point before it to the one after it (both grid lines touching it when it lies on the grid), so a
// derivative's jump at a kink is not drawn as a steep line. Found by bisection on the sorted z values.
function breakSpans(data, breaks, x) {
  const spans = [];
  for (const b of breaks) {
    let lo = 0;
    let hi = data.length - 1;
    if (!(data[lo]?.x <= b && b <= data[hi]?.x)) continue;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (data[mid].x < b) lo = mid;
      else hi = mid;
    }
    // data[lo].x < b <= data[hi].x (or b is the first point); a break on a grid point also hides the
    // segment after it.
    const right = data[hi].x === b && hi + 1 < data.length ? hi + 1 : hi;
    spans.push([x.getPixelForValue(data[lo].x), x.getPixelForValue(data[right].x)]);
  }
  return spans;
}

// Leaves the spans of breakSpans out of a dataset's drawing by clipping them away: one clip per
// dataset, where Chart.js's per-segment styling would call a function for every one of its segments.
// Chart.js clips each dataset to the chart area after 'beforeDatasetDraw', inside this clip.
const breakGaps = {
  id: 'breakGaps',
  beforeDatasetDraw(drawn, { meta }) {
    const breaks = drawn.data.datasets[meta.index].breaks;
    if (!breaks?.length) return;
    const { ctx, width, height, scales: { x } } = drawn;
    // Widened by half the line's width (and a pixel for antialiasing): a steep segment's stroke reaches
    // that far past its ends.
    const margin = (meta.dataset?.options.borderWidth ?? 3) / 2 + 1;
    const spans = breakSpans(drawn.data.datasets[meta.index].data, breaks, x)
      .map(([start, end]) => [start - margin, end + margin]).sort((a, b) => a[0] - b[0]);
    // Strips of the canvas's full height: Chart.js's own clip (the chart area widened by half the line
    // width) still applies inside them.
    ctx.save();
    ctx.beginPath();
    let from = 0;
    for (const [start, end] of spans) {
      if (start > from) ctx.rect(from, 0, start - from, height);
      from = Math.max(from, end);
    }
    if (width > from) ctx.rect(from, 0, width - from, height);
    ctx.clip();
    meta.clippedBreaks = true;
  },
  afterDatasetDraw(drawn, { meta }) {
    if (!meta.clippedBreaks) return;
    meta.clippedBreaks = false;
    drawn.ctx.restore();
  },
};

// The points {x, y} of a line through (z[i], y[i]), a non-finite y becoming null (a gap): `previous`'s
// objects overwritten when it has as many, otherwise new ones.
function points(previous, z, y) {
  const data = previous?.length === z.length ? previous : Array.from(z, () => ({ x: 0, y: null }));
  for (let i = 0; i < z.length; i += 1) {
    data[i].x = z[i];
    data[i].y = Number.isFinite(y[i]) ? y[i] : null;
  }
  return data;
}

// Replaces the chart's series and redraws it. Each series: {label, z, y, colour (0 to PALETTE_SIZE-1),
// dashed, dash, below, breaks, describe, point, fit, noTooltip}, with z and y arrays of equal length;
// `dash`, if given, is the line's dash pattern in place of the one `dashed` chooses; `describe(i)`,
// if given, is the tooltip's text for point i instead of its y; `point` draws each (z, y) as a dot
// over the lines, outside the legend and tooltip; `above` draws a line over the others; `fit: false`
// keeps a series (a tangent line) from widening the y axis; `noTooltip` leaves it out of the tooltip; `below` series are drawn first, so where lines
// coincide the others show. A non-finite y (where the function is undefined) becomes null: a gap in
// the line. `breaks` lists z values where the line jumps (the kinks of g'), left undrawn.
// `legend: false` leaves a series out of the legend (the edges of a band); `radius` draws its points
// as dots of that radius (a line of one point shows nothing otherwise).
// `description` becomes the canvas's accessible name and its data table's caption; the table lists
// the series the tooltip lists.
export function setSeries(chart, series, description) {
  markers.set(chart, series.filter(({ point }) => point)
    .flatMap(({ z, y, colour }) => Array.from(z, (zi, i) => ({ x: zi, y: y[i], colour }))));
  const lines = series.filter(({ point }) => !point);
  // The chart's dataset objects and their points are kept and overwritten when the series keep their
  // number and length (a slider moved): Chart.js then keeps its elements rather than building
  // thousands anew on every input.
  const kept = chart.data.datasets.length === lines.length ? chart.data.datasets : [];
  chart.data.datasets = lines.map(({ label, z, y, colour, dashed, dash, below = false, above = false, breaks = [], describe, noTooltip = false, legend = true, radius }, index) => Object.assign(kept[index] ?? {}, {
    label,
    describe,
    legend,
    pointRadius: radius,
    noTooltip,
    colour,
    data: points(kept[index]?.data, z, y),
    breaks,
    spanGaps: false,
    borderDash: dashOf({ dash, dashed }),
    order: below ? 1 : (above ? -1 : 0),
  }));
  const first = series[0]?.z;
  chart.options.scales.x.min = first?.[0];
  chart.options.scales.x.max = first?.[first.length - 1];
  if (!fixedY.has(chart)) Object.assign(chart.options.scales.y, fittedRange(series) ?? { min: undefined, max: undefined });
  applyTheme(chart);
  chart.canvas.setAttribute('aria-label', description);
  chart.canvas.textContent = description;
  redraw(chart);
  tables.get(chart)(lines.filter(({ noTooltip }) => !noTooltip), description);
}
