// What a plot of an activation g and its derivative g' shows, in series and in words: no DOM, no
// Chart.js, so the site's build draws its previews of the sections' plots (scripts/static-plots.mjs)
// from the same series and names them as the page does.
import { formatBound } from '../figures/number-format.js';

// Default parameter values of an activation, as an object {id: value}.
export function defaultParams(activation) {
  return Object.fromEntries(activation.params.map((param) => [param.id, param.default]));
}

// "α = 0.2"-style text for the parameters, for accessible names.
export function describeParams(activation, params) {
  return activation.params.map((param) => `${param.id} = ${params[param.id]}`).join(', ');
}

// "for z from −6 to 6", for accessible names.
export function describeRange(z) {
  return `for z from ${formatBound(z[0])} to ${formatBound(z[z.length - 1])}`;
}

// Series of g (solid) and g' (dashed) computed by the core.
// `colours` are the palette slots of g and g'; `name`, if given, is appended to the labels.
export function functionSeries(core, activation, z, params, { colours = [0, 1], name = '' } = {}) {
  const { value, derivative } = core.evaluate(activation.id, z, params);
  const suffix = name ? `, ${name}` : '';
  return [
    { label: `g(z)${suffix}`, z, y: value, colour: colours[0], dashed: false },
    // The core's kinks at these parameters (where g' jumps) are left undrawn rather than joined by a
    // steep line.
    { label: `g\u2032(z)${suffix}`, z, y: derivative, colour: colours[1], dashed: true,
      breaks: core.kinks(activation.id, params).map((kink) => kink.z) },
  ];
}

// The accessible name of a section's plot of g and g' at `params` over the grid `z`.
export function mainPlotDescription(activation, params, z) {
  const withParams = activation.params.length ? ` with ${describeParams(activation, params)}` : '';
  return `Plot of ${activation.name}${withParams}: g(z) solid and its derivative g′(z) dashed, ${describeRange(z)}.`;
}
