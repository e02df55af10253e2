// Stable forms: an expression rewritten, by identities that hold wherever both sides are defined,
// into one whose double evaluation avoids the traps of the floating-point lesson (1 - sigma(z)
// rounding to 0, e^z overflowing inside a ratio, log(1 + tiny) losing the tiny). Each identity
// used is recorded as a step with its reason (content/<locale>/rules.md), and the whole form is
// checked numerically against the original before it is used.
#pragma once

#include <vector>

#include "actderiv/calculus/derive.h"
#include "actderiv/expr/expr.h"

namespace actderiv {

// `e` rewritten, and the rewrites made: each a rewrite step whose `before` is the part of the
// expression replaced and `after` its replacement, in the order they were made.
struct Stabilised {
  Expr form;
  std::vector<DerivationStep> rewrites;
};

// The stable form of `e`. If no identity applies, or the rewritten form disagrees with `e` at the
// engine's check points (with the values of `context`) where `e` is accurate, `form` is `e` itself
// and `rewrites` is empty.
Stabilised stabilise(const Expr& e, const EvalContext& context);

// The rule names stabilise() may record, each a section of rules.md.
const std::vector<const char*>& stable_rules();

}  // namespace actderiv
