// The error of a typed activation's forms, as written and stable, in units in the last place (ULP):
// the numbers core.accuracy() measured against its double-double reference, drawn on a logarithmic
// axis. Exact results sit on the floor and infinite errors (NaN, or an infinity where the true value
// is finite) on the ceiling, as in the floating-point lesson; it computes no error itself.
import { createPlot, formatNumber, setSeries } from './plot.js';

// From a tenth of an ULP (a correctly rounded result is within half of one) to 1e17, a decade above
// the 2^52 to 2^53 ULP (about 4.5e15 to 9e15) of a result with no right digit.
export const FLOOR = 0.1;
export const CEILING = 1e17;

// An error in ULP to two significant digits: "0.48", "2.5", "8.2e15".
export function formatUlp(ulp) {
  return Number.isFinite(ulp) ? formatNumber(Number(ulp.toPrecision(2))) : 'infinitely many';
}

// A returned value in words where it is not a number: "not a number", "∞", "−∞", else the number to
// `digits` significant digits ("0.25").
export function valueWords(v, digits = 6) {
  if (Number.isNaN(v)) return 'not a number';
  if (v === Infinity) return '\u221e';
  if (v === -Infinity) return '\u2212\u221e';
  return formatNumber(v, digits);
}

// Tooltip (and data table) text of point i of a form whose values are `values` and errors `ulps`;
// `stable`, for the form as written, is the stable form's values, quoted where they read otherwise.
function describer(values, ulps, stable) {
  return (i) => {
    const v = values[i];
    const ulp = ulps[i];
    if (ulp === 0) {
      if (Number.isNaN(v)) return 'no real value here';
      return Number.isFinite(v) ? `exact: ${formatNumber(v)}` : `returns ${valueWords(v)}, which is right here`;
    }
    const other = stable?.[i];
    const gives = Number.isFinite(other) && formatNumber(other) !== valueWords(v)
      ? ` (the stable form gives ${formatNumber(other)})` : '';
    if (!Number.isFinite(v)) {
      return gives ? `returns ${valueWords(v)}${gives}: every digit lost` : `returns ${valueWords(v)}; the reference differs`;
    }
    if (ulp === Infinity) return `returns ${formatNumber(v)}, where the true value is not a finite number`;
    if (v === 0) return `returns 0${gives}: every digit lost`;
    // Within half an ULP, no double is nearer the true value.
    return `${formatUlp(ulp)} ULP off${ulp <= 0.5 ? ' (the nearest double)' : ''}: returns ${formatNumber(v)}${gives}`;
  };
}

// The plotted error: clamped to the axis (0 on the floor, infinity on the ceiling), and a gap where
// the function has no real value (both the form and the reference are NaN: nothing to get wrong).
function plotted(values, ulps) {
  return Array.from(ulps, (ulp, i) => (ulp === 0 && Number.isNaN(values[i])
    ? NaN : Math.min(Math.max(ulp, FLOOR), CEILING)));
}

// A chart on `canvas` for drawUlp, its y axis fixed from FLOOR to CEILING.
export function createUlpPlot(canvas) {
  return createPlot(canvas, { y: { title: 'error in ULP', logarithmic: true, min: FLOOR, max: CEILING } });
}

// Draws on `chart` the errors over `z` of the forms of `accuracy` (core.accuracy()'s {value,
// derivative}): g solid and g′ dashed, as in the plot of g, each as written (orange, drawn below) and
// in its stable form (green, as the lesson's careful formulas). `description` names the figure.
export function drawUlp(chart, z, accuracy, description) {
  const series = [['g', accuracy.value, false], ['g\u2032', accuracy.derivative, true]].flatMap(([name, form, dashed]) => [
    { label: `${name} as written`, z, y: plotted(form.plain, form.plainUlp), colour: 1, dashed, below: true,
      describe: describer(form.plain, form.plainUlp, form.careful) },
    { label: `${name} stable form`, z, y: plotted(form.careful, form.carefulUlp), colour: 2, dashed,
      describe: describer(form.careful, form.carefulUlp, null) },
  ]);
  setSeries(chart, series, description);
}
