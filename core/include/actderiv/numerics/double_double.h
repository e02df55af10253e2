// Double-double arithmetic: a value carried as the unevaluated sum of two doubles, about 106 bits.
// The exact two-term primitives and the operations the careful activation formulas (numerics.cpp)
// use per point are inline here; the rest, with exp and log1p, are the high-precision reference of
// the floating-point lesson (lesson.h). The primitives are exact only when the compiler neither fuses
// nor reorders floating-point operations (the core is built with -ffp-contract=off), and they split
// with Veltkamp/Dekker rather than call std::fma, which WebAssembly has no instruction for and
// emulates slowly.
#pragma once

namespace actderiv {

// hi + lo, normalised so that hi is the sum rounded to the nearest double (|lo| <= ulp(hi) / 2).
// A double converts exactly (lo = 0).
struct DoubleDouble {
  constexpr DoubleDouble(double high = 0, double low = 0) : hi(high), lo(low) {}
  double hi;
  double lo;
};

// The double x exactly.
constexpr DoubleDouble dd(double x) { return {x, 0.0}; }

// a + b = hi + lo exactly, for any magnitudes (Knuth's TwoSum).
constexpr DoubleDouble two_sum(double a, double b) {
  const double s = a + b;
  const double b_part = s - a;
  return {s, (a - (s - b_part)) + (b - b_part)};
}

// a + b = hi + lo exactly when |a| >= |b| or a = 0 (Dekker's FastTwoSum).
constexpr DoubleDouble fast_two_sum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}

// a * b = hi + lo exactly, barring underflow, for |a|, |b| < 2^996 (Dekker's TwoProduct): Veltkamp's
// split into 26-bit halves, whose pairwise products are exact.
constexpr DoubleDouble two_prod(double a, double b) {
  constexpr double kSplitter = 134217729.0;  // 2^27 + 1
  const double a_c = kSplitter * a;
  const double a_hi = a_c - (a_c - a);
  const double a_lo = a - a_hi;
  const double b_c = kSplitter * b;
  const double b_hi = b_c - (b_c - b);
  const double b_lo = b - b_hi;
  const double p = a * b;
  return {p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo};
}

// Sums, differences, products and quotients to about 2^-104 relative error (for a quotient and a
// product of normal numbers whose result is normal).
DoubleDouble operator+(DoubleDouble a, DoubleDouble b);
DoubleDouble operator-(DoubleDouble a, DoubleDouble b);
DoubleDouble operator-(DoubleDouble a);
DoubleDouble operator/(DoubleDouble a, DoubleDouble b);
constexpr DoubleDouble operator*(DoubleDouble a, DoubleDouble b) {
  const DoubleDouble p = two_prod(a.hi, b.hi);
  return fast_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

// a + b to about 2^-104 (|a| + |b|): the high parts summed exactly, the low parts added plainly (the
// QD library's sloppy_add). Cheaper than operator+, and as accurate unless a and b nearly cancel.
constexpr DoubleDouble sloppy_add(DoubleDouble a, DoubleDouble b) {
  const DoubleDouble s = two_sum(a.hi, b.hi);
  return fast_two_sum(s.hi, s.lo + (a.lo + b.lo));
}

// a / b rounded to a double: the quotient of the high parts, corrected once by the remainder a - q b.
constexpr double divide_to_double(DoubleDouble a, DoubleDouble b) {
  const double q = a.hi / b.hi;
  const DoubleDouble p = two_prod(q, b.hi);
  const double r = (((a.hi - p.hi) - p.lo) + a.lo) - q * b.lo;
  return q + r / b.hi;
}

// a * 2^e, exact unless a part leaves the normal range.
DoubleDouble ldexp_dd(DoubleDouble a, int e);

// mantissa * 2^exponent: a double-double whose binary exponent is kept apart, so a value far below
// the smallest double (e^-750) keeps its 106 bits until it is rounded once.
struct ScaledDouble {
  DoubleDouble mantissa;
  int exponent = 0;
};

// e^x as a mantissa in [0.7, 1.5) and a power of two, to about 2^-100 relative error for
// |x| <= 2^30; |x| beyond that gives mantissa +inf (x > 0) or 0 (x < 0). NaN gives NaN.
ScaledDouble exp_scaled(DoubleDouble x);

// e^x as a plain double-double (0 or inf outside the double range).
DoubleDouble exp_dd(DoubleDouble x);

// log(1 + x) for x >= 0 to about 2^-100 relative error: a series below 2^-13, above it two Newton
// steps from the double log1p. Negative or NaN x gives NaN.
DoubleDouble log1p_dd(DoubleDouble x);

// The value rounded once to the nearest double, ties to even: subnormal results are rounded on the
// subnormal grid (not twice), below half the smallest subnormal gives 0, past the largest double inf.
double to_double(const ScaledDouble& x);

// log10 |x|, finite for every nonzero finite x, including values far below the double range.
double log10_abs(const ScaledDouble& x);

}  // namespace actderiv
