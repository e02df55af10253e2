// Benchmark of the derivation engine through the built WASM module, in Node:
// derive() time per expression (median of 200), and custom-expression evaluation over 1M points
// against the built-in activation of similar complexity (median of 15, interleaved). Prints JSON.
import { loadCore } from 'activation-derivations';
import { recordResults } from './results.mjs';
import { median, time } from './timing.mjs';

const core = await loadCore();

const EXPRESSIONS = [
  '1/(1+e^-z)', 'tanh(z)', 'max(0, z)', 'max(0.01z, z)',
  'z*sigmoid(z)', 'log(1+e^z)', 'z*tanh(softplus(z))', 'sigmoid(beta*z)',
  '0.5z(1+tanh(sqrt(2/pi)(z+0.044715z^3)))',
];
const derive = Object.fromEntries(EXPRESSIONS.map((e) => [e, Number(time(() => core.derive(e), 200).toFixed(4))]));

const z = Float64Array.from({ length: 1_000_000 }, (_, i) => -10 + (20 * i) / 1_000_000);
const PAIRS = [
  ['sigmoid', {}, '1/(1+e^-z)'],
  ['sigmoid', {}, 'sigmoid(z)'],
  ['tanh', {}, 'tanh(z)'],
  ['relu', {}, 'max(0, z)'],
  ['leaky_relu', { alpha: 0.1 }, 'max(alpha*z, z)'],
  // The built-ins with batch kernels of their own (issue 18), typed as their definitions.
  ['silu', {}, 'z*sigmoid(z)'],
  ['mish', {}, 'z*tanh(softplus(z))'],
  ['gelu', {}, 'z/2*(1 + erf(z/sqrt(2)))'],
  ['gelu_tanh', {}, 'z/2*(1 + tanh(sqrt(2/pi)*(z + 0.044715*z^3)))'],
];
// Built-in and custom runs alternate, so a slow spell on this shared machine hits both alike.
const evaluate = PAIRS.map(([id, params, expression]) => {
  const builtin = [];
  const custom = [];
  for (let i = 0; i < 15; i += 1) {
    builtin.push(time(() => core.evaluate(id, z, params), 1));
    custom.push(time(() => core.evaluateExpression(expression, z, params), 1));
  }
  const builtinMs = median(builtin);
  const customMs = median(custom);
  return { builtin: id, expression, builtinMs: Number(builtinMs.toFixed(1)), customMs: Number(customMs.toFixed(1)), ratio: Number((customMs / builtinMs).toFixed(2)) };
});

const figures = { deriveMsMedian: derive, evaluate1M: evaluate };
console.log(JSON.stringify(figures, null, 2));
recordResults('derive', figures);
