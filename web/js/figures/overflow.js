// A display line wider than a narrow screen scrolls sideways; then it must be reachable by keyboard,
// so it becomes focusable exactly while it overflows.
import { inTurn } from '../state/tasks.js';

function updateScrollable(element) {
  if (element.scrollWidth > element.clientWidth + 1) element.tabIndex = 0;
  else element.removeAttribute('tabindex');
}

// A section far from the viewport is not laid out (content-visibility: auto): measuring a line in it
// would lay the section out there and then. The observer measures only lines that are laid out; the
// others are measured by it once their section is, or below.
const watcher = new ResizeObserver((entries) => {
  for (const { target } of entries) if (target.checkVisibility({ contentVisibilityAuto: true })) updateScrollable(target);
});

// Measures `elements` a section per task: each section not laid out yet is laid out in a task of its
// own rather than all of them in one long one.
function measureInTurn(elements) {
  const bySection = new Map();
  for (const element of elements) {
    const section = element.closest('section') ?? document.body;
    bySection.set(section, [...(bySection.get(section) ?? []), element]);
  }
  for (const lines of bySection.values()) inTurn(() => lines.forEach(updateScrollable));
}

// A font that finishes loading widens math without resizing its box, and a line in a section not laid
// out has not been measured: every watched line is measured again whenever fonts finish loading, so
// that it is focusable before the reader tabs into it. Watched lines carry data-overflow-watched,
// found again then: a list of them would keep every line a replaced derivation ever had.
document.fonts?.addEventListener('loadingdone', () => {
  measureInTurn(document.querySelectorAll('[data-overflow-watched]'));
});

// Keeps `element` focusable while its content is wider than it is.
// A line typeset before it is put in the page (a derivation's steps are built, then inserted) is
// measured once it is there: in a section not yet shown, the resize observer would not report it.
export function watchOverflow(element) {
  element.dataset.overflowWatched = '';
  watcher.observe(element);
  if (!element.isConnected) requestAnimationFrame(() => measureInTurn([element]));
}
