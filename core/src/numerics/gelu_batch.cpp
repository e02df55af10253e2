// GELU's batch kernel. numerics.cpp's gelu rests on the library erfc and double-double corrections,
// one point at a time; here Phi(-a) = e^(-a^2/2) R(a), a = |z|, with R(a) = M(a)/sqrt(2 pi) (M the
// Mills ratio) from one polynomial per interval of a (gelu_kernel_coefficients.h, fitted by
// scripts/gelu_kernel_fit.py), and e^(-a^2/2) from exp_parts with a^2 formed exactly: the rounding of
// a^2/2 would otherwise be amplified a^2/2-fold (750 times at z = -38.7). The value and the
// derivative share the exponential:
//   z < 0:  z Phi(z) = z e R,  Phi(z) + z phi(z) = e D,            with e = e^(-a^2/2),
//   z >= 0: z Phi(z) = z (1 - e R),  Phi(z) + z phi(z) = 1 - e D,  D = R(a) - a/sqrt(2 pi).
// D vanishes at a0 = 0.75179 (GELU's derivative at z = -a0): for a < 2.625, D is (a0 - a) Nc(a)
// with Nc fitted on its own, so nothing cancels.
//
// The loop over the points is a block of kBlock at a time: a block whose points all lie in one
// interval of a (or all above 9, where GELU is z and its derivative 1, or all below -39, where both
// are -0) runs that interval's formula in a loop that vectorises; any other block (points across an
// edge, NaN or infinities, |z| beyond the tail) has its points grouped by interval with those of the
// other such blocks of a stretch of 1,024 points, and each group runs its interval's vector loop too
// (NaN, infinities and the limits point by point). Sorted or clustered inputs (a plot's grid) take
// the first way almost everywhere, points in random order the second.
#include "actderiv/numerics/batch.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>

#include "actderiv/numerics/double_double.h"
#include "numerics/exp_parts.h"
#include "numerics/gelu_kernel_coefficients.h"

