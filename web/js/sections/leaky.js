// Leaky ReLU extras: the alpha slider and field, the alpha-variants figure, ReLU versus Leaky ReLU.
import { createPlot, setSeries } from '../figures/plot.js';
import { describeRange, functionSeries } from './section.js';

const VARIANT_ALPHAS = [0.01, 0.1, 0.2, 0.3];

// Adds the Leaky ReLU controls and figures to its section; `sectionApi` is what setupSection returned.
export function setupLeaky(section, { leaky, relu }, core, sectionApi) {
  const param = leaky.params.find((candidate) => candidate.id === 'alpha');
  // One alpha control under the plot of g and g', another under ReLU versus Leaky ReLU, so that each
  // figure can be watched while alpha moves; the second's slider is named for its figure.
  const [first, ...others] = section.querySelectorAll('[data-slot="alpha"]');
  sectionApi.addParamControl(first, param, { template: 'alpha-template', prefix: 'alpha-control' });
  others.forEach((slot, i) => {
    const { form } = sectionApi.addParamControl(slot, param, { template: 'alpha-template', prefix: `alpha-control-${i + 2}` });
    form.elements.slider.setAttribute('aria-label', 'Slope alpha of the Leaky ReLU compared with ReLU');
    form.elements.value.setAttribute('aria-label', 'alpha value of the Leaky ReLU compared with ReLU');
  });

  const variants = createPlot(section.querySelector('#chart-leaky-variants'));
  sectionApi.addFigure((z) => {
    const series = VARIANT_ALPHAS.map((alpha, i) => ({
      label: `g(z), α = ${alpha}`,
      z,
      y: core.evaluate(leaky.id, z, { alpha }).value,
      colour: i,
      dashed: false,
    }));
    const description = `Plot of ${leaky.name} g(z) for alpha = ${VARIANT_ALPHAS.join(', ')}, ${describeRange(z)}.`;
    return () => setSeries(variants, series, description);
  }, { usesParams: false });

  const comparison = createPlot(section.querySelector('#chart-relu-vs-leaky'));
  sectionApi.addFigure((z, params) => {
    const series = [
      ...functionSeries(core, relu, z, {}, { colours: [0, 0], name: relu.name }).map((line) => ({ ...line, below: true })),
      ...functionSeries(core, leaky, z, params, { colours: [1, 1], name: `${leaky.name} (α = ${params.alpha})` }),
    ];
    const description = `Plot comparing ${relu.name} and ${leaky.name} with alpha = ${params.alpha}: `
      + `functions solid, derivatives dashed, ${describeRange(z)}.`;
    return () => setSeries(comparison, series, description);
  });
}
