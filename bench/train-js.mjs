// Training throughput of a plain-JavaScript 2-16-16-1 perceptron, the JavaScript side of issue 5's
// benchmark (the WebAssembly side trains the core's actderiv::Trainer on the same task). The same
// network and training as the core: hidden activation g, sigmoid output, mean binary cross-entropy from
// the logit, minibatch SGD with a fresh shuffle each epoch, He-normal hidden weights, Glorot-normal
// output weights. Written as a careful web developer would: flat Float64Arrays allocated once, no
// allocation per sample or batch, g' from the unit's output where the formula allows it.
// Task: 500 two-moons points (noise 0.1), batch size 32, learning rate 0.05.
// Usage: node bench/train-js.mjs [EPOCHS=200] [REPEATS=7] [ID, to measure one activation in this process].
// Prints a line per activation, then JSON:
// {"network": "2-16-16-1", "points": 500, "batch": 32, "epochs": E,
//  "results": {"<id>": {"samples_per_s": [...], "median": M, "loss": L}}}.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const EPOCHS = Number(process.argv[2] ?? 200);
const REPEATS = Number(process.argv[3] ?? 7);
const POINTS = 500;
const BATCH = 32;
const LEARNING_RATE = 0.05;
const SIZES = [2, 16, 16, 1];

// Each activation as value and derivative; the derivative may use the output a = g(z).
const ACTIVATIONS = {
  relu: { value: (z) => (z > 0 ? z : 0), derivative: (z) => (z > 0 ? 1 : 0) },
  tanh: { value: (z) => Math.tanh(z), derivative: (z, a) => 1 - a * a },
};

// mulberry32: a small seeded generator, so every run trains the same network.
function makeRandom(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

// Two interleaved half circles centred on the origin, as the core's generate_dataset("moons", ...).
function moons(n, noise, random) {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const angle = Math.PI * random.uniform();
    const label = i % 2;
    const px = label === 0 ? Math.cos(angle) - 0.5 : 0.5 - Math.cos(angle);
    const py = label === 0 ? Math.sin(angle) - 0.25 : 0.25 - Math.sin(angle);
    x[i] = px + noise * random.normal();
    y[i] = py + noise * random.normal();
    target[i] = label;
  }
  return { x, y, target };
}