namespace actderiv {

namespace {

using gelu_kernel::kA0Hi;
using gelu_kernel::kA0Lo;
using gelu_kernel::kEdges;
using gelu_kernel::kIntervals;
using gelu_kernel::kInvSqrt2PiHi;
using gelu_kernel::kInvSqrt2PiLo;
using gelu_kernel::kNc;
using gelu_kernel::kR;
using gelu_kernel::kZeroIntervals;

constexpr std::size_t kBlock = 64;
constexpr double kHigh = 9.0;   // above: 1 - Phi(z) < 2^-62, z Phi(z) rounds to z and Phi + z phi to 1
constexpr double kLow = -39.0;  // below: |z Phi(z)| < 2^-1075 (numerics.cpp's gelu)
constexpr int kTail = kIntervals;        // a in [7.5, 39.5]
constexpr int kOutside = kIntervals + 1;  // a > 39.5, NaN

// c[0] + c[1] + u (c[2] + c[3] u + ... + c[15] u^13), the constant term a double-double: the sum of the
// higher terms by Estrin's scheme (a shorter dependency chain than Horner's), added to c[1] and then to
// c[0] last, so that the polynomial is rounded about once.
__attribute__((always_inline)) inline double poly(const double* c, double u) {
  const double u2 = u * u;
  const double u4 = u2 * u2;
  const double u8 = u4 * u4;
  const double p23 = c[2] + u * c[3];
  const double p45 = c[4] + u * c[5];
  const double p67 = c[6] + u * c[7];
  const double p89 = c[8] + u * c[9];
  const double pab = c[10] + u * c[11];
  const double pcd = c[12] + u * c[13];
  const double pef = c[14] + u * c[15];
  const double p25 = p23 + u2 * p45;
  const double p69 = p67 + u2 * p89;
  const double pad = pab + u2 * pcd;
  const double q = (p25 + u4 * p69) + u8 * (pad + u4 * pef);
  return c[0] + (u * q + c[1]);
}

static_assert(gelu_kernel::kDegree == 14, "poly() evaluates degree 14");
constexpr int kCoefficients = gelu_kernel::kDegree + 2;

// The interval of a = |z|: 0 .. kIntervals - 1, kTail, or kOutside.
inline int interval_of(double a) {
  if (!(a <= gelu_kernel::kTailEnd)) return kOutside;
  if (a >= kEdges[kIntervals]) return kTail;
  int i = 0;
  while (a >= kEdges[i + 1]) ++i;
  return i;
}

enum class Kind { kPlain, kZero, kTail };

struct Result {
  double value, derivative;
};

// Blocks of kBlock points whose z all lie above `high` get (z, 1) and those all below `low` get
// (-0, -0); each other block goes to compute(z, n, value, derivative).
template <class Compute>
void by_blocks(const double* z, std::size_t n, double high, double low, double* value,
               double* derivative, const Compute& compute) {
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t m = std::min(kBlock, n - start);
    const Range range = range_of(z + start, m);
    if (range.no_nan && range.lo > high) {
      for (std::size_t i = 0; i < m; ++i) {
        value[start + i] = z[start + i];
        derivative[start + i] = 1.0;
      }
    } else if (range.no_nan && range.hi < low) {
      std::fill(value + start, value + start + m, -0.0);
      std::fill(derivative + start, derivative + start + m, -0.0);
    } else {
      compute(z + start, m, value + start, derivative + start);
    }
  }
}


// GELU and its derivative at z, |z| in the interval whose polynomial is r (kPlain, kZero) or in the
// tail (r unused). Branch-free, so that a loop of it vectorises.
// Inlined always: a call left in the loop (GCC and clang judge it too large) keeps it scalar.
template <Kind kKind>
__attribute__((always_inline)) inline Result gelu_point(double z, const double* r, double r_centre,
                                                       const double* nc, double nc_centre) {
  const double a = std::fabs(z);
  const DoubleDouble aa = two_prod(a, a);  // a^2 exactly
  const ExpParts parts = exp_parts(-0.5 * aa.hi, -0.5 * aa.lo);
  const bool negative = z < 0;
  double y;  // z R(a) for z < 0, R(a) otherwise
  double d;  // D = R(a) - a/sqrt(2 pi)
  if constexpr (kKind == Kind::kTail) {
    const double w = 1.0 / aa.hi;
    const double p = poly(gelu_kernel::kTail.c, w - gelu_kernel::kTail.centre);  // a R(a)
    y = negative ? -p : (p * w) * a;
    d = -(a * ((kInvSqrt2PiHi - p * w) + kInvSqrt2PiLo));
  } else {
    const double rr = poly(r, a - r_centre);
    y = negative ? z * rr : rr;
    if constexpr (kKind == Kind::kZero) {
      d = ((kA0Hi - a) + kA0Lo) * poly(nc, a - nc_centre);
    } else {
      const DoubleDouble ac = two_prod(a, kInvSqrt2PiHi);
      d = (rr - ac.hi) - (ac.lo + a * kInvSqrt2PiLo);
    }
  }
  // e y and e d, with e = 2^k (1 + p) applied unrounded and 2^k last, so a subnormal is rounded once.
  const double t = scale(parts, y + y * parts.p);
  const double td = scale(parts, d + d * parts.p);
  return {negative ? t : z * (1.0 - t), negative ? td : 1.0 - td};
}

// One point of any kind: the scalar path of the blocks that mix intervals.
inline void gelu_any(double z, double& value, double& derivative) {
  if (std::isnan(z)) {
    value = derivative = z;
    return;
  }
  if (z > kHigh) {
    value = z;
    derivative = 1.0;
    return;
  }
  if (z < kLow) {
    value = derivative = -0.0;
    return;
  }
  const int i = interval_of(std::fabs(z));
  Result out;
  if (i == kTail) {
    out = gelu_point<Kind::kTail>(z, nullptr, 0.0, nullptr, 0.0);
  } else if (i < kZeroIntervals) {
    out = gelu_point<Kind::kZero>(z, kR[i].c, kR[i].centre, kNc[i].c, kNc[i].centre);
  } else {
    out = gelu_point<Kind::kPlain>(z, kR[i].c, kR[i].centre, nullptr, 0.0);
  }
  value = out.value;
  derivative = out.derivative;
}

// The points of one block, all in interval k (kTail included), by its formula. Not inlined: inlined
// into gelu_batch's loop over the blocks, clang no longer vectorises it ("value that could not be
// identified as reduction").
template <Kind kKind>
__attribute__((noinline)) void gelu_block(const double* z, std::size_t n, int k, double* value, double* derivative) {
  // Local copies: loop invariants the vectoriser keeps in registers.
  double r[kCoefficients] = {};
  double nc[kCoefficients] = {};
  double r_centre = 0.0;
  double nc_centre = 0.0;
  if (k < kIntervals) {
    std::copy(std::begin(kR[k].c), std::end(kR[k].c), r);
    r_centre = kR[k].centre;
  }
  if (k < kZeroIntervals) {
    std::copy(std::begin(kNc[k].c), std::end(kNc[k].c), nc);
    nc_centre = kNc[k].centre;
  }
  ACTDERIV_VECTORISE
  for (std::size_t i = 0; i < n; ++i) {
    const Result out = gelu_point<kKind>(z[i], r, r_centre, nc, nc_centre);
    value[i] = out.value;
    derivative[i] = out.derivative;
  }
}

// GELU-tanh, z sigma(2u) with u = sqrt(2/pi) (z + 0.044715 z^3): numerics.cpp's gelu_tanh and
// gelu_tanh_derivative with one exp_parts per point and selects instead of branches, as silu_batch.
// u and z u' are double-doubles (sigma(2u)'s relative error is 2|u| times u's: 745 times at z = -21.5).
constexpr DoubleDouble kTanhC1{0.7978845608028654, -4.98465440455546e-17};     // sqrt(2/pi)
constexpr DoubleDouble kTanhC3{0.035677408136300125, -3.0875749590776575e-19};  // 0.044715 sqrt(2/pi)
constexpr Zero kTanhZero{-0.7524614220710163, 3.635560509207687e-17, 0.29195521191476714,
                         -8.582607951729513e-18};
// Within kTanhNear of z0, |2u(z) - 2u(z0)| < 0.3466 = ln(2)/2: exp_parts of it has k = 0, its p is
// expm1 itself. Beyond, the bracket 1 + e^2u + 2 z u' (kept as a double-double sum) loses less than
// a factor 3.5 to cancellation.
constexpr double kTanhNear = 0.19;
constexpr double kTanhHigh = 10.0;  // above: z and 1 (numerics.cpp)
constexpr double kTanhLow = -22.0;  // below: -0 and -0

// Which formulas a block of GELU-tanh needs: all of them (kAny), only z >= 0's (kPositive: u in plain
// doubles is enough there, as sigma(2u)'s relative error is at most 0.56 times u's), or only those of
// z < 0 away from z0 (kNegative).
enum class TanhKind { kAny, kPositive, kNegative };

template <TanhKind kKind>
__attribute__((noinline)) void gelu_tanh_block(const double* z, std::size_t n, double* value,
                                               double* derivative) {
  ACTDERIV_VECTORISE
  for (std::size_t i = 0; i < n; ++i) {
    const double zi = z[i];
    const bool big = zi > kTanhHigh;
    if constexpr (kKind == TanhKind::kPositive) {
      const double zz = zi * zi;
      const double u = zi * (kTanhC1.hi + kTanhC3.hi * zz);
      const double z_du = zi * (kTanhC1.hi + 3.0 * kTanhC3.hi * zz);
      const ExpParts parts = exp_parts(above_deep_floor(-2.0 * u));
      const double e = scale(parts, 1.0 + parts.p);  // e^-2u
      value[i] = big ? zi : zi / (1.0 + e);
      derivative[i] = big ? 1.0 : (1.0 + e * (1.0 + 2.0 * z_du)) / one_plus_squared(e);
      continue;
    }
    const DoubleDouble c3_zz = kTanhC3 * two_prod(zi, zi);
    const DoubleDouble u = sloppy_add(kTanhC1, c3_zz) * dd(zi);
    const DoubleDouble z_du = sloppy_add(kTanhC1, 3.0 * c3_zz) * dd(zi);  // z u'(z)
    const bool positive = kKind == TanhKind::kAny && zi >= 0;
    const double x_hi = positive ? -2.0 * u.hi : 2.0 * u.hi;
    const double x_lo = positive ? -2.0 * u.lo : 2.0 * u.lo;
    // -|2u| (u has the sign of z), or near z0 the difference 2u(z) - 2u(z0) = 2 t D1 with
    // D1 = c1 + c3 q, q = z^2 + z z0 + z0^2, whose e^ gives e^2u = e^2u(z0) e^(2 t D1); 2 t D1 and
    // 2 t D3 with the products' roundings kept (two_prod), so that only D1's and D3's own are left.
    bool near = false;
    double exp_hi = above_deep_floor(x_hi);
    double exp_lo = x_lo;
    Offset t{0.0, 0.0};
    double d3 = 0.0;
    DoubleDouble td3;
    if constexpr (kKind == TanhKind::kAny) {
      t = offset(zi, kTanhZero);
      near = std::fabs(t.hi) < kTanhNear;
      const double q = zi * zi + zi * kTanhZero.hi + kTanhZero.hi * kTanhZero.hi;
      const double d1 = kTanhC1.hi + (kTanhC3.hi * q + kTanhC1.lo);
      d3 = kTanhC1.hi + (3.0 * kTanhC3.hi * q + kTanhC1.lo);
      const DoubleDouble td1 = two_prod(t.hi, d1);
      td3 = two_prod(t.hi, d3);
      exp_hi = near ? 2.0 * td1.hi : exp_hi;
      exp_lo = near ? 2.0 * (td1.lo + t.lo * d1) : exp_lo;
    }
    const ExpParts parts = exp_parts(exp_hi, exp_lo);
    const Mantissa m = mantissa(near, kTanhZero, parts);
    const double e = scale(parts, m.base + m.tail);  // e^-|2u|, or e^2u near z0
    const double d = 1.0 + e;
    const double d2 = one_plus_squared(e);
    // Value: z/(1 + e) for z >= 0; z e/(1 + e) below, scaled by 2^k last.
    const double v = (positive ? zi : times(zi, m)) / d;
    // Derivative: (1 + e (1 + 2 z u'))/d^2 for z >= 0, all terms positive; e h/d^2 below with
    // h = 1 + e^2u + 2 z u' (1 + 2 z u' exact as a two_sum), or near z0 h = 2 t D3 + e^2u(z0) expm1(2 t D1).
    const DoubleDouble one_plus = two_sum(1.0, 2.0 * z_du.hi);
    double h = one_plus.hi + (e + (one_plus.lo + 2.0 * z_du.lo));
    if constexpr (kKind == TanhKind::kAny) {
      const double h_near = (2.0 * td3.hi + kTanhZero.exp_hi * parts.p) +
                            (2.0 * (td3.lo + t.lo * d3) + kTanhZero.exp_lo * parts.p);
      h = near ? h_near : h;
    }
    const double g = (positive ? 1.0 + e * (1.0 + 2.0 * z_du.hi) : times(h, m)) / d2;
    const bool gone = zi < kTanhLow;  // 2u < -790: both underflow (and z = -inf)
    value[i] = positive ? (big ? zi : v) : (gone ? -0.0 : scale(parts, v));
    derivative[i] = positive ? (big ? 1.0 : g) : (gone ? -0.0 : scale(parts, g));
  }
}

// A block by the cheapest loop its points allow.
void gelu_tanh_any(const double* z, std::size_t n, double* value, double* derivative) {
  const Range range = range_of(z, n);
  if (range.no_nan && range.lo >= 0) {
    gelu_tanh_block<TanhKind::kPositive>(z, n, value, derivative);
  } else if (range.no_nan && range.hi < 0 &&
             (range.hi < kTanhZero.hi - kTanhNear || range.lo > kTanhZero.hi + kTanhNear)) {
    gelu_tanh_block<TanhKind::kNegative>(z, n, value, derivative);
  } else {
    gelu_tanh_block<TanhKind::kAny>(z, n, value, derivative);
  }
}

}  // namespace

