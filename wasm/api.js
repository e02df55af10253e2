// The public JavaScript API: `await loadCore()`. It checks argument types and hands plain values
// to the WebAssembly module; every number it returns was computed by the C++ core.
import createActivationCore from '../build-wasm/wasm/activation-core.mjs';

let modulePromise = null;

// Every binding returns a failure as an Error instead of throwing it (see Guarded in
// wasm/bindings.cpp): thrown here, where nothing is left to clean up.
function checked(result) {
  if (result instanceof Error) throw result;
  return result;
}

function describeValue(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function toFloat64Array(z) {
  if (z instanceof Float64Array) return z;
  if (!Array.isArray(z) && !ArrayBuffer.isView(z)) {
    throw new TypeError(`z must be an array or a Float64Array of numbers, not ${describeValue(z)}`);
  }
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i += 1) {
    const v = z[i];
    if (typeof v !== 'number' && typeof v !== 'bigint') {
      throw new TypeError(`z[${i}] must be a number, not ${describeValue(v)}`);
    }
    out[i] = Number(v);
  }
  return out;
}

function splitParams(id, params) {
  const names = [];
  const values = [];
  if (params === undefined) return { names, values };
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new TypeError(`parameters for ${id} must be an object such as {alpha: 0.1}, not ${describeValue(params)}`);
  }
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'number') {
      throw new TypeError(`parameter '${name}' of ${id} must be a number, not ${describeValue(value)}`);
    }
    names.push(name);
    values.push(value);
  }
  return { names, values };
}

function checkId(id) {
  if (typeof id !== 'string') {
    throw new TypeError(`activation id must be a string, not ${describeValue(id)}`);
  }
}

// `entry` with the fields that run the engine computed when one is first read: steps, kinks and
// derivation from details(), and the summary from summary() (some quote the activation's properties,
// which need a derivation). The page sets up one section at a time, and a link to one plot needs one
// derivation, not 21.
function withDetails(entry, details, summary) {
  let computed = null;
  let text = null;
  Object.defineProperty(entry, 'summary', {
    enumerable: true,
    get() {
      text ??= summary();
      return text;
    },
  });
  for (const key of ['steps', 'kinks', 'derivation']) {
    Object.defineProperty(entry, key, {
      enumerable: true,
      get() {
        computed ??= details();
        return computed[key];
      },
    });
  }
  return entry;
}

function checkNumbers(named) {
  for (const [name, value] of Object.entries(named)) {
    if (typeof value !== 'number') throw new TypeError(`${name} must be a number, not ${describeValue(value)}`);
  }
}

const LONE_SURROGATE = /\p{Cs}/u;

function checkExpression(expression) {
  if (typeof expression !== 'string') {
    throw new TypeError(`the expression must be a string, not ${describeValue(expression)}`);
  }
  // Emscripten's UTF-8 conversion pairs a lone surrogate with whatever follows it, so the core would
  // see another character than the one typed: refused here, at its column, as the core refuses.
  if (LONE_SURROGATE.test(expression)) {
    const characters = Array.from(expression);
    const at = characters.findIndex((character) => LONE_SURROGATE.test(character));
    const code = characters[at].charCodeAt(0).toString(16).toUpperCase();
    throw Object.assign(new Error(`unexpected invisible character U+${code} (half of a broken character) at column ${at + 1}`),
      { column: at + 1 });
  }
}

// The page address (core/include/actderiv/address.h).

const SETTING_KINDS = ['number', 'choice', 'list'];

// Names and values come back as UTF-8 bytes (see utf8_bytes in wasm/bindings.cpp): decoded keeping a
// leading U+FEFF, which belongs to the value.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const decodeText = (bytes) => UTF8.decode(bytes);

// `query` as URLSearchParams takes a string: each half of a broken surrogate pair becomes U+FFFD.
function checkQuery(query) {
  if (typeof query !== 'string') throw new TypeError(`the query must be a string, not ${describeValue(query)}`);
  return query.replace(/\p{Cs}/gu, '\ufffd');
}

