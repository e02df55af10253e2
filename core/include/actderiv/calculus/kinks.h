// Kinks: the points where a derivative jumps, with its one-sided limits.
#pragma once

#include <vector>

#include "actderiv/expr/expr.h"

namespace actderiv {

// A point where the derivative jumps: the one-sided slopes and the value the derivative takes there
// (for max and ReLU, the frameworks' convention).
struct KinkPoint {
  double z;
  double left;   // lim g'(z) from below
  double right;  // lim g'(z) from above
  double value;  // g'(z) as computed at the kink
};

// Where kinks are looked for: z in [-kKinkRange, kKinkRange].
constexpr double kKinkRange = 10;

// The kinks of `input` (whose derivative is `derivative`) with the parameter values in `context`:
// zeros of the quantities whose sign picks a branch of abs, relu, max, min or piecewise, where the
// derivative's one-sided limits differ; in increasing z, within [-kKinkRange, kKinkRange].
std::vector<KinkPoint> find_kinks(const Expr& input, const Expr& derivative, const EvalContext& context);

}  // namespace actderiv
