// The training lab's settings: one flat object per run, the table that keeps them in the address, the
// presets turned into settings, and what the core is given for them. No DOM here.
import { loadedCore } from '../core/core.js';
import { choiceSetting, formatSetting, numberSetting, readSettings } from '../state/lab-state.js';
import { describeParams } from '../sections/section.js';
import { formatNumber } from '../figures/plot.js';

// The settings that make a network and its training; a preset also fixes how many epochs to train.
// Speed and the comparison are the page's own.
const NETWORK_KEYS = ['data', 'n', 'noise', 'dseed', 'fn', 'params', 'layers', 'width', 'lr', 'bias', 'batch', 'seed'];
export const SPEEDS = { 1: '1 epoch per frame', 5: '5 epochs per frame', 25: '25 epochs per frame', max: 'as fast as possible' };
// train.vs when only one network trains.
export const NO_COMPARISON = 'none';

// How the settings that are not numbers are named in messages and labels.
const CHOICE_NAMES = { data: 'the data set', fn: 'the activation', speed: 'the speed', vs: 'the comparison' };

// The numeric settings, each {key, what, min, max, whole}, as the core checks them (core.limits()).
function limits() {
  return loadedCore().limits().training;
}

// The limit of numeric setting `key`: {key, what, min, max, whole}.
export function range(key) {
  return limits()[key];
}

// How setting `key` is named in messages and labels, e.g. "the learning rate".
export function settingName(key) {
  return CHOICE_NAMES[key] ?? limits()[key].what;
}

// The settings of a preset from the core (core/include/actderiv/presets.h).
export function presetSettings(preset, activation) {
  const { config } = preset;
  return {
    data: preset.dataset, n: preset.points, noise: preset.noise, dseed: preset.dataSeed,
    fn: config.activation,
    params: { ...Object.fromEntries(activation.params.map((p) => [p.id, p.default])), ...config.params },
    layers: config.hidden.length, width: config.hidden[0],
    lr: config.learningRate, bias: config.initialBias, batch: config.batchSize, seed: config.seed,
    epochs: preset.epochs,
  };
}

function same(a, b) {
  return typeof a === 'object' ? JSON.stringify(a) === JSON.stringify(b) : a === b;
}

// The first preset whose network and training `settings` has (however many epochs), or undefined.
export function matchingPreset(settings, presets, byId) {
  return presets.find((preset) => NETWORK_KEYS.every((key) => same(settings[key], presetSettings(preset, byId.get(preset.config.activation))[key])));
}

// What the comparison partner `partnerId` changes: the settings in which that preset differs from the
// preset it is compared with (the activation and its parameters go together).
export function partnerChanges(partnerId, presets, byId) {
  const partner = presets.find(({ id }) => id === partnerId);
  const base = presets.find(({ id }) => id === partner?.compareWith);
  if (!base) return {};
  const settingsOf = (preset) => presetSettings(preset, byId.get(preset.config.activation));
  const [theirs, ours] = [settingsOf(partner), settingsOf(base)];
  const changed = NETWORK_KEYS.filter((key) => !same(theirs[key], ours[key]));
  if (changed.includes('params')) changed.push('fn');
  if (changed.includes('fn')) changed.push('params');
  return Object.fromEntries(changed.map((key) => [key, theirs[key]]));
}

// The partner the comparison shows, or would show if switched on: the current one, else the partner
// of the preset `settings` match, else `lastPartner`.
export function offeredPartner(settings, presets, byId, lastPartner) {
  if (settings.vs !== NO_COMPARISON) return settings.vs;
  return matchingPreset(settings, presets, byId)?.compareWith || lastPartner;
}

// What a preset's run reaches, as its table in the core states it; '' for no preset.
export function presetNote(preset) {
  if (!preset) return '';
  const range = ({ min, max }, fmt) => (min === max ? fmt(min) : `${fmt(min)} to ${fmt(max)}`);
  const pct = (x) => `${formatNumber(100 * x)}%`;
  return `${preset.name}: after ${preset.epochs} epochs, ${range(preset.dead, pct)} of the hidden units are dead, `
    + `${range(preset.inactive, pct)} inactive, and the loss is ${range(preset.loss, formatNumber)} (the ranges the core's tests check).`;
}

