// The page's prose written into web/index.html when the site is built, from the built core, so that it
// reads the same without JavaScript: the sections of the activations' content files that index.html
// marks, rendered by markdown.mjs, with the core's numbers in them, and the floating-point lesson's
// thresholds.
import { factText } from '../web/js/sections/lesson-facts.js';
import { definitionTex } from '../web/js/sections/definition.js';
import { blocksToHtml, renderMarkdown } from './markdown.mjs';

// <p|ul|div ... data-prose="<id>/<key>"></...>: where section <key> of activation <id>'s content file
// goes. A <p> takes one paragraph, a <ul> one list (its items), a <div> any blocks.
const MARKER = /<(p|ul|div)((?:\s[^>]*?)?)\sdata-prose="([^"]*)"([^>]*)><\/\1>/g;

// The blocks of `section` that fit inside a <tag>, as HTML.
function contentOf(tag, blocks, name) {
  const [first] = blocks;
  if (tag === 'p') {
    if (blocks.length !== 1 || first.kind !== 'paragraph') throw new Error(`${name} is placed in a <p>, so it is one paragraph`);
    return first.html;
  }
  if (tag === 'ul') {
    if (blocks.length !== 1 || first.kind !== 'list') throw new Error(`${name} is placed in a <ul>, so it is one list`);
    return `\n${first.items.map((item) => `<li>${item}</li>`).join('\n')}\n`;
  }
  return blocksToHtml(blocks);
}

/**
 * `html` with every prose marker filled from `core` (wasm/api.js's loadCore()). Throws if a marker
 * names a section no content file has, or places one twice, or if an activation with prose for a
 * hand-written section (more than a summary) does not have all of it placed.
 */
export function placeProse(html, core) {
  const prose = new Map(core.activations().map(({ id }) => [id, core.pageProse(id)]));
  const placed = new Set();
  const filled = html.replace(MARKER, (element, tag, before, name, after) => {
    const [id, key] = name.split('/');
    const section = prose.get(id)?.find((part) => part.key === key);
    if (!section) throw new Error(`web/index.html: data-prose="${name}" names no section: there is no "## ${key}" in content/<locale>/activations/${id}.md`);
    if (placed.has(name)) throw new Error(`web/index.html places data-prose="${name}" twice`);
    placed.add(name);
    return `<${tag}${before}${after}>${contentOf(tag, renderMarkdown(section.markdown, name), name)}</${tag}>`;
  });
  for (const [id, parts] of prose) {
    if (parts.every(({ key }) => key === 'summary')) continue;
    for (const { key } of parts) {
      if (!placed.has(`${id}/${key}`)) throw new Error(`web/index.html has no data-prose="${id}/${key}" for that section of content/<locale>/activations/${id}.md`);
    }
  }
  return filled;
}

// The empty definition slot of a hand-written section, <div … data-slot="definition"></div>.
const DEFINITION = /(<div[^>]*\sdata-slot="definition")([^>]*)><\/div>/;
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `html` with each hand-written activation section's definition line written in as TeX for the build to
 * typeset ([data-tex-display]): it is in the first paint, above the plot, and the page need not typeset
 * it while it sets the plot up. Throws for a section without its slot.
 */
export function placeDefinitions(html, core) {
  let placed = html;
  for (const activation of core.activations()) {
    const start = placed.indexOf(`<section id="${activation.id}"`);
    if (start < 0) continue;
    const end = placed.indexOf('</section>', start);
    const section = placed.slice(start, end);
    if (!DEFINITION.test(section)) throw new Error(`web/index.html: <section id="${activation.id}"> has no data-slot="definition"`);
    const filled = section.replace(DEFINITION, (slot, open, rest) => `${open}${rest} data-tex-display>${escapeHtml(definitionTex(activation))}</div>`);
    placed = placed.slice(0, start) + filled + placed.slice(end);
  }
  return placed;
}

// <span data-fact="<id>" data-field="<field>">…</span> in the lesson: a threshold from core.lessonFacts().
const FACT = /(<span data-fact="([^"]*)" data-field="([^"]*)">)…(<\/span>)/g;

/**
 * `html` with the lesson's thresholds (the [data-fact] elements of #floating-point; the labs' depend
 * on their settings and are filled by the page) written in as the page formats them. Throws for a
 * fact the core does not have, or a lesson without any.
 */
export function fillLessonFacts(html, core) {
  const facts = new Map(core.lessonFacts().map((fact) => [fact.id, fact]));
  const start = html.indexOf('<section id="floating-point"');
  const end = html.indexOf('</section>', start);
  if (start < 0 || end < 0) throw new Error('web/index.html has no <section id="floating-point">');
  let count = 0;
  const lesson = html.slice(start, end).replace(FACT, (element, open, id, field, close) => {
    if (!facts.has(id)) throw new Error(`web/index.html: the core has no lesson fact '${id}'`);
    count += 1;
    return `${open}${factText(facts.get(id), field)}${close}`;
  });
  if (count === 0) throw new Error('web/index.html: the floating-point lesson quotes no threshold ([data-fact])');
  return html.slice(0, start) + lesson + html.slice(end);
}
