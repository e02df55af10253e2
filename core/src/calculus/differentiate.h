// The derivative rules (differentiate.cpp): internal to the core.
#pragma once

#include "actderiv/calculus/derive.h"

namespace actderiv {

// "g(...) names a walkthrough's own function; write the expression itself".
extern const char* const kSelfMessage;

// The derivative of `e` with every rule it took as a step (not simplified). Throws
// std::invalid_argument for what cannot be differentiated (g(...), a comparison outside piecewise),
// std::length_error past kMaxDerivativeSize or kMaxStepsSize.
DerivationStep differentiate(const Expr& e);

}  // namespace actderiv
