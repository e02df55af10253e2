// Entry point. The first view is prose and math that the build has already typeset (see
// scripts/bundle.mjs), so it needs neither the core nor Chart.js nor KaTeX's script: those come with
// page.js, loaded when the reader nears an interactive section (at once in the single-file build,
// which has nothing to download, and at once when a link opens the page at a part of it).
//
// The hosted page loads this module with `async`, so it may run before the document is parsed: it
// reads only the address until then, and starts fetching what a link needs at once, which spares a
// link to a plot (an embedded view, say) the time the browser takes to parse the page.
import { CORE_URL } from '../core/core-url.js';
import { startEmbed } from './embed.js';
import { addEmbedButtons } from './embed-button.js';
import { registerOffline } from './offline.js';
import { watchOverflow } from '../figures/overflow.js';
import { setupPrintButton } from './print.js';
import { startScorm } from './scorm/reporter.js';
import { keepPracticeInTab } from '../state/practice-storage.js';
import { dropStalePreviews, placeEntryPreview } from './previews.js';
import { readUrlState } from '../state/url-state.js';
import { whenNear } from './when-near.js';

// The page's code and the core, fetched and compiled side by side. The .wasm, the largest file and
// the last in its chain of imports, is asked for first.
function loadParts() {
  if (CORE_URL) {
    const hint = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href: CORE_URL });
    // As the core fetches it (mode cors, same-origin credentials), so that fetch finds this response.
    hint.crossOrigin = 'anonymous';
    document.head.append(hint);
  }
  return Promise.all([import('./page.js'), import('../core/core.js').then(({ getCore }) => getCore())]);
}

function whenParsed(start) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

// A link to a part of the page (fn=, section=) or an embedded view wants it at once.
const { embed: embedded, fn, section } = readUrlState(['embed', 'fn', 'section']);

// The plots' previews as this link needs them, for what is parsed; again once the page is (below).
// The Embed buttons as early, for what is parsed: the head's script has brought a linked part into
// view, and a button added to it later moves what the reader sees (added to the parts above it, it
// moves nothing: the browser keeps the view anchored).
dropStalePreviews(fn);
addEmbedButtons();

let early = embedded === '1' || fn !== null || section !== null ? loadParts() : null;
// A failure is reported once the page is parsed (below); until then it is not "unhandled".
early?.catch(() => {});

whenParsed(() => {
  addEmbedButtons();
  placeEntryPreview(fn);
  dropStalePreviews(fn);
  // Before anything awaits: an embedded page never shows its header.
  const embed = startEmbed();
  registerOffline();
  // The practice kept in this tab first, then an LMS's record (each keeps what is already there).
  keepPracticeInTab();
  startScorm();
  for (const element of document.querySelectorAll('[data-typeset-display]')) watchOverflow(element);
  const banner = document.querySelector('[data-slot="load-error"]');
  // Loads the page's code and the core (again if that failed: the reader may be back online), then
  // sets the page up, once; resolves to page.js when every part is set up.
  let started = null;
  const start = () => {
    started ??= (early ?? loadParts()).then(async ([page]) => {
      banner.hidden = true;
      await page.startPage(embed);
      return page;
    }, (failure) => {
      early = null;
      started = null;
      throw failure;
    });
    return started;
  };
  // The sections with anything to compute: a plot or a slot for the core's output.
  const interactive = [...document.querySelectorAll('main section')]
    .filter((part) => part.querySelector('canvas, [data-slot]'));
  (early ? Promise.resolve() : whenNear(interactive, { margin: '0px' }))
    .then(start)
    .catch((failure) => {
      banner.textContent = `The interactive parts could not start: ${failure.message}`;
      banner.hidden = false;
    });
  setupPrintButton(document.getElementById('print-button'), document.querySelector('[data-slot="print-status"]'),
    () => start().then((page) => page.loadEverything()));
});
