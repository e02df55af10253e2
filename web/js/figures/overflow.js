// A display line wider than a narrow screen scrolls sideways; then it must be reachable by keyboard,
// so it becomes focusable exactly while it overflows.
function updateScrollable(element) {
  if (element.scrollWidth > element.clientWidth + 1) element.tabIndex = 0;
  else element.removeAttribute('tabindex');
}

const watcher = new ResizeObserver((entries) => entries.forEach(({ target }) => updateScrollable(target)));

// A font that finishes loading widens math without resizing its box, and a section far from the
// viewport is not laid out (content-visibility: auto), so the resize observer says nothing until the
// reader gets there: every watched line is measured again whenever fonts finish loading (reading
// scrollWidth lays a skipped section out), so that it is focusable before the reader tabs into it.
// Watched lines carry data-overflow-watched, found again then: a list of them would keep every line a
// replaced derivation ever had.
document.fonts?.addEventListener('loadingdone', () => {
  document.querySelectorAll('[data-overflow-watched]').forEach(updateScrollable);
});

// Keeps `element` focusable while its content is wider than it is.
// A line typeset before it is put in the page (a derivation's steps are built, then inserted) is
// measured once it is there: in a section not yet shown, the resize observer would not report it.
export function watchOverflow(element) {
  element.dataset.overflowWatched = '';
  watcher.observe(element);
  if (element.isConnected) updateScrollable(element);
  else requestAnimationFrame(() => updateScrollable(element));
}
