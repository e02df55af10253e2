// The slope explorer: a point z0 on a function's curve, the tangent there (both one-sided tangents
// at a kink), and a secant through z0 and z0 + h that turns into the tangent as h shrinks.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "actderiv/calculus/kinks.h"
#include "actderiv/expr/params.h"

namespace actderiv {

// What the slope explorer shows at one point; every line is evaluated at the caller's z values and
// is NaN where it is not drawn.
struct SlopeView {
  double z0;              // the point, moved onto a kink when one lies within the snap distance
  double value;           // g(z0); NaN where g is undefined
  double slope;           // g'(z0) as the derivative function gives it (at a kink, the convention)
  double left_slope;      // lim g'(z) as z -> z0 from below
  double right_slope;     // lim g'(z) as z -> z0 from above
  bool kink;              // the one-sided slopes differ: no tangent, two half-tangents
  double h;               // the secant's step (0: no secant)
  double secant_slope;    // (g(z0 + h) - g(z0)) / h; NaN when h is 0
  std::vector<double> tangent;        // g(z0) + g'(z0)(z - z0); NaN everywhere at a kink
  std::vector<double> left_tangent;   // at a kink: g(z0) + left_slope (z - z0) for z <= z0
  std::vector<double> right_tangent;  // at a kink: g(z0) + right_slope (z - z0) for z >= z0
  std::vector<double> secant;         // g(z0) + secant_slope (z - z0); NaN when h is 0
};

// g and g' at the n points z: what a slope view is computed from.
using SlopeEvaluator = std::function<void(const double* z, std::size_t n, double* value, double* derivative)>;

// The view of the function `evaluate` computes, whose kinks are `kinks`. z0 moves onto the nearest
// kink when it lies within `snap` of it (snap >= 0). Throws std::invalid_argument for a non-finite
// z0, h or snap.
SlopeView slope_view(const SlopeEvaluator& evaluate, const std::vector<KinkPoint>& kinks, double z0, double h,
                     double snap, const double* z, std::size_t n);

// The same for a typed expression (parsed and differentiated by the engine, which also finds its
// kinks). Throws as derive() does for a malformed expression.
SlopeView slope_view(const std::string& expression, const ParamValues& params, double z0, double h,
                     double snap, const double* z, std::size_t n);

}  // namespace actderiv
