// A display line wider than a narrow screen scrolls sideways; then it must be reachable by keyboard,
// so it becomes focusable exactly while it overflows.
function updateScrollable(element) {
  if (element.scrollWidth > element.clientWidth + 1) element.tabIndex = 0;
  else element.removeAttribute('tabindex');
}

const watcher = new ResizeObserver((entries) => entries.forEach(({ target }) => updateScrollable(target)));

// Keeps `element` focusable while its content is wider than it is.
export function watchOverflow(element) {
  watcher.observe(element);
  updateScrollable(element);
}
