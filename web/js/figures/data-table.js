// A figure's data table: a "Data table" disclosure under a chart with a sample of the plotted points
// as a real table, for readers who cannot see the canvas (under a heat map, a sample of its grid of
// cells). It shows the numbers the figure was given, formatted as its tooltip formats them; it
// computes nothing. Built only while it is open.

// At most this many rows: evenly spaced points of the plotted grid, both ends included.
const TABLE_ROWS = 21;

// A plotted value as text: a series' own description where it has one (as in its tooltip), words
// where the number is not finite.
function valueText(series, i, formatNumber) {
  if (series.describe) return series.describe(i);
  const y = series.y[i];
  if (Number.isNaN(y)) return 'no value';
  if (y === Infinity) return 'infinity';
  if (y === -Infinity) return 'minus infinity';
  return formatNumber(y);
}

// Indices of up to `count` evenly spaced points out of `length`, first and last included.
export function sampleIndices(length, count) {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: count }, (_, k) => Math.round((k * (length - 1)) / (count - 1)));
}

function cell(tag, text, scope) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (scope) node.scope = scope;
  return node;
}

// The "Data table" disclosure under the figure drawn on `canvas`, after its caption: a <details>
// holding a table in a region that scrolls sideways when the table is wider than the column
// (focusable, so keyboard users can scroll it too). Returns {details, scroller, table}.
function createDisclosure(canvas) {
  const box = canvas.closest('.chart-box, .heatmap-box') ?? canvas;
  const details = document.createElement('details');
  details.className = 'data-table';
  const summary = cell('summary', 'Data table');
  const scroller = document.createElement('div');
  scroller.className = 'data-table-scroll';
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  const table = document.createElement('table');
  table.className = 'lab-table';
  scroller.append(table);
  details.append(summary, scroller);
  (box.parentElement.querySelector(':scope > figcaption') ?? box).after(details);
  return { details, scroller, table };
}

// Adds the disclosure under the chart on `canvas` (after its figure's caption); `symbol` names the
// x axis ("z", "L", "epoch"), `formatNumber` formats a number as the chart's tooltip does. Returns
// show(series, description): the series the tooltip lists ({label, z, y, describe}) and the chart's
// description, kept until the table is opened and shown at once while it is open.
export function createDataTable(canvas, { symbol, formatNumber }) {
  const { details, scroller, table } = createDisclosure(canvas);

  let shown = { series: [], description: '' };

  function build() {
    const { series, description } = shown;
    const z = series[0]?.z ?? [];
    const rows = sampleIndices(z.length, TABLE_ROWS);
    // A series sampled at other points than the first (a run that stopped early) is looked up by x.
    const positions = series.map((s) => (s.z === z ? null : new Map(Array.from(s.z, (x, i) => [x, i]))));
    const caption = document.createElement('caption');
    caption.textContent = `${rows.length === z.length ? `All ${z.length}` : `${rows.length} evenly spaced of the ${z.length}`} `
      + `plotted points. ${description}`;
    const head = document.createElement('thead');
    head.append(document.createElement('tr'));
    head.rows[0].append(cell('th', symbol, 'col'), ...series.map(({ label }) => cell('th', label, 'col')));
    const body = document.createElement('tbody');
    body.append(...rows.map((i) => {
      const row = document.createElement('tr');
      row.append(cell('th', formatNumber(z[i]), 'row'), ...series.map((s, k) => {
        const at = positions[k] ? positions[k].get(z[i]) : i;
        return cell('td', at === undefined ? 'not plotted' : valueText(s, at, formatNumber));
      }));
      return row;
    }));
    table.replaceChildren(caption, head, body);
    // Named after its chart, so that no two regions on the page share a name.
    scroller.setAttribute('aria-label', `Data table: ${description}`);
  }

  details.addEventListener('toggle', () => {
    if (details.open) build();
    else table.replaceChildren();
  });

  return function show(series, description) {
    shown = { series, description };
    if (details.open) build();
  };
}

// At most this many rows and columns in a grid's table: evenly spaced cells, both ends included.
const GRID_SIDE = 11;
// While its table is open, a grid shown more often than this (ms) is shown at most this often, the
// last one always: a heat map repaints up to once a frame while a network trains.
const GRID_INTERVAL_MS = 500;

// Adds the disclosure under the heat map on `canvas` (after its figure's caption): `across` and `up`
// name its axes ("x₁", "x₂"), `formatNumber` formats a coordinate, `valueText(v)` a cell's value.
// Returns show({values, coordinates, description}): `values` row-major from the bottom-left cell,
// n × n for the n cell-centre `coordinates` (the same on both axes), and a sentence on what they
// are; kept until the table is opened, shown while it is open.
export function createGridTable(canvas, { across, up, formatNumber, valueText }) {
  const { details, scroller, table } = createDisclosure(canvas);
  table.classList.add('grid-table');
  let shown = null;
  let builtAt = -Infinity;
  let timer = null;

  function build() {
    clearTimeout(timer);
    timer = null;
    builtAt = performance.now();
    const caption = document.createElement('caption');
    if (!shown) {
      caption.textContent = 'Nothing has been drawn yet.';
      table.replaceChildren(caption);
      return;
    }
    const { values, coordinates, description } = shown;
    const n = coordinates.length;
    const picked = sampleIndices(n, GRID_SIDE);
    caption.textContent = `${picked.length === n ? `All ${n} × ${n}` : `${picked.length} × ${picked.length} evenly spaced of the ${n} × ${n}`} `
      + `cells, ${across} across and ${up} from top to bottom. ${description}`;
    const head = document.createElement('thead');
    head.append(document.createElement('tr'));
    head.rows[0].append(document.createElement('td'),
      ...picked.map((i) => cell('th', `${across} = ${formatNumber(coordinates[i])}`, 'col')));
    const body = document.createElement('tbody');
    // The top row is the largest `up`, as on the map.
    body.append(...picked.slice().reverse().map((j) => {
      const row = document.createElement('tr');
      row.append(cell('th', `${up} = ${formatNumber(coordinates[j])}`, 'row'),
        ...picked.map((i) => cell('td', valueText(values[j * n + i]))));
      return row;
    }));
    table.replaceChildren(caption, head, body);
    scroller.setAttribute('aria-label', `Data table: ${description}`);
  }

  details.addEventListener('toggle', () => {
    if (details.open) {
      build();
      return;
    }
    clearTimeout(timer);
    timer = null;
    table.replaceChildren();
  });

  return function show(next) {
    shown = next;
    if (!details.open || timer !== null) return;
    const wait = builtAt + GRID_INTERVAL_MS - performance.now();
    if (wait <= 0) build();
    else timer = setTimeout(build, wait);
  };
}
