// A decision-region figure: the network's predicted probability of class 1 on a grid, painted as a
// heat map under the training points (Chart.js draws the axes and the points; a plugin paints the map).
// Colours: Okabe-Ito blue (class 0) and vermillion (class 1), with different point shapes as well.
import { Chart, LineController, LinearScale, PointElement, Tooltip } from 'chart.js';
import { formatNumber } from './plot.js';
import { onColoursChange } from './media.js';
import { createGridTable } from './data-table.js';

Chart.register(LineController, LinearScale, PointElement, Tooltip);

// Cells each way at most: predictions are asked for at the cells' centres.
export const MAX_CELLS = 48;
// How strongly a certain prediction tints the background (0 to 1).
const TINT = 0.6;

function rgb(hex) {
  const value = hex.trim().replace('#', '');
  const full = value.length === 3 ? [...value].map((c) => c + c).join('') : value;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
}

function palette() {
  const style = getComputedStyle(document.documentElement);
  const read = (name) => style.getPropertyValue(name).trim();
  return { class0: read('--plot-1'), class1: read('--plot-2'), background: read('--bg'), text: read('--text'),
    grid: read('--plot-grid'), axis: read('--plot-axis') };
}

// 256 RGBA colours for p = 0, 1/255, ..., 1: the background tinted towards the class p leans to.
function colourTable(colours) {
  const [bg, zero, one] = [colours.background, colours.class0, colours.class1].map(rgb);
  const table = new Uint8ClampedArray(256 * 4);
  for (let k = 0; k < 256; k += 1) {
    const p = k / 255;
    const target = p < 0.5 ? zero : one;
    const strength = TINT * Math.abs(2 * p - 1);
    for (let c = 0; c < 3; c += 1) table[4 * k + c] = bg[c] + (target[c] - bg[c]) * strength;
    table[4 * k + 3] = 255;
  }
  return table;
}

// The centres of `cells` x `cells` cells covering the square [-extent, extent]^2: the arguments of
// trainer.grid().
export function cellCentres(extent, cells) {
  const half = extent / cells;
  return [cells, cells, -extent + half, extent - half, -extent + half, extent - half];
}

// A cell of the data table: the class the map shows there (as its colour: class 1 from p = 1/2), then
// the probability of class 1.
function cellText(p) {
  if (!Number.isFinite(p)) return 'no value';
  return `${p < 0.5 ? 0 : 1} (${p.toFixed(2)})`;
}

// A cell centre's coordinate, to three significant digits (the map spans a few units).
const coordinateText = (x) => formatNumber(Number(x.toPrecision(3)));

