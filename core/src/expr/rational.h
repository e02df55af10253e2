// Exact numbers for the canonical form (canonical.cpp): a fraction p/q, which remembers whether the
// reader typed it as a decimal, or an inexact double. Internal to the core.
#pragma once

#include <cmath>
#include <numeric>

namespace actderiv::rational {

using Int = long long;
using Wide = __int128;
constexpr Int kMaxExact = Int{1} << 53;  // past this, a fraction's parts are no longer exact doubles

// An exact fraction p/q (q > 0, lowest terms), written as a decimal when `decimal` (the reader
// typed one: 0.1 is 1/10 and 3 * 0.1 is 0.3) and its denominator has no prime but 2 and 5; or,
// inexact, a double x: a number too long to be read as a fraction, or one that no longer fits.
struct Q {
  bool exact = true;
  bool decimal = false;
  Int p = 0, q = 1;
  double x = 0;

  double value() const { return exact ? static_cast<double>(p) / static_cast<double>(q) : x; }
  bool zero() const { return exact ? p == 0 : x == 0; }
  bool one() const { return exact ? p == 1 && q == 1 : x == 1; }
  bool negative() const { return exact ? p < 0 : x < 0; }
  bool integer() const { return exact && q == 1; }
  bool half() const { return exact && p == 1 && q == 2; }
};

inline Q integer_q(Int n) {
  Q r;
  r.p = n;
  return r;
}

inline Q decimal_q(double v) {
  Q r;
  r.exact = false;
  r.x = v == 0 ? 0.0 : v;
  return r;
}

inline Q fraction_q(Wide p, Wide q) {
  if (q < 0) p = -p, q = -q;
  if (p >= -kMaxExact && p <= kMaxExact && q <= kMaxExact) {  // the usual case, in 64 bits
    const Int g = std::gcd(static_cast<Int>(p), static_cast<Int>(q));
    Q r;
    r.p = static_cast<Int>(p) / (g ? g : 1);
    r.q = static_cast<Int>(q) / (g ? g : 1);
    return r;
  }
  Wide a = p < 0 ? -p : p, b = q;
  while (b != 0) {
    const Wide t = a % b;
    a = b;
    b = t;
  }
  if (a > 1) p /= a, q /= a;
  if (p > kMaxExact || -p > kMaxExact || q > kMaxExact)
    return decimal_q(static_cast<double>(p) / static_cast<double>(q));
  Q r;
  r.p = static_cast<Int>(p);
  r.q = static_cast<Int>(q);
  return r;
}

// A number as written: an integer is exact, and so is a decimal such as 0.044715, read back from the
// shortest digits that give its double (the digits the reader typed); anything longer is inexact.
inline Q number_q(double v) {
  if (v == std::trunc(v) && std::fabs(v) <= static_cast<double>(kMaxExact)) return integer_q(static_cast<Int>(v));
  if (!std::isfinite(v)) return decimal_q(v);
  for (int places = 1; places <= 15; ++places) {
    const double scaled = v * std::pow(10.0, places);
    const double digits = std::round(scaled);
    if (std::fabs(digits) > static_cast<double>(kMaxExact)) break;
    Wide denominator = 1;
    for (int k = 0; k < places; ++k) denominator *= 10;
    // The fraction digits / 10^places, if its nearest double is v.
    if (digits / static_cast<double>(denominator) == v) {
      Q r = fraction_q(static_cast<Wide>(digits), denominator);
      r.decimal = r.exact;
      return r;
    }
  }
  return decimal_q(v);
}

inline Q with_decimal(Q r, bool decimal) {
  r.decimal = r.exact && decimal;
  return r;
}

inline Q operator*(const Q& a, const Q& b) {
  if (a.exact && b.exact && a.q == 1 && b.q == 1 && !a.decimal && !b.decimal) {
    Int p = 0;
    if (!__builtin_mul_overflow(a.p, b.p, &p) && p >= -kMaxExact && p <= kMaxExact) return integer_q(p);
  }
  return a.exact && b.exact ? with_decimal(fraction_q(Wide{a.p} * b.p, Wide{a.q} * b.q), a.decimal || b.decimal)
                            : decimal_q(a.value() * b.value());
}

inline Q operator+(const Q& a, const Q& b) {
  if (a.exact && b.exact && a.q == 1 && b.q == 1 && !a.decimal && !b.decimal) {
    const Int p = a.p + b.p;  // |a.p|, |b.p| <= 2^53: no overflow
    if (p >= -kMaxExact && p <= kMaxExact) return integer_q(p);
  }
  return a.exact && b.exact
             ? with_decimal(fraction_q(Wide{a.p} * b.q + Wide{b.p} * a.q, Wide{a.q} * b.q), a.decimal || b.decimal)
             : decimal_q(a.value() + b.value());
}

// Written with decimal digits: a decimal whose denominator divides a power of 10.
inline bool terminating(const Q& a) {
  if (!a.exact || !a.decimal) return false;
  Int q = a.q;
  while (q % 2 == 0) q /= 2;
  while (q % 5 == 0) q /= 5;
  return q == 1;
}

inline Q operator-(const Q& a) {
  Q r = a;
  r.p = -r.p;
  r.x = -r.x;
  return r;
}

inline Q operator-(const Q& a, const Q& b) { return a + -b; }

inline bool operator==(const Q& a, const Q& b) {
  return a.exact == b.exact && (a.exact ? a.p == b.p && a.q == b.q && terminating(a) == terminating(b) : a.x == b.x);
}

// 1/a for a != 0.
inline Q inverse(const Q& a) { return a.exact ? with_decimal(fraction_q(a.q, a.p), a.decimal) : decimal_q(1 / a.x); }

inline Q abs(const Q& a) { return a.negative() ? -a : a; }

// a^n for an integer n, multiplied out (a != 0 when n < 0).
inline Q power(const Q& a, Int n) {
  Q r = integer_q(1);
  for (Int k = n < 0 ? -n : n; k > 0; --k) r = r * a;
  return n < 0 ? inverse(r) : r;
}

}  // namespace actderiv::rational
