// A figure's data table: a "Data table" disclosure under a chart with a sample of the plotted points
// as a real table, for readers who cannot see the canvas. It shows the numbers the chart was given,
// formatted as its tooltip formats them; it computes nothing. Built only while it is open.

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
function sampleIndices(length, count) {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: count }, (_, k) => Math.round((k * (length - 1)) / (count - 1)));
}

function cell(tag, text, scope) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (scope) node.scope = scope;
  return node;
}

// Adds the disclosure under the chart on `canvas` (after its figure's caption); `symbol` names the
// x axis ("z", "L", "epoch"), `formatNumber` formats a number as the chart's tooltip does. Returns
// show(series, description): the series the tooltip lists ({label, z, y, describe}) and the chart's
// description, kept until the table is opened and shown at once while it is open.
export function createDataTable(canvas, { symbol, formatNumber }) {
  const box = canvas.closest('.chart-box') ?? canvas;
  const details = document.createElement('details');
  details.className = 'data-table';
  const summary = cell('summary', 'Data table');
  // Scrolls sideways when many series make it wider than the column; focusable so keyboard users
  // can scroll it too.
  const scroller = document.createElement('div');
  scroller.className = 'data-table-scroll';
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  const table = document.createElement('table');
  table.className = 'lab-table';
  scroller.append(table);
  details.append(summary, scroller);
  (box.parentElement.querySelector(':scope > figcaption') ?? box).after(details);

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
