// Kinks: the points where a derivative jumps, with its one-sided limits. One description, found by
// the engine from the expression's switches at the parameter values asked for; the derivation, the
// plots' gaps, the slope explorer and the computed properties all read it (for an activation through
// catalogue/engine.h).
#pragma once

#include <string>
#include <vector>

#include "actderiv/expr/expr.h"

namespace actderiv {

// A point where the derivative jumps: the one-sided slopes, as numbers and as expressions in the
// parameters (Leaky ReLU's left slope is alpha), and the value the derivative takes there (for max
// and ReLU, the frameworks' convention).
struct KinkPoint {
  double z;
  double left;        // lim g'(z) from below
  double right;       // lim g'(z) from above
  double value;       // g'(z) as computed at the kink
  Expr left_slope;    // the derivative's left branch at z, simplified: evaluates to `left`
  Expr right_slope;   // the same on the right
};

// Where kinks are looked for: z in [-kKinkRange, kKinkRange].
constexpr double kKinkRange = 10;

// The kinks of `input` (whose derivative is `derivative`) with the parameter values in `context`:
// zeros of the quantities whose sign picks a branch (each function's switch, each piecewise
// condition), located to adjacent doubles, where the derivative's one-sided limits differ; in
// increasing z, within [-kKinkRange, kKinkRange].
std::vector<KinkPoint> find_kinks(const Expr& input, const Expr& derivative, const EvalContext& context);

// LaTeX stating a kink's one-sided derivatives and subgradient, e.g.
// "g'_-(0) = \alpha,\quad g'_+(0) = 1,\quad \partial g(0) = [\alpha, 1]" (the interval from the
// smaller slope to the larger).
std::string kink_latex(const KinkPoint& kink);

}  // namespace actderiv
