#include "actderiv/numerics/batch.h"

#include <cmath>

#include "numerics/exp_parts.h"

namespace actderiv {

void sigmoid_batch(const double* z, std::size_t n, const double*, double* value,
                   double* derivative) {
  ACTDERIV_INTERLEAVE
  for (std::size_t i = 0; i < n; ++i) {
    const double x = z[i];
    const double a = minus_abs(x);
    const ExpParts parts = exp_parts(a);
    const double e = a < kExpFloor ? 0.0 : scale(parts, 1.0 + parts.p);  // e^-|x| <= 1
    const double d = 1.0 + e;
    // 1/(1+e) for x >= 0 and e/(1+e) below (and for NaN): no overflow, no cancellation.
    value[i] = (x >= 0 ? 1.0 : e) / d;
    derivative[i] = e / (d * d);
  }
}

void tanh_batch(const double* z, std::size_t n, const double*, double* value, double* derivative) {
  ACTDERIV_INTERLEAVE
  for (std::size_t i = 0; i < n; ++i) {
    const double x = z[i];
    const double a = 2.0 * minus_abs(x);  // -2|x|
    const ExpParts parts = exp_parts(a);
    // m = e^-2|x| - 1 = (2^k - 1) + 2^k p, each part exact; below -80 it is -1 in doubles.
    const double s = pow2(parts, 0);
    const double m = a < -80.0 ? -1.0 : (s - 1.0) + s * parts.p;
    // tanh|x| = -m / (2 + m): no cancellation near 0, where 1 - e^-2|x| would lose digits.
    value[i] = std::copysign(-m / (2.0 + m), x);
    // sech^2 x = 4e / (1 + e)^2 with e = e^-2|x|, scaled by 2^k last so a subnormal is rounded once.
    const double d = 1.0 + scale(parts, 1.0 + parts.p);
    derivative[i] = a < kExpFloor ? 0.0 : scale(parts, 4.0 * (1.0 + parts.p) / (d * d));
  }
}

void sech_batch(const double* z, std::size_t n, double* value) {
  ACTDERIV_INTERLEAVE
  for (std::size_t i = 0; i < n; ++i) {
    const double a = minus_abs(z[i]);
    const ExpParts parts = exp_parts(a);
    const double t = scale(parts, 1.0 + parts.p);  // e^-|x| <= 1
    // 2t / (1 + t^2), scaled by 2^k last so a subnormal result is rounded once; 1 + t^2 cannot
    // overflow as 1 + e^2|x| in 1/cosh would.
    value[i] = a < kExpFloor ? 0.0 : scale(parts, 2.0 * (1.0 + parts.p) / (1.0 + t * t));
  }
}

void relu_batch(const double* z, std::size_t n, const double*, double* value, double* derivative) {
  for (std::size_t i = 0; i < n; ++i) {
    const double x = z[i];
    value[i] = x > 0 ? x : (x <= 0 ? 0.0 : x);
    derivative[i] = x > 0 ? 1.0 : (x <= 0 ? 0.0 : x);
  }
}

void leaky_relu_batch(const double* z, std::size_t n, const double* params, double* value,
                      double* derivative) {
  const double alpha = params[0];
  for (std::size_t i = 0; i < n; ++i) {
    const double x = z[i];
    // alpha = 0 is ReLU: 0 on the whole negative branch, including z = -inf (where 0 * z is NaN).
    const double negative = alpha == 0 ? 0.0 : alpha * x;
    value[i] = x <= 0 ? negative : x;
    derivative[i] = x > 0 ? 1.0 : (x <= 0 ? alpha : x);
  }
}

}  // namespace actderiv
