#include "actderiv/numerics/double_double.h"

#include <array>
#include <cmath>
#include <limits>

namespace actderiv {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ln 2 in three parts (sum within 4e-50): k ln 2 for k up to 2^31 stays exact to about 2^-106.
constexpr double kLn2Hi = 0.6931471805599453;
constexpr double kLn2Mid = 2.3190468138462996e-17;
constexpr double kLn2Lo = 5.707708438416212e-34;

// The double-double's value rounded to an integer, ties to even; |x| < 2^53.
double round_half_even(DoubleDouble x) {
  double n = std::floor(x.hi);
  DoubleDouble frac = two_sum(x.hi - n, x.lo);  // x.hi - n is exact
  if (frac.hi < 0) {
    n -= 1;
    frac = frac + dd(1);
  } else if (frac.hi >= 1) {
    n += 1;
    frac = frac - dd(1);
  }
  const bool above = frac.hi > 0.5 || (frac.hi == 0.5 && frac.lo > 0);
  const bool tie = frac.hi == 0.5 && frac.lo == 0;
  return above || (tie && std::fmod(n, 2.0) != 0) ? n + 1 : n;
}

// e^r - 1 for |r| <= 1, to about 2^-100 relative to itself. e^r = (e^(r/256))^256: the Taylor
// series converges in a dozen terms for |r/256| < 0.004, and the squarings are done on p = e^s - 1,
// as (1 + p)^2 - 1 = p (2 + p), so no error is amplified and nothing cancels near r = 0.
DoubleDouble expm1_small(DoubleDouble r) {
  // 1/n as double-doubles, so each term costs a multiplication rather than a division.
  static const std::array<DoubleDouble, 30> inverse = [] {
    std::array<DoubleDouble, 30> table{};
    for (int n = 1; n < 30; ++n) table[n] = dd(1) / dd(n);
    return table;
  }();
  const DoubleDouble s = ldexp_dd(r, -8);
  DoubleDouble p = s;
  DoubleDouble term = s;
  for (int n = 2; n < 30; ++n) {
    term = term * s * inverse[n];
    p = p + term;
    if (std::fabs(term.hi) <= 1e-36 * std::fabs(p.hi)) break;
  }
  for (int i = 0; i < 8; ++i) p = p * (p + dd(2));
  return p;
}

}  // namespace

DoubleDouble operator+(DoubleDouble a, DoubleDouble b) {
  // Both pairs summed exactly before renormalising: accurate even when a and b nearly cancel.
  DoubleDouble s = two_sum(a.hi, b.hi);
  const DoubleDouble t = two_sum(a.lo, b.lo);
  s.lo += t.hi;
  s = fast_two_sum(s.hi, s.lo);
  s.lo += t.lo;
  return fast_two_sum(s.hi, s.lo);
}

DoubleDouble operator-(DoubleDouble a) { return {-a.hi, -a.lo}; }

DoubleDouble operator-(DoubleDouble a, DoubleDouble b) { return a + (-b); }

DoubleDouble operator/(DoubleDouble a, DoubleDouble b) {
  // Three quotient digits, each from the exact remainder of the previous ones.
  const double q1 = a.hi / b.hi;
  DoubleDouble r = a - b * dd(q1);
  const double q2 = r.hi / b.hi;
  r = r - b * dd(q2);
  const double q3 = r.hi / b.hi;
  return fast_two_sum(q1, q2) + dd(q3);
}

DoubleDouble ldexp_dd(DoubleDouble a, int e) { return {std::ldexp(a.hi, e), std::ldexp(a.lo, e)}; }

ScaledDouble exp_scaled(DoubleDouble x) {
  if (std::isnan(x.hi)) return {{kNaN, 0}, 0};
  if (x.hi > 0x1p30) return {{kInf, 0}, 0};
  if (x.hi < -0x1p30) return {{0, 0}, 0};
  // e^x = 2^k e^r with |r| <= ln2/2; the three-part ln 2 keeps r exact to 2^-106 even for large k.
  const double k = std::nearbyint(x.hi / kLn2Hi);
  const DoubleDouble r = ((x - two_prod(k, kLn2Hi)) - two_prod(k, kLn2Mid)) - dd(k * kLn2Lo);
  return {dd(1) + expm1_small(r), static_cast<int>(k)};
}

DoubleDouble exp_dd(DoubleDouble x) {
  const ScaledDouble e = exp_scaled(x);
  return ldexp_dd(e.mantissa, e.exponent);
}

DoubleDouble log1p_dd(DoubleDouble x) {
  if (!(x.hi >= 0)) return {kNaN, 0};
  if (x.hi < 0x1p-13) {
    // Below 2^-13 the alternating series needs at most ten terms and never forms 1 + x.
    DoubleDouble sum = x;
    DoubleDouble power = x;
    for (int n = 2; n < 40; ++n) {
      power = power * x;
      const DoubleDouble term = power / dd(n);
      sum = n % 2 == 0 ? sum - term : sum + term;
      if (std::fabs(term.hi) <= 1e-36 * std::fabs(sum.hi)) break;
    }
    return sum;
  }
  DoubleDouble y = dd(std::log1p(x.hi));
  if (x.hi <= 1) {
    // Newton's method on e^y - 1 = x, with e^y - 1 accurate relative to itself: no cancellation
    // against 1, and the correct bits double per step (53 -> 106 -> beyond).
    for (int i = 0; i < 2; ++i) {
      const DoubleDouble em1 = expm1_small(y);
      y = y - (em1 - x) / (dd(1) + em1);
    }
    return y;
  }
  // Above 1 the result is above ln 2: Newton's method on e^y = 1 + x cancels nothing that matters.
  const DoubleDouble u = dd(1) + x;
  for (int i = 0; i < 2; ++i) y = y + (u * exp_dd(-y) - dd(1));
  return y;
}

double to_double(const ScaledDouble& x) {
  double hi = x.mantissa.hi;
  double lo = x.mantissa.lo;
  if (hi == 0 || !std::isfinite(hi)) return hi;
  const bool negative = hi < 0;
  if (negative) hi = -hi, lo = -lo;
  int e = 0;
  hi = std::frexp(hi, &e);  // hi in [0.5, 1): the value is below 2^exponent
  lo = std::ldexp(lo, -e);
  const long long exponent = static_cast<long long>(x.exponent) + e;
  double result;
  if (exponent > 1025) {
    result = kInf;
  } else if (exponent >= -1021) {
    // At least 2^-1022, a normal number: hi + lo rounds once (the pair is normalised), scaling is exact.
    result = std::ldexp(hi + lo, static_cast<int>(exponent));
  } else if (exponent < -1076) {
    result = 0;  // below 2^-1076, under half the smallest subnormal
  } else {
    // On the subnormal grid the unit is 2^-1074: round the scaled value to an integer once.
    const int shift = static_cast<int>(exponent) + 1074;
    result = std::ldexp(round_half_even({std::ldexp(hi, shift), std::ldexp(lo, shift)}), -1074);
  }
  return negative ? -result : result;
}

double log10_abs(const ScaledDouble& x) {
  const double hi = x.mantissa.hi;
  if (hi == 0 || !std::isfinite(hi)) return std::log10(std::fabs(hi));
  // log10(hi + lo) = log10(hi) + log10(1 + lo/hi), the second term to first order.
  return std::log10(std::fabs(hi)) + x.mantissa.lo / (hi * std::log(10.0)) +
         x.exponent * 0.30102999566398120;
}

}  // namespace actderiv
