// The exponential of the batch kernels (batch.cpp, gates_batch.cpp), in parts they assemble without
// calls or branches, so that the loops around them vectorise.
#pragma once

#include <cstdint>
#include <cstddef>
#include <cstring>

// Four vectors per loop iteration: their long dependency chains (range reduction, polynomial,
// division) then overlap. About 30% faster under V8 (Node 20) and 20% natively with clang; GCC
// leaves these loops scalar unless -fno-trapping-math, and ignores the hint.
// ACTDERIV_VECTORISE also overrides clang's cost model, which refuses the longer kernels (several
// divisions and selects per point) and would leave them one point at a time.
#if defined(__clang__)
#define ACTDERIV_INTERLEAVE _Pragma("clang loop interleave_count(4)")
#define ACTDERIV_VECTORISE _Pragma("clang loop vectorize(enable) interleave_count(4)")
#else
#define ACTDERIV_INTERLEAVE
#define ACTDERIV_VECTORISE
#endif

namespace actderiv {

namespace {

inline std::uint64_t bits_of(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

inline double from_bits(std::uint64_t bits) {
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// -|x|, by setting the sign bit (NaN stays NaN).
inline double minus_abs(double x) { return from_bits(bits_of(x) | 0x8000000000000000u); }

// 0 with the sign of x, by its sign bit: std::copysign does not vectorise in WebAssembly.
inline double zero_with_sign_of(double x) { return from_bits(bits_of(x) & 0x8000000000000000u); }

constexpr double kShift = 0x1.8p52;  // x + kShift puts round(x) in the low bits, for |x| < 2^51
constexpr double kLog2e = 0x1.71547652b82fep0;
constexpr double kLn2Hi = 0x1.62e42fee00000p-1;  // ln 2 in 32 bits: k * kLn2Hi is exact
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;  // ln 2 - kLn2Hi

// Below this, e^x * 4 rounds to 0; above it, 2^(k + 64) is a normal double.
constexpr double kExpFloor = -750.0;

// Below this, e^x * 10^5 rounds to 0 (what z e^z needs for |z| up to 10^5, i.e. SiLU with
// beta >= 0.01); above it, 2^(k + 128) is a normal double.
constexpr double kDeepExpFloor = -790.0;

// e^x = 2^k (1 + p) for x in [kDeepExpFloor, 1]: k = round(x / ln 2), and p = e^r - 1 with
// r = x - k ln 2 (Cody-Waite), |r| <= ln(2)/2. Below kDeepExpFloor (or -inf) the parts are garbage:
// callers select their limit there. NaN gives NaN.
struct ExpParts {
  double shifted;  // k + kShift: k in the low bits
  double p;
};

// e^r - 1 = r + r^2 q(r), q a near-minimax (Chebyshev) fit of degree 10 to (e^r - 1 - r) / r^2
// on |r| <= ln(2)/2, within 0.01 ULP; evaluated by Estrin's scheme for a shorter dependency chain.
inline double expm1_reduced(double r) {
  const double r2 = r * r;
  const double r4 = r2 * r2;
  const double q01 = 0.5 + r * 0x1.5555555555556p-3;
  const double q23 = 0x1.5555555555555p-5 + r * 0x1.11111111109b2p-7;
  const double q45 = 0x1.6c16c16c167e0p-10 + r * 0x1.a01a01a7c54aep-13;
  const double q67 = 0x1.a01a01a47bb19p-16 + r * 0x1.71de0da9d06acp-19;
  const double q89 = 0x1.27e4e1f1e809dp-22 + r * 0x1.af38b4925be09p-26;
  const double q03 = q01 + r2 * q23;
  const double q47 = q45 + r2 * q67;
  const double q8a = q89 + r2 * 0x1.1f66e5b718f3ep-29;
  const double q = (q03 + r4 * q47) + (r4 * r4) * q8a;
  return r + r2 * q;
}

inline ExpParts exp_parts(double x) {
  const double shifted = x * kLog2e + kShift;
  const double k = shifted - kShift;
  return {shifted, expm1_reduced((x - k * kLn2Hi) - k * kLn2Lo)};
}

// e^(x + x_lo) for a double-double argument (|x_lo| <= ulp(x)): x_lo joins the reduced argument,
// where it is not lost, so e^x is not off by x's rounding error times |x|.
inline ExpParts exp_parts(double x, double x_lo) {
  const double shifted = x * kLog2e + kShift;
  const double k = shifted - kShift;
  return {shifted, expm1_reduced(((x - k * kLn2Hi) - k * kLn2Lo) + x_lo)};
}

// 2^(k + j) for the parts' k, built from exponent bits; k + j must lie in [-1022, 1023].
inline double pow2(const ExpParts& parts, int j) {
  return from_bits((bits_of(parts.shifted) + static_cast<std::uint64_t>(1023 + j)) << 52);
}

// 2^k y, rounded once even where the result is subnormal (x >= kDeepExpFloor, |y| < 2^800).
inline double scale(const ExpParts& parts, double y) { return (y * pow2(parts, 128)) * 0x1p-128; }

// e^x - 1 = (2^k - 1) + 2^k p, each part exact: no cancellation near x = 0 (|x| <= 1).
inline double expm1_of(const ExpParts& parts) {
  const double s = pow2(parts, 0);
  return (s - 1.0) + s * parts.p;
}

// The zero z0 of a derivative as a double-double (hi + lo), and an exponential there (e^z0 for SiLU,
// e^2u(z0) for GELU-tanh), from mpmath at 400 bits: the kernels write their derivative in t = z - z0
// near it.
struct Zero {
  double hi, lo;          // z0
  double exp_hi, exp_lo;  // e^z0 (SiLU, Mish) or e^2u(z0) (gelu_tanh)
};

// t = z - z0 as hi + lo: z - z0.hi is exact near z0 (within a factor 2), and its rounding once z0.lo is
// taken off would otherwise reach every term written in t.
struct Offset {
  double hi, lo;
};

inline Offset offset(double z, const Zero& zero) {
  const double a = z - zero.hi;
  const double hi = a - zero.lo;
  return {hi, (a - hi) - zero.lo};  // exact: |a| >= |zero.lo| unless a = 0
}

// x clamped below at kDeepExpFloor, where callers select their limit anyway (NaN stays NaN).
inline double above_deep_floor(double x) { return x < kDeepExpFloor ? kDeepExpFloor : x; }

// The mantissa m of e^z = 2^k m as base + tail, left unrounded: 1 + p for parts = exp_parts(z), and
// e^z0 (1 + p) = e^z0 e^t near a zero z0 (parts = exp_parts(t)). Rounding m, and then rounding its
// products again, would add an ULP the kernels' 4 ULP budget has no room for.
struct Mantissa {
  double base, tail;
};

inline Mantissa mantissa(bool near, const Zero& zero, const ExpParts& parts) {
  return {near ? zero.exp_hi : 1.0, near ? zero.exp_hi * parts.p + zero.exp_lo : parts.p};
}

// y m, rounded about once.
inline double times(double y, const Mantissa& m) { return y * m.base + y * m.tail; }

// (1 + s)^2 for s >= 0 as 1 + s (2 + s): the rounding of 1 + s is not doubled by the square.
inline double one_plus_squared(double s) { return 1.0 + s * (2.0 + s); }

// x's bits as an integer in the doubles' order: -x's key is -key - 1 (-0 just below +0).
inline std::int64_t order_key(double x) {
  const auto bits = static_cast<std::int64_t>(bits_of(x));
  return bits ^ ((bits >> 63) & 0x7fffffffffffffff);
}

inline double from_order_key(std::int64_t key) {
  return from_bits(static_cast<std::uint64_t>(key ^ ((key >> 63) & 0x7fffffffffffffff)));
}

// The least and greatest of z[0 .. n), n >= 1, through integers ordered as the doubles are (NaN
// beyond the infinities, on the side of its sign): an integer reduction vectorises, a floating-point
// one (without -ffast-math) does not. NaN anywhere makes lo or hi NaN.
struct Range {
  double lo, hi;
  bool no_nan;
};

inline Range range_of(const double* z, std::size_t n) {
  std::int64_t lo_key = order_key(z[0]);
  std::int64_t hi_key = lo_key;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t key = order_key(z[i]);
    lo_key = key < lo_key ? key : lo_key;
    hi_key = key > hi_key ? key : hi_key;
  }
  const double lo = from_order_key(lo_key);
  const double hi = from_order_key(hi_key);
  return {lo, hi, lo == lo && hi == hi};
}

}  // namespace

}  // namespace actderiv
