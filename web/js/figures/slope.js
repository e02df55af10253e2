// The slope explorer of a figure: a point z0 on the curve, dragged on the chart (mouse, pen or touch)
// or moved with its slider (keyboard), the tangent there (both one-sided tangents at a kink), and
// optionally a secant through z0 and z0 + h that turns into the tangent as h shrinks.
import { cloneTemplate } from '../state/templates.js';
import { renderTexIn } from './math.js';
import { formatNumber } from './plot.js';

const SNAP_PIXELS = 8;       // a point this close to a kink moves onto it
const GRAB_PIXELS = 24;      // a press this close to the point (or anywhere when far) starts a drag
const SLIDER_STEPS = 240;    // the z0 slider's steps across the plotted range
const SHRINK_MS = 1500;
const MIN_LOG_H = -3;        // h runs from 10^0 down to 10^-3
const REDUCED_MOTION = window.matchMedia('(prefers-reduced-motion: reduce)');

const text = (x) => (Number.isNaN(x) ? 'undefined' : formatNumber(x));

// "z₀ = 0.5: g(z₀) = 0.622459, slope g′(z₀) = 0.235004." and the secant and kink sentences.
function readout(view) {
  const z0 = `z\u2080 = ${text(view.z0)}`;
  if (Number.isNaN(view.value)) return `g has no real value at ${z0}, so there is no slope to show.`;
  let sentence;
  if (view.kink) {
    sentence = `${z0} is a kink: g(z\u2080) = ${text(view.value)}, slope ${text(view.leftSlope)} from the left and `
      + `${text(view.rightSlope)} from the right, so no single tangent; the derivative uses ${text(view.slope)} here.`;
  } else if (Number.isNaN(view.slope)) {
    sentence = `${z0}: g(z\u2080) = ${text(view.value)}, but g\u2032 is undefined here.`;
  } else {
    sentence = `${z0}: g(z\u2080) = ${text(view.value)}, slope g\u2032(z\u2080) = ${text(view.slope)}.`;
  }
  if (view.h !== 0) {
    const secant = Number.isFinite(view.secantSlope) ? text(view.secantSlope) : 'undefined (g has no value at z\u2080 + h)';
    sentence += ` Secant over h = ${text(view.h)}: slope ${secant}.`;
  }
  return sentence;
}

// Chart series for a view over the grid z (drawn after g and g', left out of the tooltip and of the
// y-axis fit).
function viewSeries(view, z) {
  const common = { z, fit: false, noTooltip: true, above: true };
  const series = [];
  if (view.kink) {
    series.push({ ...common, label: 'tangent from the left', y: view.leftTangent, colour: 2, dashed: false });
    series.push({ ...common, label: 'tangent from the right', y: view.rightTangent, colour: 2, dash: [2, 3] });
  } else {
    series.push({ ...common, label: 'tangent at z\u2080', y: view.tangent, colour: 2, dashed: false });
  }
  if (view.h !== 0) series.push({ ...common, label: `secant, h = ${text(view.h)}`, y: view.secant, colour: 3, dash: [10, 4] });
  series.push({ ...common, label: 'point z\u2080', z: [view.z0], y: [view.value], colour: 4, dashed: false, point: true });
  return series;
}

// Lets the point be dragged on `chart`'s canvas while `active()`: a press inside the plot area starts a
// drag (moving the point there unless it is within GRAB_PIXELS of the point at `z0()`), and each move
// of the pointer while pressed calls `move(z)`.
function wireDrag(chart, { active, z0, move }) {
  const canvas = chart.canvas;
  const zAt = (event) => {
    const box = canvas.getBoundingClientRect();
    return chart.scales.x.getValueForPixel(event.clientX - box.left);
  };
  let dragging = false;
  canvas.addEventListener('pointerdown', (event) => {
    if (!active() || !chart.chartArea) return;
    const box = canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const pointX = chart.scales.x.getPixelForValue(z0());
    const { left, right, top, bottom } = chart.chartArea;
    const y = event.clientY - box.top;
    if (x < left || x > right || y < top || y > bottom) return;
    dragging = true;
    canvas.setPointerCapture(event.pointerId);
    if (Math.abs(x - pointX) > GRAB_PIXELS) move(zAt(event));
  });
  canvas.addEventListener('pointermove', (event) => {
    if (dragging) move(zAt(event));
  });
  const stop = () => { dragging = false; };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
}

