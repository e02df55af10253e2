// "Your own activation": a typed g(z), derived step by step by the core, checked against automatic
// differentiation and plotted, with sliders for the parameters it uses and its state in the address.
import { renderCheck, renderDerivation, renderKinks } from '../figures/derivation.js';
import { createExpressionField } from '../controls/expression-field.js';
import { showMessage } from '../state/inputs.js';
import { renderMath } from '../figures/math.js';
import { createParamControl } from '../controls/params.js';
import { createPlot, setSeries } from '../figures/plot.js';
import { createRangeControl, DEFAULT_RANGE, grid, setRange } from '../controls/range.js';
import { describeRange } from './section.js';
import { createCarefulPanel, expressionName } from './custom-accuracy.js';
import { createSlopeExplorer } from '../figures/slope.js';
import { currentQuery, writeUrlState } from '../state/url-state.js';
import { createPractice, fromDerivation } from './practice.js';

const DEFAULT_EXPRESSION = 'z*sigmoid(z)';

// A parameter's key in the address: namespaced, so that bare alpha= stays the parameter of the
// activation fn= names.
const urlKey = (param) => `expr.${param.id}`;

// "exp, log (or ln), ..., max(a, b)": the functions the core's table has, as the syntax help lists them.
function listFunctions(slot, functions) {
  const items = functions.map(({ name, alias, arity }) => {
    const item = document.createDocumentFragment();
    item.append(Object.assign(document.createElement('code'), { textContent: arity === 1 ? name : `${name}(a, b)` }));
    if (alias) item.append(' (or ', Object.assign(document.createElement('code'), { textContent: alias }), ')');
    return item;
  });
  slot.replaceChildren(...items.flatMap((item, i) => (i ? [', ', item] : [item])));
}

// One slider and field per parameter a typed expression may use, each in a holder under `container`,
// hidden until the expression uses it; each accepted value calls onValue(id, value). Returns
// {id: {holder, form}}.
function expressionParamControls(container, paramList, initial, onValue) {
  return Object.fromEntries(paramList.map((param) => {
    const holder = document.createElement('div');
    holder.hidden = true;
    container.append(holder);
    const control = createParamControl(holder, param, {
      template: 'param-template',
      prefix: `custom-${param.id}-control`,
      initial: initial[param.id],
      onChange: (value) => onValue(param.id, value),
    });
    return [param.id, { holder, form: control.form }];
  }));
}

// Shows a derivation and its plot: the typed g, the check, the steps, g' (and its form in g), the kinks,
// the parameter controls it uses, the chart of g, g' and the slope explorer's `tangent` series, and
// the careful panel with the forms' `accuracy`.
function showDerivation({ slot, chart, controls, careful }, { derivation, z, value, derivative, params, tangent, accuracy }) {
  renderMath(slot('preview'), `g(z) = ${derivation.input.latex}`, { display: true });
  renderCheck(slot('check'), derivation.check);
  renderDerivation(slot('steps'), derivation.steps);
  renderMath(slot('derivative'), `g'(z) = ${derivation.derivative.latex}`, { display: true });
  renderKinks(slot('kinks'), slot('kink-list'), derivation.kinks);
  slot('g-form').hidden = derivation.gForm === null;
  if (derivation.gForm) renderMath(slot('g-form-math'), `g'(z) = ${derivation.gForm.latex}`, { display: true });
  for (const [id, { holder }] of Object.entries(controls)) holder.hidden = !derivation.params.includes(id);

  const gaps = [value, derivative].some((ys) => ys.some((y) => !Number.isFinite(y)));
  const description = `Plot of ${expressionName(derivation, params)}: g(z) solid and its `
    + `derivative g′(z) dashed, ${describeRange(z)}${gaps ? '; gaps where they have no real value' : ''}.`;
  setSeries(chart, [
    { label: 'g(z)', z, y: value, colour: 0, dashed: false },
    { label: 'g\u2032(z)', z, y: derivative, colour: 1, dashed: true,
      breaks: derivation.kinks.map((kink) => kink.z) },
    ...tangent.series,
  ], description);
  tangent.commit();
  careful(derivation, z, accuracy, params);
  slot('results').hidden = false;
}

