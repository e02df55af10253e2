// What the depth lab computes and shows of it, without DOM or Chart.js, so the site's build draws the
// still preview of its plot (scripts/static-plots.mjs) from the same run, series and words as the
// page: the core's run for a state, the chart's series and description, and the numbers the prose
// quotes. `state` is the lab's ({fn, L, mu, sd, params}, depth-settings.js); `byId` the catalogue
// (Map id -> activation); `result` what computeDepth returns.
import { formatBound, formatNumber } from '../figures/number-format.js';
import { PALETTE_SIZE } from '../figures/plot-style.js';
import { describeParams } from '../sections/function-series.js';

// Chains per activation, the band's quantiles and the seed: fixed, so a shared link shows the same plot.
export const RUN = Object.freeze({ samples: 2000, lowerQuantile: 0.1, upperQuantile: 0.9, seed: 1 });
// The activations the prose quotes, followed whether or not they are plotted.
const QUOTED = ['sigmoid', 'relu', 'leaky_relu'];

const BAND_DASH = [3, 3];
const MINUS_INFINITY = '\u2212\u221e';

export const percent = (fraction) => `${formatNumber(100 * fraction)}%`;
// A log10 to two decimals, which is plenty for a factor of 10^x.
const formatLog = (value) => formatNumber(Number(value.toFixed(2)));
// A quantile as text: the floor the core reports for log10 0 is −∞.
export const shown = (floor) => (value) => (value === floor ? MINUS_INFINITY : formatLog(value));

// One run of the core for the plotted and the quoted activations together (the same z_l for all):
// {curves: Map(id -> curve), floor, ceiling (sigmoid's L log10(1/4))}. Throws the core's refusal.
export function computeDepth(core, byId, state) {
  const ids = [...new Set([...state.fn, ...QUOTED])].filter((id) => byId.has(id));
  const result = core.depthProducts(ids.map((id) => ({ id, params: state.params[id] })),
    { ...RUN, maxDepth: state.L, mean: state.mu, spread: state.sd });
  const curves = new Map(result.curves.map((curve) => [curve.id, curve]));
  const ceiling = Float64Array.from({ length: state.L }, (_, i) => core.depthProductAtFixedZ('sigmoid', {}, 0, i + 1));
  return { curves, floor: result.floor, ceiling };
}

// Median (with dots) and 10th and 90th percentiles (dashed) per chosen activation, sigmoid's ceiling
// when sigmoid is chosen, and the floor line when a quantile lies on it.
export function depthSeries(state, { curves, floor, ceiling }, byId) {
  const depths = Float64Array.from({ length: state.L }, (_, i) => i + 1);
  const show = shown(floor);
  const list = state.fn.flatMap((id, index) => {
    const { name } = byId.get(id);
    const { median, lower, upper, zeroFraction } = curves.get(id);
    const colour = index % PALETTE_SIZE;
    const describe = (i) => `${show(median[i])} (10th to 90th percentile: ${show(lower[i])} to ${show(upper[i])}; `
      + `${percent(zeroFraction[i])} of products exactly 0)`;
    const edge = { z: depths, colour, dash: BAND_DASH, legend: false, noTooltip: true };
    return [
      { label: name, z: depths, y: median, colour, radius: 2, describe },
      { ...edge, label: `${name}, 10th percentile`, y: lower },
      { ...edge, label: `${name}, 90th percentile`, y: upper },
    ];
  });
  if (state.fn.includes('sigmoid')) {
    list.push({ label: 'Sigmoid\u2019s ceiling, L log\u2081\u2080(1/4)', z: depths, y: ceiling,
      colour: state.fn.indexOf('sigmoid') % PALETTE_SIZE, dash: [1, 4], describe: (i) => formatLog(ceiling[i]) });
  }
  const onFloor = state.fn.some((id) => ['median', 'lower', 'upper'].some((key) => curves.get(id)[key].includes(floor)));
  if (onFloor) {
    list.push({ label: `log\u2081\u2080 0 = ${MINUS_INFINITY}, drawn at ${formatBound(floor)}`, z: depths,
      y: new Float64Array(state.L).fill(floor), colour: 4, dash: [2, 6], noTooltip: true });
  }
  return list;
}

// The chart's axes, as createPlot takes them.
export const DEPTH_AXES = Object.freeze({
  x: Object.freeze({ title: 'depth L', symbol: 'L', integer: true }),
  y: Object.freeze({ title: 'log\u2081\u2080 |product of the L slopes|' }),
});

// The chart's accessible description.
export function depthDescription(state, byId) {
  const names = state.fn.map((id) => byId.get(id).name).join(', ');
  return `Plot of log10 of the size of the product of ${state.L === 1 ? 'one activation slope' : `${state.L} activation slopes`} `
    + `against depth L from 1 to ${state.L}, for ${names}; each z drawn from a normal distribution of mean `
    + `${formatBound(state.mu)} and spread ${formatBound(state.sd)}. Median solid with dots, 10th and 90th percentiles dashed.`;
}

// The numbers the prose quotes at the deepest L, by data-fact name (the quoted activations' curves are
// always in `result`).
export function depthFacts(state, { curves, floor, ceiling }, byId) {
  const last = state.L - 1;
  const show = shown(floor);
  const relu = curves.get('relu');
  return {
    L: String(state.L),
    'sigmoid-ceiling': formatLog(ceiling[last]),
    'sigmoid-median': show(curves.get('sigmoid').median[last]),
    'relu-zero': percent(relu.zeroFraction[last]),
    'relu-median': {
      [floor]: `exactly 0 (log\u2081\u2080 = ${MINUS_INFINITY}): more than half of the chains hit a zero`,
      0: 'exactly 1 (log\u2081\u2080 = 0): fewer than half of the chains hit a zero',
    }[relu.median[last]] ?? show(relu.median[last]),
    'leaky-median': show(curves.get('leaky_relu').median[last]),
    'leaky-alpha': describeParams(byId.get('leaky_relu'), state.params.leaky_relu),
  };
}
