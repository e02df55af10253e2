// Embed mode (?embed=1): the page without its header, navigation and footer, showing one section
// (fn=<activation id>, or section=<id> of a part marked data-part) or, without either, the whole tutorial; and, inside
// a frame, the page's height posted to the parent whenever it changes. Nothing from the address is ever
// inserted as HTML, and nothing here needs storage, cookies or the top window.
import { readUrlState } from '../state/url-state.js';

// The non-activation parts of the page that `section=` may choose: the sections web/index.html marks
// data-part (its head's script reads the same mark), those parsed so far.
export const linkableParts = () => [...document.querySelectorAll('main section[data-part]')];
const SHOWN_LENGTH = 40;
// `id` from the address as a notice quotes it: cut after SHOWN_LENGTH characters.
const shownId = (id) => (id.length > SHOWN_LENGTH ? `${id.slice(0, SHOWN_LENGTH)}…` : id);
const MESSAGE_TYPE = 'activation-derivations:resize';
// How long after the page has settled a link keeps its section in view while the page above it
// changes height.
const LINK_HOLD_MS = 5000;

// The element `fn` or `section` names, or null: fn only names activation sections (hand-written or
// generated), section only the parts marked data-part.
function findTarget(key, id) {
  const element = id ? document.getElementById(id) : null;
  if (!element || element.tagName !== 'SECTION') return null;
  return (key === 'fn' ? element.classList.contains('activation') : element.hasAttribute('data-part')) ? element : null;
}

// The part a link names (fn=, or else section=), by the rule above, or null.
export function linkedPart(fn, section) {
  if (fn !== null) return findTarget('fn', fn);
  return section === null ? null : findTarget('section', section);
}

// Marks `target` and every ancestor inside <main> so the stylesheet hides everything off that path.
function show(target) {
  target.classList.add('embed-target');
  for (let node = target.parentElement; node && node.tagName !== 'MAIN'; node = node.parentElement) {
    node.classList.add('embed-path');
  }
}

function showNotice(text) {
  const notice = Object.assign(document.createElement('p'), { className: 'embed-notice', textContent: text });
  notice.setAttribute('role', 'status');
  document.querySelector('main').prepend(notice);
}

// Posts the page height to the parent frame, in this page's own form and in Canvas LMS's, once per
// animation frame at most and only when it changed. The height is the root element's box, which (unlike
// scrollHeight) can shrink below the frame's current height.
function reportHeight() {
  if (window.parent === window) return;
  let last = -1;
  let queued = false;
  const send = () => {
    queued = false;
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The parent's origin is unknown; the message carries nothing but the height.
    window.parent.postMessage({ type: MESSAGE_TYPE, height }, '*');
    window.parent.postMessage({ subject: 'lti.frameResize', height }, '*');
  };
  new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(send);
  }).observe(document.documentElement);
}

// Outside embed mode, fn= or section= in a shared link scrolls that part of the page into view once
// it exists, and again when `ready` (the generated sections' bodies, which change the heights above
// it) resolves, unless the reader has scrolled meanwhile; one that names nothing gets a notice and
// the page stays at the top.
function scrollToChosen(fn, section, ready) {
  const key = fn !== null ? 'fn' : 'section';
  const id = fn ?? section;
  if (id === null) return;
  const target = findTarget(key, id);
  if (target) {
    // At once, not smoothly (html's scroll-behavior): a smooth scroll would pass every part between
    // the top and the target, and each would be set up as it went by.
    target.scrollIntoView({ block: 'start', behavior: 'instant' });
    let moved = false;
    const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'];
    // The sections above are laid out only as they are needed (content-visibility: auto, at an
    // estimated height), some after `ready` (when fonts finish loading): while the page above the
    // target changes height, the target is brought back, until the reader moves or LINK_HOLD_MS pass.
    const above = new ResizeObserver(() => {
      if (!moved) target.scrollIntoView({ block: 'start', behavior: 'instant' });
    });
    const release = () => above.disconnect();
    const onMove = () => {
      moved = true;
      release();
    };
    for (const type of events) window.addEventListener(type, onMove, { once: true, passive: true });
    Promise.resolve(ready).then(() => {
      for (const type of events) window.removeEventListener(type, onMove);
      if (moved) return;
      target.scrollIntoView({ block: 'start', behavior: 'instant' });
      for (let node = target.previousElementSibling; node; node = node.previousElementSibling) above.observe(node);
      for (let node = target.parentElement; node && node.tagName !== 'BODY'; node = node.parentElement) {
        for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) above.observe(sibling);
      }
      for (const type of events) window.addEventListener(type, onMove, { once: true, passive: true });
      setTimeout(release, LINK_HOLD_MS);
    });
    return;
  }
  const shown = shownId(id);
  showNotice(`The link names no ${key === 'fn' ? 'activation' : 'section'} called “${shown}”; showing the page from the top.`);
  window.scrollTo({ top: 0, behavior: 'instant' });
}

// Applies embed mode from the address, before anything awaits, so the header never shows. Returns
// {embedded, settle(ready)}: call settle() once the generated sections exist (`ready`: a promise of
// their bodies being built); an fn or section that names
// nothing then gets a notice, and the first section is shown instead.
export function startEmbed() {
  const { embed, fn, section } = readUrlState(['embed', 'fn', 'section']);
  const embedded = embed === '1';
  if (!embedded) return { embedded, settle: (ready) => scrollToChosen(fn, section, ready) };
  const root = document.documentElement;
  root.classList.add('embed');
  const key = fn !== null ? 'fn' : 'section';
  const id = fn ?? section;
  let done = id === null;
  const attempt = () => {
    const target = findTarget(key, id);
    if (target) show(target);
    return Boolean(target);
  };
  if (!done) {
    root.classList.add('embed-one');
    done = attempt();
  }
  reportHeight();
  return {
    embedded,
    settle() {
      if (done) return;
      done = true;
      if (attempt()) return;
      const shown = shownId(id);
      const what = key === 'fn' ? 'activation' : 'section';
      showNotice(`There is no ${what} called “${shown}” to embed; showing the first section instead.`);
      show(document.querySelector('main > section'));
    },
  };
}
