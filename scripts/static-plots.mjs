// Still previews of the sections' plots, drawn by the site's build (scripts/bundle.mjs) from the core's
// values: each tutorial section's first figure is in the HTML before any script runs, so a link to a
// plot shows its curves at once, and the page prints and reads with them without JavaScript; a link to
// a catalogue entry, which the page's script builds once the core has loaded, shows its entry's
// preview as soon as the page is parsed (web/js/boot/previews.js). Each preview is what the section's
// Chart.js plot shows at its defaults (the same series from function-series.js over the same grid, the
// same accessible name, axes and legend); web/js/figures/plot.js removes it when the chart first
// draws, and previews.js when the link sets the section's parameters (data-params). The lines are SVG in
// a 1000 × 1000 box stretched to the chart's area with strokes that do not scale; the text is HTML
// placed in percent of that area, so it keeps its size at any width. Colours come from the stylesheet
// (web/css/style.css, .static-plot), so the previews follow the light and dark schemes. The depth lab's
// plot gets one too, at the lab's defaults from the same run of the core (web/js/labs/depth-series.js),
// dropped by previews.js when the link sets one of the lab's settings that change it (data-settings).
import { DEFAULT_RANGE, grid } from '../web/js/controls/grid.js';
import { AXIS_TITLES, dashOf, LINE_WIDTH, tickLabel } from '../web/js/figures/plot-style.js';
import { defaultParams, functionSeries, mainPlotDescription } from '../web/js/sections/function-series.js';
import { computeDepth, DEPTH_AXES, depthDescription, depthSeries } from '../web/js/labs/depth-series.js';
import { defaultState, plotKeys } from '../web/js/labs/depth-settings.js';

// The side of the box the lines are drawn in, in SVG units.
const BOX = 1000;
// How far (SVG units) a dropped point may lie from the simplified line: under a pixel of the chart.
const TOLERANCE = 0.5;
// The most ticks on an axis: Chart.js's default limit, which its y axes reach at a desktop's chart
// height (on a phone's shorter chart it shows about half as many, the preview keeps these); its x
// axes, at most one tick per 40 px, space the default range's ticks alike down to 280 px.
const MAX_TICKS = 11;

const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

// 1, 2, 5 or 10 times a power of ten, the first not below `range` (Chart.js's niceNum).
function niceNumber(range) {
  const whole = Math.round(range);
  const near = Math.abs(range - whole) < range / 1000 ? whole : range;
  const power = 10 ** Math.floor(Math.log10(near));
  return ([1, 2, 5].find((nice) => near / power <= nice) ?? 10) * power;
}

// The ticks of a linear axis over the data's [lo, hi], spaced as Chart.js's linear scale spaces them:
// {min, max, ticks}, the ends taken out to the nearest tick unless `fixed` keeps them (the x axis,
// whose ends setSeries fixes); a kept end off the spacing is a tick of its own, as Chart.js adds it.
function linearTicks(lo, hi, fixed = false) {
  let spacing = niceNumber((hi - lo) / (MAX_TICKS - 1));
  const spaces = Math.ceil(hi / spacing) - Math.floor(lo / spacing);
  if (spaces > MAX_TICKS - 1) spacing = niceNumber((spaces * spacing) / (MAX_TICKS - 1));
  const min = fixed ? lo : Math.floor(lo / spacing) * spacing;
  const max = fixed ? hi : Math.ceil(hi / spacing) * spacing;
  const decimals = Math.max(0, -Math.floor(Math.log10(spacing)));
  // Labelled as the charts label them: every tick with the spacing's decimals, 0 as "0".
  const ticks = [];
  for (let tick = Math.ceil(min / spacing) * spacing; tick <= max + spacing / 1e6; tick += spacing) {
    const value = Number(tick.toFixed(decimals));
    ticks.push({ value, label: tickLabel(value, decimals) });
  }
  if (fixed && ticks[0]?.value !== min) ticks.unshift({ value: min, label: tickLabel(min, decimals) });
  if (fixed && ticks.at(-1)?.value !== max) ticks.push({ value: max, label: tickLabel(max, decimals) });
  return { min, max, ticks };
}

