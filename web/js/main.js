// Entry point. The first view is prose and math that the build has already typeset (see
// scripts/bundle.mjs), so it needs neither the core nor Chart.js nor KaTeX's script: those come with
// page.js, loaded when the reader nears an interactive section (at once in the single-file build,
// which has nothing to download, and at once when a link opens the page at a section).
import { startEmbed } from './embed.js';
import { registerOffline } from './offline.js';
import { watchOverflow } from './overflow.js';
import { startScorm } from './scorm.js';
import { readUrlState } from './url-state.js';
import { whenNear } from './when-near.js';

// First, before anything awaits: an embedded page never shows its header.
const embed = startEmbed();
registerOffline();
startScorm();
for (const element of document.querySelectorAll('[data-typeset-display]')) watchOverflow(element);

// The sections with anything to compute: a plot or a slot for the core's output.
const interactive = [...document.querySelectorAll('main section')]
  .filter((section) => section.querySelector('canvas, [data-slot]'));

// A link to a part of the page (fn=, section=) or an embedded view wants it at once.
const { fn, section } = readUrlState(['fn', 'section']);
const atOnce = embed.embedded || fn !== null || section !== null;

(atOnce ? Promise.resolve() : whenNear(interactive, { margin: '0px' }))
  // The core's module starts downloading and compiling while the page's code arrives.
  .then(() => Promise.all([import('./page.js'), import('./core.js').then(({ getCore }) => getCore())]))
  .then(([{ startPage }]) => startPage(embed))
  .catch((failure) => {
    const banner = document.querySelector('[data-slot="load-error"]');
    banner.textContent = `The interactive parts could not start: ${failure.message}`;
    banner.hidden = false;
  });
