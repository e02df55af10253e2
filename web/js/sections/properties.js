// The properties table: one row per activation, every cell computed by the core (core.properties),
// sortable by any column through the buttons in its header.
import { formatNumber } from '../figures/plot.js';

const yesNo = (flag) => ({ text: flag ? 'yes' : 'no', key: flag ? 1 : 0 });

function slopeText(x) {
  return Number.isNaN(x) ? 'undefined' : formatNumber(x);
}

// "at z = 0", "for z > 0", "for all z", or "as z → +∞" for a bound that is only approached.
function where({ attained, where: { lo, hi, text } }) {
  if (!attained) return `as ${text}`;
  return lo === hi ? `at ${text}` : `for ${text}`;
}

// "soft on both sides", "hard for z < 0", "soft as z → +∞"...: where g' tends to 0.
function saturation({ left, right }) {
  const side = (s, hardText, softText) => {
    if (!s.saturates) return null;
    if (!s.hard) return softText;
    return Number.isFinite(s.from) ? hardText(slopeText(s.from)) : 'hard everywhere';
  };
  const parts = [side(left, (from) => `hard for z < ${from}`, 'soft as z → −∞'),
    side(right, (from) => `hard for z > ${from}`, 'soft as z → +∞')].filter(Boolean);
  let text = parts.length ? [...new Set(parts)].join('; ') : 'no';
  if (parts.length === 2 && !left.hard && !right.hard) text = 'soft on both sides';
  return { text, key: Number(left.saturates) + Number(right.saturates) };
}

function atZero({ value, left, right, kink }) {
  const text = kink ? `${slopeText(value)} (a kink: ${slopeText(left)} left, ${slopeText(right)} right)` : slopeText(value);
  return { text, key: value };
}

// Each column: its heading, a note for its header's title, and the cell {text, key} of a row.
const COLUMNS = [
  { heading: 'Range of g', cell: (p) => ({ text: p.range.text, key: p.range.inf.value }) },
  { heading: 'Smoothness', cell: (p) => ({ text: p.continuityText, key: p.continuityOrder }) },
  { heading: 'Monotonic', cell: (p) => yesNo(p.monotonic) },
  { heading: 'Monotonic g′', cell: (p) => yesNo(p.monotonicDerivative) },
  { heading: 'Like identity near 0', cell: (p) => yesNo(p.identityNearZero) },
  { heading: 'Zero-centred (odd)', cell: (p) => yesNo(p.zeroCentred) },
  { heading: 'Largest |g′|', cell: ({ maxSlope }) => ({ text: `${formatNumber(maxSlope.value)} ${where(maxSlope)}`, key: maxSlope.value }) },
  { heading: 'Saturates (g′ → 0)', cell: saturation },
  { heading: 'g′(0)', cell: (p) => atZero(p.atZero) },
];

function headerCell(text, onSort) {
  const th = document.createElement('th');
  th.scope = 'col';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sort-button';
  button.textContent = text;
  button.addEventListener('click', onSort);
  th.append(button);
  return th;
}

// Fills `head` with the header row (a sort button per column) and sorts the rows of `body` by the
// column pressed, ascending first, then descending on a second press. Returns applySort(), which
// sorts again (rows added since stay in order).
function makeSortable(head, body) {
  // `sorted.column` is -1 for the name column, null before any sort (the tutorial's order, key0).
  let sorted = { column: null, ascending: true };
  const headers = [];
  const numeric = (row, column) => {
    const key = Number(row.dataset[`key${column + 1}`]);
    return Number.isNaN(key) ? -Infinity : key;
  };
  function compare(a, b) {
    const { column } = sorted;
    const order = column === -1 ? a.dataset.name.localeCompare(b.dataset.name) : numeric(a, column) - numeric(b, column);
    return (sorted.ascending ? 1 : -1) * (order || 0) || Number(a.dataset.key0) - Number(b.dataset.key0);
  }
  function applySort() {
    if (sorted.column === null) return;
    body.append(...[...body.rows].sort(compare));
    headers.forEach((th, i) => {
      if (i === sorted.column + 1) th.setAttribute('aria-sort', sorted.ascending ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
  }
  function sortBy(column) {
    sorted = { column, ascending: sorted.column === column ? !sorted.ascending : true };
    applySort();
  }
  const headRow = document.createElement('tr');
  headers.push(headerCell('Function', () => sortBy(-1)));
  COLUMNS.forEach((column, i) => headers.push(headerCell(column.heading, () => sortBy(i))));
  headRow.append(...headers);
  head.append(headRow);
  return applySort;
}

// The row of `activation` (the `index`-th in the tutorial's order) for its `properties`, with its sort
// keys in data-key0 (the order), data-name and data-key1... (the columns).
function propertiesRow(activation, index, properties) {
  const row = document.createElement('tr');
  row.dataset.id = activation.id;
  row.dataset.key0 = String(index);
  row.dataset.name = activation.name;
  const name = document.createElement('th');
  name.scope = 'row';
  const link = document.createElement('a');
  link.href = `#${activation.id}`;
  link.textContent = activation.name;
  name.append(link);
  row.append(name);
  COLUMNS.forEach((column, i) => {
    const { text, key } = column.cell(properties);
    const cell = document.createElement('td');
    cell.textContent = text;
    row.dataset[`key${i + 1}`] = String(key);
    row.append(cell);
  });
  return row;
}

// `table` in a region that scrolls sideways on narrow screens.
function scrollRegion(table) {
  const region = document.createElement('div');
  region.className = 'table-scroll';
  region.tabIndex = 0;
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', 'Properties table (scrolls sideways on narrow screens)');
  region.append(table);
  return region;
}

// Fills `slot` with the table for `activations` (rows link to `#id`). Rows are computed in idle time
// after the call, a few at a time; resolves with the table once every row is in.
export function createPropertiesTable(slot, activations, core) {
  const table = document.createElement('table');
  table.className = 'properties-table';
  const caption = document.createElement('caption');
  caption.textContent = 'Properties of each activation at its default parameters, computed by the core.';
  const head = document.createElement('thead');
  const body = document.createElement('tbody');
  table.append(caption, head, body);
  const applySort = makeSortable(head, body);
  slot.replaceChildren(scrollRegion(table));

  const idle = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 16));
  const addRow = (index) => body.append(propertiesRow(activations[index], index, core.properties(activations[index].id)));
  return new Promise((resolve, reject) => {
    let next = 0;
    const work = (deadline) => {
      try {
        do addRow(next); while (++next < activations.length && (deadline?.timeRemaining?.() ?? 0) > 2);
      } catch (failure) {
        reject(failure);
        return;
      }
      if (next < activations.length) idle(work, { timeout: 1000 });
      else {
        applySort();
        resolve(table);
      }
    };
    idle(work, { timeout: 1000 });
  });
}
