// What the depth lab shows of one run of the core: the chart's series and description, the table at
// the deepest L, and the numbers its prose quotes. `result` is {curves: Map(id -> curve), floor,
// ceiling} (depth-lab.js, compute); `state` the lab's ({fn, L, mu, sd, params}); `byId` the catalogue.
import { formatNumber, PALETTE_SIZE } from '../figures/plot.js';
import { describeParams } from '../sections/section.js';
import { formatSetting } from '../state/lab-state.js';

const BAND_DASH = [3, 3];
const MINUS_INFINITY = '\u2212\u221e';

const percent = (fraction) => `${formatNumber(100 * fraction)}%`;
// A log10 to two decimals, which is plenty for a factor of 10^x.
const formatLog = (value) => formatNumber(Number(value.toFixed(2)));
// A quantile as text: the floor the core reports for log10 0 is −∞.
const shown = (floor) => (value) => (value === floor ? MINUS_INFINITY : formatLog(value));

function cell(tag, text) {
  return Object.assign(document.createElement(tag), { textContent: text });
}

// Median (with dots) and 10th and 90th percentiles (dashed) per chosen activation, sigmoid's ceiling
// when sigmoid is chosen, and the floor line when a quantile lies on it.
export function depthSeries(state, { curves, floor, ceiling }, byId) {
  const depths = Float64Array.from({ length: state.L }, (_, i) => i + 1);
  const show = shown(floor);
  const list = state.fn.flatMap((id, index) => {
    const { name } = byId.get(id);
    const { median, lower, upper, zeroFraction } = curves.get(id);
    const colour = index % PALETTE_SIZE;
    const describe = (i) => `${show(median[i])} (10th to 90th percentile: ${show(lower[i])} to ${show(upper[i])}; `
      + `${percent(zeroFraction[i])} of products exactly 0)`;
    const edge = { z: depths, colour, dash: BAND_DASH, legend: false, noTooltip: true };
    return [
      { label: name, z: depths, y: median, colour, radius: 2, describe },
      { ...edge, label: `${name}, 10th percentile`, y: lower },
      { ...edge, label: `${name}, 90th percentile`, y: upper },
    ];
  });
  if (state.fn.includes('sigmoid')) {
    list.push({ label: 'Sigmoid\u2019s ceiling, L log\u2081\u2080(1/4)', z: depths, y: ceiling,
      colour: state.fn.indexOf('sigmoid') % PALETTE_SIZE, dash: [1, 4], describe: (i) => formatLog(ceiling[i]) });
  }
  const onFloor = state.fn.some((id) => ['median', 'lower', 'upper'].some((key) => curves.get(id)[key].includes(floor)));
  if (onFloor) {
    list.push({ label: `log\u2081\u2080 0 = ${MINUS_INFINITY}, drawn at ${formatSetting(floor)}`, z: depths,
      y: new Float64Array(state.L).fill(floor), colour: 4, dash: [2, 6], noTooltip: true });
  }
  return list;
}

// The chart's accessible description.
export function depthDescription(state, byId) {
  const names = state.fn.map((id) => byId.get(id).name).join(', ');
  return `Plot of log10 of the size of the product of ${state.L === 1 ? 'one activation slope' : `${state.L} activation slopes`} `
    + `against depth L from 1 to ${state.L}, for ${names}; each z drawn from a normal distribution of mean `
    + `${formatSetting(state.mu)} and spread ${formatSetting(state.sd)}. Median solid with dots, 10th and 90th percentiles dashed.`;
}

// The table at the deepest L: one row per chosen activation; `samples` chains each.
export function fillDepthTable(table, state, { curves, floor }, byId, samples) {
  const show = shown(floor);
  table.querySelector('caption').textContent = `At depth L = ${state.L}, with every z drawn from a normal distribution `
    + `of mean ${formatSetting(state.mu)} and spread ${formatSetting(state.sd)} (${samples} chains):`;
  const last = state.L - 1;
  table.tBodies[0].replaceChildren(...state.fn.map((id) => {
    const activation = byId.get(id);
    const { median, lower, upper, zeroFraction } = curves.get(id);
    const row = document.createElement('tr');
    const name = activation.params.length ? `${activation.name} (${describeParams(activation, state.params[id])})` : activation.name;
    row.append(cell('th', name), cell('td', show(median[last])),
      cell('td', `${show(lower[last])} to ${show(upper[last])}`), cell('td', percent(zeroFraction[last])));
    row.firstChild.scope = 'row';
    return row;
  }));
}

// The numbers the prose quotes at the deepest L, by data-fact name (the quoted activations' curves are
// always in `result`).
export function depthFacts(state, { curves, floor, ceiling }, byId) {
  const last = state.L - 1;
  const show = shown(floor);
  const relu = curves.get('relu');
  return {
    L: String(state.L),
    'sigmoid-ceiling': formatLog(ceiling[last]),
    'sigmoid-median': show(curves.get('sigmoid').median[last]),
    'relu-zero': percent(relu.zeroFraction[last]),
    'relu-median': {
      [floor]: `exactly 0 (log\u2081\u2080 = ${MINUS_INFINITY}): more than half of the chains hit a zero`,
      0: 'exactly 1 (log\u2081\u2080 = 0): fewer than half of the chains hit a zero',
    }[relu.median[last]] ?? show(relu.median[last]),
    'leaky-median': show(curves.get('leaky_relu').median[last]),
    'leaky-alpha': describeParams(byId.get('leaky_relu'), state.params.leaky_relu),
  };
}

// Writes `facts` into the [data-fact] elements inside `section` that name one.
export function showFacts(section, facts) {
  for (const element of section.querySelectorAll('[data-fact]')) {
    if (facts[element.dataset.fact] !== undefined) element.textContent = facts[element.dataset.fact];
  }
}
