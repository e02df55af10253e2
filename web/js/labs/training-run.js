// One training run of the dead-neurons lab: a trainer in the core, its decision-region heat map, its
// counters and its table of dead and inactive units per hidden layer. The loss it records is drawn by
// the lab. The run owns its trainer and disposes of it whenever it is replaced.
import { cellCentres, createHeatmap, MAX_CELLS } from '../figures/heatmap.js';
import { formatNumber } from '../figures/plot.js';

const percent = (fraction) => `${formatNumber(100 * fraction)}%`;
// While training, a map's resolution is chosen so that a repaint takes about MAP_MS (a deep network
// with a costly activation gets coarser cells), and it is repainted at most once per MAP_SHARE times
// its cost.
const MAP_MS = 4;
const MIN_CELLS = 16;
const CELL_STEP = 8;
const MAP_SHARE = 6;
const DASH = '\u2014';

function cell(tag, text) {
  return Object.assign(document.createElement(tag), { textContent: text });
}

// Half the side of the square the heat map shows: the data's farthest coordinate plus a margin,
// rounded up to a half, so every point is inside.
function extentOf({ x, y }) {
  let far = 1;
  for (let i = 0; i < x.length; i += 1) far = Math.max(far, Math.abs(x[i]), Math.abs(y[i]));
  return Math.ceil(2 * far * 1.1) / 2;
}

// The counters and the divergence alert of a run's element (`find` looks up its data-slots) for the
// trainer's `state`, training up to epoch `limit`.
function showCounters(find, { epoch, samplesSeen, loss, accuracy, diverged }, limit) {
  find('epoch').textContent = String(epoch);
  find('limit').textContent = String(limit);
  find('samples').textContent = String(samplesSeen);
  find('loss').textContent = diverged || !Number.isFinite(loss) ? DASH : formatNumber(loss);
  find('accuracy').textContent = diverged ? DASH : percent(accuracy);
  const alert = find('alert');
  const message = diverged ? `By epoch ${epoch} the weights blew up (NaN): lower the learning rate. This run has stopped.` : '';
  // Written only when it changes: an alert is announced each time its text is replaced.
  if (alert.textContent !== message) alert.textContent = message;
  alert.hidden = !diverged;
}

// One row per hidden layer of `width` units, built at reset; each refresh only changes its texts and bars.
function buildUnitRows(body, layers, width) {
  body.replaceChildren(...Array.from({ length: layers }, (_, l) => {
    const row = document.createElement('tr');
    row.append(cell('th', `Layer ${l + 1} (${width} units)`));
    row.firstChild.scope = 'row';
    for (let k = 0; k < 2; k += 1) {
      const meter = Object.assign(document.createElement('meter'), { min: 0, max: 1, value: 0 });
      meter.setAttribute('aria-hidden', 'true');
      const td = document.createElement('td');
      td.append(cell('span', ''), ' ', meter);
      row.append(td);
    }
    return row;
  }));
}

// The rows' shares of dead and inactive units for the trainer's `state`.
function showUnits(body, { dead, inactive, diverged }) {
  for (const [l, row] of [...body.rows].entries()) {
    for (const [k, share] of [dead[l], inactive[l]].entries()) {
      const td = row.cells[k + 1];
      td.firstChild.textContent = diverged ? DASH : percent(share);
      td.lastChild.value = diverged ? 0 : share;
      td.lastChild.hidden = diverged;
    }
  }
}

// The heat map's description for the trainer's `state` on a training set of `points` points.
function mapDescription({ epoch, accuracy, diverged }, points) {
  const outcome = diverged ? 'training diverged, so the map is the last one drawn'
    : `the network classifies ${percent(accuracy)} of the ${points} training points correctly`;
  return `Decision region after epoch ${epoch}: orange where the network predicts class 1, blue where it `
    + `predicts class 0, paler near probability one half; training points drawn as blue circles (class 0) and `
    + `orange triangles (class 1). ${outcome[0].toUpperCase()}${outcome.slice(1)}.`;
}

// A run inside `slot`, cloned from #run-template, with ids from `prefix`. Its fields are its own:
// the lab reads it through the methods and getters below.
export class TrainingRun {
  constructor(slot, { prefix }) {
    this.element = document.getElementById('run-template').content.firstElementChild.cloneNode(true);
    this.find = (name) => this.element.querySelector(`[data-slot="${name}"]`);
    this.title = this.find('title');
    this.label = '';
    this.extent = 1;
    this.element.id = prefix;
    this.title.id = `${prefix}-title`;
    this.element.setAttribute('aria-labelledby', this.title.id);
    slot.append(this.element);
    this.heatmap = createHeatmap(this.element.querySelector('canvas'));
    // Cost per map cell of the last repaint (ms), carried across resets: the machine's speed.
    this.costPerCell = 0;
    this.startOver(null, 0, 1);
  }

