// One activation's section: its definition, kinks, derivation stepper, and plot with a z range.
import { showMessage } from '../state/inputs.js';
import { cloneTemplate } from '../state/templates.js';
import { renderMath } from '../figures/math.js';
import { renderCheck, renderDerivation } from '../figures/derivation.js';
import { createStepper } from '../controls/stepper.js';
import { createPlot, setSeries } from '../figures/plot.js';
import { createRangeControl, DEFAULT_RANGE, grid } from '../controls/range.js';
import { defaultParams, functionSeries, mainPlotDescription } from './function-series.js';
import { createSlopeExplorer } from '../figures/slope.js';
import { createParamControl } from '../controls/params.js';
import { activationEntries, readActivationView, rememberView } from '../state/activation-state.js';
import { writeUrlState } from '../state/url-state.js';
import { createPractice } from './practice.js';
import { SCORED } from '../state/practice-record.js';
import { inTurn } from '../state/tasks.js';
import { definitionTex } from './definition.js';

// The series and the words of a plot of g and g' live in function-series.js, which the site's build
// imports too (its previews, scripts/static-plots.mjs); the sections take them from here.
export { defaultParams, describeParams, describeRange, functionSeries } from './function-series.js';

// Shows `notices` (sentences) in a status line under the section's heading (and its Embed button).
function showSectionNotices(section, notices) {
  if (notices.length === 0) return;
  const notice = document.createElement('p');
  notice.className = 'url-notice';
  notice.setAttribute('role', 'status');
  notice.append(...notices.map((text) => Object.assign(document.createElement('span'), { textContent: text })));
  (section.querySelector(':scope > .embed-button') ?? section.querySelector('h2, h3')).after(notice);
}

// The parts of the section that come from the registry alone: the definition and the kinks (above
// the plot, so at once), then in later tasks the derivation steppers (from `step`, each change
// reported to onStep) and the engine's tree, typeset only when opened (it is not part of the first
// view).
// Returns the later tasks' promises.
function renderParts(slots, activation, step, onStep) {
  // The build typesets the hand-written sections' lines (scripts/page-prose.mjs).
  for (const slot of slots('definition')) {
    if (!slot.hasAttribute('data-typeset-display')) renderMath(slot, definitionTex(activation), { display: true });
  }
  // The kinks, the steps and the engine's tree need the derivation, which the first of them computes
  // (activations() reads it lazily): each in a task of its own, after the chart's.
  const kinks = inTurn(() => {
    const lines = activation.kinks.map((kink) => kink.latex);
    for (const slot of lines.length ? slots('kinks') : []) {
      renderMath(slot, `\\begin{gathered}${lines.join(' \\\\ ')}\\end{gathered}`, { display: true });
    }
  });
  return [
    kinks,
    ...[...slots('stepper')].map((slot) => inTurn(() => createStepper(slot, activation.steps,
      `Derivation of the ${activation.name} derivative`, { ...step, onChange: onStep }))),
    ...[...slots('engine')].map((slot) => inTurn(() => addEngineTree(slot, activation))),
  ];
}

// The engine's tree of `activation`'s derivation in place of `slot`, typeset when first opened.
function addEngineTree(slot, activation) {
  const details = cloneTemplate('engine-template');
  slot.replaceWith(details);
  details.addEventListener('toggle', () => {
    const { derivation } = activation;
    renderMath(details.querySelector('[data-slot="engine-input"]'), `g(z) = ${derivation.input.latex}`);
    renderDerivation(details.querySelector('[data-slot="engine-steps"]'), derivation.steps);
    renderCheck(details.querySelector('[data-slot="engine-check"]'), derivation.check);
  }, { once: true });
}

// The section's plot of g and g' with its slope explorer (whose changes call `redraw()`): returns the
// figure's compute(z, params) -> draw().
function mainFigure(section, activation, core, { redraw }) {
  const canvas = section.querySelector(`#chart-${activation.id}`);
  const slopeSlot = document.createElement('div');
  canvas.closest('figure').querySelector('[data-slot="range"]').before(slopeSlot);
  const slope = createSlopeExplorer(slopeSlot, {
    prefix: `${activation.id}-slope`,
    compute: (z0, h, snap, z, params) => core.slopeView(activation.id, params, { z0, h, snap }, z),
    redraw,
  });
  const chart = createPlot(canvas);
  slope.attach(chart);
  return (z, params) => {
    const tangent = slope.prepare(z, params);
    const series = [...functionSeries(core, activation, z, params), ...tangent.series];
    const description = mainPlotDescription(activation, params, z);
    return () => {
      setSeries(chart, series, description);
      tangent.commit();
    };
  };
}

