// The dead-neurons lab: a small perceptron trained by the core, one run or a preset beside its partner,
// with Start / Pause / Step / Reset. Training runs in slices, one per animation frame and each bounded in
// time (training-loop.js), so the page never freezes; it waits while the lab is out of view or the tab
// is hidden. This module wires the runs, the controls, the loss chart, the status line and the address.
import { showNotices } from '../state/lab-state.js';
import { createPlot, formatNumber, setSeries } from '../figures/plot.js';
import { writeUrlState } from '../state/url-state.js';
import { TrainingLoop } from './training-loop.js';
import { TrainingRun } from './training-run.js';
import { createTrainingControls } from './training-controls.js';
import {
  addressEntries, dataSpec, describeChanges, describeSettings, initialSettings, matchingPreset, NO_COMPARISON,
  offeredPartner, partnerChanges, presetNote, presetSettings, trainerConfig,
} from './training-settings.js';

// Milliseconds per frame for redrawing while training (at least one redraw is done), so that a deep
// network with a costly activation, whose state and map take several ms each, keeps frames short.
const DISPLAY_MS = 6;

// Redraws the counters and maps of `runs` while training: only as many as fit in DISPLAY_MS, the
// stalest first.
function redrawWithinBudget(runs, epochs) {
  const now = performance.now();
  const jobs = runs.flatMap((run) => [
    { ...run.refreshed, due: true, redraw: () => run.refresh(epochs) },
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

// The loss chart's series (the second run dashed) and its description, at epoch `epoch`.
function lossFigure(runs, epoch) {
  const series = runs.map((run, i) => {
    const { progress, losses } = run.loss();
    return { label: run.heading, z: progress, y: losses,
      colour: i, dashed: i === 1, radius: progress.length === 1 ? 3 : undefined };
  });
  const description = `Training loss (mean cross-entropy) against epoch, from 0 to ${epoch}${runs.length > 1 ? ', for both runs (the second dashed)' : ''}. `
    + runs.map((run) => `${run.heading}: ${run.stopped ? 'diverged' : `loss ${formatNumber(run.state.loss)}`}`).join('; ')
    + '.';
  return { series, description };
}

// What the status line says when training stops by itself.
function finishedText(runs, epochs) {
  if (runs.every((run) => run.stopped)) return 'Training stopped: the weights blew up (NaN). Lower the learning rate and reset.';
  return `Finished ${epochs} epochs. Raise “Train for” to go on, or reset.`;
}

// New trainers and their data for `plans` (settings, one per run), all made before any is used, so a
// refusal (the core's message, thrown) leaves nothing behind.
function makeTrainers(core, plans) {
  const data = plans.map((plan) => core.generateDataset(...dataSpec(plan)));
  const trainers = [];
  try {
    for (const [i, plan] of plans.entries()) trainers.push(core.createTrainer(trainerConfig(plan), data[i]));
  } catch (failure) {
    for (const trainer of trainers) trainer.dispose();
    throw failure;
  }
  return { data, trainers };
}

class TrainingLab {
  constructor(section, activations, core) {
    Object.assign(this, { section, activations, core });
    this.slot = (name) => section.querySelector(`[data-slot="${name}"]`);
    this.byId = new Map(activations.map((activation) => [activation.id, activation]));
    this.kinds = core.datasetKinds();
    this.presets = core.labPresets();
    const { defaults, settings, notices } = initialSettings(this.kinds, activations, this.presets, this.byId);
    Object.assign(this, { defaults, settings, notices });
    showNotices(this.slot('notice'), this.notices);
    // The last partner chosen, offered again when the comparison is switched back on.
    this.lastPartner = this.settings.vs !== NO_COMPARISON ? this.settings.vs : this.defaults.vs;
    this.runs = ['a', 'b'].map((name) => new TrainingRun(this.slot('runs'), { prefix: `train-run-${name}` }));
    this.lossChart = createPlot(section.querySelector('#chart-loss'), {
      x: { title: 'epoch', symbol: 'epoch', integer: true },
      y: { title: 'training loss (cross-entropy)' },
    });
    this.buttons = Object.fromEntries([...section.querySelectorAll('[data-action]')].map((b) => [b.dataset.action, b]));
    this.loop = new TrainingLoop({
      quotas: () => this.quotas(),
      sliceDone: () => {
        this.refresh(!this.canTrain());
        return this.canTrain();
      },
      finished: () => {
        this.buttonStates();
        this.say(finishedText(this.active(), this.settings.epochs));
      },
    });
    this.controls = createTrainingControls(section, { kinds: this.kinds, activations, presets: this.presets }, {
      onChange: (changes) => this.change(changes),
      onPreset: (id) => this.loadPreset(id),
      onCompare: (checked) => this.compare(checked),
    });
  }

  comparing() {
    return this.settings.vs !== NO_COMPARISON;
  }

  active() {
    return this.comparing() ? this.runs : this.runs.slice(0, 1);
  }

  canTrain() {
    return this.active().some((run) => !run.stopped && run.epoch < this.settings.epochs);
  }

  // Each active run's minibatches this frame: the speed's epochs, up to the epoch limit.
  quotas() {
    const { speed, epochs } = this.settings;
    const perFrame = speed === 'max' ? Infinity : Number(speed);
    return this.active().map((run) => ({ run,
      batches: run.stopped ? 0 : Math.min(perFrame * run.batchesPerEpoch, run.batchesUntil(epochs)) }));
  }

  // The settings of both runs: `next`, and beside it (when comparing) its partner preset's changes.
  plansFor(next) {
    const { presets, byId } = this;
    return [next, ...(next.vs !== NO_COMPARISON ? [{ ...next, ...partnerChanges(next.vs, presets, byId) }] : [])];
  }

  // Builds fresh trainers for `next` (both before anything changes, so a refusal leaves the lab as it
  // was), then resets the runs and redraws. Throws the core's message on refusal.
  rebuild(next) {
    const plans = this.plansFor(next);
    const { data, trainers } = makeTrainers(this.core, plans);
    this.loop.pause();
    this.settings = next;
    const { presets, byId, runs } = this;
    plans.forEach((plan, i) => {
      const heading = i === 0 ? (matchingPreset(plan, presets, byId)?.name ?? 'Your settings')
        : `Beside it: ${describeChanges(partnerChanges(next.vs, presets, byId), byId)}`;
      runs[i].reset(trainers[i], data[i], { heading, summary: describeSettings(plan, byId), layers: plan.layers, width: plan.width });
    });
    runs[1].element.hidden = !this.comparing();
    if (!this.comparing()) runs[1].dispose();
    this.showPreset(plans);
    this.refresh();
    this.remember();
  }

  // The preset control: the preset the settings match, the partner the comparison offers, and a note
  // on what the shown presets reach.
  showPreset(plans) {
    const { presets, byId, settings } = this;
    const matching = plans.map((plan) => matchingPreset(plan, presets, byId));
    this.controls.showPreset({
      presetId: matching[0]?.id ?? '',
      comparing: this.comparing(),
      partner: describeChanges(partnerChanges(offeredPartner(settings, presets, byId, this.lastPartner), presets, byId), byId),
      note: matching.map(presetNote).filter(Boolean).join(' '),
    });
  }

  // Redraws every run's counters, table and map, then the loss chart. While training (`everything`
  // false), only as many of the runs' redraws as fit in DISPLAY_MS, the stalest first.
  refresh(everything = true) {
    const runs = this.active();
    if (everything) {
      for (const run of runs) {
        run.refresh(this.settings.epochs);
        run.paintMap();
      }
    } else {
      redrawWithinBudget(runs, this.settings.epochs);
    }
    const { series, description } = lossFigure(runs, this.runs[0].epoch);
    setSeries(this.lossChart, series, description);
    this.buttonStates();
  }

  buttonStates() {
    const { running } = this.loop;
    const epochZero = this.active().every((run) => run.epoch === 0);
    const enabled = { start: !running && this.canTrain(), pause: running, step: !running && this.canTrain(), reset: running || !epochZero };
    for (const [action, button] of Object.entries(this.buttons)) button.setAttribute('aria-disabled', String(!enabled[action]));
  }

  say(text) {
    this.slot('status').textContent = text;
  }

  // Writes the settings into the address, every default left out.
  remember() {
    writeUrlState(addressEntries(this.settings, this.defaults, this.activations));
  }

  // The buttons' actions; a button marked aria-disabled does nothing.
  wireButtons() {
    const epoch = () => this.runs[0].epoch;
    const actions = {
      start: () => {
        this.loop.start();
        this.say(`Training from epoch ${epoch()} to ${this.settings.epochs}…`);
        this.buttonStates();
      },
      pause: () => {
        this.loop.pause();
        this.refresh();
        this.say(`Paused at epoch ${epoch()}.`);
      },
      step: () => {
        for (const run of this.active()) run.train(run.batchesToEpochEnd());
        this.refresh();
        this.say(this.canTrain() ? `Stepped to epoch ${epoch()}.` : finishedText(this.active(), this.settings.epochs));
      },
      reset: () => {
        this.rebuild(this.settings);
        this.say('Reset: new weights from the same seed, at epoch 0.');
      },
    };
    for (const [action, button] of Object.entries(this.buttons)) {
      button.addEventListener('click', () => {
        if (button.getAttribute('aria-disabled') !== 'true') actions[action]();
      });
    }
  }

  // A control's changes; throws (the core's message) to refuse them.
  change(changes) {
    const next = { ...this.settings, ...changes };
    // Speed and the epoch budget change how training proceeds, not the network: no reset for them.
    if (Object.keys(changes).every((key) => key === 'speed' || key === 'epochs')) {
      this.settings = next;
      this.remember();
      this.refresh();
      return;
    }
    this.rebuild(next);
    this.say('Settings changed: the network starts again from epoch 0.');
  }

  loadPreset(id) {
    const preset = this.presets.find((candidate) => candidate.id === id);
    const next = { ...this.settings, ...presetSettings(preset, this.byId.get(preset.config.activation)) };
    if (this.comparing() && preset.compareWith) next.vs = preset.compareWith;
    if (preset.compareWith) this.lastPartner = preset.compareWith;
    this.controls.set(next);
    this.rebuild(next);
    this.say(`Loaded the preset “${preset.name}”. Press Start.`);
  }

  compare(checked) {
    this.lastPartner = offeredPartner(this.settings, this.presets, this.byId, this.lastPartner);
    this.rebuild({ ...this.settings, vs: checked ? this.lastPartner : NO_COMPARISON });
    this.say(checked ? 'Training two networks side by side.' : 'Training one network.');
  }

  // Shows the settings from the address (or, if the core refuses them, the defaults), ready to train,
  // and follows whether the lab is in view.
  open() {
    this.wireButtons();
    this.controls.set(this.settings);
    try {
      this.rebuild(this.settings);
    } catch (failure) {
      showNotices(this.slot('notice'), [...this.notices, `The settings from the address were refused (${failure.message}); showing the defaults.`]);
      this.controls.set(this.defaults);
      this.rebuild(this.defaults);
    }
    this.say('Ready: press Start to train, or Step for one epoch at a time.');
    // One callback may carry several entries for the section: the last is the current one.
    new IntersectionObserver((entries) => this.loop.setInView(entries[entries.length - 1].isIntersecting)).observe(this.section);
  }
}

// Wires #training-lab. `activations`: the whole catalogue.
export function setupTrainingLab(section, activations, core) {
  new TrainingLab(section, activations, core).open();
}
