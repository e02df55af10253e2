// Entry point: loads the core, then wires each activation to its section of the page, and the
// section where a student types an activation of their own.
import { getCore } from './core.js';
import { renderTexIn } from './math.js';
import { setupSection } from './section.js';
import { setupLeaky } from './leaky.js';
import { setupCustom } from './custom.js';

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
  for (const activation of activations) {
    const section = document.getElementById(activation.id);
    if (!section) continue;
    const api = setupSection(section, activation, core, { onFirstRender });
    if (activation.id === 'leaky_relu') setupLeaky(section, { leaky: activation, relu: byId.relu }, core, api);
  }
  const custom = document.getElementById('custom');
  if (custom) setupCustom(custom, core);
}

main().catch((failure) => {
  const banner = document.querySelector('[data-slot="load-error"]');
  banner.textContent = `The interactive parts could not start: ${failure.message}`;
  banner.hidden = false;
});
