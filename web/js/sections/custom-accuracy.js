// "Computed carefully", the panel of #custom under the plot of a typed g: the forms of g and g′ as
// written beside the stable forms the core evaluates (with the identities that made them careful),
// each form's error in ULP over the plotted range (figures/ulp-plot.js), and what core.accuracy()
// found there: where the form as written breaks down, how close the stable form stays, and where the
// stable form itself is ill-conditioned. Every number is the core's; this module puts it in words.
import { renderMath } from '../figures/math.js';
import { renderSubsteps } from '../figures/derivation.js';
import { formatBound, formatNumber } from '../figures/number-format.js';
import { createUlpPlot, drawUlp, formatUlp, valueWords } from '../figures/ulp-plot.js';
import { describeRange } from './section.js';

// The significant digits of a double, about: "so about 12 of its 16 digits can be lost".
const DIGITS = 16;

// "g(z) = sigmoid(beta*z) with beta = 2": the typed expression and the parameters it uses.
export function expressionName(derivation, params) {
  const used = derivation.params.map((id) => `${id} = ${params[id]}`).join(', ');
  return `g(z) = ${derivation.input.text}${used ? ` with ${used}` : ''}`;
}

// Significant digits of a breakdown's values: enough to show a result off by a millionth.
const BREAKDOWN_DIGITS = 10;

// "at z = 36.7368005696771, where it returns 0 (the true value is 1.1102230246e−16)".
function breakdownText({ z, got, truth }) {
  const off = Number.isFinite(got) && got !== 0 ? ': off by more than a millionth' : '';
  return `at z = ${formatBound(z)}, where it returns ${valueWords(got, BREAKDOWN_DIGITS)} `
    + `(the true value is ${valueWords(truth, BREAKDOWN_DIGITS)}${off})`;
}

// Where the form as written of `name` (g or g′) breaks down, or how close it stays.
function plainText(name, form) {
  const { breakdowns } = form;
  if (breakdowns.length) {
    return `Counting out from z = 0, ${name} as written first breaks down ${breakdowns.map(breakdownText).join(', and ')}.`;
  }
  if (form.worstPlainUlp === 0) return `As written, ${name} is exact at every plotted point.`;
  return Number.isFinite(form.worstPlainUlp)
    ? `As written, ${name} does not break down over this range (worst error ${formatUlp(form.worstPlainUlp)} ULP).`
    : `As written, ${name} does not break down over this range, wherever it has a finite true value.`;
}

// How the stable form (`stable`: "the stable form of g′", or "g′" when nothing was rewritten) fares:
// ill-conditioned where it is lost too, else how close it stays where the form as written broke down.
function stableText(stable, form) {
  if (form.carefulLost === 0) {
    if (form.breakdowns.length === 0) return '';
    return Number.isFinite(form.worstCarefulUlp)
      ? `The stable form stays within ${formatUlp(form.worstCarefulUlp)} ULP over the whole range.`
      : 'The stable form does not break down anywhere in this range.';
  }
  const { worstCondition: condition, worstConditionZ: at } = form;
  const where = `at z = ${formatBound(at)}`;
  if (condition === Infinity) {
    return `Ill-conditioned: ${where}, a sum in ${stable} cancels exactly (its condition number is infinite), so every `
      + 'digit can be lost; no identity the engine knows removes this cancellation.';
  }
  const digits = Math.min(DIGITS, Math.floor(Math.log10(condition)));
  if (digits < 1) {
    return `${stable[0].toUpperCase()}${stable.slice(1)} loses digits too, at ${form.carefulLost} of the plotted points `
      + `(at most ${formatUlp(form.worstCarefulUlp)} ULP off, at z = ${formatBound(form.worstCarefulUlpZ)}).`;
  }
  return `Ill-conditioned: ${where}, the condition number of ${stable} is ${formatNumber(Number(condition.toPrecision(2)))}, `
    + `so about ${digits} of its ${DIGITS} digits can be lost; no identity the engine knows removes this cancellation.`;
}

// Shows one form's pair, as written and stable, and the identities between them, when it has any.
function showForm(slot, prefix, lhs, { plain, stable, rewrites, name }) {
  slot(`careful-${prefix}`).hidden = rewrites.length === 0;
  if (rewrites.length) {
    renderMath(slot(`plain-${prefix}`), `${lhs} = ${plain.latex}`, { display: true });
    renderMath(slot(`stable-${prefix}`), `${lhs} = ${stable.latex}`, { display: true });
  }
  renderSubsteps(slot(`${prefix}-rewrites`), rewrites, `The identities that make ${name} careful`);
}

// The forms, from a derivation (core.derive()) and its `stable` part.
function showForms(slot, derivation) {
  const { stable } = derivation;
  showForm(slot, 'input', 'g(z)', { plain: derivation.input, stable: stable.input, rewrites: stable.inputRewrites, name: 'g' });
  showForm(slot, 'derivative', "g'(z)", { plain: derivation.derivative, stable: stable.derivative,
    rewrites: stable.derivativeRewrites, name: 'g\u2032' });
  const none = slot('careful-none');
  none.hidden = stable.derivativeRewrites.length > 0;
  none.textContent = stable.inputRewrites.length
    ? 'As written, g\u2032 is already careful: the engine knows no identity that would compute it more accurately.'
    : 'As written, g and g\u2032 are already careful: the engine knows no identity that would compute them more accurately.';
}

// The sentences on g and g′ from core.accuracy()'s {value, derivative}.
function showSentences(slot, derivation, accuracy) {
  const { inputRewrites, derivativeRewrites } = derivation.stable;
  for (const [key, name, rewrites] of [['value', 'g', inputRewrites], ['derivative', 'g\u2032', derivativeRewrites]]) {
    const form = accuracy[key];
    const stable = rewrites.length ? `the stable form of ${name}` : name;
    slot(`accuracy-${key}`).textContent = [plainText(name, form), stableText(stable, form)].filter(Boolean).join(' ');
  }
}

// Wires the panel under `root` (the section). `onRange(range)` sets the section's plot range, for the
// buttons that widen it to where forms break down. Returns show(derivation, z, accuracy, params),
// which draws what changed since the last call: the forms when the derivation did, the sentences
// and the plot when the accuracy did (a slope explorer's redraw changes neither).
export function createCarefulPanel(root, { onRange }) {
  const slot = (name) => root.querySelector(`[data-slot="${name}"]`);
  const chart = createUlpPlot(root.querySelector('#chart-custom-ulp'));
  for (const button of slot('tails').querySelectorAll('button[data-from]')) {
    button.addEventListener('click', () => onRange({ from: Number(button.dataset.from), to: Number(button.dataset.to) }));
  }
  let shown = { derivation: null, accuracy: null };
  return function show(derivation, z, accuracy, params) {
    if (derivation !== shown.derivation) showForms(slot, derivation);
    if (accuracy !== shown.accuracy || derivation !== shown.derivation) {
      showSentences(slot, derivation, accuracy);
      drawUlp(chart, z, accuracy, `Error in units in the last place (ULP) of ${expressionName(derivation, params)} and of `
        + `its derivative g′(z), each as written and in its stable form, on a logarithmic axis, ${describeRange(z)}.`);
    }
    shown = { derivation, accuracy };
  };
}