// A trainer over preallocated arrays. Layer l maps SIZES[l] inputs to SIZES[l + 1] outputs; its weights
// are row-major by output unit in w[l], its biases in b[l].
function makeNetwork(activation, random) {
  const layers = SIZES.length - 1;
  const w = [];
  const b = [];
  const gw = [];
  const gb = [];
  for (let l = 0; l < layers; l += 1) {
    const fanIn = SIZES[l];
    const output = l === layers - 1;
    const spread = Math.sqrt(output ? 2 / (fanIn + 1) : 2 / fanIn);
    const weights = new Float64Array(SIZES[l + 1] * fanIn);
    for (let k = 0; k < weights.length; k += 1) weights[k] = spread * random.normal();
    w.push(weights);
    b.push(new Float64Array(SIZES[l + 1]));
    gw.push(new Float64Array(weights.length));
    gb.push(new Float64Array(SIZES[l + 1]));
  }
  // a[l], z[l], d[l]: layer l's outputs (a[0] the input), pre-activations and g'(z); delta, below:
  // backward signals.
  const a = SIZES.map((size) => new Float64Array(size));
  const z = SIZES.map((size) => new Float64Array(size));
  const d = SIZES.map((size) => new Float64Array(size));
  const delta = new Float64Array(16);
  const below = new Float64Array(16);
  const { value, derivative } = activation;

  function forward(px, py) {
    a[0][0] = px;
    a[0][1] = py;
    for (let l = 0; l < layers - 1; l += 1) {
      const weights = w[l];
      const bias = b[l];
      const input = a[l];
      const out = a[l + 1];
      const slope = d[l + 1];
      const sum = z[l + 1];
      const n = SIZES[l];
      const m = SIZES[l + 1];
      for (let j = 0; j < m; j += 1) sum[j] = bias[j];
      // Input by input: the units' sums are independent chains of adds (as in the core).
      for (let i = 0; i < n; i += 1) {
        const x = input[i];
        for (let j = 0; j < m; j += 1) sum[j] += weights[j * n + i] * x;
      }
      for (let j = 0; j < m; j += 1) {
        const g = value(sum[j]);
        out[j] = g;
        slope[j] = derivative(sum[j], g);
      }
    }
    const last = layers - 1;
    const weights = w[last];
    const input = a[last];
    let logit = b[last][0];
    for (let i = 0; i < SIZES[last]; i += 1) logit += weights[i] * input[i];
    return logit;
  }

  function backward(dlogit) {
    const last = layers - 1;
    const n = SIZES[last];
    const input = a[last];
    const slope = d[last];
    const weights = w[last];
    const grad = gw[last];
    for (let i = 0; i < n; i += 1) {
      grad[i] += dlogit * input[i];
      delta[i] = dlogit * weights[i] * slope[i];
    }
    gb[last][0] += dlogit;
    let current = delta;
    let next = below;
    for (let l = last - 1; l >= 0; l -= 1) {
      const inputs = SIZES[l];
      const outputs = SIZES[l + 1];
      const prev = a[l];
      const gradW = gw[l];
      const gradB = gb[l];
      for (let j = 0; j < outputs; j += 1) {
        const dj = current[j];
        const row = j * inputs;
        for (let i = 0; i < inputs; i += 1) gradW[row + i] += dj * prev[i];
        gradB[j] += dj;
      }
      if (l === 0) break;
      const wl = w[l];
      const prevSlope = d[l];
      for (let i = 0; i < inputs; i += 1) next[i] = 0;
      for (let j = 0; j < outputs; j += 1) {
        const dj = current[j];
        const row = j * inputs;
        for (let i = 0; i < inputs; i += 1) next[i] += wl[row + i] * dj;
      }
      for (let i = 0; i < inputs; i += 1) next[i] *= prevSlope[i];
      const t = current;
      current = next;
      next = t;
    }
  }

  function update(scale) {
    for (let l = 0; l < layers; l += 1) {
      const weights = w[l];
      const grad = gw[l];
      for (let k = 0; k < weights.length; k += 1) {
        weights[k] -= scale * grad[k];
        grad[k] = 0;
      }
      const bias = b[l];
      const gradB = gb[l];
      for (let k = 0; k < bias.length; k += 1) {
        bias[k] -= scale * gradB[k];
        gradB[k] = 0;
      }
    }
  }

  // Trains `epochs` epochs; returns the number of samples trained on.
  function train(data, epochs) {
    const n = data.x.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i += 1) order[i] = i;
    let samples = 0;
    for (let e = 0; e < epochs; e += 1) {
      for (let i = n - 1; i > 0; i -= 1) {
        const j = Math.floor(random.uniform() * (i + 1));
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (let start = 0; start < n; start += BATCH) {
        const end = Math.min(start + BATCH, n);
        for (let k = start; k < end; k += 1) {
          const i = order[k];
          const logit = forward(data.x[i], data.y[i]);
          backward(1 / (1 + Math.exp(-logit)) - data.target[i]);
        }
        update(LEARNING_RATE / (end - start));
        samples += end - start;
      }
    }
    return samples;
  }

  // Mean binary cross-entropy, softplus(+-logit) with no overflow.
  function loss(data) {
    let sum = 0;
    for (let i = 0; i < data.x.length; i += 1) {
      const logit = forward(data.x[i], data.y[i]);
      const m = data.target[i] > 0.5 ? -logit : logit;
      sum += Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m)));
    }
    return sum / data.x.length;
  }

  return { train, loss };
}

const median = (values) => [...values].sort((p, q) => p - q)[Math.floor(values.length / 2)];

// Samples per second of REPEATS runs from a fresh network (after one untimed warm-up run), and the loss.
function measure(id) {
  const data = moons(POINTS, 0.1, makeRandom(1));
  const rates = [];
  let loss = 0;
  for (let r = -1; r < REPEATS; r += 1) {
    const network = makeNetwork(ACTIVATIONS[id], makeRandom(1));
    const start = process.hrtime.bigint();
    const samples = network.train(data, EPOCHS);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    loss = network.loss(data);
    if (r >= 0) rates.push(Math.round(samples / seconds));
  }
  return { samples_per_s: rates, median: median(rates), loss: Number(loss.toPrecision(6)) };
}

// Each activation runs in a fresh process: in one process the second would find the training code
// already compiled for the first, its activation calls polymorphic and not inlined, and run slower.
if (process.argv[4]) {
  console.log(JSON.stringify(measure(process.argv[4])));
} else {
  const results = {};
  for (const id of Object.keys(ACTIVATIONS)) {
    const args = [fileURLToPath(import.meta.url), String(EPOCHS), String(REPEATS), id];
    results[id] = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }));
    const { median: m, loss } = results[id];
    console.log(`${id.padEnd(5)} ${(m / 1e6).toFixed(3)} M samples/s (median of ${REPEATS}), loss ${loss.toFixed(4)}`);
  }
  console.log(JSON.stringify({ network: SIZES.join('-'), points: POINTS, batch: BATCH, epochs: EPOCHS, results }));
}