void gelu_tanh_batch(const double* z, std::size_t n, const double*, double* value,
                     double* derivative) {
  by_blocks(z, n, kTanhHigh, kTanhLow, value, derivative, gelu_tanh_any);
}

namespace {

// Runs interval k's loop (kTail included) on n points.
void gelu_interval(int k, const double* z, std::size_t n, double* value, double* derivative) {
  if (k == kTail) {
    gelu_block<Kind::kTail>(z, n, k, value, derivative);
  } else if (k < kZeroIntervals) {
    gelu_block<Kind::kZero>(z, n, k, value, derivative);
  } else {
    gelu_block<Kind::kPlain>(z, n, k, value, derivative);
  }
}

// The points of the blocks that mix intervals, gathered over a stretch of kStretch points: grouped by
// interval (a counting sort of their indices), each group copied out, run through its interval's
// vector loop and copied back. NaN, infinities and the limits (group kScalar) go point by point.
constexpr std::size_t kStretch = 1024;
constexpr int kScalar = kTail + 1;

class Mixed {
 public:
  void add(const double* z, std::size_t index) {
    // Without branches (random order would mispredict them): the count of edges at or below |x|,
    // which is kTail from the last edge on.
    const double x = z[index];
    const double a = std::fabs(x);
    int interval = 0;
    for (int j = 1; j <= kIntervals; ++j) interval += a >= kEdges[j];
    const bool scalar = (x > kHigh) | (x < kLow) | (x != x);
    const int group = scalar ? kScalar : interval;
    index_[size_] = static_cast<std::uint16_t>(index);
    group_[size_] = static_cast<std::uint8_t>(group);
    ++count_[group];
    ++size_;
  }