// Typed `text` as UTF-8 bytes, with a lone surrogate in its own three-byte form (WTF-8): Emscripten's
// conversion would pair it with what follows, and the core names it in its message instead.
function typedBytes(text, what) {
  if (typeof text !== 'string') throw new TypeError(`${what} must be a string, not ${describeValue(text)}`);
  const bytes = [];
  for (const character of text) {
    const c = character.codePointAt(0);
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(bytes);
}

function checkText(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string, not ${describeValue(value)}`);
}

// A setting as the module takes it: {key, kind, what, min, max, whole} or {key, kind, what, ids}.
function checkSetting(setting) {
  checkObject(setting, 'a setting');
  const { key, kind, what = key } = setting;
  checkText(key, 'setting.key');
  checkText(what, 'setting.what');
  if (!SETTING_KINDS.includes(kind)) throw new TypeError(`setting.kind must be one of ${SETTING_KINDS.join(', ')}, not ${describeValue(kind)}`);
  if (kind === 'number') {
    const { min, max, whole = false } = setting;
    checkNumbers({ 'setting.min': min, 'setting.max': max });
    if (typeof whole !== 'boolean') throw new TypeError(`setting.whole must be true or false, not ${describeValue(whole)}`);
    return { key, kind, what, min, max, whole };
  }
  if (!Array.isArray(setting.ids)) throw new TypeError(`setting.ids must be an array of ids, not ${describeValue(setting.ids)}`);
  setting.ids.forEach((id, i) => checkText(id, `setting.ids[${i}]`));
  return { key, kind, what, ids: setting.ids };
}

// The labs' arguments (issue 5, parts 2 and 3): data sets, depth products, trainers.

const MAX_UINT32 = 2 ** 32 - 1;

function checkLabNumber(value, what) {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, not ${describeValue(value)}`);
}

// A count or seed: a whole number from 0 to `max` (the core checks the narrower ranges it needs).
function checkWhole(value, what, max = MAX_UINT32) {
  checkLabNumber(value, what);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} must be a whole number from 0 to ${max}, not ${value}`);
  }
}

function checkObject(value, what) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object, not ${describeValue(value)}`);
  }
}

// `values` (an array or typed array of numbers) as a Float64Array.
function labNumbers(values, what) {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new TypeError(`${what} must be an array or a typed array of numbers, not ${describeValue(values)}`);
  }
  return Float64Array.from(values, (value, i) => {
    checkLabNumber(value, `${what}[${i}]`);
    return value;
  });
}

// The fields of `config` named in `fields` ({name: 'whole' | 'number'}) that are present, checked.
function pickFields(config, fields, what) {
  const picked = {};
  for (const [name, kind] of Object.entries(fields)) {
    if (config[name] === undefined) continue;
    if (kind === 'whole') checkWhole(config[name], `${what}.${name}`);
    else checkLabNumber(config[name], `${what}.${name}`);
    picked[name] = config[name];
  }
  return picked;
}

const DEPTH_FIELDS = { maxDepth: 'whole', samples: 'whole', mean: 'number', spread: 'number',
  lowerQuantile: 'number', upperQuantile: 'number', seed: 'whole' };
const TRAINER_FIELDS = { learningRate: 'number', initialBias: 'number', batchSize: 'whole', seed: 'whole' };

// The trainer config as the module takes it: parameters split into names and values.
function trainerConfig(config) {
  checkObject(config, 'the trainer config');
  const out = pickFields(config, TRAINER_FIELDS, 'config');
  if (config.activation !== undefined) {
    checkId(config.activation);
    out.activation = config.activation;
  }
  Object.assign(out, splitParams(config.activation ?? 'the activation', config.params));
  if (config.hidden !== undefined) {
    if (!Array.isArray(config.hidden)) {
      throw new TypeError(`config.hidden must be an array of layer widths, not ${describeValue(config.hidden)}`);
    }
    config.hidden.forEach((width, i) => checkWhole(width, `config.hidden[${i}]`));
    out.hidden = config.hidden;
  }
  return out;
}

