// Chart.js figures: each is created once, then fed new series and redrawn with update('none').
import { Chart, LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip } from 'chart.js';
import { createDataTable } from './data-table.js';
import { onColoursChange } from './media.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim()
  || 'system-ui, sans-serif';

// Number of distinct series colours (--plot-1 to --plot-6 in the stylesheet).
export const PALETTE_SIZE = 6;

// Formats a plotted number for tooltips: up to 6 significant digits, exponent form when tiny or huge.
export function formatNumber(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const text = abs >= 1e-3 && abs < 1e6
    ? String(Number(x.toPrecision(6)))
    : x.toExponential(4).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return text.replace('-', '\u2212');
}

function themeColours() {
  const style = getComputedStyle(document.documentElement);
  const read = (name) => style.getPropertyValue(name).trim();
  return {
    grid: read('--plot-grid'),
    axis: read('--plot-axis'),
    text: read('--text'),
    background: read('--bg'),
    series: Array.from({ length: PALETTE_SIZE }, (_, i) => read(`--plot-${i + 1}`)),
  };
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

// A line chart on `canvas` with axes "z" and "value" (or `x`: {title, symbol, integer}, where `symbol`
// names x in the tooltip and `integer` keeps ticks whole, and `y`: {title, logarithmic, min, max}), a
// legend and an index tooltip. `onFirstRender` runs once, right after the chart is first drawn with data.
export function createPlot(canvas, { onFirstRender, x: xAxis = {}, y: yAxis = {} } = {}) {
  canvas.setAttribute('role', 'img');
  let rendered = false;
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      elements: { point: { radius: 0, hoverRadius: 4, hitRadius: 4 }, line: { borderWidth: 2.5 } },
      scales: {
        x: { type: 'linear', title: { display: true, text: xAxis.title ?? 'z' }, border: {}, grid: {},
          ticks: xAxis.integer ? { precision: 0 } : {} },
        y: {
          type: yAxis.logarithmic ? 'logarithmic' : 'linear',
          title: { display: true, text: yAxis.title ?? 'value' },
          min: yAxis.min,
          max: yAxis.max,
          border: {},
          grid: {},
          ticks: yAxis.logarithmic ? { callback: powerOfTenTick, autoSkip: true } : {},
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
              .map((item) => ({ ...item, lineDash: drawn.data.datasets[item.datasetIndex].borderDash, lineWidth: 2.5 }))
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
    },
    plugins: [{
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
    }, {
      id: 'firstRender',
      afterRender(drawn) {
        if (rendered || drawn.data.datasets.length === 0) return;
        rendered = true;
        onFirstRender?.();
      },
    }],
  });
  if (yAxis.min !== undefined || yAxis.max !== undefined) fixedY.add(chart);
  // The end-to-end tests and embedding pages read the Chart instance from its canvas.
  Object.defineProperty(canvas, 'chart', { value: chart });
  tables.set(chart, createDataTable(canvas, { symbol: xAxis.symbol ?? 'z', formatNumber }));
  onColoursChange(() => {
    applyTheme(chart);
    chart.update('none');
  });
  return chart;
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

// Segment styling that leaves out the line segments touching a jump at any z in `breaks`, so a
// derivative's jump at a kink is not drawn as a steep line.
function breakSegments(breaks) {
  if (!breaks.length) return undefined;
  const hidden = (ctx) => breaks.some((b) => ctx.p0.parsed.x <= b && b <= ctx.p1.parsed.x);
  return { borderColor: (ctx) => (hidden(ctx) ? 'transparent' : undefined) };
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
  chart.data.datasets = lines.map(({ label, z, y, colour, dashed, dash, below = false, above = false, breaks = [], describe, noTooltip = false, legend = true, radius }) => ({
    label,
    describe,
    legend,
    pointRadius: radius,
    noTooltip,
    colour,
    data: Array.from(z, (zi, i) => ({ x: zi, y: Number.isFinite(y[i]) ? y[i] : null })),
    segment: breakSegments(breaks),
    spanGaps: false,
    borderDash: dash ?? (dashed ? [7, 5] : []),
    order: below ? 1 : (above ? -1 : 0),
  }));
  const first = series[0]?.z;
  chart.options.scales.x.min = first?.[0];
  chart.options.scales.x.max = first?.[first.length - 1];
  if (!fixedY.has(chart)) Object.assign(chart.options.scales.y, fittedRange(series) ?? { min: undefined, max: undefined });
  applyTheme(chart);
  chart.canvas.setAttribute('aria-label', description);
  chart.canvas.textContent = description;
  chart.update('none');
  tables.get(chart)(lines.filter(({ noTooltip }) => !noTooltip), description);
}
