// The build's still previews of the plots (scripts/static-plots.mjs) as a link needs them, before the
// page's code or the core has loaded: main.js calls these at once and when the page is parsed.
import { readUrlState } from '../state/url-state.js';

// A preview shows its section at the defaults: a link that sets the parameters of the section it names
// (fn=leaky_relu&alpha=0.3) would show the wrong curves until the chart draws, so the previews in
// section `fn` that list one of the address's keys in data-params go before they are ever painted. A
// lab's preview lists in data-settings the lab's own address keys that change it (depth.L), which
// mean the same wherever the link points: it goes when the address has any of them.
export function dropStalePreviews(fn) {
  const previews = document.getElementById(fn ?? '')?.querySelectorAll('.static-plot[data-params]') ?? [];
  const stale = (keys) => Object.values(readUrlState(keys.split(' '))).some((value) => value !== null);
  for (const preview of previews) if (stale(preview.dataset.params)) preview.remove();
  for (const preview of document.querySelectorAll('.static-plot[data-settings]')) if (stale(preview.dataset.settings)) preview.remove();
}

// A link to a catalogue entry (fn=gelu): the page's code builds the entry once the core has loaded.
// Until then the entry's heading and its preview (the build's template for it) stand in its place and
// are brought into view, in an element web/js/sections/catalogue.js adopts as the entry. It takes the
// entry's id only then: page.js tells the hand-written sections from the generated ones by their ids.
export function placeEntryPreview(fn) {
  const preview = document.getElementById(`static-plot-${fn}`);
  if (!preview || document.getElementById(fn)) return;
  const entry = document.getElementById('entry-template').content.firstElementChild.cloneNode(true);
  entry.dataset.previewOf = fn;
  entry.querySelector('[data-slot="title"]').textContent = preview.dataset.name;
  entry.querySelector('[data-slot="body"]').hidden = false;
  entry.querySelector('canvas').before(preview.content.cloneNode(true));
  preview.after(entry);
  entry.scrollIntoView({ block: 'start', behavior: 'instant' });
}
