// The dead-neurons lab: a small perceptron trained by the core, one run or a preset beside its partner,
// with Start / Pause / Step / Reset. Training runs in slices, one per animation frame and each bounded in
// time, so the page never freezes; it waits while the lab is out of view or the tab is hidden.
import { showNotices } from '../state/lab-state.js';
import { createPlot, formatNumber, setSeries } from '../figures/plot.js';
import { writeUrlState } from '../state/url-state.js';
import { createRun } from './training-run.js';
import { createTrainingControls } from './training-controls.js';
import {
  addressEntries, dataSpec, describeChanges, describeSettings, initialSettings, matchingPreset, NO_COMPARISON,
  partnerChanges, presetSettings, trainerConfig,
} from './training-settings.js';

// Milliseconds of training per frame, give or take one chunk of minibatches, and the time a chunk aims at.
const BUDGET_MS = 5;
const CHUNK_MS = 1;
// Milliseconds per frame for redrawing while training (at least one redraw is done), so that a deep
// network with a costly activation, whose state and map take several ms each, keeps frames short.
const DISPLAY_MS = 6;

// Wires #training-lab. `activations`: the whole catalogue.
export function setupTrainingLab(section, activations, core) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const byId = new Map(activations.map((activation) => [activation.id, activation]));
  const kinds = core.datasetKinds();
  const presets = core.labPresets();
  const presetById = new Map(presets.map((preset) => [preset.id, preset]));
  const { defaults, settings: initial, notices } = initialSettings(kinds, activations, presets, byId);
  showNotices(slot('notice'), notices);

  let settings = initial;
  // The last partner chosen, offered again when the comparison is switched back on.
  let lastPartner = initial.vs !== NO_COMPARISON ? initial.vs : defaults.vs;
  let running = false;
  let frame = null;
  let inView = true;
  // Minibatches per chunk, adapted so that a chunk takes about CHUNK_MS.
  let chunk = 1;
  const runs = [createRun(slot('runs'), core, { prefix: 'train-run-a' }), createRun(slot('runs'), core, { prefix: 'train-run-b' })];
  const lossChart = createPlot(section.querySelector('#chart-loss'), {
    x: { title: 'epoch', symbol: 'epoch', integer: true },
    y: { title: 'training loss (cross-entropy)' },
  });
  const buttons = Object.fromEntries([...section.querySelectorAll('[data-action]')].map((b) => [b.dataset.action, b]));
  const status = slot('status');

  const comparing = () => settings.vs !== NO_COMPARISON;
  const active = () => (comparing() ? runs : runs.slice(0, 1));
  const canTrain = () => active().some((run) => !run.stopped && run.epoch < settings.epochs);

  // The partner the comparison shows, or would show if switched on: the current one, else the partner
  // of the preset the settings match, else the last one shown.
  function offeredPartner() {
    if (comparing()) return settings.vs;
    return matchingPreset(settings, presets, byId)?.compareWith || lastPartner;
  }

  function partnerSettings(next) {
    return { ...next, ...partnerChanges(next.vs, presets, byId) };
  }

  function presetNote(preset) {
    if (!preset) return '';
    const range = ({ min, max }, fmt) => (min === max ? fmt(min) : `${fmt(min)} to ${fmt(max)}`);
    const pct = (x) => `${formatNumber(100 * x)}%`;
    return `${preset.name}: after ${preset.epochs} epochs, ${range(preset.dead, pct)} of the hidden units are dead, `
      + `${range(preset.inactive, pct)} inactive, and the loss is ${range(preset.loss, formatNumber)} (the ranges the core's tests check).`;
  }

  // Builds fresh trainers for `next` (both before anything changes, so a refusal leaves the lab as it
  // was), then resets the runs and redraws. Throws the core's message on refusal.
  function rebuild(next) {
    const plans = [next, ...(next.vs !== NO_COMPARISON ? [partnerSettings(next)] : [])];
    const data = plans.map((plan) => core.generateDataset(...dataSpec(plan)));
    const trainers = [];
    try {
      for (const [i, plan] of plans.entries()) trainers.push(core.createTrainer(trainerConfig(plan), data[i]));
    } catch (failure) {
      for (const trainer of trainers) trainer.dispose();
      throw failure;
    }
    pause();
    settings = next;
    const presetA = matchingPreset(settings, presets, byId);
    plans.forEach((plan, i) => {
      const preset = matchingPreset(plan, presets, byId);
      const heading = i === 0 ? (preset?.name ?? 'Your settings') : `Beside it: ${describeChanges(partnerChanges(settings.vs, presets, byId), byId)}`;
      runs[i].reset(trainers[i], data[i], { heading, summary: describeSettings(plan, byId), layers: plan.layers, width: plan.width });
    });
    runs[1].element.hidden = !comparing();
    if (!comparing()) runs[1].dispose();
    controls.showPreset({
      presetId: presetA?.id ?? '',
      comparing: comparing(),
      partner: describeChanges(partnerChanges(offeredPartner(), presets, byId), byId),
      note: [presetA, comparing() ? matchingPreset(plans[1], presets, byId) : null].map(presetNote).filter(Boolean).join(' '),
    });
    refresh();
    writeUrlState(addressEntries(settings, defaults, activations));
  }

  // Redraws every run's counters, table and map, then the loss chart. While training (`everything`
  // false), only as many of the runs' redraws as fit in DISPLAY_MS, the stalest first.
  function refresh(everything = true) {
    if (everything) {
      for (const run of active()) {
        run.refresh(settings.epochs);
        run.paintMap();
      }
    } else {
      const now = performance.now();
      const jobs = active().flatMap((run) => [
        { ...run.refreshed, due: true, redraw: () => run.refresh(settings.epochs) },
        { ...run.painted, due: run.mapDue(now), redraw: () => run.paintMap({ adapt: true }) },
      ]).filter(({ due }) => due).sort((a, b) => a.at - b.at);
      let spent = 0;
      for (const job of jobs) {
        if (spent > 0 && spent + job.cost > DISPLAY_MS) continue;
        const start = performance.now();
        job.redraw();
        spent += performance.now() - start;
      }
    }
    const series = active().map((run, i) => {
      const { progress, losses } = run.loss();
      return { label: run.heading, z: progress, y: losses,
        colour: i, dashed: i === 1, radius: progress.length === 1 ? 3 : undefined };
    });
    const epoch = runs[0].epoch;
    setSeries(lossChart, series, `Training loss against epoch, from 0 to ${epoch}${comparing() ? ', for both runs (the second dashed)' : ''}. `
      + active().map((run) => `${run.heading}: ${run.stopped ? 'diverged' : `loss ${formatNumber(run.state.loss)}`}`).join('; ')
      + '.');
    buttonStates();
  }

  function buttonStates() {
    const epochZero = active().every((run) => run.epoch === 0);
    const enabled = { start: !running && canTrain(), pause: running, step: !running && canTrain(), reset: running || !epochZero };
    for (const [action, button] of Object.entries(buttons)) button.setAttribute('aria-disabled', String(!enabled[action]));
  }

  function say(text) {
    status.textContent = text;
  }

  function finishedText() {
    if (active().every((run) => run.stopped)) return 'Training stopped: the weights blew up (NaN). Lower the learning rate and reset.';
    return `Finished ${settings.epochs} epochs. Raise “Train for” to go on, or reset.`;
  }

  // One slice: chunks of minibatches, the runs taking turns, until each has trained the speed's epochs
  // for this frame (or reached the epoch limit) or the time budget is spent; then one redraw.
  function tick() {
    frame = null;
    if (!running || !inView) return;
    const start = performance.now();
    const perFrame = settings.speed === 'max' ? Infinity : Number(settings.speed);
    const quota = active().map((run) => (run.stopped ? 0
      : Math.min(perFrame * run.batchesPerEpoch, run.batchesUntil(settings.epochs))));
    let now = start;
    while (now - start < BUDGET_MS && quota.some((left) => left > 0)) {
      let trained = 0;
      active().forEach((run, i) => {
        const count = Math.min(chunk, quota[i]);
        run.train(count);
        quota[i] -= count;
        trained += count;
      });
      const before = now;
      now = performance.now();
      // Aim the next chunk at CHUNK_MS per run, growing at most fourfold at a time.
      const perBatch = (now - before) / trained;
      chunk = Math.max(1, Math.min(4 * chunk, Math.floor(CHUNK_MS / Math.max(perBatch, 1e-4))));
    }
    refresh(!canTrain());
    if (canTrain()) {
      frame = requestAnimationFrame(tick);
    } else {
      running = false;
      buttonStates();
      say(finishedText());
    }
  }

  function pause() {
    running = false;
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
  }

  const actions = {
    start() {
      running = true;
      say(`Training from epoch ${runs[0].epoch} to ${settings.epochs}…`);
      frame = requestAnimationFrame(tick);
      buttonStates();
    },
    pause() {
      pause();
      refresh();
      say(`Paused at epoch ${runs[0].epoch}.`);
    },
    step() {
      for (const run of active()) run.train(run.batchesToEpochEnd());
      refresh();
      say(canTrain() ? `Stepped to epoch ${runs[0].epoch}.` : finishedText());
    },
    reset() {
      rebuild(settings);
      say('Reset: new weights from the same seed, at epoch 0.');
    },
  };
  for (const [action, button] of Object.entries(buttons)) {
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-disabled') !== 'true') actions[action]();
    });
  }

  const controls = createTrainingControls(section, { kinds, activations, presets }, {
    onChange(changes) {
      const next = { ...settings, ...changes };
      // Speed and the epoch budget change how training proceeds, not the network: no reset for them.
      if (Object.keys(changes).every((key) => key === 'speed' || key === 'epochs')) {
        settings = next;
        writeUrlState(addressEntries(settings, defaults, activations));
        refresh();
        return;
      }
      rebuild(next);
      say('Settings changed: the network starts again from epoch 0.');
    },
    onPreset(id) {
      const preset = presetById.get(id);
      const next = { ...settings, ...presetSettings(preset, byId.get(preset.config.activation)) };
      if (comparing() && preset.compareWith) next.vs = preset.compareWith;
      if (preset.compareWith) lastPartner = preset.compareWith;
      controls.set(next);
      rebuild(next);
      say(`Loaded the preset “${preset.name}”. Press Start.`);
    },
    onCompare(checked) {
      lastPartner = offeredPartner();
      rebuild({ ...settings, vs: checked ? lastPartner : NO_COMPARISON });
      say(checked ? 'Training two networks side by side.' : 'Training one network.');
    },
  });

  controls.set(settings);
  try {
    rebuild(settings);
  } catch (failure) {
    showNotices(slot('notice'), [...notices, `The settings from the address were refused (${failure.message}); showing the defaults.`]);
    controls.set(defaults);
    rebuild(defaults);
  }
  say('Ready: press Start to train, or Step for one epoch at a time.');

  // One callback may carry several entries for the section: the last is the current one.
  new IntersectionObserver((entries) => {
    inView = entries[entries.length - 1].isIntersecting;
    if (inView && running && frame === null) frame = requestAnimationFrame(tick);
  }).observe(section);
}
