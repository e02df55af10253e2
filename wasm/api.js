// The public JavaScript API: `await loadCore()`. It checks argument types and hands plain values
// to the WebAssembly module; every number it returns was computed by the C++ core.
import createActivationCore from '../build-wasm/wasm/activation-core.mjs';

let modulePromise = null;

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

function checkExpression(expression) {
  if (typeof expression !== 'string') {
    throw new TypeError(`the expression must be a string, not ${describeValue(expression)}`);
  }
}

/**
 * Loads the WebAssembly core once and returns its API:
 * - activations(): [{id, name, latex, definition, params, steps, kinks}]
 * - evaluate(id, z, params?): {value: Float64Array, derivative: Float64Array}
 * - expressionParams(): [{id, name, default, min, max}], the parameters a typed expression may use
 * - derive(expression, params?): {input, params, steps, derivative, gForm, check}; a malformed
 *   expression throws an Error with a `column`
 * - evaluateExpression(expression, z, params?): {value: Float64Array, derivative: Float64Array}
 * - properties(id, params?): {range, continuity, monotonic, monotonicDerivative, identityNearZero,
 *   zeroCentred, maxSlope, left, right, atZero, breaks}, computed numerically (core/.../properties.h)
 * - lessonCases(): [{id, name, latex, formulas: [{id, label, latex, careful}]}]
 * - lessonErrors(caseId, z): {z, reference, referenceLog10, range (Uint8Array, names in rangeNames),
 *   statusNames, formulas: [{id, value, error, status (Uint8Array)}]}; |z| up to 1e6
 * - lessonFacts(): [{id, caseId, formulaId, event, z, value, reference, referenceLog10}]
 */
export async function loadCore() {
  modulePromise ??= createActivationCore();
  const wasm = await modulePromise;
  return {
    activations: () => wasm.activations(),
    evaluate(id, z, params) {
      checkId(id);
      const zs = toFloat64Array(z);
      const { names, values } = splitParams(id, params);
      return wasm.evaluate(id, zs, names, values);
    },
    expressionParams: () => wasm.expressionParams(),
    derive(expression, params) {
      checkExpression(expression);
      const { names, values } = splitParams('your expression', params);
      return wasm.derive(expression, names, values);
    },
    evaluateExpression(expression, z, params) {
      checkExpression(expression);
      const zs = toFloat64Array(z);
      const { names, values } = splitParams('your expression', params);
      return wasm.evaluateExpression(expression, zs, names, values);
    },
    properties(id, params) {
      checkId(id);
      const { names, values } = splitParams(id, params);
      return wasm.properties(id, names, values);
    },
    lessonCases: () => wasm.lessonCases(),
    lessonErrors(caseId, z) {
      if (typeof caseId !== 'string') {
        throw new TypeError(`lesson case id must be a string, not ${describeValue(caseId)}`);
      }
      return wasm.lessonErrors(caseId, toFloat64Array(z));
    },
    lessonFacts: () => wasm.lessonFacts(),
  };
}