function trainingData(data) {
  checkObject(data, 'the training data');
  const x = labNumbers(data.x, 'data.x');
  const y = labNumbers(data.y, 'data.y');
  const label = Int32Array.from(labNumbers(data.label, 'data.label'), (value, i) => {
    if (!Number.isInteger(value)) throw new RangeError(`data.label[${i}] must be 0 or 1, not ${value}`);
    return value;
  });
  return { x, y, label };
}

// A trainer owned by JavaScript: its handle names a C++ actderiv::Trainer that lives in the module until
// dispose() (a finalizer frees it too if the object is collected first, but call dispose()).
function makeTrainer(wasm, handle, finalizer) {
  let live = handle;
  // The finalizer watches `token`, which only this trainer's closures hold, never the trainer itself.
  const token = {};
  finalizer.register(token, handle, token);
  const current = () => {
    if (live === null) throw new Error('this trainer was disposed; create a new one');
    return live;
  };
  const trainer = {
    step(batches = 1) {
      checkWhole(batches, 'batches');
      checked(wasm.trainerStep(current(), batches));
    },
    state: () => checked(wasm.trainerState(current())),
    grid(nx, ny, x0, x1, y0, y1) {
      checkWhole(nx, 'nx');
      checkWhole(ny, 'ny');
      for (const [name, value] of Object.entries({ x0, x1, y0, y1 })) checkLabNumber(value, name);
      return checked(wasm.trainerGrid(current(), nx, ny, x0, x1, y0, y1));
    },
    parameters: () => checked(wasm.trainerParameters(current())),
    get disposed() {
      return live === null;
    },
    dispose() {
      if (live === null) return;
      finalizer.unregister(token);
      checked(wasm.trainerDestroy(live));
      live = null;
    },
  };
  return trainer;
}

