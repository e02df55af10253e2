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
import { linkedPart } from './embed.js';
import { readLoadedUrlState } from '../state/url-state.js';
import { whenNear } from './when-near.js';
import { inTurn, yieldToBrowser } from '../state/tasks.js';
import { beforePrinting, prepareForPrinting } from '../figures/media.js';
import { drawAllCharts } from '../figures/plot.js';

// How far ahead of the viewport a part starts being set up.
const LEAD = '100%';

// The set-ups of the parts that a link names, begun at once: the link scrolls to its part again once
// they are done (they change the heights above it).
const linkedParts = [];

// Sets `section` up once the reader comes near it, or when the page is to be printed, or at once when
// the link names it (`linked`): `load()` imports the part's code, if it has any of its own (again if
// that failed, so a reader back online can retry), `setup(module)` wires it. Until then the section
// carries data-deferred (the end-to-end tests wait for charts outside deferred parts, and the print
// styles warn that the part is missing). A page opened at one part sets up nothing else until the
// reader comes near it: a link to a plot is busy with that plot alone.
function later(section, load, setup, { linked }) {
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
      // A part with code of its own waits for it; one without takes its turn at once.
      started = (load ? load().then((module) => inTurn(() => setup(module))) : inTurn(setup)).then(() => {
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
  // A failure is shown in the section (above); printing asks again.
  if (linked) linkedParts.push(start().catch(() => {}));
  else whenNear([section], { margin: LEAD }).then(start).catch(() => {});
  beforePrinting(start);
}

// A part whose code is in this module: nothing to load.
const ownCode = null;

// `embed` is what startEmbed() returned. Each part is set up in a task of its own, when the reader
// nears it; the part a link names first, and at once.
export async function startPage(embed) {
  const core = await getCore();
  // Not in the task that evaluated this module's imports (Chart.js and KaTeX define their tables
  // then: about 15 ms on a desktop, four times that on a phone).
  await yieldToBrowser();
  const activations = core.activations();
  const byId = Object.fromEntries(activations.map((activation) => [activation.id, activation]));
  const catalogue = document.getElementById('catalogue');
  // The catalogue's entries (fn=gelu) exist once setupCatalogue() has made them: a link to one names
  // the catalogue until then.
  const { fn, section } = readLoadedUrlState(['fn', 'section']);
  // The part the link names, as the head's script and the embedded view read it: fn= an activation's
  // section (or a catalogue entry not made yet), section= one of the other parts.
  const named = linkedPart(fn, section)
    ?? (fn !== null && Object.hasOwn(byId, fn) && document.getElementById(fn) === null ? catalogue : null);
  const part = (element, load, setup) => later(element, load, setup, { linked: Boolean(named && element?.contains(named)) });

  part(document.getElementById('labs'), () => import('../labs/labs.js'), ({ setupLabs }) => setupLabs(activations, core));
  part(document.getElementById('custom'), () => import('../sections/custom.js'),
    ({ setupCustom }) => setupCustom(document.getElementById('custom'), core));
  const generated = [];
  for (const activation of activations) {
    const element = document.getElementById(activation.id);
    if (!element) generated.push(activation);
    else {
      part(element, ownCode, () => {
        const api = setupSection(element, activation, core);
        if (activation.id === 'leaky_relu') setupLeaky(element, { leaky: activation, relu: byId.relu }, core, api);
        return api.ready;
      });
    }
  }
  // The entries' headings and definitions, one a task, as the reader nears the catalogue; each entry's
  // body as the reader nears it.
  const entries = catalogue.querySelector('[data-slot="entries"]');
  part(catalogue, ownCode, () => setupCatalogue(entries, generated, core).then(() => addEmbedButtons(entries)));
  const propertiesSlot = catalogue.querySelector('[data-slot="properties"]');
  part(propertiesSlot, ownCode, () => {
    const properties = createPropertiesTable(propertiesSlot, activations, core).catch((failure) => {
      propertiesSlot.textContent = `The properties table could not be computed: ${failure.message}`;
      propertiesSlot.classList.add('load-error');
    });
    // Printed as it is once every row is in, or with the sentence saying why not.
    beforePrinting(() => properties);
  });
  const compare = document.getElementById('compare');
  part(compare, ownCode, () => setupCompare(compare, activations, core));
  const lesson = document.getElementById('floating-point');
  part(lesson, ownCode, () => setupLesson(lesson, core));
  const loss = document.getElementById('loss');
  part(loss, () => import('../sections/loss.js'), ({ setupLoss }) => setupLoss(loss, core));
  const softmax = document.getElementById('softmax');
  part(softmax, () => import('../sections/softmax.js'), ({ setupSoftmax }) => setupSoftmax(softmax, core));
  const results = document.getElementById('results');
  part(results, ownCode, () => setupResults(results));
  // A link to a catalogue entry finds it once the entries are in.
  if (named === catalogue) await Promise.all(linkedParts);
  embed.settle(Promise.all(linkedParts));
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
