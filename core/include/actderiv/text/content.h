// Authored prose kept in content files (content/<locale>/<path>, embedded in the core when it is
// built): a title, sections named by "## key" headings, inline math between $...$, and slots the core
// fills ({{name}}, {{name:digits}}). content/README.md describes the format for its authors.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace actderiv {

// A malformed content file, a missing file or section, or a slot that cannot be filled; the message
// starts with the file and line when there is one ("en/activations/silu.md:12: ...").
class ContentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One "## key" section of a content file.
struct ContentSection {
  std::string key;   // the heading's text, e.g. "summary", "step: chain rule"
  std::string text;  // the lines under the heading, without blank lines at either end
  int line;          // the heading's line number, for messages
};

// A content file as parse_content() reads it.
struct ContentFile {
  std::string name;   // "<locale>/<path>", e.g. "en/activations/sigmoid.md", for messages
  std::string title;  // the text of its "# title" line
  std::vector<ContentSection> sections;  // in file order; no two with the same key

  // The section with this key, or null.
  const ContentSection* find(const std::string& key) const;
};

// Parses `text`; `name` starts its messages. Throws ContentError, with the line, unless the file is a
// "# title" line, then "## key" sections, each with text: no text before the first section, no
// other heading, no empty or repeated key, no paragraph with an odd number of $ or a $$, and no
// "{{" that does not open a well-formed slot.
ContentFile parse_content(const std::string& name, const std::string& text);

// The locale the core serves (the build's ACTDERIV_LOCALE, "en" unless set): a folder of content/.
const std::string& content_locale();

// The locales embedded in the core, sorted.
std::vector<std::string> content_locales();

// The paths of `locale`'s embedded files, e.g. "activations/sigmoid.md", sorted.
std::vector<std::string> content_paths(const std::string& locale);

// The embedded file `path` of `locale`, parsed when first asked for and kept. Throws ContentError if
// there is no such file or it does not parse.
const ContentFile& content_file(const std::string& path, const std::string& locale = content_locale());

// A slot in prose, {{name}} or {{name:digits}}, filled by the code that serves the prose.
struct Slot {
  std::string name;  // letters, digits and _ in parts joined by '.', e.g. "u", "min.z"
  int digits;        // the significant digits asked for after ':' (1 to 17), or 0 when none are
};

// Gives a slot's text; throws ContentError for a slot it does not fill.
using SlotFill = std::function<std::string(const Slot&)>;

// The slots in `text`, in order. Throws ContentError for a "{{" that does not open a well-formed
// slot (TeX that needs two opening braces in a row can write "{ {").
std::vector<Slot> slots_in(const std::string& text);

// `text` with every slot replaced by fill(slot).
std::string fill_slots(const std::string& text, const SlotFill& fill);

// How a section is served.
enum class ProseForm {
  Line,      // one paragraph of text and $math$, its lines joined by spaces: shown as it is, so no
             // list item, page element or emphasis (*) is allowed in it
  Markdown,  // the lines as written, for the page's build to render (content/README.md)
};

// The text of section `key` of `file` in `form`, slots filled. Throws ContentError naming the file
// and line if the section is missing, is not one paragraph when `form` is Line, or has a slot that
// `fill` refuses.
std::string section_prose(const ContentFile& file, const std::string& key, const SlotFill& fill,
                          ProseForm form = ProseForm::Line);

// `value` rounded to `digits` significant digits (1 to 17) and written with as many, trailing zeros
// kept: "37", "2.40", "-0.278"; from 10^6 up or under 10^-4 as TeX, "1.11 \times 10^{-16}" (so
// inside $...$). Throws std::invalid_argument for a value that is not finite or digits out of range.
std::string format_significant(double value, int digits);

}  // namespace actderiv
