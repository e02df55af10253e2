// The derivative rules (differentiate.cpp): internal to the core.
#pragma once

#include <string>

#include "actderiv/calculus/derive.h"

namespace actderiv {

// "g(...) names a walkthrough's own function; write the expression itself".
extern const char* const kSelfMessage;

// The derivative of `e` with every rule it took as a step (not simplified). Throws
// std::invalid_argument for what cannot be differentiated (g(...), a comparison outside piecewise),
// std::length_error past kMaxDerivativeSize or kMaxStepsSize. `by` is the variable differentiated
// by: "" for z, or an indexed one such as z_j, when any other z_i gives delta_ij (indices.h).
DerivationStep differentiate(const Expr& e, const std::string& by = "");

// The "simplify" step: `raw` in canonical form (canonical.h), each stage that visibly changed it
// a sub-step with the stage's reason.
DerivationStep simplification(const Expr& raw);

}  // namespace actderiv
