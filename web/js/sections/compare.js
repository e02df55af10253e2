// The compare view: any set of activations overlaid on one chart, as g, g' or both, each with its
// own parameter sliders and a shared z range.
import { activationCheckbox, showMessage } from '../state/inputs.js';
import { createActivationParamControls, withParam } from '../controls/params.js';
import { createPlot, PALETTE_SIZE, setSeries } from '../figures/plot.js';
import { createRangeControl, grid } from '../controls/range.js';
import { defaultParams, describeParams, describeRange, functionSeries } from './section.js';

const DEFAULT_CHOICE = ['sigmoid', 'tanh', 'relu', 'gelu'];
const DEFAULT_COMPARE_RANGE = Object.freeze({ from: -4, to: 4 });
const MODES = { value: 'g(z)', derivative: 'g\u2032(z)', both: 'g(z) and g\u2032(z)' };
// Past the palette, series repeat its colours with these dashes instead (g, then g').
const SECOND_ROUND = { value: [2, 3], derivative: [10, 3, 2, 3] };

// Wires the #compare section to `activations` (all of the catalogue, in tutorial order).
export function setupCompare(section, activations, core) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const form = slot('compare-form');
  const byId = new Map(activations.map((activation) => [activation.id, activation]));
  const initial = DEFAULT_CHOICE.filter((id) => byId.has(id));
  const state = {
    chosen: initial,
    mode: 'both',
    range: DEFAULT_COMPARE_RANGE,
    params: Object.fromEntries(activations.map((activation) => [activation.id, defaultParams(activation)])),
  };

  slot('choices').append(...activations.map((activation) => activationCheckbox(activation, initial.includes(activation.id))));

  // One control per parameter of each activation that has any, shown while it is chosen.
  const paramHolders = createActivationParamControls(slot('params'), activations, {
    prefix: 'compare',
    initial: (activation, param) => state.params[activation.id][param.id],
    onChange: (id, paramId, value) => update({ params: withParam(state.params, id, paramId, value) }),
  });

  const chart = createPlot(section.querySelector('#chart-compare'));

  function seriesOf(activation, index, next, z) {
    const params = next.params[activation.id];
    const name = activation.params.length ? `${activation.name} (${describeParams(activation, params)})` : activation.name;
    const colour = index % PALETTE_SIZE;
    const [value, derivative] = functionSeries(core, activation, z, params, { colours: [colour, colour], name });
    const secondRound = index >= PALETTE_SIZE;
    if (secondRound) {
      value.dash = SECOND_ROUND.value;
      derivative.dash = SECOND_ROUND.derivative;
    }
    if (next.mode === 'value') return [value];
    // Alone, a derivative is drawn solid (or dotted past the palette): there is no g to tell it from.
    if (next.mode === 'derivative') return [{ ...derivative, dashed: false, dash: secondRound ? SECOND_ROUND.value : undefined }];
    return [value, derivative];
  }

  function update(changes) {
    const next = { ...state, ...changes };
    const z = grid(next.range);
    const chosen = next.chosen.map((id) => byId.get(id));
    const series = chosen.flatMap((activation, i) => seriesOf(activation, i, next, z));
    Object.assign(state, next);
    for (const [id, holder] of paramHolders) holder.hidden = !state.chosen.includes(id);
    const names = chosen.map(({ name }) => name).join(', ');
    const style = next.mode === 'both' ? ' (g solid, g\u2032 dashed)' : '';
    setSeries(chart, series, `Plot comparing ${MODES[next.mode]} of ${names}${style}, ${describeRange(z)}.`);
  }

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', (event) => {
    const { target } = event;
    if (target.name === 'mode') {
      update({ mode: target.value });
      return;
    }
    if (target.name !== 'fn') return;
    const chosen = [...form.querySelectorAll('input[name="fn"]:checked')].map((input) => input.value);
    if (chosen.length === 0) {
      target.checked = true;
      showMessage(form, 'Keep at least one function chosen; choose another before removing this one.');
      return;
    }
    showMessage(form, '');
    update({ chosen });
  });
  form.elements.mode.value = state.mode;
  createRangeControl(slot('range'), {
    prefix: 'compare-range',
    initial: DEFAULT_COMPARE_RANGE,
    onChange: (range) => update({ range }),
  });
  update({});
}