// The Shrink button: log h goes from `logH()` down to MIN_LOG_H over SHRINK_MS (at once for a reader
// who prefers reduced motion), each value through `setLogH` and shown by `hInput`, while `going()`.
function wireShrink(button, hInput, { logH, setLogH, going }) {
  let animation = 0;
  button.addEventListener('click', () => {
    cancelAnimationFrame(animation);
    if (REDUCED_MOTION.matches) {
      hInput.value = String(MIN_LOG_H);
      setLogH(MIN_LOG_H);
      return;
    }
    const start = performance.now();
    const from = logH();
    const frame = (now) => {
      const t = Math.min(1, (now - start) / SHRINK_MS);
      const value = from + (MIN_LOG_H - from) * t;
      hInput.value = String(value);
      setLogH(value);
      if (t < 1 && going()) animation = requestAnimationFrame(frame);
    };
    animation = requestAnimationFrame(frame);
  });
}

// The explorer's elements inside `root` (cloned from #slope-template), its inputs given ids from `prefix`.
function controlsIn(root, prefix) {
  const find = (selector) => root.querySelector(selector);
  const elements = {
    toggle: find('[data-action="slope"]'), controls: find('.slope-controls'), z0Input: find('input[name="z0"]'),
    secantInput: find('input[name="secant"]'), hInput: find('input[name="h"]'), hLabel: find('[data-slot="h-value"]'),
    shrink: find('[data-action="shrink"]'), output: find('.slope-readout'),
  };
  for (const input of [elements.z0Input, elements.secantInput, elements.hInput]) input.id = `${prefix}-${input.name}`;
  Object.assign(elements.hInput, { min: MIN_LOG_H, max: 0, step: 0.05, value: -1 });
  return elements;
}

// Puts the explorer's controls into `slot`. `compute(z0, h, snap, z, context)` asks the core for the
// view; `redraw()` makes the owner recompute its figure (which calls prepare()). Returns
// {prepare, attach}: attach(chart) once the chart exists; prepare(z, context) -> {series, commit()}
// in the figure's compute step, `context` being whatever the owner's compute needs (its parameters).
export function createSlopeExplorer(slot, { prefix, compute, redraw }) {
  const root = cloneTemplate('slope-template', prefix);
  const { toggle, controls, z0Input, secantInput, hInput, hLabel, shrink, output } = controlsIn(root, prefix);
  const state = { active: false, z0: 0.5, logH: -1, secant: false };
  let chart = null;
  let range = null;

  const h = () => (state.secant ? Number((10 ** state.logH).toPrecision(3)) : 0);

  function snapDistance() {
    if (!chart?.chartArea || !range) return 0;
    return (SNAP_PIXELS * (range.to - range.from)) / Math.max(1, chart.chartArea.right - chart.chartArea.left);
  }

  function syncControls() {
    toggle.setAttribute('aria-pressed', String(state.active));
    toggle.textContent = state.active ? 'Hide the slope at a point' : 'Show the slope at a point';
    controls.hidden = !state.active;
    hInput.disabled = !state.secant;
    shrink.disabled = !state.secant || state.logH <= MIN_LOG_H;
    hLabel.textContent = state.secant ? text(h()) : 'off';
    if (chart) chart.canvas.style.touchAction = state.active ? 'pan-y' : '';
  }

  function prepare(z, context) {
    if (!state.active) return { series: [], commit: () => {} };
    range = { from: z[0], to: z[z.length - 1] };
    const z0 = Math.min(Math.max(state.z0, range.from), range.to);
    const view = compute(z0, h(), snapDistance(), z, context);
    return {
      series: viewSeries(view, z),
      commit() {
        state.z0 = view.z0;
        Object.assign(z0Input, { min: range.from, max: range.to, step: (range.to - range.from) / SLIDER_STEPS });
        z0Input.value = String(view.z0);
        z0Input.setAttribute('aria-valuetext', `z\u2080 = ${text(view.z0)}`);
        output.textContent = readout(view);
      },
    };
  }

  // Applies a change and redraws; a refused change (the core throws) is shown and undone.
  function change(changes) {
    const previous = { ...state };
    Object.assign(state, changes);
    try {
      redraw();
      syncControls();
    } catch (failure) {
      Object.assign(state, previous);
      output.textContent = failure.message;
    }
  }

  toggle.addEventListener('click', () => {
    if (!root.dataset.typeset) renderTexIn(controls);
    root.dataset.typeset = 'yes';
    change({ active: !state.active });
  });
  z0Input.addEventListener('input', () => change({ z0: Number(z0Input.value) }));
  secantInput.addEventListener('change', () => change({ secant: secantInput.checked }));
  hInput.addEventListener('input', () => change({ logH: Number(hInput.value) }));
  wireShrink(shrink, hInput, { logH: () => state.logH, setLogH: (logH) => change({ logH }), going: () => state.secant && state.active });

  function attach(plotted) {
    chart = plotted;
    wireDrag(chart, { active: () => state.active, z0: () => state.z0, move: (z0) => change({ z0 }) });
  }

  syncControls();
  slot.replaceChildren(root);
  return { prepare, attach };
}
