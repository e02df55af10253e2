// What the page is shown on: the reader's light or dark colour scheme on a screen, always the light
// one on paper. Figures draw on canvas with colours read from the stylesheet's custom properties, so
// they must redraw whenever that changes; every part of the page must be complete before printing.
import { yieldToBrowser } from '../state/tasks.js';

const DARK = window.matchMedia('(prefers-color-scheme: dark)');
const PRINT = window.matchMedia('print');

// 'beforeprint' comes before the print styles apply, so a canvas redrawn then would still read the
// dark colours: html.printing turns the dark scheme off (see style.css) until 'afterprint'. Registered
// here, at import, so it runs before any figure's listener below.
window.addEventListener('beforeprint', () => document.documentElement.classList.add('printing'));
window.addEventListener('afterprint', () => document.documentElement.classList.remove('printing'));

// Runs `redraw()` whenever the colours a canvas must use change: the reader switches the colour
// scheme, or printing starts or ends (a browser's print, or print media emulated by a test).
export function onColoursChange(redraw) {
  DARK.addEventListener('change', redraw);
  PRINT.addEventListener('change', redraw);
  window.addEventListener('beforeprint', redraw);
  window.addEventListener('afterprint', redraw);
}

// Every preparation given to beforePrinting(), in the order given.
const preparations = [];

// Runs `prepare()` before the page is printed: on 'beforeprint', which comes in time for a browser's
// own print, and when print media starts to apply (emulated print, where no event comes); at once if
// printing has already started (a part built by another 'beforeprint' listener, as the catalogue's).
// `prepare` may return a promise (a part whose code it starts loading): a browser's own print cannot
// wait for it (the part reports its own failure), prepareForPrinting() does.
export function beforePrinting(prepare) {
  preparations.push(prepare);
  const run = () => {
    Promise.resolve(prepare()).catch(() => {});
  };
  if (PRINT.matches || document.documentElement.classList.contains('printing')) run();
  window.addEventListener('beforeprint', run);
  PRINT.addEventListener('change', (event) => {
    if (event.matches) run();
  });
}

// Runs every preparation given to beforePrinting() now, one task each so that the page keeps
// answering, then those they gave in turn (a catalogue entry built now brings its stepper), and
// resolves once all have finished: the Print button's way to complete the page before it calls
// window.print(). Rejects with the first failure.
export async function prepareForPrinting() {
  let next = 0;
  while (next < preparations.length) {
    const waiting = [];
    for (; next < preparations.length; next += 1) {
      const done = Promise.resolve(preparations[next]());
      // Handled below, once every preparation has started: not an unhandled rejection meanwhile.
      done.catch(() => {});
      waiting.push(done);
      await yieldToBrowser();
    }
    await Promise.all(waiting);
  }
}
