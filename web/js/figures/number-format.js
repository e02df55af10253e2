// Number formats shared by the figures, the controls and the site's build (which writes the lesson's
// thresholds into the page): no DOM, no Chart.js, so Node can import them.

// Formats a plotted number for tooltips: up to 6 significant digits, exponent form when tiny or huge.
export function formatNumber(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const text = abs >= 1e-3 && abs < 1e6
    ? String(Number(x.toPrecision(6)))
    : x.toExponential(4).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return text.replace('-', '\u2212');
}

// Formats a range bound for labels, e.g. "−6".
export function formatBound(x) {
  return String(x).replace('-', '\u2212');
}
