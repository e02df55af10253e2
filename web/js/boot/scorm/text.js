// What the learner typed, made fit for an LMS string field: one line, at most `max` UTF-16 units
// (the unit SCORM's limits and the run-times' checks count), never cut inside a surrogate pair.
export function lmsText(text, max) {
  const line = String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

// `ms` milliseconds as whole hundredths of a second and their parts.
export function durationParts(ms) {
  const hundredths = Math.max(0, Math.round((Number.isFinite(ms) ? ms : 0) / 10));
  return { hours: Math.floor(hundredths / 360000), minutes: Math.floor(hundredths / 6000) % 60,
    seconds: Math.floor(hundredths / 100) % 60, hundredths: hundredths % 100 };
}

export const pad = (value, digits = 2) => String(value).padStart(digits, '0');
