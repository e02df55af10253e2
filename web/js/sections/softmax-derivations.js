// The softmax section's derivations and exercises: the engine's derivations in index notation of
// the Jacobian ds_i/dz_j and of cross-entropy's gradient after softmax (core.softmaxDerivations),
// each checked against the core's softmax; and two Your-turn panels on the Jacobian's entries, the
// diagonal and off it, each a softmax of three logits seen as a function of one.
import { renderMath } from '../figures/math.js';
import { renderCheck, renderDerivation } from '../figures/derivation.js';
import { createPractice, fromDerivation } from './practice.js';

const CHECK = { against: 'the core\u2019s softmax (2 to 6 logits)', unit: 'entries' };

// The exercises: three logits, two held at 0, the third z. `target` is the entry as a function of
// z, for the checker; `entry` its name, `form` the engine's result for it.
const EXERCISES = [
  {
    exercise: 'softmax-diagonal',
    title: 'Your turn: on the diagonal',
    target: 'exp(z)/(exp(z) + 2)',
    latex: 'z_1 = z,\\ z_2 = z_3 = 0: \\quad g(z) = s_1 = \\frac{e^{z}}{e^{z} + 2}. \\quad \\text{Find } \\frac{\\partial s_1}{\\partial z_1}.',
    entry: '\\frac{\\partial s_1}{\\partial z_1}',
    form: 's_1 (1 - s_1)',
  },
  {
    exercise: 'softmax-off-diagonal',
    title: 'Your turn: off the diagonal',
    target: '1/(exp(z) + 2)',
    latex: 'z_2 = z,\\ z_1 = z_3 = 0: \\quad g(z) = s_1 = \\frac{1}{e^{z} + 2}. \\quad \\text{Find } \\frac{\\partial s_1}{\\partial z_2}.',
    entry: '\\frac{\\partial s_1}{\\partial z_2}',
    form: '-s_1 s_2',
  },
];

// One derivation into its slots: what is differentiated, the engine's steps, the result (and its
// cases) and the check.
function showIndexed(slot, id, d) {
  renderMath(slot(`${id}-input`), `${d.quantity} = ${d.input}`, { display: true });
  renderDerivation(slot(`${id}-steps`), d.steps);
  renderMath(slot(`${id}-result`), `\\frac{\\partial ${d.quantity}}{\\partial ${d.variable}} = ${d.result}`, { display: true });
  const cases = slot(`${id}-cases`);
  cases?.replaceChildren(...d.cases.map(({ condition, result }) => {
    const item = document.createElement('li');
    renderMath(item, `\\frac{\\partial ${d.quantity}}{\\partial ${d.variable}} = ${result} \\quad \\text{where } ${condition}`);
    return item;
  }));
  renderCheck(slot(`${id}-check`), d.check, CHECK);
}

export function setupSoftmaxDerivations(section, core) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const { jacobian, crossEntropy } = core.softmaxDerivations();
  showIndexed(slot, 'jacobian', jacobian);
  showIndexed(slot, 'cross-entropy', crossEntropy);
  for (const { exercise, title, target, latex, entry, form } of EXERCISES) {
    createPractice(slot(`practice-${exercise.slice('softmax-'.length)}`), core, {
      exercise,
      title,
      base: () => {
        const derivation = core.derive(target);
        return { target, params: {}, latex, ...fromDerivation(derivation), form: `${entry} = ${form} = ${derivation.derivative.latex}` };
      },
    });
  }
}
