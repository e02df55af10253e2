// Softmax and its Jacobian (#softmax): 2 to 6 logits (a slider and a number field each), a
// temperature, the probabilities as bars, the Jacobian as a shaded table, cross-entropy against a
// class with its gradient s - y, and the softmax as written against from the largest logit for a
// logit pushed past 710; the engine's derivations and the exercises below them
// (softmax-derivations.js). Every number is the core's (core.softmax, core.softmaxCrossEntropy,
// core.accuracy for the form as written); the settings' limits are core.limits().softmax, and the
// address keeps them (softmax.k, softmax.z1 to softmax.z6, softmax.T, softmax.class, softmax.big).
import { formatNumber } from '../figures/number-format.js';
import { valueWords } from '../figures/ulp-plot.js';
import { createParamControl } from '../controls/params.js';
import { numberSetting, readSettings, showNotices, writeSettings } from '../state/lab-state.js';
import { setupSoftmaxDerivations } from './softmax-derivations.js';

const START = [2, 1, 0.1];
// Each new logit starts here.
const NEW_LOGIT = 0;
// The lesson's other two logits, and where its large one starts.
const OTHERS = [1, 2];
const BIG_START = 700;
// The most a cell of the Jacobian is tinted (percent of the colour over the background).
const MAX_TINT = 35;

const subscript = (i) => String(i + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d]);

// A setting of core.limits().softmax as createParamControl takes it, and its options: the shared
// parameter template with the setting's own legend.
const control = (limit, id, name, initial) => ({ ...limit, id, name, default: initial });
const options = (name, prefix, onChange) => ({ template: 'param-template', legend: name, prefix, onChange });

function cell(tag, text, scope) {
  const element = Object.assign(document.createElement(tag), { textContent: text });
  if (scope) element.scope = scope;
  return element;
}

// The probabilities as bars: s_i, its value, a bar of that width.
function renderBars(list, value) {
  list.replaceChildren(...Array.from(value, (s, i) => {
    const item = document.createElement('li');
    const label = Object.assign(document.createElement('span'), { className: 'softmax-label', textContent: `s${subscript(i)} = ${formatNumber(s, 4)}` });
    const track = Object.assign(document.createElement('span'), { className: 'softmax-track' });
    const bar = Object.assign(document.createElement('span'), { className: 'softmax-bar' });
    bar.style.width = `${(100 * s).toFixed(2)}%`;
    track.append(bar);
    item.append(label, track);
    return item;
  }));
}

// The Jacobian (k x k, row-major) as a table, each cell tinted by its size against the largest.
function renderJacobian(head, body, jacobian, k) {
  const largest = Math.max(...jacobian.map(Math.abs)) || 1;
  const top = document.createElement('tr');
  top.append(cell('td', ''), ...Array.from({ length: k }, (_, j) => cell('th', `\u2202/\u2202z${subscript(j)}`, 'col')));
  head.replaceChildren(top);
  body.replaceChildren(...Array.from({ length: k }, (_, i) => {
    const row = document.createElement('tr');
    row.append(cell('th', `s${subscript(i)}`, 'row'));
    for (let j = 0; j < k; j += 1) {
      const v = jacobian[i * k + j];
      const td = cell('td', formatNumber(v, 4));
      td.className = v > 0 ? 'jacobian-positive' : v < 0 ? 'jacobian-negative' : '';
      td.style.setProperty('--tint', `${Math.round((MAX_TINT * Math.abs(v)) / largest)}%`);
      row.append(td);
    }
    return row;
  }));
}

// The softmax as written (evaluated as written by the core, each probability in turn) beside the
// core's from the largest logit, for z = (big, 1, 2).
function renderLesson(slot, core, big) {
  const careful = core.softmax([big, ...OTHERS]).value;
  const sum = 'exp(z) + exp(1) + exp(2)';
  const written = [`exp(z)/(${sum})`, `exp(1)/(${sum})`, `exp(2)/(${sum})`]
    .map((text) => core.accuracy(text, [big]).value.plain[0]);
  slot('big-caption').textContent = `Softmax of z\u2081 = ${formatNumber(big)}, z\u2082 = 1, z\u2083 = 2, as written and from the largest logit, both computed by the core`;
  slot('big-rows').replaceChildren(...written.map((w, i) => {
    const row = document.createElement('tr');
    row.append(cell('th', `s${subscript(i)}`, 'row'), cell('td', valueWords(w, 8)), cell('td', valueWords(careful[i], 8)));
    return row;
  }));
}

