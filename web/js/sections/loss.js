// "From activation to learning" (#loss): the engine's derivations of dL/dz for cross-entropy and
// half squared error after a sigmoid, typed as functions of z with the target y; their gradients
// plotted from the logit (core.sigmoidLoss) for a y the reader moves, which the address keeps
// (loss.y=); the loss as written against the loss from the logit in the tails; and a Your-turn
// panel on cross-entropy's gradient. Every number comes from the core.
import { renderMath } from '../figures/math.js';
import { renderCheck, renderDerivation } from '../figures/derivation.js';
import { createPlot, setSeries } from '../figures/plot.js';
import { formatNumber } from '../figures/number-format.js';
import { valueWords } from '../figures/ulp-plot.js';
import { createParamControl } from '../controls/params.js';
import { grid } from '../controls/range.js';
import { loadedQuery, writeUrlState } from '../state/url-state.js';
import { createPractice, fromDerivation } from './practice.js';

// The losses of a = sigma(z) against y, as the engine reads them.
const LOSSES = {
  bce: '-y*log(sigmoid(z)) - (1-y)*log(1-sigmoid(z))',
  mse: '(sigmoid(z) - y)^2/2',
};
const RANGE = { from: -10, to: 10 };
// Where the loss as written fails: sigma(z) underflows below -745, 1 - sigma(z) rounds to 0 above 37.
const TAIL_Z = [-1000, -746, -40, 0, 40, 1000];
// How far from 0 the sentence under the plot reads the two gradients, on the side where sigma(z) is
// far from y.
const WRONG_Z = 5;
const URL_KEY = 'loss.y';

// The target y the address asks for ({y}), or the default with the core's sentence saying why.
function targetFromAddress(core, param) {
  const text = core.queryValue(loadedQuery(), URL_KEY);
  if (text === null) return { y: param.default };
  const read = core.readSetting({ key: URL_KEY, kind: 'number', what: 'the target y in the address',
    min: param.min, max: param.max }, text);
  return read.error ? { y: param.default, notice: `${read.error} Using y = ${formatNumber(param.default)}.` } : { y: read.value };
}

// One loss's derivation into its slots: L(z) as typed, the engine's steps, dL/dz and its check
// against automatic differentiation.
function showDerivation(slot, id, derivation) {
  renderMath(slot(`${id}-input`), `L(z) = ${derivation.input.latex}`, { display: true });
  renderDerivation(slot(`${id}-steps`), derivation.steps);
  renderMath(slot(`${id}-result`), `\\frac{\\partial L}{\\partial z} = ${derivation.derivative.latex}`, { display: true });
  renderCheck(slot(`${id}-check`), derivation.check);
}

// What the plot shows at z = -5 or 5, whichever side sigma(z) is far from y: both gradients and
// their ratio.
function readingText(core, y) {
  const z = y >= 0.5 ? -WRONG_Z : WRONG_Z;
  const a = core.evaluate('sigmoid', [z]).value[0];
  const bce = core.sigmoidLoss('bce', [z], y).gradient[0];
  const mse = core.sigmoidLoss('mse', [z], y).gradient[0];
  const ratio = mse === 0 ? '' : `: squared error's is ${formatNumber(Math.abs(bce / mse), 3)} times smaller, so the unit learns that much more slowly`;
  return `At z = ${formatNumber(z)}, where \u03c3(z) = ${formatNumber(a, 3)} is far from y = ${formatNumber(y)}, `
    + `cross-entropy's gradient is ${formatNumber(bce, 4)} and half squared error's ${formatNumber(mse, 4)}${ratio}.`;
}

// The rows of the tails table for y: z, the loss as written, the loss from the logit.
function tailRows(core, y) {
  const plain = core.accuracy(LOSSES.bce, TAIL_Z, { y }).value.plain;
  const logit = core.sigmoidLoss('bce', TAIL_Z, y).loss;
  return TAIL_Z.map((z, i) => {
    const row = document.createElement('tr');
    const cells = [formatNumber(z), valueWords(plain[i], 8), valueWords(logit[i], 8)];
    row.append(...cells.map((text, j) => Object.assign(document.createElement(j === 0 ? 'th' : 'td'), { textContent: text })));
    row.firstElementChild.scope = 'row';
    return row;
  });
}

export function setupLoss(section, core) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const param = core.expressionParams().find(({ id }) => id === 'y');
  const fromAddress = targetFromAddress(core, param);
  const state = { y: fromAddress.y };
  const derivations = Object.fromEntries(Object.entries(LOSSES).map(([id, text]) => [id, core.derive(text, { y: state.y })]));
  for (const [id, derivation] of Object.entries(derivations)) showDerivation(slot, id, derivation);

  const z = grid(RANGE);
  const chart = createPlot(section.querySelector('#chart-loss-gradient'), { x: { symbol: 'z' } });
  function draw() {
    const bce = core.sigmoidLoss('bce', z, state.y).gradient;
    const mse = core.sigmoidLoss('mse', z, state.y).gradient;
    setSeries(chart, [
      { label: 'cross-entropy \u2202L/\u2202z', z, y: bce, colour: 0, dashed: false },
      { label: 'half squared error \u2202L/\u2202z', z, y: mse, colour: 1, dashed: true },
    ], `Plot of the gradient of cross-entropy, solid, and of half squared error, dashed, after a sigmoid for the target `
      + `y = ${formatNumber(state.y)}, for z from ${formatNumber(RANGE.from)} to ${formatNumber(RANGE.to)}.`);
    slot('loss-reading').textContent = readingText(core, state.y);
    slot('logit-y').textContent = `y = ${formatNumber(state.y)}`;
    slot('logit-rows').replaceChildren(...tailRows(core, state.y));
  }

  const practice = createPractice(slot('practice'), core, {
    exercise: 'loss',
    base: () => ({ target: LOSSES.bce, params: { y: state.y }, latex: `g(z) = L(z) = ${derivations.bce.input.latex}`,
      ...fromDerivation(derivations.bce) }),
  });

  const control = createParamControl(slot('target'), param, {
    template: 'param-template',
    prefix: 'loss-y-control',
    initial: state.y,
    onChange: (y) => {
      state.y = y;
      draw();
      practice.refresh();
      writeUrlState({ [URL_KEY]: y === param.default ? null : String(y) });
    },
  });
  if (fromAddress.notice) control.form.querySelector('.field-message').textContent = fromAddress.notice;
  draw();
}
