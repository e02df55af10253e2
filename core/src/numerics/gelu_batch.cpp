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
// edge, NaN or infinities, |z| beyond the tail) goes point by point, each point with its interval's
// formula. Sorted or clustered inputs (a plot's grid) take the vector loops almost everywhere;
// points in random order mostly take the scalar one (about as fast as plain JavaScript).
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

// x's bits as an integer in the doubles' order: -x's key is -key - 1 (-0 just below +0).
inline std::int64_t order_key(double x) {
  const auto bits = static_cast<std::int64_t>(bits_of(x));
  return bits ^ ((bits >> 63) & 0x7fffffffffffffff);
}

inline double from_order_key(std::int64_t key) {
  return from_bits(static_cast<std::uint64_t>(key ^ ((key >> 63) & 0x7fffffffffffffff)));
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

}  // namespace

void gelu_batch(const double* z, std::size_t n, const double*, double* value, double* derivative) {
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t m = std::min(kBlock, n - start);
    const double* zb = z + start;
    double* vb = value + start;
    double* db = derivative + start;
    // The block's least and greatest z, through integers ordered as the doubles are (NaN beyond the
    // infinities, on the side of its sign): an integer reduction vectorises, a floating-point one
    // (without -ffast-math) does not.
    std::int64_t lo_key = order_key(zb[0]);
    std::int64_t hi_key = lo_key;
    for (std::size_t i = 0; i < m; ++i) {
      const std::int64_t key = order_key(zb[i]);
      lo_key = key < lo_key ? key : lo_key;
      hi_key = key > hi_key ? key : hi_key;
    }
    const double lo = from_order_key(lo_key);
    const double hi = from_order_key(hi_key);
    // NaN anywhere makes lo or hi NaN; infinities are left to the limits or the scalar path.
    const bool no_nan = lo == lo && hi == hi;
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
      if (k == kTail) {
        gelu_block<Kind::kTail>(zb, m, k, vb, db);
      } else if (k < kZeroIntervals) {
        gelu_block<Kind::kZero>(zb, m, k, vb, db);
      } else {
        gelu_block<Kind::kPlain>(zb, m, k, vb, db);
      }
      continue;
    }
    for (std::size_t i = 0; i < m; ++i) gelu_any(zb[i], vb[i], db[i]);
  }
}

}  // namespace actderiv