/**
 * Loads the WebAssembly core once and returns its API:
 * - activations(): [{id, name, summary, latex, definition, params, steps, kinks, derivation}]; kinks
 *   as kinks() gives them at the default parameters
 * - pageProse(id): [{key, markdown}], the sections of the activation's content file that the site's
 *   build renders into the page (summary; introduction and key points for the tutorial's four), in
 *   content/README.md's Markdown subset, with the core's numbers filled in
 * - evaluate(id, z, params?): {value: Float64Array, derivative: Float64Array}
 * - kinks(id, params?): [{z, left, right, value, latex}], where g' jumps at these parameters: the
 *   one-sided slopes, the value the derivative takes there (the frameworks' convention) and a LaTeX
 *   line stating them with the subgradient
 * - expressionParams(): [{id, name, default, min, max}], the parameters a typed expression may use
 * - expressionFunctions(): [{name, alias, arity}], the functions a typed expression may call (alias:
 *   another spelling, or null)
 * - derive(expression, params?): {input, params, steps, derivative, gForm, check, stable}; a malformed
 *   expression throws an Error with a `column`. `stable` is {input, derivative, inputRewrites,
 *   derivativeRewrites}: the forms evaluated (as {latex, text}) and the identities that made them
 *   careful, as steps; `check` compares the stable derivative with AD on the stable input
 * - evaluateExpression(expression, z, params?): {value: Float64Array, derivative: Float64Array}, from
 *   the stable forms
 * - accuracy(expression, z, params?): {value, derivative}, each {plain, careful, plainUlp,
 *   carefulUlp, condition (Float64Arrays over z), breakdowns: [{z, got, truth}], plainLost,
 *   carefulLost, worstCondition, worstConditionZ, worstPlainUlp, worstCarefulUlp, worstCarefulUlpZ}:
 *   the form as written and the stable form against a double-double reference, in ULP (Infinity
 *   where only one is finite); where the plain form is first lost going out from 0 each way, by
 *   bisection; the condition number of the stable form's evaluation
 * - checkDerivative(target, answer, params?): {equivalent, proved, counterexample: {z, expected, got}
 *   | null, mistake: {id, message} | null, answer: {latex, text}}: `answer` (g'(z) in the expression
 *   syntax, g(u) for the function itself) checked as the derivative of `target`, an activation id or
 *   a typed expression; proved by canonical form, else compared carefully on both sides of every
 *   kink and in the tails; the classic mistake it makes, named, with the step that shows it. A
 *   malformed answer throws an Error with a `column`
 * - answerValues(target, answer, z, params?): Float64Array, the answer's values over z as the checker
 *   evaluates them (g written out, its stable form; NaN where it has no real value), to draw the
 *   student's curve over the true g'
 * - exercise(family, seed): {family, seed, target, params, latex, text}, an exercise of "Another
 *   like this": a variant of a tutorial activation (family sigmoid, tanh, relu or leaky_relu) with
 *   nice numbers, the same for the same seed (a whole number from 0 to Number.MAX_SAFE_INTEGER)
 *   everywhere. `target` is the typed expression to differentiate, for checkDerivative(target,
 *   answer, params); `params` the parameters it uses ({alpha: 0.2}, or {}); `latex` and `text`
 *   state it, "g(z) = ...". An unknown family throws an Error naming the known ones
 * - softmax(logits, {temperature = 1}?): {value: Float64Array, jacobian: Float64Array}, softmax(z / T)
 *   and its Jacobian in z, k x k row-major (entry i*k + j is ds_i/dz_j); from the largest logit, so
 *   no logit overflows it (core/include/actderiv/numerics/output.h)
 * - softmaxCrossEntropy(logits, target): {loss, gradient: Float64Array}, -log s_target and s - y
 * - softmaxDerivations(): {jacobian, crossEntropy}, the engine's derivations in index notation of
 *   ds_i/dz_j (reaching s_i(delta_ij - s_j), with cases [{condition: 'i = j', result}, {condition:
 *   'i \\neq j', result}]) and of dL/dz_j for L = -sum_k y_k log s_k (reaching s_j - y_j): each
 *   {quantity, variable, input, steps, result, cases, check: {maxRelError, points}}, LaTeX
 *   throughout, steps as in derive(), checked against softmax() and softmaxCrossEntropy() at 2 to 6
 *   logits (core/include/actderiv/calculus/indexed.h)
 * - sigmoidLoss('bce' | 'mse', z, y): {loss: Float64Array, gradient: Float64Array}, the loss of
 *   sigma(z) against y at each z (mse is (sigma(z) - y)^2 / 2) and its derivative in z; from the
 *   logit, never log(sigma(z)). Empty logits, a logit that is not finite, a target out of range, a y
 *   outside [0, 1] and an unknown loss throw an Error saying which
 * - properties(id, params?): {range, continuity, monotonic, monotonicDerivative, identityNearZero,
 *   zeroCentred, maxSlope, left, right, atZero, breaks}, computed numerically (core/.../properties.h)
 * - lessonCases(): [{id, name, latex, formulas: [{id, label, latex, careful}]}]
 * - lessonErrors(caseId, z): {z, reference, referenceLog10, range (Uint8Array, names in rangeNames),
 *   statusNames, formulas: [{id, value, error, status (Uint8Array)}]}; |z| up to 1e6
 * - lessonFacts(): [{id, caseId, formulaId, event, z, value, reference, referenceLog10}]
 * - slopeView(id, params, {z0, h?, snap?}, z) and slopeViewExpression(expression, params, {...}, z):
 *   {z0, value, slope, leftSlope, rightSlope, kink, h, secantSlope, tangent, leftTangent,
 *   rightTangent, secant}: the tangent at z0 (half-tangents at a kink, z0 snapped onto a kink within
 *   `snap`) and the secant through z0 and z0 + h, as lines over z (NaN where not drawn)
 * - datasetKinds(): [{id, name}], the toy data sets of the dead-neurons lab
 * - generateDataset(kind, n, noise, seed): {x: Float64Array, y: Float64Array, label: Uint8Array}
 * - depthProducts([{id, params?}], config?): {curves: [{id, median, lower, upper, zeroFraction}],
 *   floor}: log10 |g'(z_1) ... g'(z_L)| for L = 1 .. maxDepth by Monte Carlo; config fields
 *   {maxDepth, samples, mean, spread, lowerQuantile, upperQuantile, seed}, each optional (the core's
 *   defaults, core/include/actderiv/depth.h); `floor` stands in for log10 0
 * - depthProductAtFixedZ(id, params, mean, depth): L log10 |g'(mean)|, the same with every z_l = mean
 * - createTrainer(config, data): a trainer of the perceptron on data {x, y, label}; config fields
 *   {activation, params, hidden, learningRate, initialBias, batchSize, seed}, each optional (the core's
 *   defaults, core/include/actderiv/mlp.h). The caller owns it and must call its dispose(): it holds
 *   a C++ object. Methods: step(batches = 1); state(): {epoch, samplesSeen, batchesPerEpoch, loss,
 *   accuracy, dead, inactive (Float64Array per hidden layer), deadAll, inactiveAll, diverged};
 *   grid(nx, ny, x0, x1, y0, y1): Float64Array of p(class 1), row-major from (x0, y0);
 *   parameters(): Float64Array; dispose(); `disposed`
 * - liveTrainers(): how many trainers are not disposed yet
 * - labPresets(): [{id, name, dataset, points, noise, dataSeed, config, epochs, compareWith, dead,
 *   inactive, loss}], settings that reproduce an effect and the bounds [min, max] they reach
 * - limits(): {depth: {key: limit}, training: {key: limit}, softmax: {key: limit}, expression:
 *   {maxLength, maxNesting, kinkRange}}, each limit {key, what, min, max, whole}: the labs' and the
 *   softmax section's numeric settings (softmax.<key> in the address) as the core
 *   checks them (the address keys are depth.<key> and train.<key>; `what` names one in messages),
 *   the typed expression's length and nesting, and the |z| within which kinks are looked for
 * - heapStats(): {heapBytes, inUseBytes}, the module's linear memory (it only grows) and the bytes
 *   its allocator has handed out and not had back; for measuring that repeated calls do not leak
 * - parseQuery(query): [[name, value]], the query parsed as URLSearchParams parses it
 * - queryValue(query, name): the first value named `name`, or null (URLSearchParams.get)
 * - parseNumber(text, what): {value} or {error}, the one number grammar of typed and linked numbers
 * - visibleCharacter(character): the character, or "⟨U+202E⟩" for one that shows as nothing
 * - readSetting(setting, text): {value} or {error}; setting {key, kind: 'number', what, min, max,
 *   whole?}, or {key, kind: 'choice' | 'list', what, ids}
 * - readSettings(query, [setting]): {values: [value or null per setting], notices: [sentence]}
 * - parameterKeys(): the parameter ids of every activation, sorted: the keys activation views own
 * - readActivationView(query, id): {named, params: {id: value}, step: {index, all}, notices:
 *   {params: {id: sentence}, section: [sentence]}}, what the query asks of activation `id`'s view
 * - readExpressionParams(query): {values: {id: value}, refused: [[id, sentence]]}, the typed
 *   expression's parameters from expr.alpha= and expr.beta=
 */
