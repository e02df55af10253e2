// Loading on demand: the hosted build (LOAD_WHEN_NEEDED, set by scripts/bundle.mjs) fetches a part's
// code when the reader comes near it; the single file, which has everything inline, starts at once.

// Resolves once any of `elements` comes within `margin` (a CSS length: how far ahead of the viewport
// to start) of the viewport, or the page is about to print; at once without LOAD_WHEN_NEEDED.
export function whenNear(elements, { margin }) {
  if (!LOAD_WHEN_NEEDED || elements.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new IntersectionObserver((records) => {
      if (!records.some((record) => record.isIntersecting)) return;
      done();
    }, { rootMargin: `${margin} 0px` });
    function done() {
      observer.disconnect();
      window.removeEventListener('beforeprint', done);
      resolve();
    }
    for (const element of elements) observer.observe(element);
    window.addEventListener('beforeprint', done);
  });
}