// The own-activation exercise's seed in the practice record: a 32-bit FNV-1a hash of the text typed
// (never 0), so that each function typed is an exercise of its own; the record keeps the text.
function textSeed(text) {
  let hash = 0x811c9dc5;
  for (const unit of new TextEncoder().encode(text)) hash = Math.imul(hash ^ unit, 0x01000193) >>> 0;
  return hash || 1;
}

// Wires the #custom section with the core's derive/evaluateExpression/expressionParams.
export function setupCustom(section, core) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  listFunctions(slot('functions'), core.expressionFunctions());
  const { kinkRange } = core.limits().expression;
  renderMath(slot('kink-range'), `${-kinkRange} \\le z \\le ${kinkRange}`);
  const paramList = core.expressionParams();
  // The expression and its parameters from the address, as the core reads them: {values, refused:
  // [[id, sentence]]}, a missing, malformed or out-of-range value falling back to the default.
  const fromUrl = core.readExpressionParams(currentQuery());
  // `expression` is the last text the core accepted (null before the first); `derivation` its result,
  // `accuracy` its forms' at these parameters over this range.
  const state = { expression: null, derivation: null, accuracy: null, params: fromUrl.values, range: DEFAULT_RANGE };

  const chart = createPlot(section.querySelector('#chart-custom'));
  const slope = createSlopeExplorer(slot('slope'), {
    prefix: 'custom-slope',
    compute: (z0, h, snap, z, { expression, params }) => core.slopeViewExpression(expression, params, { z0, h, snap }, z),
    redraw: () => update({}, { remember: false }),
  });
  slope.attach(chart);
  const controls = expressionParamControls(slot('params'), paramList, state.params,
    (id, value) => update({ params: { ...state.params, [id]: value } }));
  for (const [id, sentence] of fromUrl.refused) showMessage(controls[id].form, sentence);
  const rangeForm = createRangeControl(slot('range'), { prefix: 'custom-range', onChange: (range) => update({ range }) });
  const careful = createCarefulPanel(section, { onRange: (range) => setRange(rangeForm, range) });
  // "Your turn" on the function typed: created with the first derivation shown.
  let practice = null;
  const practiceSlot = slot('practice');
  const exercise = () => ({ seed: textSeed(state.expression), target: state.expression, params: state.params,
    latex: `g(z) = ${state.derivation.input.latex}`, ...fromDerivation(state.derivation) });

  // Derives and evaluates with `changes` applied, then draws; throws (changing nothing) if the core
  // refuses. With `remember`, the address is updated to the new state.
  function update(changes, { remember = true } = {}) {
    const next = { ...state, ...changes };
    if (next.expression === null) {
      Object.assign(state, changes);
      return;
    }
    const same = next.expression === state.expression && next.params === state.params;
    const derivation = same ? state.derivation : core.derive(next.expression, next.params);
    const z = grid(next.range);
    const { value, derivative } = core.evaluateExpression(next.expression, z, next.params);
    // Measured again only when what it measures changed (not when the slope explorer redraws).
    const accuracy = same && next.range === state.range ? state.accuracy : core.accuracy(next.expression, z, next.params);
    const tangent = slope.prepare(z, next);
    Object.assign(state, next, { derivation, accuracy });
    showDerivation({ slot, chart, controls, careful },
      { derivation, z, value, derivative, params: next.params, tangent, accuracy });
    if (practice) practice.refresh();
    else practice = createPractice(practiceSlot, core, { exercise: 'custom', base: exercise });
    if (remember) {
      writeUrlState(Object.fromEntries([['expr', next.expression],
        ...paramList.map((param) => [urlKey(param),
          derivation.params.includes(param.id) ? String(next.params[param.id]) : null])]));
    }
  }

  const field = createExpressionField(slot('expression'), {
    maxLength: core.limits().expression.maxLength,
    onText(text) {
      try {
        update({ expression: text });
        field.clearError();
      } catch (failure) {
        field.showError(text, failure, state.expression);
      }
    },
  });

  const initial = core.queryValue(currentQuery(), 'expr') ?? DEFAULT_EXPRESSION;
  field.setText(initial);
  try {
    update({ expression: initial }, { remember: false });
  } catch (failure) {
    field.showError(initial, failure, null);
  }
}
