// The catalogue: one generated section per activation that has no hand-written section, each with
// its summary, definition, plot, parameter sliders, kinks and engine derivation. A section's body is
// built when it nears the viewport (or the page is printed), one section per task: a page opened at
// one plot is not kept busy building the others.
import { cloneTemplate } from '../state/templates.js';
import { renderMath, renderRichText, renderTexIn } from '../figures/math.js';
import { renderKinks } from '../figures/derivation.js';
import { setupSection } from './section.js';
import { beforePrinting } from '../figures/media.js';
import { inTurn } from '../state/tasks.js';
import { definitionTex } from './definition.js';

// Builds the heading, summary and definition of `activation`'s entry (cheap), leaving its body for later.
// The entry a link's preview already stands for (web/js/boot/previews.js) is adopted, not made anew.
function createEntry(activation, container) {
  const placed = [...container.querySelectorAll(':scope > [data-preview-of]')].find((entry) => entry.dataset.previewOf === activation.id);
  const entry = placed ?? cloneTemplate('entry-template');
  delete entry.dataset.previewOf;
  entry.id = activation.id;
  entry.setAttribute('aria-labelledby', `${activation.id}-title`);
  const title = entry.querySelector('[data-slot="title"]');
  title.id = `${activation.id}-title`;
  title.textContent = activation.name;
  renderRichText(entry.querySelector('[data-slot="summary"]'), activation.summary);
  entry.querySelector('canvas').id = `chart-${activation.id}`;
  renderMath(entry.querySelector('[data-slot="entry-definition"]'), definitionTex(activation), { display: true });
  return entry;
}

// Fills the body of an entry: plot, parameters, kinks, stepper, engine tree. Resolves once the parts
// set up in later tasks (the stepper, the practice) are in too.
function buildEntry(entry, activation, core) {
  const body = entry.querySelector('[data-slot="body"]');
  renderTexIn(body);
  body.hidden = false;
  const api = setupSection(entry, activation, core);
  const paramSlot = entry.querySelector('[data-slot="params"]');
  for (const param of activation.params) {
    const holder = document.createElement('div');
    paramSlot.append(holder);
    api.addParamControl(holder, param, { template: 'param-template', prefix: `${activation.id}-${param.id}-control` });
  }
  // The kinks at the parameters shown: ELU's corner at 0 goes when alpha is 1.
  const box = entry.querySelector('[data-slot="kink-box"]');
  const list = entry.querySelector('[data-slot="kink-list"]');
  api.addFigure((z, params) => {
    const kinks = core.kinks(activation.id, params);
    return () => renderKinks(box, list, kinks);
  });
  return api.ready.then(() => delete entry.dataset.pending);
}

// Appends an entry to `container` for each activation in `activations`, one per task (each typesets
// its summary and definition), and builds each one's body once it comes within 800 px of the viewport.
// Resolves once every entry is in the page.
export function setupCatalogue(container, activations, core) {
  const pending = new Map();
  const observer = new IntersectionObserver((records) => {
    for (const record of records) if (record.isIntersecting) inTurn(() => build(record.target));
  }, { rootMargin: '800px 0px' });
  // Each entry's build, once begun: printing waits for it.
  const built = new Map();
  function build(entry) {
    const activation = pending.get(entry);
    if (activation) {
      pending.delete(entry);
      observer.unobserve(entry);
      built.set(entry, buildEntry(entry, activation, core));
    }
    return built.get(entry);
  }
  return Promise.all(activations.map((activation) => inTurn(() => {
    const entry = createEntry(activation, container);
    container.append(entry);
    pending.set(entry, activation);
    observer.observe(entry);
    // Printing shows every entry in full (one preparation each: the Print button builds one a task).
    beforePrinting(() => build(entry));
  })));
}
