// A built-in's walkthrough: the engine's top-level steps with the activation's authored prose.
#include "actderiv/catalogue/walkthrough.h"

#include <cctype>

#include "actderiv/catalogue/prose.h"

namespace actderiv {

std::vector<WalkthroughStep> walkthrough(const Activation& activation, const Derivation& d) {
  const std::vector<Prose> authored = step_prose(activation);
  const auto prose = [&](const std::string& rule, const std::string& fallback) {
    for (const auto& p : authored)
      if (p.rule == rule) return p.note;
    return fallback;
  };
  const auto title = [](std::string rule) {
    rule[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(rule[0])));
    return rule;
  };
  std::vector<WalkthroughStep> steps{{true, "set up", "Set up", d.input,
                                      "g'(z) = \\frac{d}{dz}\\left[" + to_latex(d.input) + "\\right]",
                                      prose("set up", ""), {}}};
  std::vector<DerivationStep> top;
  if (d.steps.rule == "derivative") top = d.steps.children;
  else top.push_back(d.steps);
  for (const auto& s : top)
    steps.push_back({false, s.rule, title(s.rule), s.after, "g'(z) = " + to_latex(s.after), prose(s.rule, s.note),
                     s.rule == "simplify" ? s.children : std::vector<DerivationStep>{}});
  return steps;
}

}  // namespace actderiv