export async function loadCore() {
  modulePromise ??= createActivationCore();
  const wasm = await modulePromise;
  // Frees the C++ trainer of a trainer object collected without dispose() (a safety net only).
  const trainerFinalizer = new FinalizationRegistry((handle) => wasm.trainerDestroy(handle));
  const chunk = wasm.evaluateChunkSize();
  return {
    activations: () => checked(wasm.activationList())
      .map((entry) => withDetails(entry, () => checked(wasm.activationDetails(entry.id)),
        () => checked(wasm.activationSummary(entry.id)))),
    pageProse(id) {
      checkId(id);
      return checked(wasm.pageProse(id));
    },
    evaluate(id, z, params) {
      checkId(id);
      const zs = toFloat64Array(z);
      const { names, values } = splitParams(id, params);
      // The core's scratch for one chunk: z at [start, start + chunk), value and derivative after it
      // (bindings.cpp, evaluate_begin). HEAPF64 is read again after each call: a heap that grew has a
      // new buffer (evaluate_begin may grow it; evaluate_chunk allocates nothing).
      const start = checked(wasm.evaluateBegin(id, names, values));
      const n = zs.length;
      const value = new Float64Array(n);
      const derivative = new Float64Array(n);
      for (let offset = 0; offset < n; offset += chunk) {
        const m = Math.min(chunk, n - offset);
        wasm.HEAPF64.set(zs.subarray(offset, offset + m), start);
        wasm.evaluateChunk(m);
        const heap = wasm.HEAPF64;
        value.set(heap.subarray(start + chunk, start + chunk + m), offset);
        derivative.set(heap.subarray(start + 2 * chunk, start + 2 * chunk + m), offset);
      }
      return { value, derivative };
    },
    kinks(id, params) {
      checkId(id);
      const { names, values } = splitParams(id, params);
      return checked(wasm.kinks(id, names, values));
    },
    expressionParams: () => checked(wasm.expressionParams()),
    expressionFunctions: () => checked(wasm.expressionFunctions()),
    derive(expression, params) {
      checkExpression(expression);
      const { names, values } = splitParams('your expression', params);
      return checked(wasm.derive(expression, names, values));
    },
    evaluateExpression(expression, z, params) {
      checkExpression(expression);
      const zs = toFloat64Array(z);
      const { names, values } = splitParams('your expression', params);
      return checked(wasm.evaluateExpression(expression, zs, names, values));
    },
    checkDerivative(target, answer, params) {
      checkExpression(target);
      checkExpression(answer);
      const { names, values } = splitParams('the target', params);
      return checked(wasm.checkDerivative(target, answer, names, values));
    },
    answerValues(target, answer, z, params) {
      checkExpression(target);
      checkExpression(answer);
      const zs = toFloat64Array(z);
      const { names, values } = splitParams('the target', params);
      return checked(wasm.answerValues(target, answer, zs, names, values));
    },
    exercise(family, seed) {
      checkText(family, 'the exercise family');
      checkWhole(seed, 'the seed', Number.MAX_SAFE_INTEGER);
      return checked(wasm.exercise(family, seed));
    },
    softmax(logits, options = {}) {
      const zs = labNumbers(logits, 'logits');
      checkObject(options, 'the softmax options');
      const { temperature = 1 } = options;
      checkLabNumber(temperature, 'the temperature');
      return checked(wasm.softmax(zs, temperature));
    },
    softmaxCrossEntropy(logits, target) {
      const zs = labNumbers(logits, 'logits');
      checkLabNumber(target, 'the target class');
      return checked(wasm.softmaxCrossEntropy(zs, target));
    },
    softmaxDerivations() {
      return checked(wasm.softmaxDerivations());
    },
    sigmoidLoss(loss, z, y) {
      checkText(loss, 'the loss');
      const zs = toFloat64Array(z);
      checkLabNumber(y, 'the target y');
      return checked(wasm.sigmoidLoss(loss, zs, y));
    },
    accuracy(expression, z, params) {
      checkExpression(expression);
      const zs = toFloat64Array(z);
      const { names, values } = splitParams('your expression', params);
      return checked(wasm.accuracy(expression, zs, names, values));
    },
    properties(id, params) {
      checkId(id);
      const { names, values } = splitParams(id, params);
      return checked(wasm.properties(id, names, values));
    },
    lessonCases: () => checked(wasm.lessonCases()),
    lessonErrors(caseId, z) {
      if (typeof caseId !== 'string') {
        throw new TypeError(`lesson case id must be a string, not ${describeValue(caseId)}`);
      }
      return checked(wasm.lessonErrors(caseId, toFloat64Array(z)));
    },
    lessonFacts: () => checked(wasm.lessonFacts()),
    slopeView(id, params, { z0, h = 0, snap = 0 }, z) {
      checkId(id);
      checkNumbers({ z0, h, snap });
      const { names, values } = splitParams(id, params);
      return checked(wasm.slopeView(id, names, values, z0, h, snap, toFloat64Array(z)));
    },
    slopeViewExpression(expression, params, { z0, h = 0, snap = 0 }, z) {
      checkExpression(expression);
      checkNumbers({ z0, h, snap });
      const { names, values } = splitParams('your expression', params);
      return checked(wasm.slopeViewExpression(expression, names, values, z0, h, snap, toFloat64Array(z)));
    },
    datasetKinds: () => checked(wasm.datasetKinds()),
    generateDataset(kind, n, noise, seed) {
      if (typeof kind !== 'string') throw new TypeError(`data set kind must be a string, not ${describeValue(kind)}`);
      checkWhole(n, 'the number of points');
      checkLabNumber(noise, 'the noise');
      checkWhole(seed, 'the seed');
      return checked(wasm.generateDataset(kind, n, noise, seed));
    },
    depthProducts(activations, config = {}) {
      if (!Array.isArray(activations)) {
        throw new TypeError(`activations must be an array of {id, params}, not ${describeValue(activations)}`);
      }
      const list = activations.map((item) => {
        checkObject(item, 'each activation');
        checkId(item.id);
        return { id: item.id, ...splitParams(item.id, item.params) };
      });
      checkObject(config, 'the depth config');
      return checked(wasm.depthProducts(list, pickFields(config, DEPTH_FIELDS, 'config')));
    },
    depthProductAtFixedZ(id, params, mean, depth) {
      checkId(id);
      const { names, values } = splitParams(id, params);
      checkLabNumber(mean, 'mean');
      checkWhole(depth, 'depth');
      return checked(wasm.depthProductAtFixedZ(id, names, values, mean, depth));
    },
    createTrainer(config, data) {
      const handle = checked(wasm.trainerCreate(trainerConfig(config), trainingData(data)));
      return makeTrainer(wasm, handle, trainerFinalizer);
    },
    liveTrainers: () => checked(wasm.trainerCount()),
    labPresets: () => checked(wasm.labPresets()),
    limits: () => checked(wasm.limits()),
    heapStats: () => checked(wasm.heapStats()),
    parseQuery: (query) => checked(wasm.parseQuery(checkQuery(query))).map((entry) => entry.map(decodeText)),
    queryValue(query, name) {
      checkText(name, 'the name');
      const value = checked(wasm.queryValue(checkQuery(query), name));
      return value === null ? null : decodeText(value);
    },
    parseNumber(text, what) {
      checkText(what, 'what');
      return checked(wasm.parseNumber(typedBytes(text, 'the text'), what));
    },
    visibleCharacter(character) {
      checkText(character, 'the character');
      if (character === '') throw new RangeError('the character must not be empty');
      return checked(wasm.visibleCharacter(character.codePointAt(0)));
    },
    readSetting: (setting, text) => checked(wasm.readSetting(checkSetting(setting), typedBytes(text, 'the text'))),
    readSettings(query, settings) {
      if (!Array.isArray(settings)) throw new TypeError(`settings must be an array, not ${describeValue(settings)}`);
      return checked(wasm.readSettings(checkQuery(query), settings.map(checkSetting)));
    },
    parameterKeys: () => checked(wasm.parameterKeys()),
    readActivationView(query, id) {
      checkId(id);
      return checked(wasm.readActivationView(checkQuery(query), id));
    },
    readExpressionParams: (query) => checked(wasm.readExpressionParams(checkQuery(query))),
  };
}
