// A typed expression's parameters (derive.cpp): internal to the core.
#pragma once

#include <string>
#include <vector>

#include "actderiv/expr/params.h"
#include "actderiv/expr/expr.h"

namespace actderiv {

// The ids of expression_params(), the names parse() accepts as parameters in a typed expression.
std::vector<std::string> expression_parameter_ids();

// An evaluation context with expression_params()'s defaults overridden by `given`; throws
// std::invalid_argument as resolve_params() does.
EvalContext expression_context(const ParamValues& given);

// Throws std::invalid_argument (kSelfMessage) if `input` uses g(...), which only a walkthrough may.
void reject_self(const Expr& input);

}  // namespace actderiv
