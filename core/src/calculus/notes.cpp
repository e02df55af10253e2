// The engine's notes from rules.md, each section's text read once and its slots filled per step.
#include "actderiv/calculus/notes.h"

#include <map>
#include <stdexcept>

#include "actderiv/text/content.h"

namespace actderiv {

const std::vector<NoteKey>& note_keys() {
  static const std::vector<NoteKey> keys = {
      {"derivative", {}},
      {"constant rule", {}},
      {"variable", {}},
      {"constant multiple: minus sign", {}},
      {"constant multiple: factor", {"c"}},
      {"constant multiple: divisor", {"v"}},
      {"sum rule", {}},
      {"difference rule", {}},
      {"product rule", {"u", "v"}},
      {"reciprocal rule", {"v"}},
      {"quotient rule", {"u", "v"}},
      {"power rule", {"n"}},
      {"chain rule: power", {"n", "u"}},
      {"exponential rule: e^z", {}},
      {"chain rule: e^u", {"u"}},
      {"exponential rule: a^u", {"a"}},
      {"general power rule", {}},
      {"rule of a function", {"f", "derivative"}},
      {"chain rule: function", {"outer", "derivative", "u"}},
      {"piecewise rule", {}},
      {"index rule", {"u", "v", "delta"}},
      {"sum over an index", {"k"}},
      {"the delta picks out one term", {"k", "j"}},
      {"the targets add up to 1", {"k"}},
      {"write with the softmax", {}},
      {"derivative in index notation", {}},
      {"the log of a softmax", {}},
      {"the case i = j", {}},
      {"the case i differs from j", {}},
      {"simplify", {}},
      {"collect numbers", {}},
      {"collect like factors", {}},
      {"collect like terms", {}},
      {"use an identity", {}},
      {"factor out", {}},
      {"in terms of g", {}},
      {"recognise the sigmoid", {}},
      {"one minus a sigmoid", {}},
      {"one minus twice a sigmoid", {}},
      {"one minus tanh squared", {}},
      {"one plus tanh", {}},
      {"one plus erf", {}},
      {"exponential minus one", {}},
      {"a pair of exponentials", {}},
      {"sigmoid from exponentials", {}},
      {"tanh from exponentials", {}},
      {"sech for one over cosh", {}},
      {"split the fraction", {}},
      {"softplus for log of one plus an exponential", {}},
      {"log1p for log of one plus", {}},
      {"log of a sigmoid", {}},
      {"log of cosh", {}},
      {"square root of a square", {}},
      {"log of an exponential", {}},
  };
  return keys;
}

namespace {

// Each section's text as one line with its slots left in ({{u}}): rules.md read once, whole, so that
// later calls allocate nothing that stays.
const std::string* template_of(const std::string& key) {
  static const std::map<std::string, std::string> templates = [] {
    std::map<std::string, std::string> read;
    const ContentFile& file = content_file(kRulesContent);
    const auto keep = [](const Slot& slot) { return "{{" + slot.name + "}}"; };
    for (const auto& section : file.sections) read.emplace(section.key, section_prose(file, section.key, keep));
    return read;
  }();
  const auto found = templates.find(key);
  return found == templates.end() ? nullptr : &found->second;
}

std::string filled(const std::string& key, const std::string& text, const NoteSlots& slots) {
  return fill_slots(text, [&](const Slot& slot) -> std::string {
    for (const auto& [name, value] : slots)
      if (slot.name == name) return value;
    throw ContentError(content_locale() + "/" + kRulesContent + ": '" + key + "' uses the slot {{" + slot.name +
                       "}}, which the engine does not fill there");
  });
}

}  // namespace

std::string note(const std::string& key, const NoteSlots& slots) {
  bool listed = false;
  for (const auto& k : note_keys()) listed = listed || key == k.key;
  if (!listed) throw std::logic_error("the engine asked for the note '" + key + "', which note_keys() does not list");
  const std::string* text = template_of(key);
  if (!text) throw ContentError(content_locale() + "/" + kRulesContent + ": no section '## " + key + "'");
  return filled(key, *text, slots);
}

std::string function_note(const Function& f, const NoteSlots& slots) {
  const std::string* text = template_of(f.rule);
  return text ? filled(f.rule, *text, slots) : "";
}

}  // namespace actderiv
