#include "actderiv/calculus/slope.h"

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include "actderiv/calculus/derive.h"

namespace actderiv {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_finite(double x, const char* what) {
  if (!std::isfinite(x)) throw std::invalid_argument(std::string(what) + " must be a finite number");
}

// One-sided slopes differ by more than rounding: a kink.
bool differs(double left, double right) {
  if (std::isnan(left) || std::isnan(right)) return false;
  return std::fabs(left - right) > 1e-9 * std::fmax(1.0, std::fmax(std::fabs(left), std::fabs(right)));
}

}  // namespace

SlopeView slope_view(const SlopeEvaluator& evaluate, const std::vector<KinkPoint>& kinks, double z0, double h,
                     double snap, const double* z, std::size_t n) {
  check_finite(z0, "z0");
  check_finite(h, "h");
  check_finite(snap, "the snap distance");
  if (snap < 0) throw std::invalid_argument("the snap distance must not be negative");
  double nearest = snap;
  for (const auto& k : kinks) {
    const double distance = std::fabs(k.z - z0);
    if (distance <= nearest) {
      nearest = distance;
      z0 = k.z;
    }
  }
  // The one-sided slopes are the derivative just off z0: every kink here is between pieces whose
  // derivatives are continuous up to it.
  const double at[] = {z0, std::nextafter(z0, -INFINITY), std::nextafter(z0, INFINITY), z0 + h};
  double value[4], derivative[4];
  evaluate(at, 4, value, derivative);

  SlopeView v;
  v.z0 = z0;
  v.value = value[0];
  v.slope = derivative[0];
  v.left_slope = derivative[1];
  v.right_slope = derivative[2];
  v.kink = differs(v.left_slope, v.right_slope);
  v.h = h;
  v.secant_slope = h != 0 ? (value[3] - value[0]) / h : kNaN;
  v.tangent.assign(n, kNaN);
  v.left_tangent.assign(n, kNaN);
  v.right_tangent.assign(n, kNaN);
  v.secant.assign(n, kNaN);
  for (std::size_t i = 0; i < n; ++i) {
    const double dz = z[i] - z0;
    if (!v.kink) v.tangent[i] = v.value + v.slope * dz;
    else if (dz <= 0) v.left_tangent[i] = v.value + v.left_slope * dz;
    if (v.kink && dz >= 0) v.right_tangent[i] = v.value + v.right_slope * dz;
    if (h != 0) v.secant[i] = v.value + v.secant_slope * dz;
  }
  return v;
}

SlopeView slope_view(const std::string& expression, const ParamValues& params, double z0, double h,
                     double snap, const double* z, std::size_t n) {
  const Derivation derivation = derive(expression, params);
  const SlopeEvaluator evaluator = [&](const double* at, std::size_t m, double* value, double* derivative) {
    evaluate_derivation(derivation, params, at, m, value, derivative);
  };
  return slope_view(evaluator, derivation.kinks, z0, h, snap, z, n);
}

}  // namespace actderiv
