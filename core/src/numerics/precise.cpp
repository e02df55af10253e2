// The expression language's functions in double-double (precise.h).
#include "actderiv/numerics/precise.h"

#include <cmath>
#include <limits>

namespace actderiv {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

DoubleDouble abs_dd(DoubleDouble x) { return x.hi < 0 ? -x : x; }

// ln 2 to 106 bits.
const DoubleDouble kLn2{0.6931471805599453, 2.3190468138462996e-17};

}  // namespace

DoubleDouble pi_dd() { return {3.141592653589793, 1.2246467991473532e-16}; }
DoubleDouble e_dd() { return {2.718281828459045, 1.4456468917292502e-16}; }

DoubleDouble log1p_any_dd(DoubleDouble x) {
  if (std::isnan(x.hi) || x.hi < -1) return {kNaN, 0};
  if (x.hi >= 0) return log1p_dd(x);
  const DoubleDouble u = dd(1) + x;  // exact: -1 < x < 0
  if (u.hi == 0 && u.lo == 0) return {-kInf, 0};
  // Newton on e^y = 1 + x from the double log1p; e^y - 1 from expm1 keeps the small result's bits.
  DoubleDouble y = dd(std::log1p(x.hi));
  for (int i = 0; i < 2; ++i) {
    const DoubleDouble em1 = expm1_dd(y);
    y = y - (em1 - x) / (dd(1) + em1);
  }
  return y;
}

DoubleDouble log_dd(DoubleDouble x) {
  if (std::isnan(x.hi) || x.hi < 0) return {kNaN, 0};
  if (x.hi == 0) return {-kInf, 0};
  if (std::isinf(x.hi)) return {kInf, 0};
  if (x.hi > 0.5 && x.hi < 2) return log1p_any_dd(x - dd(1));
  DoubleDouble y = dd(std::log(x.hi));
  // x e^-y - 1 is small: one step doubles the correct bits (e^-y may be far from the double range,
  // so x is scaled by its power of two first, which keeps the product's low part normal).
  const ScaledDouble e = exp_scaled(-y);
  const DoubleDouble r = ldexp_dd(x, e.exponent) * e.mantissa - dd(1);
  return y + r - dd(0.5) * r * r;
}

DoubleDouble expm1_dd(DoubleDouble x) {
  if (std::fabs(x.hi) < 0.5) {
    // e^x - 1 = 2 e^(x/2) sinh(x/2) would do; simpler: the series, which converges fast here.
    DoubleDouble sum = x, term = x;
    for (int n = 2; n < 40; ++n) {
      term = term * x / dd(n);
      sum = sum + term;
      if (std::fabs(term.hi) <= 1e-36 * std::fabs(sum.hi)) break;
    }
    return sum;
  }
  return exp_dd(x) - dd(1);
}

DoubleDouble sqrt_dd(DoubleDouble x) {
  if (std::isnan(x.hi) || x.hi < 0) return {kNaN, 0};
  if (x.hi == 0 || std::isinf(x.hi)) return dd(x.hi);
  // x = m 4^k with m near 1, so that s^2's low part stays normal; sqrt(x) = sqrt(m) 2^k.
  const int k = std::ilogb(x.hi) / 2;
  const DoubleDouble m = ldexp_dd(x, -2 * k);
  const double s = std::sqrt(m.hi);
  // s + (m - s^2) / (2 s): Newton's step, with s^2 exact as a two-term product.
  const DoubleDouble r = m - two_prod(s, s);
  return ldexp_dd(fast_two_sum(s, r.hi / (2 * s)) + dd(r.lo / (2 * s)), k);
}

DoubleDouble pow_dd(DoubleDouble base, DoubleDouble exponent) {
  const double n = exponent.hi;
  if (exponent.lo == 0 && n == std::nearbyint(n) && std::fabs(n) <= 0x1p20) {
    DoubleDouble result = dd(1), square = base;
    for (double k = std::fabs(n); k > 0; k = std::floor(k / 2)) {
      if (std::fmod(k, 2) == 1) result = result * square;
      if (k > 1) square = square * square;
    }
    return n < 0 ? dd(1) / result : result;
  }
  if (base.hi < 0) return {kNaN, 0};
  if (base.hi == 0) return dd(exponent.hi > 0 ? 0 : kInf);
  return exp_dd(exponent * log_dd(base));
}

DoubleDouble tanh_dd(DoubleDouble x) {
  if (std::isnan(x.hi)) return x;
  const DoubleDouble a = abs_dd(x);
  // tanh|x| = -expm1(-2|x|) / (2 + expm1(-2|x|)): nothing cancels at 0 or in the tail.
  const DoubleDouble m = expm1_dd(dd(-2) * a);
  const DoubleDouble t = -m / (dd(2) + m);
  return x.hi < 0 ? -t : t;
}

