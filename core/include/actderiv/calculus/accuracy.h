// How accurately a typed expression and its derivative are computed: the form as written (plain)
// and its stable form (stable.h), each measured against a double-double evaluation of the stable
// form, point by point, in units in the last place; where the plain form first breaks down, found
// by bisection; and the condition number of the stable form's sums, which no rewrite can lower.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actderiv/calculus/derive.h"
#include "actderiv/expr/params.h"
#include "actderiv/numerics/double_double.h"

namespace actderiv {

// e at z in double-double (every function's `precise` row); if `condition` is given, it receives the
// condition number of the evaluation: the largest of (|a| + |b|) / |a + b| over the sums and
// differences and |x f'(x) / f(x)| over the functions of one argument (1 when all are smaller):
// how much a rounding inside is amplified in the result.
DoubleDouble evaluate_precise(const Expr& e, double z, const EvalContext& context,
                              double* condition = nullptr);

// e at z in doubles, as evaluate() computes it, with the condition number of that evaluation (as
// evaluate_precise() defines it) in `condition` if given.
double evaluate_conditioned(const Expr& e, double z, const EvalContext& context, double* condition = nullptr);

// Are x and y, the values of two forms whose evaluations have condition numbers kx and ky, within
// `tolerance` of the largest terms either sums (the larger |value| times the larger condition
// number)? Where that scale is not finite (a sum that cancels exactly), they are.
bool close_to_terms(double x, double kx, double y, double ky, double tolerance);

// |x - reference| in units in the last place of the reference rounded to a double (the spacing of
// the doubles there; the smallest subnormal at 0): 0 when x is the reference rounded, +inf when
// only one of them is finite or x is NaN.
double ulp_error(double x, DoubleDouble reference);

// Is x lost against the reference: 0, inf or NaN, or off by more than 1e-6 relative, where the truth
// is a normal double; or inf or NaN where the truth is finite?
bool is_lost(double x, DoubleDouble reference);

// Where a form first breaks down going out from z = 0 in one direction: the first double at which
// it is lost, what it returns there and the truth.
struct Breakdown {
  double z;
  double got;
  double truth;
};

// One of f and f' over the points.
struct FormAccuracy {
  std::vector<double> plain, careful;          // the form as written, and the stable form
  std::vector<double> plain_ulp, careful_ulp;  // their errors (ulp_error)
  std::vector<double> condition;               // of the stable form's sums, at each point
  // Of the plain form: below 0, then above, where found; one alone if it is lost at the point
  // nearest 0 already (a range on one side of 0 counts out from its end nearest 0).
  std::vector<Breakdown> breakdowns;
  std::size_t plain_lost = 0, careful_lost = 0;  // points where each form is lost (is_lost)
  double worst_condition = 1, worst_condition_z = 0;
  double worst_plain_ulp = 0, worst_careful_ulp = 0, worst_careful_ulp_z = 0;
};

struct Accuracy {
  FormAccuracy value, derivative;
};

// The accuracy of the derivation's input and derivative at z[0..n), with the parameter values of
// derive(); the breakdowns are searched within [min z, max z].
Accuracy accuracy(const Derivation& derivation, const ParamValues& params, const double* z,
                  std::size_t n);

}  // namespace actderiv
