// Registers the service worker (dist/sw.js), so that a page visited once over http(s) works offline.
// Not from file:// (the single file) nor in an opaque-origin sandbox, where there is nothing to
// register and merely asking can throw.
export function registerOffline() {
  let container = null;
  try {
    if (/^https?:$/.test(window.location.protocol)) container = navigator.serviceWorker ?? null;
  } catch {
    return;
  }
  if (!container) return;
  const register = () => container.register('sw.js').catch(() => {
    // Without a worker the page still works online; there is nothing for the reader to do.
  });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
