// The prose the site's build writes into the page, from the BUILT module: pageProse(), the Markdown
// subset of the content files (scripts/markdown.mjs) and the placing of both into index.html
// (scripts/page-prose.mjs).
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';
import { renderMarkdown } from '../../scripts/markdown.mjs';
import { fillLessonFacts, placeProse } from '../../scripts/page-prose.mjs';

const core = await loadCore();
const TUTORIAL = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];

test('pageProse() gives each tutorial activation its summary, introduction and key points', () => {
  for (const a of core.activations()) {
    const parts = core.pageProse(a.id);
    const keys = parts.map(({ key }) => key);
    assert.deepEqual(keys, TUTORIAL.includes(a.id) ? ['summary', 'introduction', 'key points'] : ['summary'], a.id);
    // The summary is the one activations() serves.
    assert.equal(parts[0].markdown, a.summary, a.id);
    for (const { markdown } of parts) assert.equal(markdown.includes('{{'), false, `${a.id}: a slot left unfilled`);
  }
  assert.throws(() => core.pageProse('nope'), /unknown activation 'nope'/);
  assert.throws(() => core.pageProse(3), TypeError);
});

test("the sigmoid's key points quote where g(1 - g) breaks, as the core finds it", () => {
  const fact = core.lessonFacts().find(({ id }) => id === 'sigmoid_g_one_minus_g_zero');
  const points = core.pageProse('sigmoid').find(({ key }) => key === 'key points').markdown;
  assert.equal(Number(fact.z.toPrecision(2)), 37);
  assert.match(points, /rounds to exactly 1 from about\n {2}\$z = 37\$ on/);
});

const RENDERED = [
  ['One line.', [{ kind: 'paragraph', html: 'One line.' }]],
  ['Wrapped\nlines join.\n\nA second.', [{ kind: 'paragraph', html: 'Wrapped lines join.' }, { kind: 'paragraph', html: 'A second.' }]],
  ['**Bold** and *emphasis*, $a < b$ & "c".', [{ kind: 'paragraph',
    html: '<strong>Bold</strong> and <em>emphasis</em>, <span data-tex>a &lt; b</span> &amp; &quot;c&quot;.' }]],
  ['**No saturation for $z > 0$.** Math inside bold.', [{ kind: 'paragraph',
    html: '<strong>No saturation for <span data-tex>z &gt; 0</span>.</strong> Math inside bold.' }]],
  ['$a * b$ is math, not emphasis.', [{ kind: 'paragraph', html: '<span data-tex>a * b</span> is math, not emphasis.' }]],
  ['- one\n  more\n- two', [{ kind: 'list', items: ['one more', 'two'] }]],
  ['- a *kink*:\n  [[display: kinks]]\n  after', [{ kind: 'list',
    items: ['a <em>kink</em>:\n<div class="display-math" data-slot="kinks"></div>\nafter'] }]],
  ['Text.\n[[display: kinks]]\nMore.', [{ kind: 'paragraph', html: 'Text.' },
    { kind: 'display', html: '<div class="display-math" data-slot="kinks"></div>' }, { kind: 'paragraph', html: 'More.' }]],
];

test('the Markdown subset renders paragraphs, lists, emphasis, inline math and page elements', () => {
  for (const [markdown, blocks] of RENDERED) assert.deepEqual(renderMarkdown(markdown, 'case'), blocks, markdown);
});

const REFUSED = [
  ['odd $ here', /case: an odd number of '\$'/],
  ['**open', /case: '\*\*' is not closed/],
  ['*open **both* closed**', /case: '\*\*' and '\*' are closed in the wrong order/],
  ['empty $$ math', /case: empty math/],
  ['- item\nnot indented', /a list item's continuation lines are indented by two spaces/],
  ['Text\n  indented', /only a list item's lines are indented/],
  ['[[display: plot]]', /no page element 'plot' \(known: kinks\)/],
  ['[[kinks]]', /"\[\[kinks\]\]" is not a page element/],
];

test('the Markdown subset refuses what it does not know, naming the section', () => {
  for (const [markdown, message] of REFUSED) assert.throws(() => renderMarkdown(markdown, 'case'), message, markdown);
});

test('placeProse() fills each marker with its section, in the shape its element takes', () => {
  const markers = TUTORIAL.map((id) => `<p class="lede" data-prose="${id}/summary"></p>
<p data-prose="${id}/introduction"></p>
<ul class="key-points" data-prose="${id}/key points"></ul>`).join('\n');
  const html = placeProse(`<main>\n${markers}\n<div data-prose="gelu/summary"></div>\n</main>`, core);
  assert.equal(html.includes('data-prose'), false);
  assert.match(html, /<p class="lede">The logistic sigmoid squashes any input into <span data-tex>\(0, 1\)<\/span>/);
  assert.match(html, /<p>The rectified linear unit keeps positive inputs and replaces negative ones by 0:<\/p>/);
  assert.match(html, /<ul class="key-points">\n<li><strong>Probabilities\.<\/strong> The output/);
  assert.match(html, /subgradient<\/em>:\n<div class="display-math" data-slot="kinks"><\/div>\nAny value/);
  assert.match(html, /<div><p>GELU weights its input/);
  assert.equal((html.match(/<li>/g) ?? []).length, 3 + 3 + 3 + 4);
});

test('placeProse() refuses a marker for nothing, a section placed twice or in the wrong element, and a hand-written section left out', () => {
  const all = (except = '') => TUTORIAL.flatMap((id) => ['summary', 'introduction', 'key points'].map((key) => `${id}/${key}`))
    .filter((name) => name !== except)
    .map((name) => (name.endsWith('key points') ? `<ul data-prose="${name}"></ul>` : `<p data-prose="${name}"></p>`)).join('');
  assert.throws(() => placeProse(`${all()}<p data-prose="sigmoid/outro"></p>`, core), /no "## outro" in content\/<locale>\/activations\/sigmoid\.md/);
  assert.throws(() => placeProse(`${all()}<p data-prose="tanh/summary"></p>`, core), /places data-prose="tanh\/summary" twice/);
  assert.throws(() => placeProse(all().replace('<ul data-prose="relu/key points"></ul>', '<p data-prose="relu/key points"></p>'), core),
    /relu\/key points is placed in a <p>, so it is one paragraph/);
  assert.throws(() => placeProse(all('leaky_relu/introduction'), core), /has no data-prose="leaky_relu\/introduction"/);
});

test("fillLessonFacts() writes the lesson's thresholds as the page formats them, and nothing else", () => {
  const span = (id, field) => `<span data-fact="${id}" data-field="${field}">…</span>`;
  const html = `<section id="floating-point">${span('sigmoid_g_one_minus_g_zero', 'z')} ${span('sigmoid_g_one_minus_g_zero', 'reference')}
${span('sigmoid_exp_quotient_nan', 'z')}</section><section id="labs">${span('samples', 'z')}</section>`;
  assert.equal(fillLessonFacts(html, core), `<section id="floating-point">${span('sigmoid_g_one_minus_g_zero', 'z').replace('…', '36.7368')} ${
    span('sigmoid_g_one_minus_g_zero', 'reference').replace('…', '1.1102e\u221216')}
${span('sigmoid_exp_quotient_nan', 'z').replace('…', '\u2212709.783')}</section><section id="labs">${span('samples', 'z')}</section>`);
  assert.throws(() => fillLessonFacts(`<section id="floating-point">${span('nope', 'z')}</section>`, core), /no lesson fact 'nope'/);
  assert.throws(() => fillLessonFacts('<section id="floating-point"></section>', core), /quotes no threshold/);
});
