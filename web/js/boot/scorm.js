// Reports completion to an LMS through the SCORM 1.2 API, when the page runs inside one (the package
// dist/activation-derivations-scorm.zip): 'incomplete' on launch, 'completed' once each tutorial
// derivation has been seen to its end, i.e. stepped to its last step or shown whole with "Show all
// steps". Progress is kept in cmi.suspend_data, so a reader may finish over several visits.
// Without an API (a plain visit, the single file from disk) it does nothing, and it never throws.

// The sections whose derivation steppers count towards completion.
const TUTORIAL = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];
// How far up the frames the search goes, as in ADL's reference finder.
const MAX_PARENTS = 7;

// window.API of `start` or one of its ancestors, or null. A cross-origin frame throws on access.
function searchFrames(start) {
  let win = start;
  for (let level = 0; win && level <= MAX_PARENTS; level += 1) {
    try {
      if (win.API) return win.API;
      if (win.parent === win) return null;
      win = win.parent;
    } catch {
      return null;
    }
  }
  return null;
}

// The SCORM 1.2 API object of the LMS: in this window's frame chain, then in its opener's.
function findApi() {
  const found = searchFrames(window);
  if (found) return found;
  try {
    return window.opener ? searchFrames(window.opener) : null;
  } catch {
    return null;
  }
}

// Calls method `name` of the API; the LMS's answer as a string, or '' if it has none or throws.
function call(api, name, ...args) {
  try {
    return String(api[name](...args) ?? '');
  } catch {
    return '';
  }
}

// Starts the SCORM session if an LMS provides the API; otherwise returns at once.
export function startScorm() {
  const api = findApi();
  if (!api || call(api, 'LMSInitialize', '') !== 'true') return;

  const status = call(api, 'LMSGetValue', 'cmi.core.lesson_status');
  let completed = status === 'completed' || status === 'passed';
  const seen = new Set(call(api, 'LMSGetValue', 'cmi.suspend_data').split(',')
    .filter((id) => TUTORIAL.includes(id)));
  const allSeen = () => TUTORIAL.every((tutorial) => seen.has(tutorial));
  if (!completed) {
    completed = allSeen();
    call(api, 'LMSSetValue', 'cmi.core.lesson_status', completed ? 'completed' : 'incomplete');
  }
  call(api, 'LMSCommit', '');

  document.addEventListener('derivation-step', (event) => {
    const { index, count, all } = event.detail ?? {};
    const id = event.target.closest?.('section')?.id;
    if (!TUTORIAL.includes(id) || seen.has(id) || !(all || index === count - 1)) return;
    seen.add(id);
    call(api, 'LMSSetValue', 'cmi.suspend_data', [...seen].join(','));
    if (!completed && allSeen()) {
      completed = true;
      call(api, 'LMSSetValue', 'cmi.core.lesson_status', 'completed');
    }
    call(api, 'LMSCommit', '');
  });

  let finished = false;
  window.addEventListener('pagehide', () => {
    if (finished) return;
    finished = true;
    // 'suspend' asks the LMS to keep suspend_data for the next visit.
    call(api, 'LMSSetValue', 'cmi.core.exit', completed ? '' : 'suspend');
    call(api, 'LMSCommit', '');
    call(api, 'LMSFinish', '');
  });
}
