// The floating-point lesson: the relative error of textbook formulas and of the core's careful ones,
// measured by the core against its double-double reference and drawn on a logarithmic axis. The
// thresholds where each textbook formula breaks, quoted in the prose, are written in by the build.
import { formatNumber, createPlot, setSeries } from '../figures/plot.js';
import { renderMath } from '../figures/math.js';
import { createRangeControl, formatBound, grid } from '../controls/range.js';
import { describeRange } from './section.js';
import { formatTrue } from './lesson-facts.js';

const POINTS = 1501;
// The axis spans relative errors from 1e-17 (below half an ULP: the result is as good as a double
// gets) to 10; exact results sit on the floor and infinite errors (NaN, overflow) on the ceiling.
const FLOOR = 1e-17;
const CEILING = 10;

// Tooltip text for point i of a formula.
function describer(errors, formula) {
  const statusName = (i) => errors.statusNames[formula.status[i]];
  return (i) => {
    const truth = formatTrue(errors.reference[i], errors.referenceLog10[i]);
    switch (statusName(i)) {
      case 'zero': return `returns 0, true value ${truth}: every digit lost`;
      case 'underflow': return `returns 0; the true value ${truth} is below every double`;
      case 'overflow': return `returns ${formula.value[i] > 0 ? '' : '−'}∞ (true value ${truth})`;
      // In words first: a screen reader (reading the data table) says "NaN" as a syllable.
      case 'nan': return `returns not a number, NaN (true value ${truth})`;
      default:
        return formula.error[i] === 0 ? 'exact' : `relative error ${formatNumber(formula.error[i])}`;
    }
  };
}

// The plotted error: clamped to the axis, and a gap where the true value underflows (no double can
// be right there, so no formula is wrong).
function plotted(errors, formula) {
  return Array.from(formula.error, (error, i) => {
    if (errors.rangeNames[errors.range[i]] === 'underflow') return NaN;
    return Math.min(Math.max(error, FLOOR), CEILING);
  });
}

// Wires the #floating-point section.
export function setupLesson(section, core) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const cases = core.lessonCases();
  // The prose's thresholds were written into the page by the build (lesson-facts.js).
  const facts = core.lessonFacts();

  // Each case's default range reaches a little past its farthest threshold, so every break shows.
  const defaultRange = (caseId) => {
    const reach = Math.max(...facts.filter((fact) => fact.caseId === caseId).map((fact) => Math.abs(fact.z)));
    const half = Math.ceil((1.05 * reach) / 10) * 10;
    return { from: -half, to: half };
  };

  const form = slot('lesson-form');
  const choices = slot('lesson-cases');
  choices.append(...cases.map((lessonCase, i) => {
    const label = document.createElement('label');
    label.className = 'choice';
    const input = document.createElement('input');
    Object.assign(input, { type: 'radio', name: 'case', value: lessonCase.id, checked: i === 0 });
    label.append(input, ` ${lessonCase.name}`);
    return label;
  }));

  const chart = createPlot(section.querySelector('#chart-lesson'), {
    y: { title: 'relative error', logarithmic: true, min: FLOOR, max: CEILING },
  });
  const state = { caseId: cases[0].id, range: defaultRange(cases[0].id) };
  let rangeForm = null;

  function update(changes) {
    const next = { ...state, ...changes };
    const lessonCase = cases.find(({ id }) => id === next.caseId);
    const z = grid(next.range, POINTS);
    const errors = core.lessonErrors(lessonCase.id, z);
    const series = errors.formulas.map((formula, i) => {
      const about = lessonCase.formulas[i];
      return {
        label: about.careful ? `${about.label} (careful)` : about.label,
        z,
        y: plotted(errors, formula),
        colour: about.careful ? 2 : i,
        dashed: !about.careful && i > 0,
        below: !about.careful,
        describe: describer(errors, formula),
      };
    });
    Object.assign(state, next);
    renderMath(slot('lesson-formulas'), `${lessonCase.latex}:\\quad ${lessonCase.formulas
      .map((formula) => formula.latex).join('\\qquad\\text{or}\\qquad ')}`, { display: true });
    const description = `Relative error of ${lessonCase.formulas.map(({ label }) => label).join(', ')} for `
      + `${lessonCase.name}, on a logarithmic axis, ${describeRange(z)}.`;
    setSeries(chart, series, description);
  }

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', (event) => {
    if (event.target.name !== 'case') return;
    const range = defaultRange(event.target.value);
    update({ caseId: event.target.value, range });
    rangeForm.elements.from.value = formatBound(range.from);
    rangeForm.elements.to.value = formatBound(range.to);
  });
  rangeForm = createRangeControl(slot('range'), {
    prefix: 'lesson-range',
    initial: state.range,
    onChange: (range) => update({ range }),
  });
  update({});
}
