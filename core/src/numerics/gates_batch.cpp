// Batch kernels of the smooth gates (SiLU, Mish): numerics.h's careful formulas rewritten with one
// exp_parts per point and selects instead of branches, so that the loops vectorise. Near a
// derivative's zero, SiLU's kernel takes the exponential of t = z - z0 instead and rebuilds
// e^z = e^z0 e^t from it, so that one exponential still serves all; Mish's leaves that stretch to
// its scalar derivative.
#include "actderiv/numerics/batch.h"

#include <algorithm>
#include <cmath>

#include "actderiv/numerics/numerics.h"
#include "numerics/exp_parts.h"

namespace actderiv {

namespace {

// The zeros of the derivatives as double-doubles (hi + lo) and the exponentials there, from mpmath
// at 400 bits (numerics.cpp's constants, with the lo parts the kernels also need).
constexpr Zero kSiluZero{-1.2784645427610737, -1.0946994183093437e-16, 0.2784645427610738,
                         -1.5523606315812798e-18};
// How near z0 the kernels write their formula in t = z - z0: there exp_parts(t) has k = 0, so its p is
// e^t - 1 itself (2^k p - (1 - 2^k) would cancel for k = 1 and cost an ULP); beyond it, the terms of
// the plain formulas no longer cancel by much.
constexpr double kNear = 0.34;

}  // namespace

// Which formulas a block of SiLU needs: all (kAny), only x >= 0's (kPositive), or only those of x < 0
// away from the derivative's zero (kNegative).
enum class SiluKind { kAny, kPositive, kNegative };

template <SiluKind kKind>
__attribute__((noinline)) void silu_block(const double* z, std::size_t n, double beta, double* value,
                                          double* derivative) {
  ACTDERIV_VECTORISE
  for (std::size_t i = 0; i < n; ++i) {
    const double zi = z[i];
    const double x = beta * zi;
    const double a = minus_abs(x);
    if constexpr (kKind == SiluKind::kPositive) {
      const ExpParts parts = exp_parts(above_deep_floor(a));
      const double e = scale(parts, 1.0 + parts.p);  // e^-x
      value[i] = zi / (1.0 + e);
      derivative[i] = x > 700 ? 1.0 : (1.0 + e * (1.0 + x)) / one_plus_squared(e);
      continue;
    }
    // Near the zero x0 of the derivative, 1 + x + e^x cancels; there it is t + e^x0 (e^t - 1) with
    // t = x - x0, two terms of t's sign, and e^x is e^x0 e^t.
    bool near = false;
    Offset t{0.0, 0.0};
    if constexpr (kKind == SiluKind::kAny) {
      t = offset(x, kSiluZero);
      near = std::fabs(t.hi) < kNear;
    }
    const ExpParts parts = exp_parts(near ? t.hi : above_deep_floor(a), near ? t.lo : 0.0);
    const Mantissa m = mantissa(near, kSiluZero, parts);
    const double e = scale(parts, m.base + m.tail);  // e^-|x|, or e^x near x0
    const double d = 1.0 + e;
    const double d2 = one_plus_squared(e);
    const bool positive = kKind == SiluKind::kAny && x >= 0;
    // z/(1 + e^-x) for x >= 0; z e^x/(1 + e^x) below, scaled by 2^k last so a subnormal is rounded once.
    const double q = (positive ? zi : times(zi, m)) / d;
    // sigma(x)(1 + x sigma(-x)): (d + x e)/d^2 for x >= 0, every term positive; e (1 + x + e)/d^2 below.
    const double f = near ? (t.hi + kSiluZero.exp_hi * parts.p) + t.lo : (1.0 + x) + e;
    const double g = (positive ? 1.0 + e * (1.0 + x) : times(f, m)) / d2;
    const bool gone = a < kDeepExpFloor;  // x < -790: |z e^x| < 2^-1075 (and x = -inf)
    const double below = gone ? zero_with_sign_of(zi) : scale(parts, q);
    const double below_derivative = gone ? -0.0 : scale(parts, g);
    const double above_derivative = x > 700 ? 1.0 : g;
    value[i] = positive ? q : below;
    derivative[i] = positive ? above_derivative : below_derivative;
  }
}

void silu_batch(const double* z, std::size_t n, const double* params, double* value,
                double* derivative) {
  const double beta = params[0];
  // Blocks of kSiluBlock points by the cheapest loop their points allow (beta > 0 keeps x in z's order;
  // any other beta takes the loop of every formula).
  constexpr std::size_t kSiluBlock = 64;
  for (std::size_t start = 0; start < n; start += kSiluBlock) {
    const std::size_t m = std::min(kSiluBlock, n - start);
    const Range range = range_of(z + start, m);
    const double lo = beta * range.lo;
    const double hi = beta * range.hi;
    const bool ordered = range.no_nan && beta > 0;
    if (ordered && lo >= 0) {
      silu_block<SiluKind::kPositive>(z + start, m, beta, value + start, derivative + start);
    } else if (ordered && hi < 0 && (hi < kSiluZero.hi - kNear || lo > kSiluZero.hi + kNear)) {
      silu_block<SiluKind::kNegative>(z + start, m, beta, value + start, derivative + start);
    } else {
      silu_block<SiluKind::kAny>(z + start, m, beta, value + start, derivative + start);
    }
  }
}

// Which formulas a block of Mish needs: both signs' (kAny), only x > 0's or only x <= 0's.
enum class MishKind { kAny, kPositive, kNegative };

template <MishKind kKind>
__attribute__((noinline)) void mish_block(const double* z, std::size_t n, double* value,
                                          double* derivative) {
  ACTDERIV_VECTORISE
  for (std::size_t i = 0; i < n; ++i) {
    const double x = z[i];
    const double a = minus_abs(x);
    const ExpParts parts = exp_parts(above_deep_floor(a));
    const Mantissa m{1.0, parts.p};
    const double e = scale(parts, 1.0 + parts.p);  // e^-|x|
    // x > 0, e = e^-x: tanh(softplus(x)) = n/d with n = 1 + 2e, d = 1 + s, s = 2e (1 + e), and
    // Mish' = (n d + 4x e^2 (1 + e))/d^2 with n d = 1 + 2e + s (1 + 2e): every term positive.
    const double s_pos = 2.0 * e * (1.0 + e);
    const double nd_pos = 1.0 + (2.0 * e + s_pos * (1.0 + 2.0 * e));
    // x <= 0, e = e^x: tanh(softplus(x)) = n/d with n = e (e + 2), d = n + 2, Mish' = e w/d^2 with
    // w = 4(x + 1) + e (4x + 6) + 4e^2 + e^3. n = 2^k N, N = (s + 2) + p (2s + 2 + s p), s = 2^k:
    // from e's unrounded parts. Below 0 both quotients are scaled by 2^k after the division.
    const double s = scale(parts, 1.0);  // 2^k, subnormal or 0 in the deep tail
    const double big_n = (s + 2.0) + parts.p * ((2.0 * s + 2.0) + s * parts.p);
    const double n_neg = scale(parts, big_n);
    const double w = 4.0 * (x + 1.0) + e * ((4.0 * x + 6.0) + e * (4.0 + e));
    // One division each for the value and the derivative, of the numerator and denominator selected.
    const bool positive = kKind == MishKind::kAny ? x > 0 : kKind == MishKind::kPositive;
    const double q = (positive ? x * (1.0 + 2.0 * e) : x * big_n) /
                     (positive ? 1.0 + s_pos : 2.0 + n_neg);
    const double g = (positive ? nd_pos + 4.0 * x * (e * e) * (1.0 + e) : times(0.25 * w, m)) /
                     one_plus_squared(positive ? s_pos : 0.5 * n_neg);
    const bool gone = a < kDeepExpFloor;  // x < -790: |x e^x| < 2^-1075 (and x = -inf)
    const double above = x > 40 ? x : q;
    const double above_derivative = x > 40 ? 1.0 : g;
    const double below = gone ? -0.0 : scale(parts, q);
    const double below_derivative = gone ? -0.0 : scale(parts, g);
    value[i] = positive ? above : below;
    derivative[i] = positive ? above_derivative : below_derivative;
  }
}

void mish_batch(const double* z, std::size_t n, const double*, double* value, double* derivative) {
  // Blocks of kMishBlock points by the loop their signs allow (the selected formulas only).
  constexpr std::size_t kMishBlock = 64;
  for (std::size_t start = 0; start < n; start += kMishBlock) {
    const std::size_t m = std::min(kMishBlock, n - start);
    const Range range = range_of(z + start, m);
    if (range.no_nan && range.lo > 0) {
      mish_block<MishKind::kPositive>(z + start, m, value + start, derivative + start);
    } else if (range.no_nan && range.hi <= 0) {
      mish_block<MishKind::kNegative>(z + start, m, value + start, derivative + start);
    } else {
      mish_block<MishKind::kAny>(z + start, m, value + start, derivative + start);
    }
  }
  // On [-2, 0], around Mish''s zero at -1.19 where w cancels, the roundings above reach 5 or 6 ULP
  // (measured); the scalar mish_derivative, in double-double, takes those points: a tenth of [-10, 10].
  for (std::size_t i = 0; i < n; ++i) {
    if (z[i] >= -2.0 && z[i] <= 0.0) derivative[i] = mish_derivative(z[i]);
  }
}

}  // namespace actderiv
