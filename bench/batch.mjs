// Batch evaluation speed, value and derivative over 1M points, in one run:
// - wasm:        the core through the public API, core.evaluate(id, z, params): the copy of z into the
//                heap and of both results out into new Float64Arrays included;
// - wasm kernel: the same WebAssembly core without the JS API: bench/native/batch_bench.cpp built with
//                Emscripten (scripts/bench.sh) and run by Node, timing actderiv::evaluate on heap arrays;
// - js:          the textbook formulas a web developer would write, into preallocated Float64Arrays
//                (js new: the same, allocating its outputs on every call as core.evaluate must);
// - native:      bench/native/batch_bench.cpp built natively (the core's flags, clang -O3).
// Each function: the two child processes take their own medians of REPEATS; then, after warm-up, wasm, js
// and js new alternate (median of REPEATS each, so a slow spell on a shared machine hits all alike). Default
// parameters everywhere (leaky_relu's alpha = 0.01). Prints a table, then JSON.
// Usage: node bench/batch.mjs [id...] (default: every function below). Reports; never fails on slow numbers.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { recordResults } from './results.mjs';
import { median } from './timing.mjs';

import { loadCore } from 'activation-derivations';

const POINTS = 1_000_000;
const REPEATS = 21;
const WARMUP = 8;
const SETTLE_ROUNDS = 40;
const RANGES = [[-10, 10], [-50, 50]];
const NATIVE = [fileURLToPath(new URL('../build-bench/batch_bench', import.meta.url))];
const WASM_KERNEL = [process.execPath, fileURLToPath(new URL('../build-bench-wasm/batch_bench.cjs', import.meta.url))];

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

// Textbook formulas as a web developer writes them (one exp where the formula shares it; no care for
// overflow or cancellation). GELU: JavaScript has no erf, so erf is Abramowitz & Stegun 7.1.26
// (|error| <= 1.5e-7), whose exp(-x^2) also gives the derivative's density.
const TEXTBOOK = {
  sigmoid(z, v, d) {
    for (let i = 0; i < z.length; i += 1) {
      const s = 1 / (1 + Math.exp(-z[i]));
      v[i] = s;
      d[i] = s * (1 - s);
    }
  },
  tanh(z, v, d) {
    for (let i = 0; i < z.length; i += 1) {
      const t = Math.tanh(z[i]);
      v[i] = t;
      d[i] = 1 - t * t;
    }
  },
  gelu(z, v, d) {
    for (let i = 0; i < z.length; i += 1) {
      const x = z[i];
      const a = Math.abs(x) * Math.SQRT1_2;
      const t = 1 / (1 + 0.3275911 * a);
      const g = Math.exp(-a * a);
      const e = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * g;
      const phi = 0.5 * (1 + (x < 0 ? -e : e));
      v[i] = x * phi;
      d[i] = phi + x * g * INV_SQRT_2PI;
    }
  },
  relu(z, v, d) {
    for (let i = 0; i < z.length; i += 1) {
      const x = z[i];
      v[i] = x > 0 ? x : 0;
      d[i] = x > 0 ? 1 : 0;
    }
  },
  leaky_relu(z, v, d) {
    for (let i = 0; i < z.length; i += 1) {
      const x = z[i];
      v[i] = x > 0 ? x : 0.01 * x;
      d[i] = x > 0 ? 1 : 0.01;
    }
  },
  softplus(z, v, d) {
    for (let i = 0; i < z.length; i += 1) {
      const e = Math.exp(z[i]);
      v[i] = Math.log(1 + e);
      d[i] = e / (1 + e);
    }
  },
  silu(z, v, d) {
    for (let i = 0; i < z.length; i += 1) {
      const x = z[i];
      const s = 1 / (1 + Math.exp(-x));
      v[i] = x * s;
      d[i] = s * (1 + x * (1 - s));
    }
  },
  gelu_tanh(z, v, d) {
    for (let i = 0; i < z.length; i += 1) {
      const x = z[i];
      const t = Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x));
      v[i] = 0.5 * x * (1 + t);
      d[i] = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
    }
  },
  mish(z, v, d) {
    for (let i = 0; i < z.length; i += 1) {
      const x = z[i];
      const e = Math.exp(x);
      const t = Math.tanh(Math.log(1 + e));
      v[i] = x * t;
      d[i] = t + x * (e / (1 + e)) * (1 - t * t);
    }
  },
};

function elapsed(run) {
  const start = performance.now();
  run();
  return performance.now() - start;
}

// Largest |a - b| (NaN pairs ignored): a sanity check that both sides compute the same function.
function maxAbsDiff(a, b) {
  let max = 0;
  for (let i = 0; i < a.length; i += 1) {
    const diff = Math.abs(a[i] - b[i]);
    if (diff > max) max = diff;
  }
  return max;
}

// The C++ benchmark's samples for `id` over the range, or {error} when it is not built or fails.
function childSamples([file, ...args], id, [lo, hi]) {
  const program = args.at(-1) ?? file;
  if (!existsSync(program)) return { error: `${program} is not built (scripts/bench.sh builds it)` };
  try {
    const out = execFileSync(file, [...args, String(POINTS), String(lo), String(hi), String(REPEATS), id], { encoding: 'utf8' });
    const result = JSON.parse(out).results[id];
    return result.missing ? { error: `${id} is not in this build's registry` } : result;
  } catch (error) {
    return { error: String(error.message ?? error) };
  }
}

const round = (x, digits = 2) => (x === null ? null : Number(x.toFixed(digits)));

