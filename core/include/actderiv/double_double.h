// Double-double arithmetic: a value carried as the unevaluated sum of two doubles, about 106 bits,
// with exp and log1p. It is the high-precision reference of the floating-point lesson (lesson.h).
#pragma once

namespace actderiv {

// hi + lo, normalised so that hi is the sum rounded to the nearest double (|lo| <= ulp(hi) / 2).
struct DoubleDouble {
  double hi = 0;
  double lo = 0;
};

// The double x exactly.
DoubleDouble dd(double x);

// Sums, differences, products and quotients to about 2^-104 relative error (for a quotient and a
// product of normal numbers whose result is normal; no fused multiply-add is assumed).
DoubleDouble operator+(DoubleDouble a, DoubleDouble b);
DoubleDouble operator-(DoubleDouble a, DoubleDouble b);
DoubleDouble operator-(DoubleDouble a);
DoubleDouble operator*(DoubleDouble a, DoubleDouble b);
DoubleDouble operator/(DoubleDouble a, DoubleDouble b);

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
