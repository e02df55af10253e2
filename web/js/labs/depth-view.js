// What the depth lab shows in the page besides its chart: the table at the deepest L and the numbers
// its prose quotes. The chart's series and description and those numbers are computed in
// depth-series.js (no DOM there, so the site's build draws the plot's preview from them); `result` is
// computeDepth's, `state` the lab's ({fn, L, mu, sd, params}), `byId` the catalogue.
import { describeParams } from '../sections/function-series.js';
import { formatSetting } from '../state/lab-state.js';
import { percent, shown } from './depth-series.js';

function cell(tag, text) {
  return Object.assign(document.createElement(tag), { textContent: text });
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

// Writes `facts` into the [data-fact] elements inside `section` that name one.
export function showFacts(section, facts) {
  for (const element of section.querySelectorAll('[data-fact]')) {
    if (facts[element.dataset.fact] !== undefined) element.textContent = facts[element.dataset.fact];
  }
}
