// The interactive page, loaded by main.js when the reader nears it: loads the core, then wires each
// activation to its section (hand-written for the four classics, generated for the rest of the
// catalogue), the compare view and the floating-point lesson; the labs and the section where a
// student types an activation of their own bring their code when the reader nears them.
import { getCore } from '../core/core.js';
import { setupSection } from '../sections/section.js';
import { setupLeaky } from '../sections/leaky.js';
import { setupCatalogue } from '../sections/catalogue.js';
import { setupCompare } from '../sections/compare.js';
import { createPropertiesTable } from '../sections/properties.js';
import { setupLesson } from '../sections/lesson.js';
import { setupResults } from '../sections/results.js';
import { addEmbedButtons } from './embed-button.js';
import { readLoadedUrlState } from '../state/url-state.js';
import { whenNear } from './when-near.js';
import { beforePrinting, prepareForPrinting } from '../figures/media.js';
import { drawAllCharts } from '../figures/plot.js';

// How far ahead of the viewport a lazily loaded part starts loading.
const LEAD = '100%';

// The set-ups of the lazily loaded parts that a link names, begun at once: the link scrolls to its
// part again once they are done (they change the heights above it).
const linkedParts = [];

// Sets `section` up once the reader comes near it, or when the page is to be printed: `load()` imports
// the part's code (again if that failed, so a reader back online can retry), `setup(module)` wires it.
// Until then the section carries data-deferred (the end-to-end tests wait for charts outside
// deferred parts, and the print styles warn that the part is missing).
function later(section, load, setup) {
  if (!section) return;
  section.dataset.deferred = '';
  let started = null;
  const report = (failure) => {
    const message = Object.assign(document.createElement('p'), {
      className: 'load-error', textContent: `This part could not start: ${failure.message}`,
    });
    message.setAttribute('role', 'alert');
    section.querySelector(':scope > .load-error')?.remove();
    section.prepend(message);
  };
  const start = () => {
    if (!started) {
      started = load().then((module) => {
        setup(module);
        delete section.dataset.deferred;
        section.querySelector(':scope > .load-error')?.remove();
      }, (failure) => {
        started = null;
        throw failure;
      });
      started.catch(report);
    }
    return started;
  };
  // A failure is shown in the section (above); printing asks again. A link to the part (or to a
  // part inside it) starts it at once: the reader came for it.
  const { section: linked } = readLoadedUrlState(['section']);
  if (linked !== null && section.contains(document.getElementById(linked))) linkedParts.push(start().catch(() => {}));
  else whenNear([section], { margin: LEAD }).then(start).catch(() => {});
  beforePrinting(start);
}

// Lets the browser paint and handle input between two parts of the set-up.
const yieldToBrowser = () => new Promise((resolve) => { setTimeout(resolve, 0); });

// `embed` is what startEmbed() returned. Each part is set up in a task of its own, the part a link
// names first, so that no single task blocks the page for long and the part the reader came for
// draws first.
export async function startPage(embed) {
  const core = await getCore();
  const activations = core.activations();
  const byId = Object.fromEntries(activations.map((activation) => [activation.id, activation]));
  let marked = false;
  const onFirstRender = () => {
    if (!marked) performance.mark('first-chart');
    marked = true;
  };
  // Marked deferred at once (before the first yield), so that nothing waits on parts not begun.
  later(document.getElementById('labs'), () => import('../labs/labs.js'), ({ setupLabs }) => setupLabs(activations, core));
  later(document.getElementById('custom'), () => import('../sections/custom.js'),
    ({ setupCustom }) => setupCustom(document.getElementById('custom'), core));
  const parts = [];
  const generated = [];
  for (const activation of activations) {
    const section = document.getElementById(activation.id);
    if (!section) {
      generated.push(activation);
      continue;
    }
    parts.push([section, () => {
      const api = setupSection(section, activation, core, { onFirstRender });
      if (activation.id === 'leaky_relu') setupLeaky(section, { leaky: activation, relu: byId.relu }, core, api);
    }]);
  }
  const catalogue = document.getElementById('catalogue');
  parts.push([catalogue, () => {
    const propertiesSlot = catalogue.querySelector('[data-slot="properties"]');
    const properties = createPropertiesTable(propertiesSlot, activations, core).catch((failure) => {
      propertiesSlot.textContent = `The properties table could not be computed: ${failure.message}`;
      propertiesSlot.classList.add('load-error');
    });
    // Printed as it is once every row is in, or with the sentence saying why not.
    beforePrinting(() => properties);
    embed.settle(Promise.all([setupCatalogue(catalogue.querySelector('[data-slot="entries"]'), generated, core), ...linkedParts]));
  }]);
  const compare = document.getElementById('compare');
  parts.push([compare, () => setupCompare(compare, activations, core)]);
  const lesson = document.getElementById('floating-point');
  parts.push([lesson, () => setupLesson(lesson, core)]);
  const loss = document.getElementById('loss');
  later(loss, () => import('../sections/loss.js'), ({ setupLoss }) => setupLoss(loss, core));
  const softmax = document.getElementById('softmax');
  later(softmax, () => import('../sections/softmax.js'), ({ setupSoftmax }) => setupSoftmax(softmax, core));
  const results = document.getElementById('results');
  parts.push([results, () => setupResults(results)]);

  // A generated catalogue entry (fn=gelu) does not exist before the catalogue part makes it.
  const { fn, section } = readLoadedUrlState(['fn', 'section']);
  const linked = document.getElementById(fn ?? section ?? '') ?? (fn === null ? null : catalogue);
  const first = linked ? parts.findIndex(([element]) => element.contains(linked)) : -1;
  if (first > 0) parts.unshift(...parts.splice(first, 1));
  for (const [, setUp] of parts) {
    setUp();
    await yieldToBrowser();
  }
  addEmbedButtons();
}

const nextFrame = () => new Promise((resolve) => { requestAnimationFrame(() => resolve()); });

// For the Print button, once startPage() has resolved: loads and builds every part that is still
// waiting for the reader (the labs' and the own-activation section's code, every catalogue entry, the
// properties table, every derivation's list of steps), and resolves once every figure shown has been
// drawn at its laid-out size. Rejects with the first failure.
export async function loadEverything() {
  await prepareForPrinting();
  drawAllCharts();
  // Charts draw as they are given data; those laid out afresh redraw at their new size (Chart.js's
  // resize observer) by the end of the next frame.
  await nextFrame();
  await nextFrame();
  const undrawn = [...document.querySelectorAll('main canvas')]
    .filter((canvas) => !canvas.closest('[hidden]') && !canvas.chart);
  if (undrawn.length > 0) {
    throw new Error(`${undrawn.length === 1 ? 'a figure was' : `${undrawn.length} figures were`} not drawn`);
  }
}
