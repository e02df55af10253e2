// Entry point: loads the core, then wires each activation to its section of the page (hand-written
// for the four classics, generated for the rest of the catalogue), the compare view, the two labs,
// and the section where a student types an activation of their own.
import { getCore } from './core.js';
import { renderTexIn } from './math.js';
import { setupSection } from './section.js';
import { setupLeaky } from './leaky.js';
import { setupCustom } from './custom.js';
import { setupCatalogue } from './catalogue.js';
import { setupCompare } from './compare.js';
import { createPropertiesTable } from './properties.js';
import { setupLesson } from './lesson.js';
import { setupDepthLab } from './depth-lab.js';
import { setupTrainingLab } from './training-lab.js';
import { startEmbed } from './embed.js';
import { addEmbedButtons } from './embed-button.js';
import { registerOffline } from './offline.js';
import { startScorm } from './scorm.js';

// First, before anything awaits: an embedded page never shows its header.
const embed = startEmbed();
registerOffline();
startScorm();

async function main() {
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
  setupDepthLab(document.getElementById('depth-lab'), activations, core);
  setupTrainingLab(document.getElementById('training-lab'), activations, core);
  const custom = document.getElementById('custom');
  if (custom) setupCustom(custom, core);
}

main().catch((failure) => {
  const banner = document.querySelector('[data-slot="load-error"]');
  banner.textContent = `The interactive parts could not start: ${failure.message}`;
  banner.hidden = false;
});
