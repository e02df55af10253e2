// The page's prose written into web/index.html when the site is built, from the built core, so that it
// reads the same without JavaScript: the sections of the activations' content files that index.html
// marks, rendered by markdown.mjs, with the core's numbers in them.
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

