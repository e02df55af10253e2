// Number formats shared by the figures, the controls and the site's build (which writes the lesson's
// thresholds into the page): no DOM, no Chart.js, so Node can import them.

// Formats a plotted number for tooltips: up to `digits` significant digits (one fewer in exponent
// form, used when tiny or huge), "−" for minus, in the exponent too.
export function formatNumber(x, digits = 6) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const text = abs >= 1e-3 && abs < 1e6
    ? String(Number(x.toPrecision(digits)))
    : x.toExponential(digits - 2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return text.replaceAll('-', '\u2212');
}

// Formats a range bound for labels, e.g. "−6".
export function formatBound(x) {
  return String(x).replace('-', '\u2212');
}
