// The derivation stepper on the built page: buttons, arrow keys, the live region and "Show all steps".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedPage } from './harness.mjs';

// The factored form every sigmoid derivation must reach, compared without spaces and \left/\right.
const FACTORED = "g(z)(1-g(z))";
const normalise = (latex) => latex.replace(/\\left|\\right|\s+/g, '');

const shared = sharedPage();

// The visible state of the sigmoid stepper: status text, the current line's TeX, pressed state.
function state() {
  return shared.view.page.evaluate(() => {
    const stepper = document.querySelector('#sigmoid .stepper');
    const current = stepper.querySelector('.stepper-current');
    return {
      status: stepper.querySelector('.step-status').textContent,
      tex: current.querySelector('.step-math annotation')?.textContent ?? '',
      note: current.querySelector('.step-note').textContent,
      live: current.getAttribute('aria-live'),
      pressed: stepper.querySelector('[data-action="all"]').getAttribute('aria-pressed'),
      currentHidden: current.hidden,
      listed: [...stepper.querySelectorAll('.stepper-all > li')].filter((item) => !item.closest('[hidden]'))
        .map((item) => item.querySelector('annotation')?.textContent ?? ''),
    };
  });
}

const stepNumbers = (status) => status.match(/^Step (\d+) of (\d+): \S/).slice(1).map(Number);

// Advances with `advance` until the factored form shows; returns [the state there, steps taken].
async function advanceToFactored(advance) {
  let current = await state();
  const [, total] = stepNumbers(current.status);
  for (let taken = 0; taken < total; taken += 1) {
    if (normalise(current.tex).includes(FACTORED)) return [current, taken];
    await advance();
    current = await state();
  }
  assert.fail(`no sigmoid step shows ${FACTORED}; last was ${current.tex}`);
}

