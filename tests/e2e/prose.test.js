// The activations' prose from content/ on the built page: each tutorial section's summary under its
// heading, its introduction and key points with the core's numbers, written in by the build so that
// they read the same without JavaScript, as do the floating-point lesson's thresholds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from 'activation-derivations';
import { axeViolations, openPage, startSite } from './harness.mjs';

const TUTORIAL = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];
const core = await loadCore();
const activations = new Map(core.activations().map((a) => [a.id, a]));

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

// The words of a summary between its $...$ math, each of which the rendered text must contain.
const textParts = (summary) => summary.split('$').filter((_, i) => i % 2 === 0).map((part) => part.trim()).filter(Boolean);

// What the page shows of each tutorial section's prose: {id: {lede, visible, introduction, points, tex}}.
function readProse(page) {
  return page.evaluate((ids) => Object.fromEntries(ids.map((id) => {
    const section = document.getElementById(id);
    const lede = section.querySelector(':scope > p.lede');
    const text = (element) => element?.textContent.replace(/\s+/g, ' ').trim() ?? null;
    return [id, {
      lede: text(lede),
      ledeAfterHeading: lede?.previousElementSibling?.matches('h2, .embed-button') ?? false,
      visible: lede ? lede.getBoundingClientRect().height > 0 && getComputedStyle(lede).visibility === 'visible' : false,
      introduction: text(section.querySelector(':scope > p:not(.lede)')),
      points: [...section.querySelectorAll('ul.key-points > li')].map((li) => li.querySelector('strong').textContent),
      tex: [...section.querySelectorAll('ul.key-points annotation')].map((node) => node.textContent),
    }];
  })), TUTORIAL);
}

test('each tutorial section shows its summary under its heading, and its introduction and key points', async () => {
  const view = await openPage(site, { bypassCSP: true });
  try {
    const prose = await readProse(view.page);
    for (const id of TUTORIAL) {
      const { lede, ledeAfterHeading, visible, introduction, points } = prose[id];
      assert.ok(visible && ledeAfterHeading, `${id}: no summary shown under the heading`);
      for (const part of textParts(activations.get(id).summary)) assert.ok(lede.includes(part), `${id}: the summary lacks "${part}"`);
      assert.ok(introduction.length > 40, `${id}: introduction "${introduction}"`);
      assert.ok(points.length >= 3, `${id}: ${points.length} key points`);
    }
    assert.deepEqual(prose.sigmoid.points, ['Probabilities.', 'Small slope.', 'Algebra versus floating point.']);
    assert.deepEqual(prose.leaky_relu.points, ['Definition.', 'Derivative.', 'No dead neurons.', 'Variants.']);
    assert.deepEqual(await axeViolations(view.page), []);
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});

test("the sigmoid's key points quote where g(1 - g) breaks, as the core finds it; ReLU's kink is drawn in them", async () => {
  const fact = core.lessonFacts().find(({ id }) => id === 'sigmoid_g_one_minus_g_zero');
  const view = await openPage(site);
  try {
    const { sigmoid } = await readProse(view.page);
    assert.ok(sigmoid.tex.includes(`z = ${Number(fact.z.toPrecision(2))}`), sigmoid.tex.join(' | '));
    assert.ok(sigmoid.tex.includes('z = 37'), 'the core still finds 36.7 or so');
    const kinks = await view.page.evaluate(() => document.querySelector('#relu ul.key-points [data-slot="kinks"] annotation')?.textContent);
    assert.equal(kinks, `\\begin{gathered}${activations.get('relu').kinks[0].latex}\\end{gathered}`);
  } finally {
    await view.close();
  }
});

test('without JavaScript the summaries, key points and the lesson\'s thresholds are all there', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(site.url, { waitUntil: 'load' });
    const prose = await readProse(page);
    for (const id of TUTORIAL) {
      assert.ok(prose[id].visible, `${id}: no summary`);
      assert.ok(prose[id].points.length >= 3, `${id}: no key points`);
    }
    assert.ok(prose.sigmoid.tex.includes('z = 37'));
    const facts = await page.evaluate(() => [...document.querySelectorAll('#floating-point [data-fact]')]
      .map((element) => element.textContent));
    assert.equal(facts.length, 8);
    assert.ok(facts.every((text) => /^[−\d]/.test(text)), facts.join(' '));
    assert.equal(facts[0], '36.7368');
  } finally {
    await context.close();
  }
});
