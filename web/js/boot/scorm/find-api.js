// Finds the LMS's SCORM API as ADL's reference finder does: in this window, its parents (up to
// MAX_PARENTS), then the opener's chain. SCORM 2004's window.API_1484_11 is looked for first, then
// SCORM 1.2's window.API, so a player that offers both gets the newer data model.
const MAX_PARENTS = 7;

// The object named `name` on `start` or one of its ancestors, or null. A cross-origin frame throws
// on access: the search stops there.
function searchFrames(start, name) {
  let win = start;
  for (let level = 0; win && level <= MAX_PARENTS; level += 1) {
    try {
      if (win[name]) return win[name];
      if (win.parent === win) return null;
      win = win.parent;
    } catch {
      return null;
    }
  }
  return null;
}

function search(name) {
  const found = searchFrames(window, name);
  if (found) return found;
  try {
    return window.opener ? searchFrames(window.opener, name) : null;
  } catch {
    return null;
  }
}

// {version: '2004' | '1.2', api}, or null when the page is not inside an LMS.
export function findApi() {
  const api2004 = search('API_1484_11');
  if (api2004) return { version: '2004', api: api2004 };
  const api12 = search('API');
  return api12 ? { version: '1.2', api: api12 } : null;
}

// A caller of the API's methods: the LMS's answer as a string, or '' if it has none or throws.
export const caller = (api) => (name, ...args) => {
  try {
    return String(api[name](...args) ?? '');
  } catch {
    return '';
  }
};
