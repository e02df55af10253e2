// Numerical checks the derivation engine makes (checks.cpp): internal to the core.
#pragma once

#include <vector>

#include "actderiv/expr/expr.h"

namespace actderiv {

// Sample points for checks: irregular, so that no point lands exactly on a kink such as z = 0.
const std::vector<double>& check_points();

// a and b agree (1e-9 relative) at every check point where both are finite, are non-finite at the
// same points, and are compared at 10 points at least.
bool same_function(const Expr& a, const Expr& b, const EvalContext& context);

// The derivative in terms of the function itself (g, g(1 - g), 1 - g^2, sigma(z)), or null: each
// form must agree with `derivative` numerically, at these parameters and moved ones.
Expr find_g_form(const Expr& input, const Expr& derivative, EvalContext context);

}  // namespace actderiv
