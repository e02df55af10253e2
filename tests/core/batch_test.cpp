// The batch kernels against the correctly rounded reference table, against long double evaluations on
// dense and random points, and against their scalar pairs in numerics.h at the special values.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "actderiv/numerics/batch.h"
#include "actderiv/numerics/double_double.h"
#include "actderiv/numerics/numerics.h"
#include "actderiv/numerics/precise.h"
#include "reference.h"

namespace {

using actderiv_test::show;
using actderiv_test::ulp_distance;

constexpr std::uint64_t kMaxUlps = 4;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Kernel {
  std::string id;                         // the activation the kernel evaluates
  actderiv::BatchFn batch;                // the kernel
  double (*value)(double, double);        // its scalar pair, given the one parameter (if any)
  double (*derivative)(double, double);
  long double (*exact_value)(long double);  // g and g' in long double, or null
  long double (*exact_derivative)(long double);
  // The parameters tried at the special values, within the activation's range (the first one also
  // on the dense points); those without a parameter ignore it.
  std::vector<double> params = {0.0, 0.01, 0.25, 1.0};
};

long double sigmoid_exact(long double z) { return 1 / (1 + std::exp(-z)); }
long double sigmoid_derivative_exact(long double z) {
  const long double e = std::exp(-std::fabs(z));
  return e / ((1 + e) * (1 + e));
}
long double tanh_exact(long double z) { return std::tanh(z); }
long double tanh_derivative_exact(long double z) {
  const long double c = std::cosh(z);
  return 1 / (c * c);
}

long double silu_exact(long double z) { return z / (1 + std::exp(-z)); }
// Near the zero x0 of silu', 1 + x + e^x = t + e^x0 (e^t - 1) with t = x - x0: long double's 64 bits
// would cancel there too. x0 = hi + lo (mpmath), so that t keeps 64 bits where it is small.
long double silu_derivative_exact(long double x) {
  constexpr long double x0_hi = -1.2784645427610737, x0_lo = -1.0946994183093437e-16;
  constexpr long double x0 = x0_hi + x0_lo;
  const long double e = std::exp(x);
  const long double t = (x - x0_hi) - x0_lo;
  const long double f = std::fabs(t) < 1 ? t - (1 + x0) * std::expm1(t) : 1 + x + e;
  return e * f / ((1 + e) * (1 + e));
}
long double mish_exact(long double z) { return z * std::tanh(std::log1p(std::exp(z))); }
// Mish' = e^z w/d^2, d = e^2z + 2e^z + 2, w = 4(z + 1) + e^z (4z + 6) + 4e^2z + e^3z, with w about its
// zero z0 written in t = z - z0 (w(z0) = 0), so that its terms do not cancel.
long double mish_derivative_exact(long double z) {
  constexpr long double z0_hi = -1.1924312145154952, z0_lo = -4.8484829848031044e-17;
  constexpr long double z0 = z0_hi + z0_lo;
  const long double e = std::exp(z);
  const long double d = e * e + 2 * e + 2;
  long double w = 4 * (z + 1) + e * (4 * z + 6) + 4 * e * e + e * e * e;
  const long double t = (z - z0_hi) - z0_lo;
  if (std::fabs(t) < 1) {
    const long double e0 = std::exp(z0);
    const long double em = std::expm1(t);
    w = 4 * t + e0 * (4 * z0 + 6) * em + 4 * t * e + 4 * e0 * e0 * em * (2 + em) +
        e0 * e0 * e0 * em * (3 + em * (3 + em));
  }
  return e * w / (d * d);
}

// GELU in double-double (precise.h's erfc, about 106 bits), returned as long double: Phi(z) =
// erfc(-z/sqrt2)/2 with -z/sqrt2 a double-double, phi(z) from z^2 formed exactly. Its derivative's
// cancellation near z0 = -0.7518 costs about log2(1/|z - z0|) of those 106 bits, far from the 53 kept.
long double as_long_double(actderiv::DoubleDouble x) {
  return static_cast<long double>(x.hi) + static_cast<long double>(x.lo);
}
constexpr actderiv::DoubleDouble kInvSqrt2{0.7071067811865476, -4.833646656726457e-17};
constexpr actderiv::DoubleDouble kInvSqrt2Pi{0.3989422804014327, -2.49232720227773e-17};
actderiv::DoubleDouble normal_cdf_dd(double z) {
  return 0.5 * actderiv::erfc_dd(actderiv::DoubleDouble(-z) * kInvSqrt2);
}
actderiv::DoubleDouble normal_pdf_dd(double z) {
  return kInvSqrt2Pi * actderiv::exp_dd(-0.5 * actderiv::two_prod(z, z));
}
// Below z = -20, where Phi and phi head for the subnormals (and the double-doubles lose their bits),
// phi(z) S(z) in long double instead, whose exponent range holds e^-800: S(z) = |z| Phi(z)/phi(z) =
// 1 - 1/z^2 + 3/z^4 - ... to 40 terms (the last below 79!!/20^80 = 2e-46), phi(z) = e^(-z^2/2)/sqrt(2 pi)
// with z^2 formed exactly.
long double phi_long(double z) {
  const actderiv::DoubleDouble zz = actderiv::two_prod(z, z);
  return std::exp(-0.5L * zz.hi) * std::exp(-0.5L * zz.lo) * as_long_double(kInvSqrt2Pi);
}
long double mills_long(double z) {
  const long double w = 1.0L / (static_cast<long double>(z) * z);
  long double s = 1;
  for (int k = 40; k >= 1; --k) s = 1 - (2 * k - 1) * w * s;
  return s;
}
long double gelu_exact(long double zl) {
  const double z = static_cast<double>(zl);
  if (std::isnan(z) || z == 0) return z;
  if (z > 40) return z;
  if (z < -40) return -0.0L;
  if (z < -20) return -phi_long(z) * mills_long(z);
  return as_long_double(actderiv::DoubleDouble(z) * normal_cdf_dd(z));
}
long double gelu_derivative_exact(long double zl) {
  const double z = static_cast<double>(zl);
  if (std::isnan(z)) return z;
  if (z > 40) return 1;
  if (z < -40) return -0.0L;
  if (z < -20) return -phi_long(z) * (-static_cast<long double>(z) + mills_long(z) / z);
  return as_long_double(normal_cdf_dd(z) + actderiv::DoubleDouble(z) * normal_pdf_dd(z));
}

// GELU-tanh, z sigma(2u) and sigma(2u) (1 + 2 z u' sigma(-2u)), u = c1 z + c3 z^3 in double-double;
// below z = -15, where e^2u heads for the subnormals, e^2u = e^(2 u_hi) e^(2 u_lo) in long double.
constexpr actderiv::DoubleDouble kTanhC1{0.7978845608028654, -4.98465440455546e-17};
constexpr actderiv::DoubleDouble kTanhC3{0.035677408136300125, -3.0875749590776575e-19};
struct GeluTanhExact {
  actderiv::DoubleDouble u, z_du;
};
GeluTanhExact gelu_tanh_parts(double z) {
  const actderiv::DoubleDouble c3_zz = kTanhC3 * actderiv::two_prod(z, z);
  return {(kTanhC1 + c3_zz) * actderiv::dd(z), (kTanhC1 + 3.0 * c3_zz) * actderiv::dd(z)};
}
long double gelu_tanh_exact(long double zl) {
  const double z = static_cast<double>(zl);
  if (std::isnan(z) || z == 0) return z;
  if (z > 40) return z;
  if (z < -30) return -0.0L;
  const GeluTanhExact p = gelu_tanh_parts(z);
  if (z < -15) {
    const long double e = std::exp(2.0L * p.u.hi) * std::exp(2.0L * p.u.lo);
    return zl * e / (1 + e);
  }
  return as_long_double(actderiv::dd(z) * actderiv::sigmoid_dd(2.0 * p.u));
}
long double gelu_tanh_derivative_exact(long double zl) {
  const double z = static_cast<double>(zl);
  if (std::isnan(z)) return z;
  if (z > 40) return 1;
  if (z < -30) return -0.0L;
  const GeluTanhExact p = gelu_tanh_parts(z);
  if (z < -15) {
    const long double e = std::exp(2.0L * p.u.hi) * std::exp(2.0L * p.u.lo);
    return e * (1 + e + 2 * as_long_double(p.z_du)) / ((1 + e) * (1 + e));
  }
  const actderiv::DoubleDouble s = actderiv::sigmoid_dd(2.0 * p.u);
  const actderiv::DoubleDouble s_minus = actderiv::sigmoid_dd(-2.0 * p.u);
  return as_long_double(s * (1.0 + 2.0 * p.z_du * s_minus));
}

const std::vector<Kernel>& kernels() {
  static const std::vector<Kernel> table = {
      {"sigmoid", actderiv::sigmoid_batch, [](double z, double) { return actderiv::sigmoid(z); },
       [](double z, double) { return actderiv::sigmoid_derivative(z); }, sigmoid_exact,
       sigmoid_derivative_exact},
      {"tanh", actderiv::tanh_batch, [](double z, double) { return actderiv::tanh_value(z); },
       [](double z, double) { return actderiv::tanh_derivative(z); }, tanh_exact,
       tanh_derivative_exact},
      {"relu", actderiv::relu_batch, [](double z, double) { return actderiv::relu(z); },
       [](double z, double) { return actderiv::relu_derivative(z); }, nullptr, nullptr},
      {"leaky_relu", actderiv::leaky_relu_batch, actderiv::leaky_relu,
       actderiv::leaky_relu_derivative, nullptr, nullptr},
      {"silu", actderiv::silu_batch, actderiv::silu, actderiv::silu_derivative, silu_exact,
       silu_derivative_exact, {1.0, 0.1, 0.25, 1.7, 10.0}},
      {"gelu", actderiv::gelu_batch, [](double z, double) { return actderiv::gelu(z); },
       [](double z, double) { return actderiv::gelu_derivative(z); }, gelu_exact,
       gelu_derivative_exact},
      {"gelu_tanh", actderiv::gelu_tanh_batch, [](double z, double) { return actderiv::gelu_tanh(z); },
       [](double z, double) { return actderiv::gelu_tanh_derivative(z); }, gelu_tanh_exact,
       gelu_tanh_derivative_exact},
      {"mish", actderiv::mish_batch, [](double z, double) { return actderiv::mish(z); },
       [](double z, double) { return actderiv::mish_derivative(z); }, mish_exact,
       mish_derivative_exact},
  };
  return table;
}

struct Batch {
  std::vector<double> value;
  std::vector<double> derivative;
};

Batch run(const Kernel& kernel, const std::vector<double>& z, double param) {
  Batch out{std::vector<double>(z.size()), std::vector<double>(z.size())};
  kernel.batch(z.data(), z.size(), &param, out.value.data(), out.derivative.data());
  return out;
}

// Values where formulas switch, underflow, overflow or lose digits, with both signs.
std::vector<double> special_points() {
  std::vector<double> z = {0.0, kInf, kNaN, std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                           1e-300, 1e-20, 1e-8, 0.1733, 0.25, 0.3466, 0.55, 0.6931, 1.0, 2.0, 3.0,
                           19.06, 20.0, 20.5, 36.7, 37.0, 40.0, 354.0, 354.5, 372.5, 373.0, 375.0,
                           708.39, 709.78, 710.0, 745.13, 745.2, 746.0, 750.0, 751.0, 800.0, 1e10, 1e300,
                           // gelu_batch's interval edges in |z|, its limits and its subnormal tail
                           0.375, 0.7517915246935645, 1.125, 1.875, 2.625, 3.375, 4.125, 5.0, 6.0, 7.5,
                           9.0, 38.0, 38.6, 38.7, 39.0, 39.5, 39.6,
                           // gelu_tanh_batch's: its derivative's zero and the stretch around it, its
                           // limits, its subnormal tail
                           0.7524614220710163, 0.5624614220710163, 0.9424614220710163, 10.0, 21.0, 21.5,
                           21.9, 22.0};
  // and the doubles on either side of each of those edges
  for (double edge : {0.375, 1.125, 1.875, 2.625, 3.375, 4.125, 5.0, 6.0, 7.5, 9.0, 39.0, 39.5}) {
    z.push_back(std::nextafter(edge, 0.0));
    z.push_back(std::nextafter(edge, kInf));
  }
  const std::size_t n = z.size();
  for (std::size_t i = 0; i < n; ++i) z.push_back(-z[i]);
  return z;
}

// Evenly spaced, log-spaced and random points over the whole range the kernels treat specially.
std::vector<double> dense_points() {
  std::vector<double> z;
  for (int i = -200000; i <= 200000; ++i) z.push_back(i * 1e-4 * 4);  // [-80, 80]
  for (double m = 1e-310; m < 1000; m *= 1.001) {
    z.push_back(m);
    z.push_back(-m);
  }
  std::mt19937_64 random(20240604);
  std::uniform_real_distribution<double> wide(-800.0, 800.0);
  std::uniform_real_distribution<double> narrow(-2.0, 2.0);
  for (int i = 0; i < 100000; ++i) {
    z.push_back(wide(random));
    z.push_back(narrow(random));
  }
  return z;
}

TEST(Batch, MatchesCorrectlyRoundedReferenceWithin4Ulps) {
  const std::vector<actderiv_test::ReferenceRow> rows = actderiv_test::load_reference();
  for (const Kernel& kernel : kernels()) {
    std::size_t checked = 0;
    for (const auto& row : rows) {
      if (row.function != kernel.id) continue;
      const double param = row.has_param ? row.param : 0.01;  // leaky_relu's default alpha
      const Batch out = run(kernel, {row.z}, param);
      const std::string where = kernel.id + (row.has_param ? " param=" + show(row.param) : "") +
                                " z=" + show(row.z);
      EXPECT_LE(ulp_distance(out.value[0], row.value), kMaxUlps)
          << where << ": value got " << show(out.value[0]) << ", want " << show(row.value);
      EXPECT_LE(ulp_distance(out.derivative[0], row.derivative), kMaxUlps)
          << where << ": derivative got " << show(out.derivative[0]) << ", want "
          << show(row.derivative);
      ++checked;
    }
    EXPECT_GE(checked, 100u) << "too few reference rows for " << kernel.id;
  }
}

TEST(Batch, WithinFourUlpsOfLongDoubleOnDenseAndRandomPoints) {
  if (std::numeric_limits<long double>::digits < 64) GTEST_SKIP() << "long double is not wider than double";
  const std::vector<double> z = dense_points();
  for (const Kernel& kernel : kernels()) {
    if (!kernel.exact_value) continue;
    const Batch out = run(kernel, z, kernel.params[0]);
    std::uint64_t worst_value = 0;
    std::uint64_t worst_derivative = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
      const double value = static_cast<double>(kernel.exact_value(z[i]));
      const double derivative = static_cast<double>(kernel.exact_derivative(z[i]));
      const std::uint64_t value_ulps = ulp_distance(out.value[i], value);
      const std::uint64_t derivative_ulps = ulp_distance(out.derivative[i], derivative);
      ASSERT_LE(value_ulps, kMaxUlps) << kernel.id << " z=" << show(z[i]) << ": value got "
                                      << show(out.value[i]) << ", want " << show(value);
      ASSERT_LE(derivative_ulps, kMaxUlps)
          << kernel.id << " z=" << show(z[i]) << ": derivative got " << show(out.derivative[i])
          << ", want " << show(derivative);
      worst_value = std::max(worst_value, value_ulps);
      worst_derivative = std::max(worst_derivative, derivative_ulps);
    }
    std::cout << "max ULP " << kernel.id << " batch value " << worst_value << " derivative "
              << worst_derivative << " over " << z.size() << " points\n";
  }
}