// The points of `line` ([[x, y], ...]) that keep it within TOLERANCE (Ramer–Douglas–Peucker): a few
// dozen points draw what the chart draws with 481.
function simplify(line) {
  if (line.length < 3) return line;
  const [[x0, y0], [x1, y1]] = [line[0], line[line.length - 1]];
  const length = Math.hypot(x1 - x0, y1 - y0) || 1;
  let far = 0;
  let farthest = -1;
  for (let i = 1; i < line.length - 1; i += 1) {
    const distance = Math.abs((x1 - x0) * (y0 - line[i][1]) - (x0 - line[i][0]) * (y1 - y0)) / length;
    if (distance > farthest) [far, farthest] = [i, distance];
  }
  if (farthest <= TOLERANCE) return [line[0], line[line.length - 1]];
  return [...simplify(line.slice(0, far + 1)).slice(0, -1), ...simplify(line.slice(far))];
}

// The indices i whose segment from point i to i + 1 is left undrawn for the breaks (the kinks of g'):
// from the grid point before each break to the one after it, as plot.js's breakSpans leaves them out.
function brokenSegments(z, breaks) {
  const skipped = new Set();
  for (const b of breaks) {
    if (!(z[0] <= b && b <= z[z.length - 1])) continue;
    let lo = z.findLastIndex((zi) => zi < b);
    if (lo < 0) lo = 0;
    const hi = Math.min(lo + 1, z.length - 1);
    const right = z[hi] === b && hi + 1 < z.length ? hi + 1 : hi;
    for (let i = lo; i < right; i += 1) skipped.add(i);
  }
  return skipped;
}

// The SVG path of a series over the axes, with gaps where y is not finite and at its breaks.
function pathData({ z, y, breaks = [] }, toX, toY) {
  const skipped = brokenSegments(z, breaks);
  const runs = [];
  let run = [];
  for (let i = 0; i < z.length; i += 1) {
    if (Number.isFinite(y[i])) run.push([toX(z[i]), toY(y[i])]);
    if (!Number.isFinite(y[i]) || skipped.has(i)) {
      if (run.length > 1) runs.push(run);
      run = [];
    }
  }
  if (run.length > 1) runs.push(run);
  const number = (v) => String(Math.round(v));
  return runs.map((points) => simplify(points)
    .map(([px, py], i) => `${i ? 'L' : 'M'}${number(px)} ${number(py)}`).join('')).join('');
}

// The stroke attributes of a series: its width, and its dash as the chart draws it (plot-style.js).
const strokeOf = (line) => {
  const dash = dashOf(line);
  return `stroke-width="${LINE_WIDTH}"${dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : ''}`;
};

// The dots of a series drawn with `radius` (Chart.js's points: a disc of that radius and a 1 px
// border): a round cap on an empty segment at each point, which the stretched box leaves round.
function dots({ z, y, colour, radius }, toX, toY) {
  const at = Array.from(z).flatMap((zi, i) => (Number.isFinite(y[i]) ? [`M${Math.round(toX(zi))} ${Math.round(toY(y[i]))}h0`] : []));
  return `<path class="static-series-${colour}" stroke-width="${2 * radius + 1}" stroke-linecap="round" d="${at.join('')}"/>`;
}

// The legend: one entry per series the chart's legend lists (not `legend: false`), a short line in its
// colour and dash, then its label.
function legend(series) {
  return `<span class="static-legend">${series.filter((line) => line.legend !== false).map((line) => `<span><svg width="32" height="6">`
    + `<line x1="0" y1="3" x2="32" y2="3" class="static-series-${line.colour}" ${strokeOf(line)}/></svg>`
    + `${escapeHtml(line.label)}</span>`).join('')}</span>`;
}

// The area: grid lines at the ticks, the axes' lines, the series, and the tick labels placed in percent.
function area(series, x, y) {
  const toX = (v) => ((v - x.min) / (x.max - x.min)) * BOX;
  const toY = (v) => ((y.max - v) / (y.max - y.min)) * BOX;
  const percent = (v) => `${Number((v / 10).toFixed(2))}%`;
  const gridLines = [...x.ticks.map(({ value }) => `M${Math.round(toX(value))} 0V${BOX}`),
    ...y.ticks.map(({ value }) => `M0 ${Math.round(toY(value))}H${BOX}`)];
  // Drawn as Chart.js draws datasets: the first given on top.
  const lines = [...series].reverse().map((line) => `<path class="static-series-${line.colour}" ${strokeOf(line)} d="${pathData(line, toX, toY)}"/>`
    + (line.radius ? dots(line, toX, toY) : ''));
  const yLabels = y.ticks.map(({ value, label }) => `<span class="static-tick-y" style="top:${percent(toY(value))}">${label}</span>`);
  const xLabels = x.ticks.map(({ value, label }) => `<span class="static-tick-x" style="left:${percent(toX(value))}">${label}</span>`);
  return `<span class="static-area"><svg viewBox="0 0 ${BOX} ${BOX}" preserveAspectRatio="none">`
    + `<path class="static-grid" d="${gridLines.join('')}"/><path class="static-axis" d="M0 0V${BOX}H${BOX}"/>`
    + `${lines.join('')}</svg>${yLabels.join('')}${xLabels.join('')}</span>`;
}

