// The page's <template>s, cloned: its own module, free of the core, so that the first view's code
// (the Embed buttons, web/js/boot/main.js) can use it.

// A fresh copy of the <template> with this id, with `prefix`-based ids for its message element.
export function cloneTemplate(id, prefix) {
  const fragment = document.getElementById(id).content.firstElementChild.cloneNode(true);
  const message = fragment.querySelector('.field-message');
  if (message) {
    message.id = `${prefix}-message`;
    for (const input of fragment.querySelectorAll('input')) input.setAttribute('aria-describedby', message.id);
  }
  return fragment;
}
