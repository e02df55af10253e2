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

// A run inside `slot`, cloned from #run-template, with ids from `prefix`.
export function createRun(slot, core, { prefix }) {
  const element = document.getElementById('run-template').content.firstElementChild.cloneNode(true);
  const find = (name) => element.querySelector(`[data-slot="${name}"]`);
  const title = find('title');
  element.id = prefix;
  title.id = `${prefix}-title`;
  element.setAttribute('aria-labelledby', title.id);
  slot.append(element);
  const heatmap = createHeatmap(element.querySelector('canvas'));

  let trainer = null;
  let extent = 1;
  let width = 0;
  let datasetSize = 0;
  let perEpoch = 1;
  let batches = 0;
  let progress = [];
  let losses = [];
  let current = null;
  let stopped = false;
  let label = '';
  let painted = -Infinity;
  let paintCost = 0;
  let costPerCell = 0;
  let statsAt = -Infinity;
  let statsCost = 0;

  function counters(limit) {
    const { epoch, samplesSeen, loss, accuracy, diverged } = current;
    find('epoch').textContent = String(epoch);
    find('limit').textContent = String(limit);
    find('samples').textContent = String(samplesSeen);
    find('loss').textContent = diverged || !Number.isFinite(loss) ? '\u2014' : formatNumber(loss);
    find('accuracy').textContent = diverged ? '\u2014' : percent(accuracy);
    const alert = find('alert');
    const message = diverged ? `By epoch ${epoch} the weights blew up (NaN): lower the learning rate. This run has stopped.` : '';
    // Written only when it changes: an alert is announced each time its text is replaced.
    if (alert.textContent !== message) alert.textContent = message;
    alert.hidden = !diverged;
  }

  // One row per hidden layer, built at reset; each frame only changes its texts and bars.
  function buildUnitTable(layers) {
    const rows = Array.from({ length: layers }, (_, l) => {
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
    });
    find('units').tBodies[0].replaceChildren(...rows);
  }

  function unitTable() {
    const { dead, inactive, diverged } = current;
    for (const [l, row] of [...find('units').tBodies[0].rows].entries()) {
      for (const [k, share] of [dead[l], inactive[l]].entries()) {
        const td = row.cells[k + 1];
        td.firstChild.textContent = diverged ? '\u2014' : percent(share);
        td.lastChild.value = diverged ? 0 : share;
        td.lastChild.hidden = diverged;
      }
    }
  }

  function describeMap() {
    const { epoch, accuracy, diverged } = current;
    const outcome = diverged ? 'training diverged, so the map is the last one drawn'
      : `the network classifies ${percent(accuracy)} of the ${datasetSize} training points correctly`;
    heatmap.describe(`Decision region after epoch ${epoch}: orange where the network predicts class 1, blue where it `
      + `predicts class 0, paler near probability one half; training points drawn as blue circles (class 0) and `
      + `orange triangles (class 1). ${outcome[0].toUpperCase()}${outcome.slice(1)}.`);
  }

  return {
    element,
    // Takes over `next` (from core.createTrainer) in place of the current trainer, which is disposed;
    // `data` is its training set (from core.generateDataset); `layers` and `width` its hidden layers.
    reset(next, data, { heading, summary, layers, width: units }) {
      trainer?.dispose();
      trainer = next;
      extent = extentOf(data);
      width = units;
      datasetSize = data.x.length;
      perEpoch = next.state().batchesPerEpoch;
      batches = 0;
      progress = [];
      losses = [];
      current = null;
      stopped = false;
      painted = -Infinity;
      paintCost = 0;
      statsAt = -Infinity;
      statsCost = 0;
      label = heading;
      title.textContent = heading;
      element.querySelector('.lab-table-scroll').setAttribute('aria-label', `Dead and inactive units, ${heading}`);
      find('summary').textContent = summary;
      buildUnitTable(layers);
      heatmap.setPoints(data, extent);
    },
    // Trains `count` more minibatches (none once training has diverged).
    train(count) {
      if (stopped || count <= 0) return;
      trainer.step(count);
      batches += count;
    },
    // Minibatches to the end of the current epoch (a whole epoch at a boundary), and to the end of
    // epoch `limit`. Every epoch has the same number of batches (core: batches_per_epoch()).
    batchesToEpochEnd: () => perEpoch - (batches % perEpoch),
    batchesUntil: (limit) => Math.max(0, limit * perEpoch - batches),
    get batchesPerEpoch() {
      return perEpoch;
    },
    // Reads the trainer's state and redraws the counters and the table; records the loss against the
    // epochs trained so far (samples seen over the training set's size). Returns the state.
    refresh(limit) {
      const start = performance.now();
      current = trainer.state();
      stopped = current.diverged;
      const done = current.samplesSeen / datasetSize;
      if (progress[progress.length - 1] !== done && Number.isFinite(current.loss)) {
        progress.push(done);
        losses.push(current.loss);
      }
      counters(limit);
      unitTable();
      describeMap();
      statsAt = performance.now();
      statsCost = statsAt - start;
      return current;
    },
    // When the counters were last refreshed, and what that took (ms).
    get refreshed() {
      return { at: statsAt, cost: statsCost };
    },
    // Whether the map should be repainted at time `now`: never while diverged, and no more often than
    // keeps its cost under 1/MAP_SHARE of the time.
    mapDue(now) {
      return !stopped && now - painted >= MAP_SHARE * paintCost;
    },
    // When the map was last repainted, and what that took (ms).
    get painted() {
      return { at: painted, cost: paintCost };
    },
    // Repaints the decision region from the core's predictions (unless diverged): at full resolution,
    // or while training (`adapt`) with as many cells as the last repaints' cost per cell lets fit in
    // MAP_MS (in steps of CELL_STEP, so that it does not flicker with the machine's load). The same
    // network at rest always shows the same map.
    paintMap({ adapt = false } = {}) {
      if (stopped) return;
      const fitting = CELL_STEP * Math.floor(Math.sqrt(MAP_MS / Math.max(costPerCell, 1e-6)) / CELL_STEP);
      const cells = adapt ? Math.max(MIN_CELLS, Math.min(MAX_CELLS, fitting)) : MAX_CELLS;
      const start = performance.now();
      heatmap.setGrid(trainer.grid(...cellCentres(extent, cells)), cells,
        `Decision region of “${label}” after epoch ${Math.floor(batches / perEpoch)}`);
      painted = performance.now();
      paintCost = painted - start;
      costPerCell = paintCost / (cells * cells);
    },
    // Epochs completed.
    get epoch() {
      return Math.floor(batches / perEpoch);
    },
    // The run's heading, and its state as of the last refresh (see core.createTrainer's state()).
    get heading() {
      return label;
    },
    get state() {
      return current;
    },
    get stopped() {
      return stopped;
    },
    loss: () => ({ progress, losses }),
    dispose() {
      trainer?.dispose();
      trainer = null;
    },
  };
}
