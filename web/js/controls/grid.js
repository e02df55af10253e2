// The z range a figure starts with and the grid of z values plotted over a range: no DOM, so the
// site's build (scripts/static-plots.mjs) draws its previews over the same grid as the page.

export const DEFAULT_RANGE = Object.freeze({ from: -6, to: 6 });

// `points` equally spaced z values from range.from to range.to, both included. 481 points by default,
// 480 intervals: on the default range the grid hits every multiple of 0.025 (PLOT_POINTS is set by
// scripts/bundle.mjs; only a benchmark build changes it). Node, which has no PLOT_POINTS, passes
// `points`.
export function grid({ from, to }, points = PLOT_POINTS) {
  // (to - from) * i / (points - 1) rather than i * step keeps integers on the grid exact.
  return Float64Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
}
