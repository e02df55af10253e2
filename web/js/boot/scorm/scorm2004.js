// The SCORM 2004 (4th edition) adapter: the reporter's score, status, interactions and suspend data
// written in the 2004 data model (cmi.score.*, cmi.completion_status and cmi.success_status apart,
// cmi.interactions.n.*), through window.API_1484_11.
import { caller } from './find-api.js';
import { durationParts, lmsText } from './text.js';

// localized_string_type(250), one entry of a fill-in learner_response.
const RESPONSE_LIMIT = 250;

// An ISO 8601 duration (timeinterval (second,10,2)): PT1H2M3.45S, PT0S for none.
export function duration2004(ms) {
  const { hours, minutes, seconds, hundredths } = durationParts(ms);
  const parts = [hours && `${hours}H`, minutes && `${minutes}M`,
    (seconds || hundredths) && `${seconds}${hundredths ? `.${String(hundredths).padStart(2, '0')}` : ''}S`];
  return `PT${parts.filter(Boolean).join('') || '0S'}`;
}

// time (second,10,0): UTC to the hundredth, e.g. 2026-03-01T09:30:05.12Z.
const timestamp2004 = (at) => new Date(at).toISOString().replace(/\.(\d\d)\dZ$/, '.$1Z');

// A fill-in response is a list split at "[,]", each entry refused if it starts with "{" (read as
// a {lang=} or {case_matters=} prefix): one entry, with neither.
export function fillIn(response) {
  const text = lmsText(response, Infinity).replaceAll('[,]', '[ ,]');
  return lmsText(text.startsWith('{') ? ` ${text}` : text, RESPONSE_LIMIT);
}

export function scorm2004(api) {
  const call = caller(api);
  const get = (element) => call('GetValue', element);
  const set = (element, value) => call('SetValue', element, String(value));
  return {
    initialize: () => call('Initialize', '') === 'true',
    // What the LMS says at launch. suspend_data belongs to a resumed attempt only (a new attempt
    // starts empty, and reading an element never set is an error in 2004).
    launch() {
      const resumed = get('cmi.entry') === 'resume';
      const mastery = get('cmi.scaled_passing_score');
      return {
        suspend: resumed ? get('cmi.suspend_data') : '',
        mastery: /^-?\d+(\.\d+)?$/.test(mastery) ? Number(mastery) : null,
        completed: get('cmi.completion_status') === 'completed',
        interactions: Number.parseInt(get('cmi.interactions._count'), 10) || 0,
      };
    },
    status({ completed, success }) {
      set('cmi.completion_status', completed ? 'completed' : 'incomplete');
      if (success) set('cmi.success_status', success);
    },
    score(raw, max) {
      set('cmi.score.scaled', raw / max);
      set('cmi.score.raw', raw);
      set('cmi.score.min', 0);
      set('cmi.score.max', max);
    },
    interaction(n, { id, response, correct, latency, at }) {
      const field = `cmi.interactions.${n}.`;
      set(`${field}id`, id);
      set(`${field}type`, 'fill-in');
      set(`${field}learner_response`, fillIn(response));
      set(`${field}result`, correct ? 'correct' : 'incorrect');
      set(`${field}latency`, duration2004(latency));
      set(`${field}timestamp`, timestamp2004(at));
    },
    suspend: (text) => set('cmi.suspend_data', text),
    commit: () => call('Commit', ''),
    finish({ suspend, sessionMs }) {
      set('cmi.exit', suspend ? 'suspend' : 'normal');
      set('cmi.session_time', duration2004(sessionMs));
      call('Commit', '');
      call('Terminate', '');
    },
  };
}
