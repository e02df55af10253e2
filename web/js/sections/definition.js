// An activation's definition line, g(z) = …, as the page typesets it: one home for the build, which
// writes the hand-written sections' lines into the HTML (scripts/page-prose.mjs), and for the page.
export const definitionTex = (activation) => `g(z) = ${activation.latex}`;
