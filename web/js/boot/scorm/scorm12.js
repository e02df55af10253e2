// The SCORM 1.2 adapter: the reporter's score, status, interactions and suspend data written in
// the 1.2 data model (cmi.core.*, cmi.interactions.n.*), through window.API.
import { caller } from './find-api.js';
import { durationParts, lmsText, pad } from './text.js';

// CMIString255: cmi.interactions.n.student_response.
const RESPONSE_LIMIT = 255;

// CMITimespan, HHHH:MM:SS.SS (hours capped at 9999, the format's largest).
export function timespan12(ms) {
  const { hours, minutes, seconds, hundredths } = durationParts(ms);
  if (hours > 9999) return '9999:59:59.99';
  return `${pad(hours, 4)}:${pad(minutes)}:${pad(seconds)}.${pad(hundredths)}`;
}

// CMITime, HH:MM:SS: the learner's clock time at `at` (ms since the epoch).
function clock12(at) {
  const time = new Date(at);
  return `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`;
}

export function scorm12(api) {
  const call = caller(api);
  const get = (element) => call('LMSGetValue', element);
  const set = (element, value) => call('LMSSetValue', element, String(value));
  return {
    initialize: () => call('LMSInitialize', '') === 'true',
    // What the LMS says at launch; mastery as a fraction (mastery_score is 0..100), or null.
    launch() {
      const mastery = get('cmi.student_data.mastery_score');
      return {
        suspend: get('cmi.suspend_data'),
        mastery: /^\d+(\.\d+)?$/.test(mastery) ? Number(mastery) / 100 : null,
        completed: ['completed', 'passed'].includes(get('cmi.core.lesson_status')),
        interactions: Number.parseInt(get('cmi.interactions._count'), 10) || 0,
      };
    },
    // 1.2 has one status: passed/failed when judged, otherwise completed/incomplete.
    status({ completed, success }) {
      set('cmi.core.lesson_status', success ?? (completed ? 'completed' : 'incomplete'));
    },
    score(raw, max) {
      set('cmi.core.score.raw', raw);
      set('cmi.core.score.min', 0);
      set('cmi.core.score.max', max);
    },
    interaction(n, { id, response, correct, latency, at }) {
      const field = `cmi.interactions.${n}.`;
      set(`${field}id`, id);
      set(`${field}type`, 'fill-in');
      set(`${field}student_response`, lmsText(response, RESPONSE_LIMIT));
      set(`${field}result`, correct ? 'correct' : 'wrong');
      set(`${field}latency`, timespan12(latency));
      set(`${field}time`, clock12(at));
    },
    suspend: (text) => set('cmi.suspend_data', text),
    commit: () => call('LMSCommit', ''),
    // '' (a normal exit) when the learner is done, 'suspend' to be resumed.
    finish({ suspend, sessionMs }) {
      set('cmi.core.exit', suspend ? 'suspend' : '');
      set('cmi.core.session_time', timespan12(sessionMs));
      call('LMSCommit', '');
      call('LMSFinish', '');
    },
  };
}
