// Forward-mode automatic differentiation: the check the derivation engine's results are held to.
#pragma once

#include "actderiv/expr/expr.h"
#include "actderiv/expr/functions.h"

namespace actderiv {

// The value and derivative of `e` at z by forward-mode automatic differentiation (dual numbers).
Dual evaluate_dual(const Expr& e, double z, const EvalContext& context);

}  // namespace actderiv