  // Training state for `trainer` (or none) on `points` points, `perEpoch` batches an epoch, at epoch 0.
  startOver(trainer, points, perEpoch) {
    this.trainer = trainer;
    this.points = points;
    this.perEpoch = perEpoch;
    this.batches = 0;
    // The loss against epochs trained, and the trainer's state, as of the last refresh.
    this.progress = [];
    this.losses = [];
    this.current = null;
    this.diverged = false;
    // When the counters and the map were last redrawn, and what that took (ms).
    this.stats = { at: -Infinity, cost: 0 };
    this.map = { at: -Infinity, cost: 0 };
  }

  // Takes over `next` (from core.createTrainer) in place of the current trainer, which is disposed;
  // `data` is its training set (from core.generateDataset); `layers` and `width` its hidden layers.
  reset(next, data, { heading, summary, layers, width }) {
    this.trainer?.dispose();
    this.startOver(next, data.x.length, next.state().batchesPerEpoch);
    this.extent = extentOf(data);
    this.label = heading;
    this.title.textContent = heading;
    this.element.querySelector('.lab-table-scroll').setAttribute('aria-label', `Dead and inactive units, ${heading}`);
    this.find('summary').textContent = summary;
    buildUnitRows(this.find('units').tBodies[0], layers, width);
    this.heatmap.setPoints(data, this.extent);
  }

  // Trains `count` more minibatches (none once training has diverged).
  train(count) {
    if (this.diverged || count <= 0) return;
    this.trainer.step(count);
    this.batches += count;
  }

  // Minibatches to the end of the current epoch (a whole epoch at a boundary), and to the end of
  // epoch `limit`. Every epoch has the same number of batches (core: batches_per_epoch()).
  batchesToEpochEnd() {
    return this.perEpoch - (this.batches % this.perEpoch);
  }

  batchesUntil(limit) {
    return Math.max(0, limit * this.perEpoch - this.batches);
  }

  get batchesPerEpoch() {
    return this.perEpoch;
  }

  // Reads the trainer's state and redraws the counters and the table; records the loss against the
  // epochs trained so far (samples seen over the training set's size). Returns the state.
  refresh(limit) {
    const start = performance.now();
    const state = this.trainer.state();
    this.current = state;
    this.diverged = state.diverged;
    const done = state.samplesSeen / this.points;
    if (this.progress[this.progress.length - 1] !== done && Number.isFinite(state.loss)) {
      this.progress.push(done);
      this.losses.push(state.loss);
    }
    showCounters(this.find, state, limit);
    showUnits(this.find('units').tBodies[0], state);
    this.heatmap.describe(mapDescription(state, this.points));
    const end = performance.now();
    this.stats = { at: end, cost: end - start };
    return state;
  }

  // When the counters were last refreshed, and what that took (ms).
  get refreshed() {
    return this.stats;
  }

  // Whether the map should be repainted at time `now`: never while diverged, and no more often than
  // keeps its cost under 1/MAP_SHARE of the time.
  mapDue(now) {
    return !this.diverged && now - this.map.at >= MAP_SHARE * this.map.cost;
  }

  // When the map was last repainted, and what that took (ms).
  get painted() {
    return this.map;
  }

  // Repaints the decision region from the core's predictions (unless diverged): at full resolution,
  // or while training (`adapt`) with as many cells as the last repaints' cost per cell lets fit in
  // MAP_MS (in steps of CELL_STEP, so that it does not flicker with the machine's load). The same
  // network at rest always shows the same map.
  paintMap({ adapt = false } = {}) {
    if (this.diverged) return;
    const fitting = CELL_STEP * Math.floor(Math.sqrt(MAP_MS / Math.max(this.costPerCell, 1e-6)) / CELL_STEP);
    const cells = adapt ? Math.max(MIN_CELLS, Math.min(MAX_CELLS, fitting)) : MAX_CELLS;
    const start = performance.now();
    this.heatmap.setGrid(this.trainer.grid(...cellCentres(this.extent, cells)), cells,
      `Decision region of “${this.label}” after epoch ${this.epoch}`);
    const end = performance.now();
    this.map = { at: end, cost: end - start };
    this.costPerCell = this.map.cost / (cells * cells);
  }

  // Epochs completed.
  get epoch() {
    return Math.floor(this.batches / this.perEpoch);
  }

  // The run's heading, and its state as of the last refresh (see core.createTrainer's state()).
  get heading() {
    return this.label;
  }

  get state() {
    return this.current;
  }

  get stopped() {
    return this.diverged;
  }

  loss() {
    return { progress: this.progress, losses: this.losses };
  }

  dispose() {
    this.trainer?.dispose();
    this.trainer = null;
  }
}