  // Evaluates the points added (indices into z, value and derivative) and starts again.
  void run(const double* z, double* value, double* derivative) {
    if (size_ == 0) return;
    std::size_t start[kScalar + 2] = {};
    for (int g = 0; g <= kScalar; ++g) start[g + 1] = start[g] + count_[g];
    std::size_t next[kScalar + 1];
    std::copy(start, start + kScalar + 1, next);
    for (std::size_t i = 0; i < size_; ++i) {
      const std::size_t p = next[group_[i]]++;
      order_[p] = index_[i];
      z_[p] = z[index_[i]];
    }
    for (int g = 0; g < kScalar; ++g) {
      if (count_[g]) gelu_interval(g, z_ + start[g], count_[g], value_ + start[g], derivative_ + start[g]);
    }
    for (std::size_t p = start[kScalar]; p < size_; ++p) gelu_any(z_[p], value_[p], derivative_[p]);
    for (std::size_t p = 0; p < size_; ++p) {
      value[order_[p]] = value_[p];
      derivative[order_[p]] = derivative_[p];
    }
    size_ = 0;
    std::fill(std::begin(count_), std::end(count_), std::size_t{0});
  }

 private:
  std::size_t size_ = 0;
  std::size_t count_[kScalar + 1] = {};
  std::uint16_t index_[kStretch];
  std::uint8_t group_[kStretch];
  std::uint16_t order_[kStretch];
  double z_[kStretch];
  double value_[kStretch];
  double derivative_[kStretch];
};

static_assert(kStretch % kBlock == 0 && kStretch <= 65536, "a stretch is whole blocks, indexed in 16 bits");

}  // namespace