test('starts at step 1 with a title, a display line and a note, in a polite live region', async () => {
  const start = await state();
  const [step, total] = stepNumbers(start.status);
  assert.equal(step, 1);
  assert.ok(total >= 3, `sigmoid has only ${total} steps`);
  assert.match(start.tex, /^g'?\(z\) = ./);
  assert.ok(start.note.length > 10);
  assert.equal(start.live, 'polite');
  assert.equal(start.pressed, 'false');
});

test('Next reaches the factored form g(z)(1 - g(z)); Previous goes back one step', async () => {
  const next = shared.view.page.locator('#sigmoid .stepper [data-action="next"]');
  const [reached, taken] = await advanceToFactored(() => next.click());
  assert.ok(taken > 0);
  assert.deepEqual(stepNumbers(reached.status)[0], taken + 1);
  const rendered = await shared.view.page.locator('#sigmoid .stepper-current .step-math .katex-html').innerText();
  assert.match(rendered.replace(/\s+/g, ''), /g\(z\)\(1[-−]g\(z\)\)/);

  await shared.view.page.locator('#sigmoid .stepper [data-action="previous"]').click();
  const back = await state();
  assert.equal(stepNumbers(back.status)[0], taken);
  assert.notEqual(back.tex, reached.tex);
});

test('Previous stops at step 1 and Next stops at the last step', async () => {
  const previous = shared.view.page.locator('#sigmoid .stepper [data-action="previous"]');
  const next = shared.view.page.locator('#sigmoid .stepper [data-action="next"]');
  const [, total] = stepNumbers((await state()).status);
  // Click while enabled (at most `total` times), then once more while marked disabled.
  for (const [button, end] of [[previous, 1], [next, total]]) {
    for (let i = 0; i < total && (await button.getAttribute('aria-disabled')) !== 'true'; i += 1) await button.click();
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    await button.click({ force: true });
    assert.equal(stepNumbers((await state()).status)[0], end);
  }
});

test('the arrow keys step when the stepper has focus', async () => {
  const stepper = shared.view.page.locator('#sigmoid .stepper');
  await stepper.focus();
  await shared.view.page.keyboard.press('Home');
  assert.equal(stepNumbers((await state()).status)[0], 1);
  const [reached, taken] = await advanceToFactored(() => shared.view.page.keyboard.press('ArrowRight'));
  assert.equal(stepNumbers(reached.status)[0], taken + 1);
  await shared.view.page.keyboard.press('ArrowLeft');
  assert.equal(stepNumbers((await state()).status)[0], taken);
});

test('"Show all steps" lists every step, and pressing it again returns to one step', async () => {
  const toggle = shared.view.page.locator('#sigmoid .stepper [data-action="all"]');
  const [, total] = stepNumbers((await state()).status);
  await toggle.click();
  const all = await state();
  assert.equal(all.pressed, 'true');
  assert.equal(all.currentHidden, true);
  assert.equal(all.listed.length, total);
  assert.ok(all.listed.every((tex) => tex.length > 0), 'a listed step has no math');
  assert.ok(all.listed.some((tex) => normalise(tex).includes(FACTORED)));
  await toggle.click();
  const one = await state();
  assert.equal(one.pressed, 'false');
  assert.equal(one.currentHidden, false);
  assert.equal(one.listed.length, 0);
});

test('the Simplify step opens onto what was cancelled or collected, each stage with its reason', async () => {
  const { page } = shared.view;
  const next = page.locator('#sigmoid .stepper [data-action="next"]');
  await page.locator('#sigmoid .stepper').focus();
  await page.keyboard.press('Home');
  const substeps = page.locator('#sigmoid .stepper-current .step-substeps');
  let title = '';
  for (let i = 0; i < 6 && !/Simplify$/.test(title); i += 1) {
    assert.equal(await substeps.locator('details').count(), 0, `step ${title} has stages`);
    await next.click();
    title = (await state()).status;
  }
  assert.match(title, /Simplify$/);
  const details = substeps.locator('details.derivation-substeps');
  assert.match(await details.locator('summary').textContent(), /^What was cancelled or collected \(\d+ steps?\)$/);
  assert.equal(await details.locator('.derivation-step').count(), 0, 'typeset before it was opened');
  await details.locator('summary').click();
  const stages = await details.evaluate((node) => [...node.querySelectorAll('.derivation-step')].map((item) => ({
    rule: item.querySelector('.step-title').textContent,
    tex: item.querySelector('annotation')?.textContent ?? '',
    note: item.querySelector('.step-note')?.textContent ?? '',
  })));
  assert.ok(stages.length >= 1);
  for (const stage of stages) {
    assert.match(stage.rule, /^(collect numbers|collect like factors|collect like terms|use an identity|factor out)$/);
    assert.match(stage.tex, / = /);
    assert.ok(stage.note.length > 10, stage.rule);
  }
  // The step after it has none.
  await next.click();
  assert.equal(await substeps.locator('details').count(), 0);
});

test('every section has its own working stepper', async () => {
  for (const id of ['tanh', 'relu', 'leaky_relu']) {
    const status = shared.view.page.locator(`#${id} .step-status`);
    const before = await status.textContent();
    await shared.view.page.locator(`#${id} [data-action="next"]`).click();
    const afterNext = await status.textContent();
    assert.match(before, /^Step 1 of \d+/, id);
    assert.match(afterNext, /^Step 2 of \d+/, id);
  }
});

test('no console errors or page errors while stepping', () => {
  assert.deepEqual(shared.view.log.console.filter(({ type }) => type === 'error' || type === 'warning'), []);
  assert.deepEqual(shared.view.log.errors, []);
});

test('each built-in section opens the engine\'s own derivation, checked against automatic differentiation', async () => {
  const { page } = shared.view;
  const expected = {
    sigmoid: { rules: ['chain rule', 'simplify', 'in terms of g'], final: FACTORED },
    tanh: { rules: ['tanh rule', 'in terms of g'], final: '1-g(z)^{2}' },
    relu: { rules: ['ReLU rule'], final: null },
    leaky_relu: { rules: ['piecewise rule'], final: null },
  };
  for (const [id, want] of Object.entries(expected)) {
    const details = page.locator(`#${id} details.engine-derivation`);
    assert.equal(await details.locator('.derivation-step').count(), 0, `${id}: typeset before it was opened`);
    await details.locator('summary').click();
    const found = await details.evaluate((node) => ({
      rootRule: node.querySelector('.derivation-root > li > .step-title').textContent,
      childRules: [...node.querySelectorAll('.derivation-root > li > ol > li > .step-title')]
        .map((title) => title.textContent),
      root: node.querySelector('.derivation-root > li > .step-math annotation')?.textContent ?? '',
      badge: node.querySelector('[data-slot="engine-check"]').textContent,
      warning: node.querySelector('[data-slot="engine-check"]').classList.contains('check-warning'),
    }));
    // The root is the one rule applied, or "derivative" over the rule and the rewrites that follow it.
    const rules = found.rootRule === 'derivative' ? found.childRules : [found.rootRule];
    assert.deepEqual(rules, want.rules, id);
    if (want.final) assert.ok(normalise(found.root).endsWith(`=${want.final}`), `${id}: ${found.root}`);
    assert.match(found.badge, /Checked against automatic differentiation at \d+ points/, id);
    assert.equal(found.warning, false, id);
  }
});