// "Your turn" in `slot`: g'(z) of `activation` at the parameters the section shows (`state`), its
// walkthrough for hints; the tutorial sections also offer the core's variants. Told of every change
// of the parameters through a figure that draws nothing.
function addPractice(slot, section, activation, core, { state, addFigure }) {
  const walkthrough = activation.steps.at(-1);
  const practice = createPractice(slot, core, {
    exercise: activation.id,
    variants: SCORED.includes(activation.id),
    heading: section.matches('.catalogue-entry') ? 4 : 3,
    base: () => ({ target: activation.id, params: state.params, latex: definitionTex(activation),
      steps: activation.steps, form: walkthrough.latex, text: walkthrough.expr,
      kinks: core.kinks(activation.id, state.params) }),
  });
  addFigure(() => () => practice.refresh());
}

// Wires the section of `activation`, starting from the view the address asks for (see
// activation-state.js). Returns {state, addFigure, update, addParamControl, ready} so a section module can
// add figures and parameter controls. A figure is compute(z, params) -> draw(): everything is computed
// before anything is drawn, so a refused update leaves every plot as it was.
export function setupSection(section, activation, core) {
  const view = readActivationView(activation, defaultParams(activation), core);
  const state = { range: DEFAULT_RANGE, params: view.params };
  let step = view.step;
  // The reader's changes (never the first render) make the address this view's permalink.
  const entries = () => activationEntries(activation, core, { params: state.params, step });
  const remember = () => writeUrlState(entries());
  rememberView(section, entries);
  showSectionNotices(section, view.notices.section);

  const slots = (name) => section.querySelectorAll(`[data-slot="${name}"]`);
  const figures = [];
  // The chart is made in this task and first drawn in a later one, before anything else: each is a long
  // piece of work, and the plot is what a link to the section comes for. Its kinks (the core keeps them,
  // core.js) in a task between: the first ones a page asks for run the derivation engine.
  const main = mainFigure(section, activation, core, { redraw: () => update({}) });
  const later = [inTurn(() => core.kinks(activation.id, state.params)), inTurn(() => addFigure(main))];
  later.push(...renderParts(slots, activation, view.step, (shown) => {
    step = shown;
    remember();
  }));

  // `changes` may hold range and params; a figure that ignores the parameters is left as it is when
  // only they change (dragging a slider redraws only what the slider moves).
  function update(changes) {
    const next = { ...state, ...changes };
    const z = grid(next.range);
    const onlyParams = !('range' in changes);
    const draws = figures.filter(({ usesParams }) => usesParams || !onlyParams)
      .map(({ compute }) => compute(z, next.params));
    Object.assign(state, next);
    for (const draw of draws) draw();
  }

  // `usesParams: false` for a figure computed from z alone.
  function addFigure(compute, { usesParams = true } = {}) {
    figures.push({ compute, usesParams });
    compute(grid(state.range), state.params)();
  }

  for (const slot of slots('range')) {
    createRangeControl(slot, { prefix: `${activation.id}-range`, onChange: (range) => update({ range }) });
  }
  // Each parameter's controls: a parameter may have one in more than one place (Leaky ReLU's alpha
  // under two figures), all kept showing its value.
  const controls = new Map();
  // A slider and field for `param` in `slot`, starting at its value from the address (or a sentence
  // there saying why that was ignored); `options` are createParamControl's template and prefix.
  function addParamControl(slot, param, options) {
    const control = createParamControl(slot, param, {
      ...options,
      initial: state.params[param.id],
      onChange(value) {
        update({ params: { ...state.params, [param.id]: value } });
        for (const other of controls.get(param.id)) if (other !== control) other.set(value);
      },
    });
    // The address is written when a value is settled: a typed one at once, a slider's when it is let go
    // or moved by a key ('change'), not at every input of a drag (history.replaceState takes
    // milliseconds). These run after the inputs' own listeners have taken the value.
    control.form.addEventListener('input', ({ target }) => {
      if (target.name === 'value') remember();
    });
    control.form.addEventListener('change', ({ target }) => {
      if (target.name === 'slider') remember();
    });
    controls.set(param.id, [...(controls.get(param.id) ?? []), control]);
    const notice = view.notices.params[param.id];
    if (notice && controls.get(param.id).length === 1) showMessage(control.form, notice);
    return control;
  }

  // Below the plot, each in a task of its own after it.
  for (const slot of slots('practice')) later.push(inTurn(() => addPractice(slot, section, activation, core, { state, addFigure })));

  // `ready` resolves once the parts set up in later tasks are in.
  return { state, addFigure, update, addParamControl, ready: Promise.all(later) };
}