void gelu_batch(const double* z, std::size_t n, const double*, double* value, double* derivative) {
  Mixed mixed;
  for (std::size_t stretch = 0; stretch < n; stretch += kStretch) {
    const std::size_t stretch_end = std::min(n, stretch + kStretch);
    for (std::size_t start = stretch; start < stretch_end; start += kBlock) {
      const std::size_t m = std::min(kBlock, stretch_end - start);
      const double* zb = z + start;
      double* vb = value + start;
      double* db = derivative + start;
      const Range range = range_of(zb, m);
      const double lo = range.lo;
      const double hi = range.hi;
      const bool no_nan = range.no_nan;
      if (no_nan && lo > kHigh) {
        for (std::size_t i = 0; i < m; ++i) {
          vb[i] = zb[i];
          db[i] = 1.0;
        }
        continue;
      }
      if (no_nan && hi < kLow) {
        std::fill(vb, vb + m, -0.0);
        std::fill(db, db + m, -0.0);
        continue;
      }
      const double a_lo = lo >= 0 ? lo : (hi <= 0 ? -hi : 0.0);
      const double a_hi = std::max(-lo, hi);
      const int k = no_nan ? interval_of(a_lo) : kOutside;
      if (k != kOutside && k == interval_of(a_hi)) {
        gelu_interval(k, zb, m, vb, db);
        continue;
      }
      for (std::size_t i = 0; i < m; ++i) mixed.add(z + stretch, start - stretch + i);
    }
    mixed.run(z + stretch, value + stretch, derivative + stretch);
  }
}

}  // namespace actderiv
