// The floating-point lesson's thresholds as its prose quotes them: the text of each
// [data-fact][data-field] element of #floating-point, written into the page by the site's build
// (scripts/page-prose.mjs) and used by the lesson's tooltips. No DOM, so Node can import it.
import { formatBound, formatNumber } from '../figures/number-format.js';

// "1.11e−16", or "about 10^−347.4" for a true value no double can hold.
export function formatTrue(reference, log10) {
  if (reference !== 0) return formatNumber(reference);
  return `about 10^${formatNumber(Number(log10.toFixed(1)))}`;
}

// The text of `field` ("z", "value" or "reference") of a fact from core.lessonFacts().
export function factText(fact, field) {
  if (field === 'z') return formatBound(Number(fact.z.toPrecision(6)));
  if (field === 'reference') return formatTrue(fact.reference, fact.referenceLog10);
  if (field === 'value') return formatNumber(fact.value);
  throw new Error(`a lesson fact has no field '${field}' (z, value or reference)`);
}
