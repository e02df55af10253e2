// The "Embed" button after each embeddable section's heading, and the one dialog it opens: an <iframe>
// snippet for that section as it is now (the address's settings kept, embed=1 and fn or section set,
// an activation's parameters and derivation step included), in a read-only text box with a Copy button.
import { cloneTemplate } from '../state/templates.js';
import { linkableParts } from './embed.js';
import { viewEntries } from '../state/activation-state.js';
import { applyEntries } from '../state/url-state.js';

// Room for the embedded page's margins around the section, in CSS pixels.
const FRAME_MARGIN = 48;

// `text` made safe inside a double-quoted HTML attribute.
export function escapeAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function titleOf(section) {
  return document.getElementById(section.getAttribute('aria-labelledby'))?.textContent.trim() ?? section.id;
}

// Entries removing fn=, section=, step= and the parameters of the activation the URL `url` names,
// so that they do not linger in a link to another part of the page.
function withoutView(url) {
  const fn = url.searchParams.get('fn');
  const previous = fn ? viewEntries(document.getElementById(fn)) : null;
  return Object.fromEntries([...Object.keys(previous ?? {}), 'fn', 'section', 'step'].map((key) => [key, null]));
}

// The address of `section` as it is now: the current one (which keeps the page's settings) with
// fn= (and the activation's parameters and step) or section= set; with `embed`, also embed=1.
export function shareUrl(section, { embed = false } = {}) {
  const url = new URL(window.location.href);
  const activation = section.classList.contains('activation');
  // A generated section not built yet shows its defaults: fn= alone.
  const view = activation ? viewEntries(section) : null;
  if (view) applyEntries(url, view);
  else applyEntries(url, { ...withoutView(url), [activation ? 'fn' : 'section']: section.id });
  if (embed) url.searchParams.set('embed', '1');
  else url.searchParams.delete('embed');
  url.hash = '';
  return url.href;
}

// The address that embeds `section` alone.
export const embedUrl = (section) => shareUrl(section, { embed: true });

// The <iframe> snippet for `section` at its current height.
export function embedSnippet(section) {
  const height = Math.ceil(section.getBoundingClientRect().height) + FRAME_MARGIN;
  const title = `${titleOf(section)}: activation functions and their derivatives`;
  return `<iframe src="${escapeAttribute(embedUrl(section))}" title="${escapeAttribute(title)}" width="100%" `
    + `height="${height}" loading="lazy" sandbox="allow-scripts"></iframe>`;
}

let dialog = null;
let current = null;

function openDialog(section, opener) {
  if (!dialog) {
    dialog = cloneTemplate('embed-template');
    document.body.append(dialog);
    const code = dialog.querySelector('textarea');
    const link = dialog.querySelector('input[name="link"]');
    const status = dialog.querySelector('[data-slot="status"]');
    const copy = (field, what) => {
      const fallback = () => {
        field.focus();
        field.select();
        status.textContent = `Press Ctrl+C (⌘C on a Mac) to copy the selected ${what}.`;
      };
      if (!navigator.clipboard?.writeText) {
        fallback();
        return;
      }
      navigator.clipboard.writeText(field.value)
        .then(() => { status.textContent = 'Copied.'; })
        .catch(fallback);
    };
    dialog.querySelector('[data-action="copy"]').addEventListener('click', () => copy(code, 'code'));
    dialog.querySelector('[data-action="copy-link"]').addEventListener('click', () => copy(link, 'link'));
    dialog.querySelector('[data-action="close"]').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => current?.focus());
  }
  current = opener;
  dialog.querySelector('[data-slot="what"]').textContent = titleOf(section);
  dialog.querySelector('textarea').value = embedSnippet(section);
  dialog.querySelector('input[name="link"]').value = shareUrl(section);
  dialog.querySelector('[data-slot="status"]').textContent = '';
  dialog.showModal();
}

// Adds an Embed button after the heading of every activation section and every part marked data-part.
export function addEmbedButtons(root = document) {
  const sections = [...root.querySelectorAll('section.activation'),
    ...linkableParts()];
  for (const section of sections) {
    const heading = document.getElementById(section.getAttribute('aria-labelledby'));
    if (!heading || section.querySelector(':scope > .embed-button')) continue;
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'button embed-button', textContent: 'Embed' });
    button.setAttribute('aria-label', `Embed ${titleOf(section)}`);
    button.setAttribute('aria-haspopup', 'dialog');
    button.addEventListener('click', () => openDialog(section, button));
    heading.after(button);
  }
}
