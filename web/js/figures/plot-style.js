// How the plots draw their lines and name their axes: no DOM, no Chart.js, so the site's build draws
// its static previews of the plots (scripts/static-plots.mjs) in the same style as plot.js.

// A series' line width in CSS pixels.
export const LINE_WIDTH = 2.5;
// The dash pattern (pixels on, off) of a `dashed` series.
export const DASH = Object.freeze([7, 5]);
// Number of distinct series colours (--plot-1 to --plot-6 in the stylesheet).
export const PALETTE_SIZE = 6;
// The axis titles when a figure names none.
export const AXIS_TITLES = Object.freeze({ x: 'z', y: 'value' });

// The decimals Chart.js's linear axes give tick `value` among `ticks` ([{value}]): those of the spacing
// of the ticks (its numeric formatter's calculateDelta).
export function tickDecimals(value, ticks) {
  let delta = value;
  if (ticks.length > 1) {
    delta = ticks.length > 3 ? ticks[2].value - ticks[1].value : ticks[1].value - ticks[0].value;
    if (Math.abs(delta) >= 1 && value !== Math.floor(value)) delta = value - Math.floor(value);
  }
  const logDelta = Math.log10(Math.abs(delta));
  return Number.isNaN(logDelta) ? 1 : Math.max(Math.min(-Math.floor(logDelta), 20), 0);
}

// A tick's label as Chart.js writes it in English (Intl.NumberFormat('en-US') at `decimals` fraction
// digits, 0 as "0"), without Intl: a page's first NumberFormat costs it 20 to 35 ms (measured in the
// task that sets up a section's chart). For |value| below 1e15, where toFixed writes every digit.
export function tickLabel(value, decimals) {
  if (value === 0) return '0';
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

// A series' dash pattern as setSeries draws it: its own `dash`, else DASH when `dashed`, else solid ([]).
export function dashOf({ dash, dashed }) {
  return dash ?? (dashed ? [...DASH] : []);
}
