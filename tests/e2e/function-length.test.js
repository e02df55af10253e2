// No function in web/js passes MAX_LINES lines unless it is a table named in TABLES: a longer one mixes
// jobs (STYLE.md, "Small units"). A function's lines run from its head to its closing brace, nested
// functions included, so a closure that holds a whole lab counts as long as the lab. A source check,
// so it runs without a build; it tokenizes (strings, templates, comments and regular expressions are
// skipped) rather than parsing, which is enough to find every function body in this code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const MAX_LINES = 80;
// Functions allowed past MAX_LINES because they are tables, as "file:name": none today.
const TABLES = new Set([]);

// Keywords after which a '(' ... ')' '{' opens a block, not a function body.
const CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'with']);
// Tokens after which a '/' starts a regular expression rather than dividing.
const BEFORE_REGEX = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw',
  'case', 'do', 'else', 'yield', 'await']);

// The significant tokens of `source`: {type: 'name' | 'punct' | 'value', text, line}.
function tokens(source) {
  const out = [];
  let i = 0;
  let line = 1;
  // One entry per open '{' or template '${': whether it closes back into a template literal.
  const braces = [];
  const advance = (to) => {
    for (; i < to; i += 1) if (source[i] === '\n') line += 1;
  };
  const regexAllowed = () => {
    const last = out[out.length - 1];
    if (!last) return true;
    if (last.type === 'name') return BEFORE_REGEX.has(last.text);
    return last.type === 'punct' && !/^[)\]}]$/.test(last.text);
  };
  // Skips a template literal's text from i (just past '`' or '}'); stops after '`' or after '${'.
  const templateText = () => {
    while (i < source.length) {
      const c = source[i];
      if (c === '\\') advance(i + 2);
      else if (c === '`') {
        advance(i + 1);
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        advance(i + 2);
        braces.push(true);
        out.push({ type: 'punct', text: '${', line });
        return;
      } else advance(i + 1);
    }
  };
  while (i < source.length) {
    const c = source[i];
    const rest = source.slice(i, i + 2);
    if (/\s/.test(c)) advance(i + 1);
    else if (rest === '//') advance(source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i));
    else if (rest === '/*') advance(source.indexOf('*/', i + 2) + 2);
    else if (c === '"' || c === "'") {
      let j = i + 1;
      while (source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out.push({ type: 'value', text: 'string', line });
      advance(j + 1);
    } else if (c === '`') {
      out.push({ type: 'value', text: 'template', line });
      advance(i + 1);
      templateText();
    } else if (c === '/' && regexAllowed()) {
      let j = i + 1;
      let inClass = false;
      while (source[j] !== '/' || inClass) {
        if (source[j] === '\\') j += 1;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j += 1;
      }
      j += 1;
      while (/[a-z]/.test(source[j] ?? '')) j += 1;
      out.push({ type: 'value', text: 'regex', line });
      advance(j);
    } else if (/[\w$]/.test(c)) {
      const word = /^[\w$]+/.exec(source.slice(i))[0];
      out.push({ type: /^\d/.test(word) ? 'value' : 'name', text: word, line });
      advance(i + word.length);
    } else if (rest === '=>') {
      out.push({ type: 'punct', text: '=>', line });
      advance(i + 2);
    } else if (c === '{') {
      braces.push(false);
      out.push({ type: 'punct', text: '{', line });
      advance(i + 1);
    } else if (c === '}') {
      out.push({ type: 'punct', text: '}', line });
      advance(i + 1);
      if (braces.pop()) templateText();
    } else {
      out.push({ type: 'punct', text: c, line });
      advance(i + 1);
    }
  }
  return out;
}

// Every function with a block body in `source`: {name, from, to, lines}, `name` as the code names it
// (the declaration, method, property or variable it is assigned to), else "(anonymous)".
export function functionsIn(source) {
  const list = tokens(source);
  const found = [];
  const open = [];  // for each open '{' or '${': the function it starts, or null
  const parens = [];
  const matching = new Map();  // index of ')' -> index of its '('
  for (const [index, token] of list.entries()) {
    if (token.text === '(') parens.push(index);
    else if (token.text === ')') matching.set(index, parens.pop());
    if (token.text === '{' || token.text === '${') {
      open.push(token.text === '{' ? bodyOf(list, index, matching) : null);
    } else if (token.text === '}') {
      const body = open.pop();
      if (body) found.push({ ...body, to: token.line, lines: token.line - body.from + 1 });
    }
  }
  return found;
}

// The function whose body the '{' at `index` opens, or null for a block or an object literal.
function bodyOf(list, index, matching) {
  const before = list[index - 1];
  let head;
  if (before?.text === '=>') {
    // (a, b) => {, or a => {: the head is where the parameters start.
    head = list[index - 2]?.text === ')' ? matching.get(index - 2) : index - 2;
  } else if (before?.text === ')') {
    const params = matching.get(index - 1);
    const callee = list[params - 1];
    if (!callee || (callee.type !== 'name' && callee.text !== ']') || CONTROL.has(callee.text)) return null;
    head = params - 1;
  } else {
    return null;
  }
  return { name: nameBefore(list, head), from: list[head].line };
}

// The name a function starting at token `head` is known by: `function f`, `f(` (a method), `f: (`,
// `f = (` or `const f = function`.
function nameBefore(list, head) {
  const at = (k) => list[k]?.text;
  if (list[head]?.type === 'name' && at(head - 1) === 'function') return list[head].text;
  if (list[head]?.type === 'name' && at(head) !== 'function' && at(head + 1) === '(') return list[head].text;
  let k = head - 1;
  if (at(k) === 'async') k -= 1;
  if (at(k) === 'function') k -= 1;
  if ((at(k) === '=' || at(k) === ':') && list[k - 1]?.type === 'name') return list[k - 1].text;
  return '(anonymous)';
}

// Every .js file under web/js.
function sources() {
  const js = path.join(ROOT, 'web', 'js');
  return readdirSync(js, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

test('the measure finds declarations, methods, arrows and getters, nested ones inside, and skips blocks', () => {
  const source = [
    'export function outer(a) {',            // 1
    '  const s = `${a} {`; // {',            // 2
    '  const r = /[{]/g;',                   // 3
    '  if (a) { a += 1; }',                  // 4
    '  const inner = (x) => {',              // 5
    '    return { x };',                     // 6
    '  };',                                  // 7
    '  return { get size() { return 1; }, step(n) {',  // 8
    '    for (const k of n) { k(); }',       // 9
    '  } };',                                // 10
    '}',                                     // 11
    'class Run { reset(next) {',             // 12
    '  this.next = next / 2;',               // 13
    '} }',                                   // 14
  ].join('\n');
  const found = functionsIn(source).map(({ name, from, to }) => `${name} ${from}-${to}`).sort();
  assert.deepEqual(found, ['inner 5-7', 'outer 1-11', 'reset 12-14', 'size 8-8', 'step 8-10']);
});

test(`no function in web/js passes ${MAX_LINES} lines unless it is a listed table`, () => {
  const files = sources();
  assert.ok(files.length > 30, `only ${files.length} source files found`);
  const long = files.flatMap((file) => {
    const relative = path.relative(path.join(ROOT, 'web', 'js'), file);
    return functionsIn(readFileSync(file, 'utf8'))
      .filter(({ name, lines }) => lines > MAX_LINES && !TABLES.has(`${relative}:${name}`))
      .map(({ name, from, lines }) => `${relative}:${from} ${name}: ${lines} lines`);
  });
  assert.deepEqual(long, []);
});
