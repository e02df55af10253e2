// The Print button. The hosted page loads its parts as the reader nears them, and a browser's own
// print does not wait for them (the print styles then show a note saying so): this button first has
// the page load and draw everything, saying so in a polite live region, then opens the print dialog.

// Wires `button`, reporting in `status`; `prepare()` resolves once every part is loaded and drawn.
export function setupPrintButton(button, status, prepare) {
  let busy = false;
  const say = (text, failed = false) => {
    status.textContent = text;
    status.classList.toggle('print-failed', failed);
  };
  button.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    button.setAttribute('aria-disabled', 'true');
    say('Preparing the page for printing…');
    try {
      await prepare();
      say('The page is ready: opening the print dialog.');
      window.print();
      say('');
    } catch (failure) {
      say(`The page could not be prepared for printing: ${failure.message}. `
        + 'Check the connection and try again.', true);
    } finally {
      busy = false;
      button.removeAttribute('aria-disabled');
    }
  });
}