TEST(Batch, AgreesWithScalarFunctionsAtSpecialValues) {
  const std::vector<double> z = special_points();
  for (const Kernel& kernel : kernels()) {
    for (double param : kernel.params) {
      const Batch out = run(kernel, z, param);
      // Piecewise-linear kernels are the scalar formulas themselves: exactly equal.
      const std::uint64_t bound = kernel.exact_value ? kMaxUlps : 0;
      for (std::size_t i = 0; i < z.size(); ++i) {
        const double value = kernel.value(z[i], param);
        const double derivative = kernel.derivative(z[i], param);
        const std::string where = kernel.id + " param=" + show(param) + " z=" + show(z[i]);
        EXPECT_LE(ulp_distance(out.value[i], value), bound)
            << where << ": value got " << show(out.value[i]) << ", scalar " << show(value);
        if (!std::isnan(value)) {
          EXPECT_EQ(std::signbit(out.value[i]), std::signbit(value)) << where << ": sign of the value";
        }
        EXPECT_LE(ulp_distance(out.derivative[i], derivative), bound)
            << where << ": derivative got " << show(out.derivative[i]) << ", scalar "
            << show(derivative);
      }
    }
  }
}

TEST(Batch, WritesExactlyNPoints) {
  // n = 0 touches nothing; n = 3 of a longer buffer leaves the rest as it was.
  for (const Kernel& kernel : kernels()) {
    const std::vector<double> z = {0.5, -0.5, 2.0, 7.0};
    std::vector<double> value(4, 42.0), derivative(4, 42.0);
    const double param = 0.01;
    kernel.batch(z.data(), 0, &param, value.data(), derivative.data());
    EXPECT_EQ(value[0], 42.0) << kernel.id;
    kernel.batch(z.data(), 3, &param, value.data(), derivative.data());
    EXPECT_NE(value[2], 42.0) << kernel.id;
    EXPECT_EQ(value[3], 42.0) << kernel.id;
    EXPECT_EQ(derivative[3], 42.0) << kernel.id;
  }
}

}  // namespace
