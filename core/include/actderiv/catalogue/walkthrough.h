// A built-in activation's walkthrough: its engine derivation as the page's stepper shows it.
#pragma once

#include <string>
#include <vector>

#include "actderiv/calculus/derive.h"
#include "actderiv/catalogue/activation.h"

namespace actderiv {

// One step of a built-in activation's walkthrough, as the page's stepper shows it.
struct WalkthroughStep {
  bool setup;         // the first step, g'(z) = d/dz[g(z)]; the others state g'(z) = ...
  std::string rule;   // the engine's rule ("set up" for the first step), which keys its prose
  std::string title;  // the rule, capitalised: "Chain rule"
  Expr expr;          // g(z) for the set-up step, a form of g'(z) after it (may use g(z))
  std::string latex;  // the display line
  std::string note;   // the activation's prose for this rule (its content file), else the engine's note
  // For the "simplify" step, each stage that changed the derivative (collect numbers, ..., factor
  // out), a rewrite with its reason; empty for the other steps.
  std::vector<DerivationStep> substeps;
};

// A built-in's walkthrough from its engine derivation (derive(activation)) as a sequence: set up,
// then each top-level rule and rewrite, with the activation's prose.
std::vector<WalkthroughStep> walkthrough(const Activation& activation, const Derivation& derivation);

}  // namespace actderiv
