// The built-ins' prose from their content files, with the slots an activation's prose may use.
#include "actderiv/catalogue/prose.h"

#include <cmath>
#include <optional>
#include <utility>

#include "actderiv/catalogue/properties.h"
#include "actderiv/numerics/lesson.h"

namespace actderiv {

namespace {

constexpr char kStep[] = "step: ";
constexpr char kParameter[] = "parameter: ";
// The sections the page places, in the order page_prose() gives them.
const char* const kPageKeys[] = {"summary", "introduction", "key points"};

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// Where a bound is reached, when that is one point.
double point(const Where& where, const char* what) {
  if (where.lo == where.hi && where.lo_closed && std::isfinite(where.lo)) return where.lo;
  throw ContentError(std::string(what) + " is not reached at one point (" + where.text + ")");
}

using PropertySlot = std::pair<const char*, double (*)(const Properties&)>;

// The computed properties (calculus/properties.h) that prose may quote, by slot name.
const PropertySlot kPropertySlots[] = {
    {"min", [](const Properties& p) { return p.range.inf.value; }},
    {"min.z", [](const Properties& p) { return point(p.range.inf.where, "the minimum of g"); }},
    {"max", [](const Properties& p) { return p.range.sup.value; }},
    {"max.z", [](const Properties& p) { return point(p.range.sup.where, "the maximum of g"); }},
    {"max_slope", [](const Properties& p) { return p.max_slope.value; }},
    {"max_slope.z", [](const Properties& p) { return point(p.max_slope.where, "the steepest slope"); }},
    {"slope_at_0", [](const Properties& p) { return p.at_zero.value; }},
    {"slope_at_0.left", [](const Properties& p) { return p.at_zero.left; }},
    {"slope_at_0.right", [](const Properties& p) { return p.at_zero.right; }},
};

// The value of lesson slot "lesson.<fact id>.<field>" (numerics/lesson.h), or nullopt for another
// name.
std::optional<double> lesson_slot(const std::string& name) {
  if (!starts_with(name, "lesson.")) return std::nullopt;
  const std::size_t dot = name.rfind('.');
  const std::string id = name.substr(7, dot - 7), field = name.substr(dot + 1);
  for (const LessonFact& fact : lesson_facts()) {
    if (fact.id != id) continue;
    if (field == "z") return fact.z;
    if (field == "reference") return fact.reference;
    throw ContentError("a lesson fact's slot ends in .z or .reference, not ." + field);
  }
  throw ContentError("the lesson has no fact '" + id + "'");
}

// Fills the slots of one activation's prose. Its properties are computed once, at its default
// parameters, and only if a slot asks for one (they need a derivation).
class ActivationSlots {
 public:
  explicit ActivationSlots(const Activation& activation) : activation_(activation) {}

  std::string operator()(const Slot& slot) {
    std::optional<double> value = lesson_slot(slot.name);
    for (const auto& [name, read] : kPropertySlots)
      if (!value && slot.name == name) value = read(properties());
    if (!value) {
      std::string known;
      for (const PropertySlot& known_slot : kPropertySlots) known += std::string(known_slot.first) + ", ";
      throw ContentError("no slot {{" + slot.name + "}}: an activation's prose may quote " + known +
                         "and lesson.<fact>.z or .reference (content/README.md)");
    }
    if (slot.digits == 0)
      throw ContentError("{{" + slot.name + "}} is a number: give its significant digits, e.g. {{" + slot.name + ":3}}");
    if (!std::isfinite(*value)) throw ContentError("{{" + slot.name + "}} is not finite here");
    return format_significant(*value, slot.digits);
  }

 private:
  const Properties& properties() {
    if (!properties_) properties_ = actderiv::properties(activation_, resolve_params(activation_, {}));
    return *properties_;
  }

  const Activation& activation_;
  std::optional<Properties> properties_;
};

// Throws unless every section of `file` is one an activation's file may have.
void check_keys(const ContentFile& file, const Activation& activation) {
  for (const ContentSection& s : file.sections) {
    bool known = starts_with(s.key, kStep) && s.key.size() > sizeof kStep - 1;
    for (const char* key : kPageKeys) known = known || s.key == key;
    for (const Param& p : activation.params) known = known || s.key == kParameter + p.id;
    if (known) continue;
    std::string ids;
    for (const Param& p : activation.params) ids += (ids.empty() ? "" : ", ") + p.id;
    throw ContentError(file.name + ":" + std::to_string(s.line) + ": no activation file has a section '" + s.key +
                       "': they have summary, introduction, key points, parameter: <id> (" + activation.id +
                       " has " + (ids.empty() ? "no parameters" : ids) + ") and step: <rule>");
  }
}

}  // namespace

const ContentFile& activation_content(const std::string& id, const std::string& locale) {
  return content_file("activations/" + id + ".md", locale);
}

namespace {

// use(file, fill) on `activation`'s content file in `locale`, its sections checked, with `fill` filling
// its slots (ActivationSlots).
template <typename Use>
auto with_content(const Activation& activation, const std::string& locale, Use use) {
  const ContentFile& file = activation_content(activation.id, locale);
  check_keys(file, activation);
  ActivationSlots slots(activation);
  const SlotFill fill = [&slots](const Slot& slot) { return slots(slot); };
  return use(file, fill);
}

}  // namespace

void attach_prose(Activation& activation, const std::string& locale) {
  with_content(activation, locale, [&activation](const ContentFile& file, const SlotFill& fill) {
    activation.name = fill_slots(file.title, fill);
    for (Param& p : activation.params) p.name = section_prose(file, kParameter + p.id, fill);
  });
}

std::string activation_summary(const Activation& activation, const std::string& locale) {
  return with_content(activation, locale,
                      [](const ContentFile& file, const SlotFill& fill) { return section_prose(file, "summary", fill); });
}

std::vector<Prose> step_prose(const Activation& activation, const std::string& locale) {
  return with_content(activation, locale, [](const ContentFile& file, const SlotFill& fill) {
    std::vector<Prose> prose;
    for (const ContentSection& s : file.sections)
      if (starts_with(s.key, kStep)) prose.push_back({s.key.substr(sizeof kStep - 1), section_prose(file, s.key, fill)});
    return prose;
  });
}

std::vector<PageProse> page_prose(const Activation& activation, const std::string& locale) {
  return with_content(activation, locale, [](const ContentFile& file, const SlotFill& fill) {
    std::vector<PageProse> page;
    for (const char* key : kPageKeys) {
      if (!file.find(key)) continue;
      const ProseForm form = std::string(key) == "summary" ? ProseForm::Line : ProseForm::Markdown;
      page.push_back({key, section_prose(file, key, fill, form)});
    }
    return page;
  });
}

}  // namespace actderiv
