// The catalogue: one generated section per activation that has no hand-written section, each with
// its summary, definition, plot, parameter sliders, kinks and engine derivation. A section's body is
// built when it nears the viewport, or in idle time after the first chart, one section per task.
import { cloneTemplate } from '../state/inputs.js';
import { renderMath, renderRichText, renderTexIn } from '../figures/math.js';
import { renderKinks } from '../figures/derivation.js';
import { setupSection } from './section.js';
import { beforePrinting } from '../figures/media.js';

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
  renderMath(entry.querySelector('[data-slot="entry-definition"]'), `g(z) = ${activation.latex}`, { display: true });
  return entry;
}

// Fills the body of an entry: plot, parameters, kinks, stepper, engine tree.
function buildEntry(entry, activation, core) {
  const body = entry.querySelector('[data-slot="body"]');
  renderTexIn(body);
  body.hidden = false;
  delete entry.dataset.pending;
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
}

const idle = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 16));

// Appends an entry to `container` for each activation in `activations`, and builds their bodies:
// first those near the viewport, then the rest in idle time. Resolves once every body is built.
export function setupCatalogue(container, activations, core) {
  const pending = new Map();
  for (const activation of activations) {
    const entry = createEntry(activation, container);
    container.append(entry);
    pending.set(entry, activation);
  }
  return new Promise((resolve) => {
    if (pending.size === 0) {
      resolve();
      return;
    }
    function build(entry) {
      const activation = pending.get(entry);
      if (!activation) return;
      pending.delete(entry);
      observer.unobserve(entry);
      buildEntry(entry, activation, core);
      if (pending.size === 0) {
        observer.disconnect();
        resolve();
      }
    }
    const observer = new IntersectionObserver((records) => {
      for (const record of records) if (record.isIntersecting) build(record.target);
    }, { rootMargin: '800px 0px' });
    for (const entry of pending.keys()) observer.observe(entry);
    const next = () => {
      const [entry] = pending.keys();
      if (!entry) return;
      build(entry);
      idle(next, { timeout: 1000 });
    };
    idle(next, { timeout: 1000 });
    // Printing shows every entry in full (one preparation each: the Print button builds one a task).
    for (const entry of pending.keys()) beforePrinting(() => build(entry));
  });
}
