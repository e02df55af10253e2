#include "actderiv/numerics.h"

#include <cmath>

namespace actderiv {

double sigmoid(double z) {
  // exp of a non-positive argument cannot overflow; for z < 0, e/(1+e) keeps full relative accuracy
  // down to the subnormal range, where 1 - 1/(1+e) would cancel.
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return z < 0 ? e / (1.0 + e) : z;  // the last case is NaN
}

double sigmoid_derivative(double z) {
  if (std::isnan(z)) return z;
  // sigma(z) * sigma(-z) = [1/(1+e)] * [e/(1+e)] with e = exp(-|z|) <= 1: no overflow, no cancellation.
  const double e = std::exp(-std::fabs(z));
  const double d = 1.0 + e;
  return (1.0 / d) * (e / d);
}

double tanh_value(double z) { return std::tanh(z); }

double tanh_derivative(double z) {
  if (std::isnan(z)) return z;
  // sech^2(z) = 4 e^{-2|z|} / (1 + e^{-2|z|})^2: 2|z| is exact, and nothing cancels.
  const double a = std::fabs(z);
  // Beyond |z| = 20, (1 + t)^2 rounds to 1: square 2e^{-|z|} so the result, subnormal from
  // |z| = 354 on, is rounded once rather than scaled up from an already rounded subnormal.
  if (a > 20) {
    const double m = 2.0 * std::exp(-a);
    return m * m;
  }
  const double t = std::exp(-2.0 * a);
  const double d = 1.0 + t;
  return 4.0 * t / (d * d);
}

double relu(double z) { return z > 0 ? z : (z <= 0 ? 0.0 : z); }

double relu_derivative(double z) { return z > 0 ? 1.0 : (z <= 0 ? 0.0 : z); }

double leaky_relu(double z, double alpha) {
  // alpha = 0 is ReLU: 0 on the whole negative branch, including z = -inf (where 0 * z is NaN).
  if (z <= 0) return alpha == 0 ? 0.0 : alpha * z;
  return z;  // z > 0, or NaN
}

double leaky_relu_derivative(double z, double alpha) {
  return z > 0 ? 1.0 : (z <= 0 ? alpha : z);
}

double softplus(double z) {
  if (std::isnan(z)) return z;
  return std::fmax(z, 0.0) + std::log1p(std::exp(-std::fabs(z)));
}

double softplus_beta(double z, double beta) {
  if (std::isnan(z)) return z;
  return std::fmax(z, 0.0) + std::log1p(std::exp(-std::fabs(beta * z))) / beta;
}

double binary_step(double z) { return z >= 0 ? 1.0 : (z < 0 ? 0.0 : z); }

double softsign(double z) {
  if (std::isinf(z)) return std::copysign(1.0, z);
  return z / (1.0 + std::fabs(z));
}

double softsign_derivative(double z) {
  const double d = 1.0 / (1.0 + std::fabs(z));
  return d * d;
}

double clamp(double z, double lo, double hi) { return z < lo ? lo : (z > hi ? hi : z); }

double clamp_derivative(double z, double lo, double hi) {
  if (std::isnan(z)) return z;
  return z > lo && z < hi ? 1.0 : 0.0;
}

double elu(double z, double alpha) { return z > 0 ? z : alpha * std::expm1(z); }

double elu_derivative(double z, double alpha) { return z > 0 ? 1.0 : alpha * std::exp(z); }

double hard_sigmoid(double z) { return clamp((z + 3.0) / 6.0, 0.0, 1.0); }

double hard_sigmoid_derivative(double z) {
  if (std::isnan(z)) return z;
  return z > -3 && z < 3 ? 1.0 / 6.0 : 0.0;
}

double hard_swish(double z) {
  if (z <= -3) return 0.0;
  if (z >= 3) return z;
  return z * (z + 3.0) / 6.0;  // z, or NaN
}

double hard_swish_derivative(double z) {
  if (z < -3) return 0.0;
  if (z > 3) return 1.0;
  return (2.0 * z + 3.0) / 6.0;  // the corners, the middle, or NaN
}

double log_sigmoid(double z) {
  if (std::isnan(z)) return z;
  return std::fmin(z, 0.0) - std::log1p(std::exp(-std::fabs(z)));
}

double selu(double z) {
  return z > 0 ? kSeluLambda * z : (kSeluLambda * kSeluAlpha) * std::expm1(z);
}

double selu_derivative(double z) {
  return z > 0 ? kSeluLambda : (kSeluLambda * kSeluAlpha) * std::exp(z);
}

double celu(double z, double alpha) { return z > 0 ? z : alpha * std::expm1(z / alpha); }

double celu_derivative(double z, double alpha) { return z > 0 ? 1.0 : std::exp(z / alpha); }

}  // namespace actderiv