// The chart: two datasets of training points (set by pointDatasets) on square axes, and a plugin that
// draws `map()` (a canvas, or null before the first map) under them across the chart area.
function chartConfig(map) {
  const axis = (title) => ({ type: 'linear', title: { display: true, text: title }, border: {}, grid: {}, ticks: {} });
  return {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: true,
      aspectRatio: 1,
      parsing: false,
      normalized: true,
      scales: { x: axis('x\u2081'), y: axis('x\u2082') },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label} at (${formatNumber(item.parsed.x)}, ${formatNumber(item.parsed.y)})`,
          },
        },
      },
    },
    plugins: [{
      id: 'heatmap',
      beforeDatasetsDraw(drawn) {
        const image = map();
        if (!image) return;
        const { ctx, chartArea: area } = drawn;
        ctx.save();
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(image, area.left, area.top, area.right - area.left, area.bottom - area.top);
        ctx.restore();
      },
    }],
  };
}

// The training points {x, y, label} as the chart's datasets: class 0 as circles, class 1 as triangles.
function pointDatasets({ x, y, label }) {
  const points = [[], []];
  for (let i = 0; i < x.length; i += 1) points[label[i]].push({ x: x[i], y: y[i] });
  return points.map((data, classLabel) => ({
    label: `class ${classLabel} (${classLabel === 0 ? 'blue circle' : 'orange triangle'})`,
    classLabel,
    data,
    showLine: false,
    pointStyle: classLabel === 0 ? 'circle' : 'triangle',
    pointRadius: classLabel === 0 ? 3 : 4,
    pointHoverRadius: 5,
    pointBorderWidth: 1,
  }));
}

// The theme's `colours` on the chart's axes and points.
function applyTheme(chart, colours) {
  for (const scale of Object.values(chart.options.scales)) {
    scale.grid.color = colours.grid;
    scale.border.color = colours.axis;
    scale.ticks.color = colours.axis;
    scale.title.color = colours.text;
  }
  for (const dataset of chart.data.datasets) {
    dataset.backgroundColor = dataset.classLabel === 0 ? colours.class0 : colours.class1;
    dataset.borderColor = colours.text;
  }
}

// Paints the cells x cells probabilities `p` (row-major from the bottom-left cell) into `image`, one
// pixel per cell coloured from `table` (colourTable); `pixels` is the last call's ImageData, reused
// while the size holds. Returns the ImageData used.
function paintCells(image, pixels, p, cells, table) {
  const buffer = pixels?.width === cells ? pixels : image.getContext('2d').createImageData(cells, cells);
  if (buffer !== pixels) {
    image.width = cells;
    image.height = cells;
  }
  const { data } = buffer;
  for (let j = 0; j < cells; j += 1) {
    // Grid row j is at the j-th y from the bottom; image rows run from the top.
    const row = (cells - 1 - j) * cells;
    for (let i = 0; i < cells; i += 1) {
      const k = Math.round(255 * Math.min(1, Math.max(0, p[j * cells + i])));
      data.set(table.subarray(4 * k, 4 * k + 4), 4 * (row + i));
    }
  }
  image.getContext('2d').putImageData(buffer, 0, 0);
  return buffer;
}

// A heat map on `canvas`, with a data table under it. Returns {setPoints(data, extent),
// setGrid(p, cells, what), describe(text)}; setGrid takes cells x cells probabilities, row-major from
// the bottom-left cell, as trainer.grid(...cellCentres(extent, cells)) gives them, and `what` names
// that map for its table ("Decision region of … after epoch 12").
export function createHeatmap(canvas) {
  canvas.setAttribute('role', 'img');
  const showTable = createGridTable(canvas, { across: 'x\u2081', up: 'x\u2082', formatNumber: coordinateText, valueText: cellText });
  let extent = 1;
  let pointsText = '';
  let colours = palette();
  let table = colourTable(colours);
  // The last map's probabilities and size, and the canvas and pixels it was painted into.
  let last = null;
  let cells = MAX_CELLS;
  const image = document.createElement('canvas');
  let pixels = null;
  const chart = new Chart(canvas, chartConfig(() => (last ? image : null)));
  Object.defineProperty(canvas, 'chart', { value: chart });

  onColoursChange(() => {
    colours = palette();
    table = colourTable(colours);
    applyTheme(chart, colours);
    if (last) pixels = paintCells(image, pixels, last, cells, table);
    chart.update('none');
  });

  return {
    // The training points: class 0 as circles, class 1 as triangles, over [-extent, extent]^2.
    setPoints(data, size) {
      extent = size;
      chart.data.datasets = pointDatasets(data);
      Object.assign(chart.options.scales.x, { min: -extent, max: extent });
      Object.assign(chart.options.scales.y, { min: -extent, max: extent });
      applyTheme(chart, colours);
      chart.update('none');
      const [zeros, ones] = chart.data.datasets.map((dataset) => dataset.data.length);
      pointsText = `Training points: ${zeros} of class 0 (blue circles), ${ones} of class 1 (orange triangles).`;
    },
    setGrid(p, size, what) {
      last = p;
      cells = size;
      pixels = paintCells(image, pixels, p, cells, table);
      chart.draw();
      // The cells' centres, spaced as the core spaces the grid it was asked for.
      const [, , low, high] = cellCentres(extent, size);
      const coordinates = Array.from({ length: size }, (_, i) => low + ((high - low) * i) / Math.max(1, size - 1));
      showTable({ values: p, coordinates,
        description: `${what}. Each cell gives the class predicted there, then in brackets the probability of class 1. ${pointsText}` });
    },
    describe(text) {
      canvas.setAttribute('aria-label', text);
      canvas.textContent = text;
    },
  };
}
