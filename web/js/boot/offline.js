// Registers the service worker (dist/sw.js), so that a page visited once over http(s) works offline.
// Only the hosted build has one, and says so with its web app manifest link: the single file (opened
// from disk, or served by an LMS from a SCORM package) has neither. Not in an opaque-origin sandbox
// either, where merely asking can throw.
export function registerOffline() {
  let container = null;
  try {
    const hosted = document.querySelector('link[rel="manifest"]') !== null;
    if (hosted && /^https?:$/.test(window.location.protocol)) container = navigator.serviceWorker ?? null;
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