// The logits' controls (one per logit), the add and remove buttons and the target class's choices,
// kept in step with state.logits; `changed()` after any change.
function wireLogits(section, slot, limits, state, changed) {
  const buttons = { add: section.querySelector('[data-action="add-logit"]'), remove: section.querySelector('[data-action="remove-logit"]') };
  function render() {
    const holder = slot('logits');
    holder.replaceChildren();
    state.logits.forEach((z, i) => {
      const box = document.createElement('div');
      holder.append(box);
      const name = `logit z${subscript(i)}`;
      const onChange = (value) => {
        state.logits[i] = value;
        changed();
      };
      createParamControl(box, control(limits.z, `z${subscript(i)}`, name, z), options(name, `softmax-z${i + 1}-control`, onChange));
    });
    buttons.add.disabled = state.logits.length >= limits.k.max;
    buttons.remove.disabled = state.logits.length <= limits.k.min;
    slot('logit-count').textContent = `${state.logits.length} logits (from ${limits.k.min} to ${limits.k.max}).`;
    slot('target').replaceChildren(...state.logits.map((_, i) => Object.assign(document.createElement('option'), {
      value: String(i), textContent: `${i + 1} (z${subscript(i)})`, selected: i === state.target })));
  }
  buttons.add.addEventListener('click', () => {
    if (state.logits.length >= limits.k.max) return;
    state.logits.push(NEW_LOGIT);
    render();
    changed();
  });
  buttons.remove.addEventListener('click', () => {
    if (state.logits.length <= limits.k.min) return;
    state.logits.pop();
    state.target = Math.min(state.target, state.logits.length - 1);
    render();
    changed();
  });
  slot('target').addEventListener('change', (event) => {
    state.target = Number(event.target.value);
    changed();
  });
  render();
}

// The settings the address keeps, each read and checked by the core: the number of logits, each
// logit, the temperature, the class (1-based) and the lesson's large logit.
function settingsTable(limits) {
  const logits = Array.from({ length: limits.k.max }, (_, i) =>
    [`z${i + 1}`, numberSetting(`softmax.z${i + 1}`, `the logit z${i + 1} in the address`, limits.z)]);
  return {
    k: numberSetting('softmax.k', 'the number of logits in the address', limits.k),
    ...Object.fromEntries(logits),
    T: numberSetting('softmax.T', 'the temperature in the address', limits.T),
    target: numberSetting('softmax.class', 'the class in the address', { min: 1, max: limits.k.max, whole: true }),
    big: numberSetting('softmax.big', 'the large logit in the address', limits.big),
  };
}

// The section's state as the settings name it: {k, z1 ... z6, T, target (1-based), big}.
function flatten(state, count) {
  const logits = Array.from({ length: count }, (_, i) => [`z${i + 1}`, state.logits[i] ?? NEW_LOGIT]);
  return { k: state.logits.length, ...Object.fromEntries(logits), T: state.temperature, target: state.target + 1, big: state.big };
}

// The state the address asks for, from the defaults; a class past the logits is refused with a notice.
function stateFromAddress(settings) {
  const { values, notices } = readSettings(settings);
  const k = values.k ?? START.length;
  const logits = Array.from({ length: k }, (_, i) => values[`z${i + 1}`] ?? START[i] ?? NEW_LOGIT);
  let target = (values.target ?? 1) - 1;
  if (target >= k) {
    notices.push(`The class ${target + 1} in the address is past the ${k} logits; using class 1.`);
    target = 0;
  }
  return { state: { logits, temperature: values.T ?? 1, target, big: values.big ?? BIG_START }, notices };
}

export function setupSoftmax(section, core) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const limits = core.limits().softmax;
  const settings = settingsTable(limits);
  const defaults = flatten({ logits: [...START], temperature: 1, target: 0, big: BIG_START }, limits.k.max);
  const { state, notices } = stateFromAddress(settings);
  showNotices(slot('notice'), notices);
  const remember = () => writeSettings(settings, flatten(state, limits.k.max), defaults);

  function draw() {
    const { value, jacobian } = core.softmax(state.logits, { temperature: state.temperature });
    renderBars(slot('bars'), value);
    renderJacobian(slot('jacobian-head'), slot('jacobian-rows'), jacobian, state.logits.length);
    const { loss, gradient } = core.softmaxCrossEntropy(state.logits, state.target);
    slot('loss').textContent = `At temperature 1, the loss is \u2212log s${subscript(state.target)} = ${formatNumber(loss, 6)}, `
      + `and its gradient s \u2212 y is (${Array.from(gradient, (g) => formatNumber(g, 4)).join(', ')}).`;
  }
  const changed = () => {
    draw();
    remember();
  };

  wireLogits(section, slot, limits, state, changed);
  createParamControl(slot('temperature'), control(limits.T, 'T', 'temperature T', state.temperature),
    options('temperature T', 'softmax-T-control', (value) => {
      state.temperature = value;
      changed();
    }));
  createParamControl(slot('big'), control(limits.big, 'large z\u2081', 'the large logit z\u2081', state.big),
    options('the large logit z\u2081', 'softmax-big-control', (value) => {
      state.big = value;
      renderLesson(slot, core, value);
      remember();
    }));
  draw();
  renderLesson(slot, core, state.big);
  setupSoftmaxDerivations(section, core);
}
