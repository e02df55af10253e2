// The Markdown subset of the content files' page sections (content/README.md), rendered to HTML by the
// site's build: paragraphs, "- " lists (continuation lines indented two spaces), **bold**, *emphasis*,
// inline $TeX$ as <span data-tex> (typeset by scripts/bundle.mjs with the page's other static math),
// and [[display: name]] lines, the places the page's script draws into.

// The page elements a line [[display: name]] stands for: each a slot web/js fills.
const DISPLAYS = {
  kinks: '<div class="display-math" data-slot="kinks"></div>',
};

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text) => text.replace(/[&<>"]/g, (character) => ESCAPES[character]);

// A refusal naming what is wrong and where (`where` is e.g. "sigmoid/key points").
function refuse(where, message) {
  throw new Error(`${where}: ${message} (content/README.md describes the format)`);
}

// One paragraph's text (its lines joined) as inline HTML.
function renderInline(text, where) {
  const parts = text.split('$');
  if (parts.length % 2 === 0) refuse(where, `an odd number of '$' in "${text}"`);
  const open = [];
  let html = '';
  // Emphasis may span math ("**For $z > 0$.**"), so the open tags are kept across the parts.
  const toggle = (tag) => {
    if (open.at(-1) === tag) {
      open.pop();
      html += `</${tag}>`;
    } else if (open.includes(tag)) {
      refuse(where, `'**' and '*' are closed in the wrong order in "${text}"`);
    } else {
      open.push(tag);
      html += `<${tag}>`;
    }
  };
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      if (part.trim() === '') refuse(where, `empty math '$$' in "${text}"`);
      html += `<span data-tex>${escapeHtml(part)}</span>`;
      return;
    }
    for (let j = 0; j < part.length;) {
      if (part.startsWith('**', j)) {
        toggle('strong');
        j += 2;
      } else if (part[j] === '*') {
        toggle('em');
        j += 1;
      } else {
        html += escapeHtml(part[j]);
        j += 1;
      }
    }
  });
  if (open.length) refuse(where, `'${open.at(-1) === 'strong' ? '**' : '*'}' is not closed in "${text}"`);
  return html;
}

// The HTML of a [[display: name]] line, or null for another line.
function display(line, where) {
  if (!line.startsWith('[[')) return null;
  const name = /^\[\[display: ([a-z-]+)\]\]$/.exec(line)?.[1];
  if (!name) refuse(where, `"${line}" is not a page element: write [[display: name]]`);
  if (!Object.hasOwn(DISPLAYS, name)) refuse(where, `no page element '${name}' (known: ${Object.keys(DISPLAYS).join(', ')})`);
  return DISPLAYS[name];
}

// The HTML of a list item's lines (without its "- " and indents): runs of text as inline HTML, with
// the page elements between them.
function renderItem(lines, where) {
  const pieces = [];
  let run = [];
  const flush = () => {
    if (run.length) pieces.push(renderInline(run.join(' '), where));
    run = [];
  };
  for (const line of lines) {
    const element = display(line, where);
    if (element === null) {
      run.push(line);
    } else {
      flush();
      pieces.push(element);
    }
  }
  flush();
  return pieces.join('\n');
}

/**
 * Renders `markdown` (a content file's section, as the core serves it) to blocks:
 * {kind: 'paragraph', html} (the paragraph's inline HTML), {kind: 'list', items: [html]} or
 * {kind: 'display', html}. Throws an Error naming `where` for anything outside the subset.
 */
export function renderMarkdown(markdown, where) {
  const lines = markdown.split('\n').map((line) => line.trimEnd());
  const blocks = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    if (line === '') {
      i += 1;
    } else if (line.startsWith('- ')) {
      const items = [];
      for (; i < lines.length && lines[i] !== ''; i += 1) {
        if (lines[i].startsWith('- ')) items.push([lines[i].slice(2).trim()]);
        else if (lines[i].startsWith('  ')) items.at(-1).push(lines[i].trim());
        else refuse(where, `"${lines[i]}": a list item's continuation lines are indented by two spaces`);
      }
      blocks.push({ kind: 'list', items: items.map((item) => renderItem(item, where)) });
    } else if (line.startsWith('[[')) {
      blocks.push({ kind: 'display', html: display(line, where) });
      i += 1;
    } else {
      const paragraph = [];
      for (; i < lines.length && lines[i] !== '' && !lines[i].startsWith('- ') && !lines[i].startsWith('[['); i += 1) {
        if (lines[i].startsWith(' ')) refuse(where, `"${lines[i]}": only a list item's lines are indented`);
        paragraph.push(lines[i]);
      }
      blocks.push({ kind: 'paragraph', html: renderInline(paragraph.join(' '), where) });
    }
  }
  return blocks;
}

// `blocks` as HTML: paragraphs in <p>, lists in <ul>, page elements as they are.
export function blocksToHtml(blocks) {
  return blocks.map((block) => {
    if (block.kind === 'paragraph') return `<p>${block.html}</p>`;
    if (block.kind === 'list') return `<ul>\n${block.items.map((item) => `<li>${item}</li>`).join('\n')}\n</ul>`;
    return block.html;
  }).join('\n');
}
