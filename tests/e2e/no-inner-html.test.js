// The page's own code never parses text as HTML or code: no innerHTML, outerHTML,
// insertAdjacentHTML, document.write, DOMParser, Range.createContextualFragment, srcdoc, eval,
// new Function or string timers in web/ (KaTeX's render() into an element builds DOM nodes and is
// fine; its renderToString() gives HTML, so it is refused too). Text from the reader or the address
// can then only ever become text. A source check, so it runs without a build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const SINKS = [
  { name: 'innerHTML', pattern: /\.innerHTML\b/ },
  { name: 'outerHTML', pattern: /\.outerHTML\b/ },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/ },
  { name: 'document.write', pattern: /\bdocument\s*\.\s*write(ln)?\b/ },
  { name: 'DOMParser', pattern: /\bDOMParser\b/ },
  { name: 'createContextualFragment', pattern: /\bcreateContextualFragment\b/ },
  { name: 'srcdoc', pattern: /\bsrcdoc\b/ },
  { name: 'eval', pattern: /(^|[^\w.])eval\s*\(/ },
  { name: 'new Function', pattern: /\bnew\s+Function\s*\(/ },
  { name: 'string timer', pattern: /\bset(Timeout|Interval)\s*\(\s*['"`]/ },
  { name: 'katex.renderToString', pattern: /\brenderToString\b/ },
  { name: 'javascript: URL', pattern: /javascript:/i },
];

// The lines of `source` that use a sink, as "line: sink". Whole-line comments are skipped (they may
// name a sink to say it is not used); code after a trailing // comment marker is still checked.
function sinksIn(source) {
  const found = [];
  source.split('\n').forEach((line, index) => {
    const code = line.trim();
    if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
    for (const { name, pattern } of SINKS) if (pattern.test(line)) found.push(`${index + 1}: ${name}`);
  });
  return found;
}

// Every .js and .mjs file under web/ (the page's modules and the service worker).
function sources() {
  const web = path.join(ROOT, 'web');
  return readdirSync(web, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.m?js$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

test('the check finds each sink it looks for, and passes KaTeX render and textContent', () => {
  const bad = [
    'slot.innerHTML = text;', 'node.outerHTML = x;', "el.insertAdjacentHTML('beforeend', s);", 'document.write(s);',
    'new DOMParser().parseFromString(s, "text/html");', 'range.createContextualFragment(s);', 'frame.srcdoc = s;',
    'eval(s);', 'const f = new Function("a", s);', "setTimeout('go()', 10);", 'x = katex.renderToString(s);',
    "a.href = 'javascript:void 0';",
  ];
  for (const line of bad) assert.equal(sinksIn(line).length, 1, line);
  const good = ['katex.render(latex, element, OPTIONS);', 'element.textContent = text;', 'element.replaceChildren(node);',
    '// never innerHTML: text only', 'retrieval(s);', 'setTimeout(submitNow, DELAY_MS);'];
  for (const line of good) assert.deepEqual(sinksIn(line), [], line);
});

test('no module under web/ parses text as HTML or as code', () => {
  const files = sources();
  assert.ok(files.length > 20, `only ${files.length} source files found`);
  const found = files.flatMap((file) => sinksIn(readFileSync(file, 'utf8'))
    .map((hit) => `${path.relative(ROOT, file)}:${hit}`));
  assert.deepEqual(found, []);
});

test('KaTeX is configured with trust: false', () => {
  const math = readFileSync(path.join(ROOT, 'web/js/figures/math.js'), 'utf8');
  assert.match(math, /const OPTIONS = \{[^}]*\btrust: false\b[^}]*\}/);
  assert.doesNotMatch(math, /trust:\s*(true|\()/);
});