// Samples (ms) of the API and the textbook formulas, alternating, and how far their results differ.
function measure(core, id, z) {
  const v = new Float64Array(z.length);
  const d = new Float64Array(z.length);
  const js = TEXTBOOK[id];
  for (let i = 0; i < WARMUP; i += 1) {
    core.evaluate(id, z);
    js(z, v, d);
  }
  // The textbook formula under core.evaluate's contract: new output arrays on every call.
  const jsNew = () => js(z, new Float64Array(z.length), new Float64Array(z.length));
  const wasmMs = [];
  const jsMs = [];
  const jsNewMs = [];
  for (let i = 0; i < REPEATS; i += 1) {
    wasmMs.push(elapsed(() => core.evaluate(id, z)));
    jsMs.push(elapsed(() => js(z, v, d)));
    jsNewMs.push(elapsed(jsNew));
  }
  const result = core.evaluate(id, z);
  return {
    wasm: wasmMs,
    js: jsMs,
    jsNew: jsNewMs,
    jsMaxAbsDiff: { value: maxAbsDiff(result.value, v), derivative: maxAbsDiff(result.derivative, d) },
  };
}

const core = await loadCore();
const known = new Set(core.activations().map((a) => a.id));
const ids = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(TEXTBOOK);
const notes = ids.filter((id) => !known.has(id) || !TEXTBOOK[id])
  .map((id) => `${id}: ${known.has(id) ? 'no textbook formula here' : 'not in the registry'}, skipped`);
const present = ids.filter((id) => known.has(id) && TEXTBOOK[id]);

const perMpoints = (ms) => (ms === null ? null : round(POINTS / ms / 1e3, 1));
const ratio = (a, b) => (a === null || b === null ? null : round(a / b));
const summary = (samples) => (samples ? { median: round(median(samples)), min: round(Math.min(...samples)) } : null);

// V8 settles its heap and GC heuristics over the first few hundred MB of new arrays: spend them, in the
// measurement's own pattern, before measuring, or the first function measured looks slower than it is.
const settle = new Float64Array(POINTS);
for (let i = 0; i < SETTLE_ROUNDS; i += 1) {
  core.evaluate('relu', settle);
  TEXTBOOK.relu(settle, new Float64Array(POINTS), new Float64Array(POINTS));
}

const ranges = RANGES.map(([lo, hi]) => {
  const z = Float64Array.from({ length: POINTS }, (_, i) => lo + ((hi - lo) * i) / POINTS);
  const rows = present.map((id) => {
    const native = childSamples(NATIVE, id, [lo, hi]);
    const kernel = childSamples(WASM_KERNEL, id, [lo, hi]);
    const { wasm, js, jsNew, jsMaxAbsDiff } = measure(core, id, z);
    const ms = {
      wasm: summary(wasm), wasmKernel: summary(kernel.ms), js: summary(js), jsNew: summary(jsNew),
      native: summary(native.ms),
    };
    const m = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, v?.median ?? null]));
    return {
      id,
      ms,
      mpointsPerS: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, perMpoints(v)])),
      wasmSpeedupOverJs: ratio(m.js, m.wasm),
      wasmSpeedupOverJsNew: ratio(m.jsNew, m.wasm),
      wasmSlowdownVsNative: ratio(m.wasm, m.native),
      wasmKernelSlowdownVsNative: ratio(m.wasmKernel, m.native),
      jsMaxAbsDiff,
      errors: [native.error, kernel.error].filter(Boolean),
    };
  });
  return { range: [lo, hi], rows };
});

const cell = (x, width, suffix = '') => String(x === null ? '-' : `${x}${suffix}`).padStart(width);
for (const { range, rows } of ranges) {
  console.log(`\n${POINTS.toLocaleString('en')} points in [${range.join(', ')}], value + derivative, median ms of ${REPEATS}`);
  console.log(`${'function'.padEnd(11)}${'wasm'.padStart(8)}${'kernel'.padStart(8)}${'js'.padStart(8)}${'js new'.padStart(8)}`
    + `${'native'.padStart(8)}${'Mpt/s wasm'.padStart(12)}${'js'.padStart(7)}${'native'.padStart(8)}`
    + `${'wasm/js'.padStart(9)}${'wasm/nat'.padStart(10)}${'kern/nat'.padStart(10)}`);
  for (const r of rows) {
    const m = r.ms;
    console.log(`${r.id.padEnd(11)}${cell(m.wasm?.median ?? null, 8)}${cell(m.wasmKernel?.median ?? null, 8)}`
      + `${cell(m.js?.median ?? null, 8)}${cell(m.jsNew?.median ?? null, 8)}${cell(m.native?.median ?? null, 8)}`
      + `${cell(r.mpointsPerS.wasm, 12)}${cell(r.mpointsPerS.js, 7)}${cell(r.mpointsPerS.native, 8)}`
      + `${cell(r.wasmSpeedupOverJs, 8, 'x')} ${cell(r.wasmSlowdownVsNative, 9, 'x')} ${cell(r.wasmKernelSlowdownVsNative, 9, 'x')}`);
  }
}
console.log('\nwasm: core.evaluate through the JS API; kernel: the same WebAssembly without the API (no copies);'
  + '\njs: textbook formulas into preallocated arrays; js new: the same, returning new arrays as core.evaluate does;'
  + '\nwasm/js: speed-up over js; wasm/nat, kern/nat: slowdown against native C++.');
for (const note of notes) console.log(`note: ${note}`);
const figures = {
  points: POINTS, repeats: REPEATS, node: process.version, cpus: os.availableParallelism?.() ?? os.cpus().length,
  ranges, notes,
};
console.log(JSON.stringify(figures, null, 2));
recordResults('batch', figures);
