// Training throughput of issue 5's dead-neurons lab, in one run: the core's actderiv::Trainer through
// WebAssembly and the public JS API (core.createTrainer, one step() call per epoch, as the page drives
// it) against the plain-JavaScript perceptron of bench/train-js.mjs on typed arrays, both training
// 2-16-16-1 on 500 two-moons points (noise 0.1, data seed 1), batch 32, learning rate 0.05, seed 1.
// Each activation: ROUNDS rounds, each timing REPEATS fresh networks on both sides (after a warm-up);
// the JS side runs in its own process per activation (see train-js.mjs for why), the rounds alternate
// the two so that a slow spell on a shared machine hits both. Reported: the median samples per second.
// Usage: node bench/train.mjs [EPOCHS=200] [REPEATS=5] [ROUNDS=3]. Prints a table, then JSON. Reports;
// never fails on slow numbers.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { recordResults } from './results.mjs';
import { median } from './timing.mjs';

import { loadCore } from 'activation-derivations';

const EPOCHS = Number(process.argv[2] ?? 200);
const REPEATS = Number(process.argv[3] ?? 5);
const ROUNDS = Number(process.argv[4] ?? 3);
const ACTIVATIONS = ['relu', 'tanh'];
const TASK = { points: 500, noise: 0.1, dataSeed: 1, hidden: [16, 16], learningRate: 0.05, batchSize: 32, seed: 1 };
const TRAIN_JS = fileURLToPath(new URL('./train-js.mjs', import.meta.url));

const core = await loadCore();
const data = core.generateDataset('moons', TASK.points, TASK.noise, TASK.dataSeed);

// Samples per second of REPEATS fresh networks (after one untimed warm-up), and the last one's loss.
function measureWasm(activation) {
  const config = { activation, hidden: TASK.hidden, learningRate: TASK.learningRate, batchSize: TASK.batchSize, seed: TASK.seed };
  const rates = [];
  let loss = 0;
  for (let r = -1; r < REPEATS; r += 1) {
    const trainer = core.createTrainer(config, data);
    try {
      const batches = trainer.state().batchesPerEpoch;
      const start = process.hrtime.bigint();
      for (let e = 0; e < EPOCHS; e += 1) trainer.step(batches);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const state = trainer.state();
      loss = state.loss;
      if (r >= 0) rates.push(Math.round(state.samplesSeen / seconds));
    } finally {
      trainer.dispose();
    }
  }
  return { rates, loss };
}

function measureJs(activation) {
  const output = execFileSync(process.execPath, [TRAIN_JS, String(EPOCHS), String(REPEATS), activation], { encoding: 'utf8' });
  const { samples_per_s: rates, loss } = JSON.parse(output);
  return { rates, loss };
}

const results = {};
for (const id of ACTIVATIONS) results[id] = { wasm: { samples_per_s: [], loss: 0 }, js: { samples_per_s: [], loss: 0 } };
for (let round = 0; round < ROUNDS; round += 1) {
  for (const id of ACTIVATIONS) {
    for (const [side, measure] of round % 2 === 0 ? [['wasm', measureWasm], ['js', measureJs]] : [['js', measureJs], ['wasm', measureWasm]]) {
      const { rates, loss } = measure(id);
      results[id][side].samples_per_s.push(...rates);
      results[id][side].loss = Number(loss.toPrecision(6));
    }
  }
}

const mega = (rate) => (rate / 1e6).toFixed(3);
console.log(`Training throughput, 2-16-16-1 on ${TASK.points} moons points, batch ${TASK.batchSize}, ${EPOCHS} epochs `
  + `(median of ${ROUNDS * REPEATS} runs; M samples/s)`);
console.log(`${'activation'.padEnd(11)}${'wasm'.padStart(9)}${'js'.padStart(9)}${'wasm/js'.padStart(9)}   loss wasm / js`);
for (const id of ACTIVATIONS) {
  const entry = results[id];
  entry.wasm.median = median(entry.wasm.samples_per_s);
  entry.js.median = median(entry.js.samples_per_s);
  entry.ratio = Number((entry.wasm.median / entry.js.median).toFixed(3));
  console.log(`${id.padEnd(11)}${mega(entry.wasm.median).padStart(9)}${mega(entry.js.median).padStart(9)}`
    + `${entry.ratio.toFixed(2).padStart(9)}   ${entry.wasm.loss.toFixed(4)} / ${entry.js.loss.toFixed(4)}`);
}
const figures = { network: '2-16-16-1', points: TASK.points, batch: TASK.batchSize, epochs: EPOCHS,
  repeats: REPEATS, rounds: ROUNDS, goal: 'wasm/js >= 1.5', results };
console.log(JSON.stringify(figures));
recordResults('train', figures);
