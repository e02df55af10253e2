// The built-in activations' authored prose: one content file each, activations/<id>.md in the
// build's locale (content/README.md), with the numbers it quotes computed by the core.
#pragma once

#include <string>
#include <vector>

#include "actderiv/catalogue/activation.h"
#include "actderiv/text/content.h"

namespace actderiv {

// A section of an activation's file that the page places as written.
struct PageProse {
  std::string key;       // "summary", "introduction" or "key points"
  std::string markdown;  // its text with the slots filled, in content/README.md's Markdown subset
};

// The content file of activation `id` in `locale`. Throws ContentError if there is none.
const ContentFile& activation_content(const std::string& id, const std::string& locale = content_locale());

// Sets `activation`'s name and parameter names from its content file in `locale`, slots filled; its
// formulas must be set already. Throws ContentError for a missing file or parameter label, a section
// no activation file has, or a slot in them that cannot be filled.
void attach_prose(Activation& activation, const std::string& locale = content_locale());

// `activation`'s summary: 2-4 sentences for a student (what g is, where it is used, what g' means for
// training), inline math between $...$ (LaTeX), slots filled. Read when asked for, not with the
// registry: the numbers some summaries quote come from the activation's properties, which need a
// derivation (the registry is built when the page starts). Throws ContentError as attach_prose() does.
std::string activation_summary(const Activation& activation, const std::string& locale = content_locale());

// `activation`'s authored prose for the steps of its walkthrough, slots filled; read when asked for,
// as activation_summary() is.
std::vector<Prose> step_prose(const Activation& activation, const std::string& locale = content_locale());

// The page's sections of `activation`'s file in `locale` (summary, then introduction and key points
// where it has them), slots filled. Throws ContentError as attach_prose() does.
std::vector<PageProse> page_prose(const Activation& activation, const std::string& locale = content_locale());

}  // namespace actderiv
