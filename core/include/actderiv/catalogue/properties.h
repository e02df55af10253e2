// Properties of an activation (range, smoothness, monotonicity, steepest slope, saturation), computed
// numerically from its value and derivative functions: nothing is typed in per function.
//
// Method. g and g' are sampled on a grid of step 1/16 over [-kPropertyScanRange, kPropertyScanRange]
// and at +-32 * 16^k out to 1e300; limits at +-inf are g(+-inf), or g(+-1e300) where that is NaN.
// Breaks: a jump of g is a grid cell whose change, less the trapezoid of g', stands out from its
// neighbours'; a jump of g' or g'' is a grid point whose second difference of g' does. Each suspect is
// refined by bisection (down to 1e-8 relative for g'', to adjacent doubles for g and g') and kept
// only if its indicator does not fade like a smooth function's and the one-sided limits differ by
// more than 1e-6 relative (g, g') or 1e-5 (g'', from one-sided differences of g' with Richardson
// extrapolation). The engine's kinks at these parameters (kinks.h) are checked the same way. Extrema: sign changes of g' between
// samples, bisected to adjacent doubles; peaks of |g'| by golden-section search. A smooth extremum is
// placed at the midpoint of the stretch within 1e-10 of its value (about 1e-9 accurate); a located
// point within 1e-8 of a multiple of 2^-10 is put on it. A value the doubles hold constant over an
// interval (g' == 0 in a tail, |g'| at its maximum) counts as a plateau only if the interval ends
// at a break or at infinity; otherwise it is rounding (sigmoid(40) == 1): the value is approached.
#pragma once

#include <string>
#include <vector>

#include "actderiv/catalogue/activation.h"

namespace actderiv {

// Breaks and interior extrema are looked for in [-kPropertyScanRange, kPropertyScanRange]; extrema
// and plateaus beyond it are found only as far as the sparse far samples show them.
constexpr double kPropertyScanRange = 32;

// Where a bound is reached: the points lo <= z <= hi (lo == hi for one point; an end is open when
// the bound is only approached there, and infinite ends are open), or, when it is not attained,
// the limit z -> lo == hi == -inf or +inf.
struct Where {
  double lo;
  double hi;
  bool lo_closed;
  bool hi_closed;
  std::string text;   // "z = 0", "z > 0", "0 ≤ z ≤ 6", "all z", "z → +∞"
  std::string latex;  // "z = 0", "z > 0", "0 \le z \le 6", "\text{all } z", "z \to +\infty"
};

// An infimum or supremum over the real line.
struct Bound {
  double value;   // may be -inf or +inf
  bool attained;  // taken at a finite z (a closed end of the range)
  Where where;
};

// The infimum and supremum of g; for a discontinuous g the values between need not all be taken.
struct Range {
  Bound inf;
  Bound sup;
  std::string text;   // e.g. "(0, 1)", "[−0.1700, ∞)": 4 significant digits unless exact
  std::string latex;  // e.g. "(0, 1)", "[-0.1700, \infty)"
};

// The highest order of derivative that is continuous everywhere (checked up to g'').
enum class Continuity {
  Discontinuous = 0,  // g jumps
  C0 = 1,             // g continuous, g' jumps (a kink)
  C1 = 2,             // g' continuous, g'' jumps
  Smooth = 3,         // no jump in g, g' or g'' found: reported as C-infinity
};

// A point where g (order 0), g' (order 1) or g'' (order 2) jumps, with that quantity's one-sided
// limits (g'' from one-sided differences, to about 1e-7).
struct Break {
  double z;
  int order;
  double left;
  double right;
};

// Whether g'(z) -> 0 in one direction.
struct Saturation {
  bool saturates;  // lim g' = 0
  bool hard;       // g' is exactly 0 on a half-line, which ends at a break (or g' = 0 everywhere)
  double from;     // the half-line's finite end (the break) when hard, e.g. 0 for ReLU's left;
                   // +inf (left) or -inf (right) when g' = 0 everywhere; NaN when not hard
};

// The derivative at z = 0.
struct AtZero {
  double value;  // the derivative function at 0: the frameworks' convention at a kink
  double left;   // lim g'(z) as z -> 0 from below
  double right;  // lim g'(z) as z -> 0 from above
  bool kink;     // g' jumps at 0 (left != right)
};

// Everything computed about one activation at one parameter setting.
struct Properties {
  Range range;
  Continuity continuity;
  std::string continuity_text;   // "discontinuous", "C⁰", "C¹", "C∞"
  std::string continuity_latex;  // "\text{discontinuous}", "C^0", "C^1", "C^\infty"
  std::vector<Break> breaks;     // in increasing z
  bool monotonic;             // non-decreasing: g' >= 0 at every sample and every jump of g is up
  bool monotonic_derivative;  // g' non-decreasing or non-increasing over all samples (4 ulp slack)
  bool identity_near_zero;    // g(0) = 0, g'(0) = 1 and g' continuous at 0 (1e-12 slack)
  bool zero_centred;          // g is odd: g(-z) = -g(z) at every sample (1e-12 relative slack), so
                              // outputs average 0 over inputs symmetric about 0
  Bound max_slope;            // sup |g'(z)| and where: a point, a plateau, or a limit
  Saturation left;            // z -> -inf
  Saturation right;           // z -> +inf
  AtZero at_zero;
};

// The properties of `activation` with `params` (as from resolve_params). Throws
// std::invalid_argument if params has the wrong length.
Properties properties(const Activation& activation, const std::vector<double>& params);

}  // namespace actderiv
