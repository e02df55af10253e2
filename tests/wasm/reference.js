// The correctly rounded reference table (tests/reference/activations.csv) and ULP distances.
import { readFileSync } from 'node:fs';

const TABLE = new URL('../reference/activations.csv', import.meta.url);
const HEADER = 'function,param,z,value,derivative';

// A double as written by generate.py: repr() digits, inf, -inf, nan or -0.0.
export function parseDouble(text) {
  if (text === 'nan') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  const x = Number(text);
  if (text.trim() === '' || Number.isNaN(x)) throw new Error(`not a number in the reference table: '${text}'`);
  return x;
}

// The rows of tests/reference/<name> (a table a generator wrote), each an array of its
// comma-separated fields, a field in double quotes holding commas if it likes; blank lines skipped.
// Throws if its first line is not `header` (as tests/core/reference.h's read_table()).
export function readTable(name, header) {
  const file = new URL(`../reference/${name}`, import.meta.url);
  const [first, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  if (first !== header) throw new Error(`unexpected header in ${file.pathname}: '${first}'`);
  return lines.map((line) => {
    const fields = [''];
    let quoted = false;
    for (const c of line) {
      if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) fields.push('');
      else fields[fields.length - 1] += c;
    }
    return fields;
  });
}

// Rows {expression, z, value, derivative} of tests/reference/typed.csv (typed_generate.py): typed
// activations at their tails, with correctly rounded truths.
export function loadTyped() {
  return readTable('typed.csv', 'expression,z,value,derivative').map(([expression, ...numbers]) => {
    const [z, value, derivative] = numbers.map(parseDouble);
    return { expression, z, value, derivative };
  });
}

const MIN_NORMAL = 2.2250738585072014e-308;

// Is x a normal double (finite, at least the smallest normal in size)?
export const isNormal = (x) => Number.isFinite(x) && Math.abs(x) >= MIN_NORMAL;

// Is `got` a lost result (issue 15): 0, inf or NaN, or off by more than 1e-6 relative, where the
// truth is a normal double?
export const isLost = (got, truth) => isNormal(truth)
  && (!Number.isFinite(got) || got === 0 || Math.abs(got - truth) > 1e-6 * Math.abs(truth));

// Rows {function, param (a number, or null), z, value, derivative}, in file order.
export function loadReference() {
  const lines = readFileSync(TABLE, 'ascii').split(/\r?\n/).filter((line) => line !== '');
  if (lines[0] !== HEADER) throw new Error(`unexpected header in ${TABLE.pathname}: '${lines[0]}'`);
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    if (cells.length !== 5) throw new Error(`expected 5 columns in '${line}'`);
    const [fn, param, z, value, derivative] = cells;
    return {
      function: fn,
      param: param === '' ? null : parseDouble(param),
      z: parseDouble(z),
      value: parseDouble(value),
      derivative: parseDouble(derivative),
    };
  });
}

// Rows grouped by (function, param), in file order: [{function, param, rows}].
export function groupReference(rows) {
  const groups = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (!last || last.function !== row.function || last.param !== row.param) {
      groups.push({ function: row.function, param: row.param, rows: [] });
    }
    groups.at(-1).rows.push(row);
  }
  return groups;
}

const scratch = new DataView(new ArrayBuffer(8));

// The double's position on the number line as a BigInt: monotonic, -0 and +0 both 0, neighbouring
// doubles (subnormals included) differ by 1.
function orderedBits(x) {
  scratch.setFloat64(0, x);
  const bits = scratch.getBigInt64(0);
  return bits >= 0n ? bits : -(bits & 0x7fffffffffffffffn);
}

// Distance in units in the last place (a BigInt). NaN only matches NaN and an infinity only
// matches itself (otherwise Infinity is returned); +0 and -0 are equal.
export function ulpDistance(got, want) {
  if (typeof got !== 'number' || typeof want !== 'number') return Infinity;
  if (Number.isNaN(got) || Number.isNaN(want)) return Number.isNaN(got) && Number.isNaN(want) ? 0n : Infinity;
  if (!Number.isFinite(got) || !Number.isFinite(want)) return got === want ? 0n : Infinity;
  const d = orderedBits(got) - orderedBits(want);
  return d >= 0n ? d : -d;
}

// A double printed so that it round-trips, with the sign of zero, for failure messages.
export function show(x) {
  return Object.is(x, -0) ? '-0' : String(x);
}