// The preview of a plot of `series` (setSeries's) named `description`, with `axes` ({x, y} as
// createPlot takes them: their titles) and the x range of the first series, as setSeries fixes it.
// `attributes` are the preview's data- attributes that say which address keys make it stale.
function previewHtml(series, description, axes, attributes = {}) {
  const z = series[0].z;
  const values = series.flatMap(({ y }) => Array.from(y).filter(Number.isFinite));
  const x = linearTicks(z[0], z[z.length - 1], true);
  const y = linearTicks(Math.min(...values), Math.max(...values));
  const data = Object.entries(attributes).map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`).join('');
  return `<div class="static-plot" role="img" aria-label="${escapeHtml(description)}"${data}>${legend(series)}`
    + `<span class="static-title-y">${escapeHtml(axes.y?.title ?? AXIS_TITLES.y)}</span>${area(series, x, y)}`
    + `<span class="static-title-x">${escapeHtml(axes.x?.title ?? AXIS_TITLES.x)}</span></div>`;
}

// The preview of `activation`'s section plot at its defaults over `points` grid points, as HTML.
export function staticPlot(core, activation, points) {
  const z = grid(DEFAULT_RANGE, points);
  const params = defaultParams(activation);
  const keys = activation.params.map((param) => param.id).join(' ');
  return previewHtml(functionSeries(core, activation, z, params), mainPlotDescription(activation, params, z), {},
    keys ? { params: keys } : {});
}

// The preview of the depth lab's plot at the lab's defaults, as HTML: stale when the link sets any of
// the address keys in its data-settings.
export function depthPlot(core) {
  const activations = core.activations();
  const byId = new Map(activations.map((activation) => [activation.id, activation]));
  const state = defaultState(activations);
  const series = depthSeries(state, computeDepth(core, byId, state), byId);
  return previewHtml(series, depthDescription(state, byId), DEPTH_AXES, { settings: plotKeys(activations).join(' ') });
}

// The catalogue's entries, which the page's script builds, get theirs in the catalogue's (empty) slot
// for them: one <template id="static-plot-<id>"> each, with the entry's name, which previews.js uses at
// once when a link names that entry.
const ENTRIES_SLOT = '<div data-slot="entries">';

// The depth lab's canvas, which its preview goes just before.
const DEPTH_CANVAS = '<canvas id="chart-depth">';

// `html` with a preview just before the canvas of every activation's section plot it holds
// (<canvas id="chart-<id>">, the tutorial's sections) and of the depth lab's plot, and a template of
// the preview of every other activation (the catalogue's entries) in the catalogue's slot for them.
export function insertStaticPlots(html, core, points) {
  if (html.split(DEPTH_CANVAS).length !== 2) throw new Error(`web/index.html needs one ${DEPTH_CANVAS}`);
  let out = html.replace(DEPTH_CANVAS, () => `${depthPlot(core)}${DEPTH_CANVAS}`);
  const templates = [];
  for (const activation of core.activations()) {
    const canvas = `<canvas id="chart-${activation.id}">`;
    const count = out.split(canvas).length - 1;
    if (count > 1) throw new Error(`web/index.html has ${count} × ${canvas}`);
    const preview = staticPlot(core, activation, points);
    if (count === 1) out = out.replace(canvas, () => `${preview}${canvas}`);
    else templates.push(`<template id="static-plot-${activation.id}" data-name="${escapeHtml(activation.name)}">${preview}</template>`);
  }
  if (out.split(ENTRIES_SLOT).length !== 2) throw new Error(`web/index.html needs one ${ENTRIES_SLOT}`);
  return out.replace(ENTRIES_SLOT, () => `${ENTRIES_SLOT}${templates.join('')}`);
}
