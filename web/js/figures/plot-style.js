// How the plots draw their lines and name their axes: no DOM, no Chart.js, so the site's build draws
// its static previews of the plots (scripts/static-plots.mjs) in the same style as plot.js.

// A series' line width in CSS pixels.
export const LINE_WIDTH = 2.5;
// The dash pattern (pixels on, off) of a `dashed` series.
export const DASH = Object.freeze([7, 5]);
// The axis titles when a figure names none.
export const AXIS_TITLES = Object.freeze({ x: 'z', y: 'value' });
