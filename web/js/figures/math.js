// KaTeX rendering: display lines, inline math in prose, and notes that mix text with $...$ math.
import katex from 'katex';
import { watchOverflow } from './overflow.js';

// trust: false (KaTeX's default, written out so no one turns it on in passing): \href, \url,
// \includegraphics, \htmlClass and the like stay inert, whatever TeX reaches the page.
const OPTIONS = { throwOnError: false, output: 'htmlAndMathml', trust: false };

// Typesets `latex` into `element`, replacing its content.
export function renderMath(element, latex, { display = false } = {}) {
  katex.render(latex, element, { ...OPTIONS, displayMode: display });
  if (display) watchOverflow(element);
}

// Typesets every [data-tex] (inline) and [data-tex-display] element under `root` from its own text.
export function renderTexIn(root) {
  for (const element of root.querySelectorAll('[data-tex], [data-tex-display]')) {
    renderMath(element, element.textContent, { display: element.hasAttribute('data-tex-display') });
  }
}

// Fills `element` with a note: plain text parts as text nodes, parts between $...$ as inline math.
export function renderRichText(element, text) {
  element.replaceChildren();
  text.split('$').forEach((part, index) => {
    if (index % 2 === 0) {
      if (part) element.append(document.createTextNode(part));
    } else {
      const span = document.createElement('span');
      renderMath(span, part);
      element.append(span);
    }
  });
}
