// The interactive page, loaded by main.js when the reader nears it: loads the core, then wires each
// activation to its section (hand-written for the four classics, generated for the rest of the
// catalogue), the compare view and the floating-point lesson; the labs and the section where a
// student types an activation of their own bring their code when the reader nears them.
import { getCore } from './core.js';
import { setupSection } from './section.js';
import { setupLeaky } from './leaky.js';
import { setupCatalogue } from './catalogue.js';
import { setupCompare } from './compare.js';
import { createPropertiesTable } from './properties.js';
import { setupLesson } from './lesson.js';
import { addEmbedButtons } from './embed-button.js';
import { renderTexIn } from './math.js';
import { whenNear } from './when-near.js';

// How far ahead of the viewport a lazily loaded part starts loading.
const LEAD = '100%';

// Runs `setup` (which imports the part's code) once `section` comes near; until it has run, the
// section carries data-deferred (the end-to-end tests wait for charts outside deferred parts).
function later(section, setup) {
  if (!section) return;
  section.dataset.deferred = '';
  whenNear([section], { margin: LEAD })
    .then(setup)
    .then(() => delete section.dataset.deferred)
    .catch((failure) => {
      const message = Object.assign(document.createElement('p'), {
        className: 'load-error', textContent: `This part could not start: ${failure.message}`,
      });
      message.setAttribute('role', 'alert');
      section.prepend(message);
    });
}

// `embed` is what startEmbed() returned.
export async function startPage(embed) {
  renderTexIn(document.querySelector('main'));
  const core = await getCore();
  const activations = core.activations();
  const byId = Object.fromEntries(activations.map((activation) => [activation.id, activation]));
  let marked = false;
  const onFirstRender = () => {
    if (!marked) performance.mark('first-chart');
    marked = true;
  };
  const generated = [];
  for (const activation of activations) {
    const section = document.getElementById(activation.id);
    if (!section) {
      generated.push(activation);
      continue;
    }
    const api = setupSection(section, activation, core, { onFirstRender });
    if (activation.id === 'leaky_relu') setupLeaky(section, { leaky: activation, relu: byId.relu }, core, api);
  }
  const catalogue = document.getElementById('catalogue');
  const propertiesSlot = catalogue.querySelector('[data-slot="properties"]');
  createPropertiesTable(propertiesSlot, activations, core).catch((failure) => {
    propertiesSlot.textContent = `The properties table could not be computed: ${failure.message}`;
    propertiesSlot.classList.add('load-error');
  });
  const built = setupCatalogue(catalogue.querySelector('[data-slot="entries"]'), generated, core);
  embed.settle(built);
  addEmbedButtons();
  setupCompare(document.getElementById('compare'), activations, core);
  setupLesson(document.getElementById('floating-point'), core);
  later(document.getElementById('labs'), async () => {
    const { setupLabs } = await import('./labs.js');
    setupLabs(activations, core);
  });
  later(document.getElementById('custom'), async () => {
    const { setupCustom } = await import('./custom.js');
    setupCustom(document.getElementById('custom'), core);
  });
}