// "Leaky ReLU (alpha = 0.1)"-style text of the settings in `changes`.
export function describeChanges(changes, byId) {
  const parts = [];
  if (changes.fn) {
    const activation = byId.get(changes.fn);
    parts.push(activation.params.length ? `${activation.name} (${describeParams(activation, changes.params)})` : activation.name);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (key !== 'fn' && key !== 'params') parts.push(`${settingName(key).replace(/^the /, '')} ${formatSetting(value)}`);
  }
  return parts.join(', ');
}

// One line summing up a run's network and training.
export function describeSettings(settings, byId) {
  const activation = byId.get(settings.fn);
  const params = activation.params.length ? ` (${describeParams(activation, settings.params)})` : '';
  const widths = Array(settings.layers).fill(settings.width).join('-');
  return `${activation.name}${params}, 2-${widths}-1, learning rate ${formatSetting(settings.lr)}, initial bias `
    + `${formatSetting(settings.bias)}, batch ${settings.batch}, seed ${settings.seed}`;
}

// What core.generateDataset and core.createTrainer take for `settings`.
export function dataSpec(settings) {
  return [settings.data, settings.n, settings.noise, settings.dseed];
}
export function trainerConfig(settings) {
  return {
    activation: settings.fn, params: settings.params, hidden: Array(settings.layers).fill(settings.width),
    learningRate: settings.lr, initialBias: settings.bias, batchSize: settings.batch, seed: settings.seed,
  };
}

// The address's settings: train.data, train.n, ... (README, "URL keys"); an activation's parameters
// are train.<parameter id>, read once the activation is known.
function settingsTable(kinds, activations, presets) {
  const table = { data: choiceSetting('train.data', 'train.data', kinds.map(({ id }) => id)),
    fn: choiceSetting('train.fn', 'train.fn', activations.map(({ id }) => id)),
    speed: choiceSetting('train.speed', 'train.speed', Object.keys(SPEEDS)),
    vs: choiceSetting('train.vs', 'train.vs', [...presets.filter(({ compareWith }) => compareWith).map(({ id }) => id), NO_COMPARISON]) };
  for (const limit of Object.values(limits())) table[limit.key] = numberSetting(`train.${limit.key}`, limit.what, limit);
  return table;
}
function paramTable(activation) {
  return Object.fromEntries(activation.params.map((param) => [param.id,
    numberSetting(`train.${param.id}`, `${param.id} of ${activation.name}`, param)]));
}

// The default settings (the first preset, beside its partner) and the address's settings over them:
// {defaults, settings, notices}.
export function initialSettings(kinds, activations, presets, byId) {
  const first = presets[0];
  const defaults = { ...presetSettings(first, byId.get(first.config.activation)), speed: '1', vs: first.compareWith || NO_COMPARISON };
  const { values, notices } = readSettings(settingsTable(kinds, activations, presets));
  const settings = { ...defaults, ...values, params: { ...defaults.params } };
  if (values.fn && values.fn !== defaults.fn) {
    settings.params = Object.fromEntries(byId.get(values.fn).params.map((p) => [p.id, p.default]));
  }
  const fromParams = readSettings(paramTable(byId.get(settings.fn)));
  Object.assign(settings.params, fromParams.values);
  return { defaults, settings, notices: [...notices, ...fromParams.notices] };
}

// The entries to write to the address for `settings`: {key: text or null (removed)}, every default left
// out. Parameters of every activation are cleared first, so none lingers after a change of activation.
export function addressEntries(settings, defaults, activations) {
  const entries = {};
  for (const activation of activations) for (const param of activation.params) entries[`train.${param.id}`] = null;
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'params') continue;
    entries[`train.${key}`] = same(value, defaults[key]) ? null : String(value);
  }
  const defaultParams = settings.fn === defaults.fn ? defaults.params : {};
  for (const [id, value] of Object.entries(settings.params)) {
    if (!same(value, defaultParams[id] ?? byDefault(activations, settings.fn, id))) entries[`train.${id}`] = String(value);
  }
  return entries;
}

function byDefault(activations, fn, id) {
  return activations.find((activation) => activation.id === fn).params.find((param) => param.id === id).default;
}

