// Factories for what a student writes while applying a rule: numbers folded, zero terms and unit
// factors dropped, a factor -1 written as a sign. Nothing is cancelled or reordered: that is the
// "simplify" step's job (the factories of expr.h).
#pragma once

#include "actderiv/expr/expr.h"

namespace actderiv::written {

Expr neg(const Expr& a);
Expr add(const Expr& a, const Expr& b);
Expr sub(const Expr& a, const Expr& b);
Expr mul(const Expr& a, const Expr& b);
Expr div(const Expr& a, const Expr& b);
Expr pow(const Expr& a, const Expr& b);

}  // namespace actderiv::written