namespace {

// (e^a + sign e^-a) / 2 for a >= 0, from one scaled e^a (e^-a is its reciprocal, scaled back);
// inf past the double range, before e^a's exponent could overflow the arithmetic on it.
DoubleDouble half_exp_pair(DoubleDouble a, double sign) {
  if (a.hi > 711) return dd(kInf);
  const ScaledDouble e = exp_scaled(a);
  return ldexp_dd(e.mantissa + dd(sign) * ldexp_dd(dd(1) / e.mantissa, -2 * e.exponent), e.exponent - 1);
}

}  // namespace

DoubleDouble sinh_dd(DoubleDouble x) {
  if (std::isnan(x.hi)) return x;
  const DoubleDouble a = abs_dd(x);
  DoubleDouble s;
  if (a.hi < 1) {
    const DoubleDouble m = expm1_dd(a);  // sinh a = (m + m/(1 + m)) / 2
    s = dd(0.5) * (m + m / (dd(1) + m));
  } else {
    s = half_exp_pair(a, -1);
  }
  return x.hi < 0 ? -s : s;
}

DoubleDouble cosh_dd(DoubleDouble x) {
  if (std::isnan(x.hi)) return x;
  return half_exp_pair(abs_dd(x), 1);
}

DoubleDouble sech_dd(DoubleDouble x) {
  if (std::isnan(x.hi)) return x;
  const DoubleDouble t = exp_dd(-abs_dd(x));
  return dd(2) * t / (dd(1) + t * t);
}

DoubleDouble sigmoid_dd(DoubleDouble x) {
  if (std::isnan(x.hi)) return x;
  const DoubleDouble t = exp_dd(-abs_dd(x));
  const DoubleDouble d = dd(1) + t;
  return x.hi >= 0 ? dd(1) / d : t / d;
}

DoubleDouble softplus_dd(DoubleDouble x) {
  if (std::isnan(x.hi)) return x;
  const DoubleDouble positive = x.hi > 0 ? x : dd(0);
  return positive + log1p_dd(exp_dd(-abs_dd(x)));
}

namespace {

// 2/sqrt(pi) and 1/sqrt(pi) to 106 bits.
const DoubleDouble kTwoOverRootPi{1.1283791670955126, 1.533545961316588e-17};
const DoubleDouble kOneOverRootPi{0.5641895835477563, 7.66772980658294e-18};

// erf x for |x| <= 2.5 by its Taylor series, 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n + 1)): the
// largest term is below 100, so at most two of the 32 digits cancel.
DoubleDouble erf_series(DoubleDouble x) {
  const DoubleDouble x2 = x * x;
  DoubleDouble power = x, sum = x;
  for (int n = 1; n < 200; ++n) {
    power = -(power * x2) / dd(n);
    const DoubleDouble term = power / dd(2 * n + 1);
    sum = sum + term;
    if (std::fabs(term.hi) <= 1e-34 * std::fabs(sum.hi)) break;
  }
  return kTwoOverRootPi * sum;
}

// erfc x for x >= 2.5 by Laplace's continued fraction e^-x^2/sqrt(pi) / (x + (1/2)/(x + 1/(x +
// (3/2)/(x + ...)))), evaluated from the tail: the depth is chosen for 2^-106 at x = 2.5.
DoubleDouble erfc_fraction(DoubleDouble x) {
  const int depth = static_cast<int>(40 + 1200 / (x.hi * x.hi));
  DoubleDouble t = x;
  for (int n = depth; n >= 1; --n) t = x + dd(0.5 * n) / t;
  return exp_dd(-(x * x)) * kOneOverRootPi / t;
}

}  // namespace

DoubleDouble erf_dd(DoubleDouble x) {
  if (std::isnan(x.hi)) return x;
  const double a = std::fabs(x.hi);
  if (a <= 2.5) return erf_series(x);
  const DoubleDouble tail = a > 27 ? dd(0) : erfc_fraction(x.hi < 0 ? -x : x);
  return x.hi < 0 ? tail - dd(1) : dd(1) - tail;
}

DoubleDouble erfc_dd(DoubleDouble x) {
  if (std::isnan(x.hi)) return x;
  if (x.hi >= 2.5) return x.hi > 27.3 ? dd(0) : erfc_fraction(x);
  if (x.hi <= -2.5) return dd(2) - (x.hi < -27 ? dd(0) : erfc_fraction(-x));
  return dd(1) - erf_series(x);
}

DoubleDouble logcosh_dd(DoubleDouble x) {
  if (std::isnan(x.hi)) return x;
  const DoubleDouble a = abs_dd(x);
  if (a.hi < 10) {
    const DoubleDouble s = sinh_dd(dd(0.5) * a);
    return log1p_dd(dd(2) * s * s);
  }
  return (a - kLn2) + log1p_dd(exp_dd(dd(-2) * a));
}

}  // namespace actderiv
