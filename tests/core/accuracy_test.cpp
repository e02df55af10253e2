// Accuracy of the core's values and derivatives against the correctly rounded reference table,
// and the numerical requirements that motivated the careful formulas.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "actderiv/catalogue/activation.h"
#include "reference.h"

namespace {

using actderiv::ParamValues;
using actderiv_test::ReferenceRow;
using actderiv_test::show;
using actderiv_test::ulp_distance;

constexpr std::uint64_t kMaxUlps = 4;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNoParam = std::numeric_limits<double>::quiet_NaN();

// Where the catalogue's smooth gated activations are hardest to evaluate, with the bound numerics.h
// documents there. Each region must keep enough reference rows, and its rows are held to its own
// bound; a bound that had to be loosened would be loosened here, for one region, not in kMaxUlps.
struct Region {
  const char* function;
  double param;  // the param column the region belongs to; kNoParam for a function without one
  double lo;     // z in [lo, hi]
  double hi;
  std::size_t min_rows;
  std::uint64_t max_ulps;  // for the value and the derivative
  const char* what;
};

const Region kRegions[] = {
    {"silu", 1.0, -1.2795, -1.2775, 10, 4, "zero of g' at z = -1.2785: 1 + z + e^z cancels"},
    {"silu", 2.0, -0.6402, -0.6382, 10, 4, "zero of g' at z = -0.6392: 1 + 2z + e^2z cancels"},
    {"silu", 1.0, -750, -695, 10, 4, "z e^z into the subnormals"},
    {"silu", 2.0, -375, -347.5, 10, 4, "z e^2z into the subnormals"},
    {"gelu", kNoParam, -0.7528, -0.7508, 10, 4, "zero of g' at z = -0.7518: Phi + z phi cancels"},
    {"gelu", kNoParam, -40, -5, 30, 4, "tail: erfc's argument rounded, z^2-fold amplified"},
    {"gelu_tanh", kNoParam, -0.7535, -0.7515, 10, 4, "zero of g' at z = -0.7525"},
    {"gelu_tanh", kNoParam, -23, -3, 25, 4, "tail: sigma(2u)'s error is 2|u| times u's"},
    {"mish", kNoParam, -1.1934, -1.1914, 10, 4, "zero of g' at z = -1.1924"},
    {"mish", kNoParam, -750, -695, 10, 4, "z e^z into the subnormals"},
};

bool in_region(const ReferenceRow& row, const Region& region) {
  const bool same_param = std::isnan(region.param) ? !row.has_param
                                                   : row.has_param && row.param == region.param;
  return row.function == region.function && same_param && row.z >= region.lo && row.z <= region.hi;
}

// The bound a row is held to: its region's, or kMaxUlps.
std::uint64_t bound_for(const ReferenceRow& row) {
  for (const Region& region : kRegions)
    if (in_region(row, region)) return region.max_ulps;
  return kMaxUlps;
}

const std::vector<ReferenceRow>& reference() {
  static const std::vector<ReferenceRow> rows = actderiv_test::load_reference();
  return rows;
}

// The table's param column is the value of the activation's one parameter.
ParamValues params_of(const ReferenceRow& row) {
  if (!row.has_param) return {};
  return {{actderiv::find_activation(row.function).params.at(0).id, row.param}};
}

struct Point {
  double value;
  double derivative;
};

// g(z) and g'(z) through the public API, one point.
Point evaluate_at(const std::string& id, double z, const ParamValues& given = {}) {
  const actderiv::Activation& activation = actderiv::find_activation(id);
  const std::vector<double> params = actderiv::resolve_params(activation, given);
  Point p{};
  actderiv::evaluate(activation, params, &z, 1, &p.value, &p.derivative);
  return p;
}

// The reference row for (id, z) without a parameter; fails the test if the table does not have it.
const ReferenceRow* find_row(const std::string& id, double z) {
  for (const ReferenceRow& row : reference()) {
    if (row.function == id && !row.has_param && row.z == z && !std::signbit(row.z) == !std::signbit(z)) return &row;
  }
  ADD_FAILURE() << "no reference row for " << id << " at z = " << show(z);
  return nullptr;
}

TEST(Accuracy, ReferenceTableCoversEveryActivation) {
  std::map<std::string, std::size_t> count;
  for (const ReferenceRow& row : reference()) ++count[row.function];
  for (const actderiv::Activation& activation : actderiv::activations()) {
    EXPECT_GE(count[activation.id], 100u) << "too few reference rows for " << activation.id;
  }
  EXPECT_EQ(count.size(), actderiv::activations().size()) << "the table names an unknown activation";
}

// Every row, evaluated in batches of one (function, param) group as callers use the API.
TEST(Accuracy, MatchesCorrectlyRoundedReferenceWithinItsBound) {
  struct Group {
    const ReferenceRow* first;
    std::vector<const ReferenceRow*> rows;
  };
  std::vector<Group> groups;
  for (const ReferenceRow& row : reference()) {
    if (groups.empty() || groups.back().first->function != row.function ||
        groups.back().first->has_param != row.has_param ||
        (row.has_param && groups.back().first->param != row.param)) {
      groups.push_back({&row, {}});
    }
    groups.back().rows.push_back(&row);
  }

  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> max_ulps;  // id -> (value, derivative)
  std::vector<std::string> order;
  for (const Group& group : groups) {
    const ReferenceRow& first = *group.first;
    const actderiv::Activation& activation = actderiv::find_activation(first.function);
    const std::vector<double> params = actderiv::resolve_params(activation, params_of(first));
    const std::size_t n = group.rows.size();
    std::vector<double> z(n), value(n), derivative(n);
    for (std::size_t i = 0; i < n; ++i) z[i] = group.rows[i]->z;
    actderiv::evaluate(activation, params, z.data(), n, value.data(), derivative.data());

    if (max_ulps.find(first.function) == max_ulps.end()) order.push_back(first.function);
    auto& worst = max_ulps[first.function];
    for (std::size_t i = 0; i < n; ++i) {
      const ReferenceRow& row = *group.rows[i];
      const std::string where = row.function + (row.has_param ? " param=" + show(row.param) : "") +
                                " z=" + show(row.z);
      const std::uint64_t value_ulps = ulp_distance(value[i], row.value);
      const std::uint64_t derivative_ulps = ulp_distance(derivative[i], row.derivative);
      const std::uint64_t bound = bound_for(row);
      EXPECT_LE(value_ulps, bound) << where << ": value got " << show(value[i]) << ", want "
                                   << show(row.value) << " (" << value_ulps << " ulps)";
      EXPECT_LE(derivative_ulps, bound)
          << where << ": derivative got " << show(derivative[i]) << ", want " << show(row.derivative)
          << " (" << derivative_ulps << " ulps)";
      worst.first = std::max(worst.first, value_ulps);
      worst.second = std::max(worst.second, derivative_ulps);
    }
  }
  for (const std::string& id : order) {
    std::cout << "max ULP " << id << " value " << max_ulps[id].first << " derivative "
              << max_ulps[id].second << "\n";
  }
}

TEST(Accuracy, HardRegionsAreCoveredAndWithinTheirBounds) {
  for (const Region& region : kRegions) {
    std::ostringstream name_stream;
    name_stream << region.function;
    if (!std::isnan(region.param)) name_stream << " param=" << region.param;
    name_stream << " on [" << region.lo << ", " << region.hi << "] (" << region.what << ")";
    const std::string name = name_stream.str();
    std::size_t rows = 0;
    std::uint64_t worst_value = 0, worst_derivative = 0;
    for (const ReferenceRow& row : reference()) {
      if (!in_region(row, region)) continue;
      ++rows;
      const Point p = evaluate_at(row.function, row.z, params_of(row));
      worst_value = std::max(worst_value, ulp_distance(p.value, row.value));
      worst_derivative = std::max(worst_derivative, ulp_distance(p.derivative, row.derivative));
    }
    EXPECT_GE(rows, region.min_rows) << name << ": too few reference rows";
    EXPECT_LE(worst_value, region.max_ulps) << name;
    EXPECT_LE(worst_derivative, region.max_ulps) << name;
    std::cout << "max ULP " << name << ": value " << worst_value << " derivative " << worst_derivative
              << " over " << rows << " rows\n";
  }
}

// Doubles of every binade, both signs: +-2^k and +-1.5 * 2^k for every k a double has.
std::vector<double> every_binade() {
  std::vector<double> z;
  for (int k = -1074; k <= 1023; ++k) {
    for (double m : {1.0, 1.5}) {
      const double x = std::ldexp(m, k);
      if (x == 0 || std::isinf(x)) continue;
      z.push_back(x);
      z.push_back(-x);
    }
  }
  return z;
}

TEST(Catalogue, SmoothGatesAreFiniteForEveryFiniteZ) {
  // The true values are finite everywhere, |g(z)| <= |z| and |g'(z)| < 1.13 for every beta. Naive
  // formulas fail here: the cube in GELU-tanh overflows past |z| = 5.6e102, z u' sigma(-2u) becomes
  // inf * 0, and e^-z/(1 + e^-z)^2 becomes inf/inf.
  const std::vector<double> zs = every_binade();
  for (const char* id : {"silu", "gelu", "gelu_tanh", "mish"}) {
    const actderiv::Activation& activation = actderiv::find_activation(id);
    std::vector<ParamValues> settings{{}};
    if (!activation.params.empty()) {
      const std::string& param = activation.params[0].id;
      for (double v : {0.1, 1.7, 10.0}) settings.push_back({{param, v}});
    }
    for (const ParamValues& given : settings) {
      const std::vector<double> params = actderiv::resolve_params(activation, given);
      std::vector<double> value(zs.size()), derivative(zs.size());
      actderiv::evaluate(activation, params, zs.data(), zs.size(), value.data(), derivative.data());
      for (std::size_t i = 0; i < zs.size(); ++i) {
        const std::string where = std::string(id) + (given.empty() ? "" : " " + given[0].first + "=" +
                                                     show(given[0].second)) + " at z = " + show(zs[i]);
        ASSERT_TRUE(std::isfinite(value[i]) && std::fabs(value[i]) <= std::fabs(zs[i]))
            << where << ": value " << show(value[i]);
        ASSERT_TRUE(std::isfinite(derivative[i]) && std::fabs(derivative[i]) < 1.2)
            << where << ": derivative " << show(derivative[i]);
      }
    }
  }
}

TEST(Catalogue, SmoothGatesHaveTheLimitsAtInfinity) {
  for (const char* id : {"silu", "gelu", "gelu_tanh", "mish"}) {
    const Point plus = evaluate_at(id, kInf);
    const Point minus = evaluate_at(id, -kInf);
    EXPECT_EQ(plus.value, kInf) << id;
    EXPECT_EQ(plus.derivative, 1.0) << id;
    EXPECT_EQ(minus.value, 0.0) << id;
    EXPECT_EQ(minus.derivative, 0.0) << id;
    const Point nan = evaluate_at(id, std::numeric_limits<double>::quiet_NaN());
    EXPECT_TRUE(std::isnan(nan.value) && std::isnan(nan.derivative)) << id;
  }
}

TEST(Catalogue, SmoothGatesKeepTheSignOfZero) {
  // g(z) = z times a positive gate: +-0 at z = +-0, and -0 where a negative value is too small for a
  // double (the first z of each list but the zeros), not the +0 a product that underflowed gave.
  const std::vector<std::pair<const char*, std::vector<double>>> cases = {
      {"silu", {-800.0, -760.0, -0.0, -1e-310}},
      {"gelu", {-40.0, -38.7, -0.0, -1e-310}},
      {"gelu_tanh", {-23.0, -21.9, -0.0, -1e-310}},
      {"mish", {-800.0, -760.0, -0.0, -1e-310}},
  };
  for (const auto& [id, zs] : cases) {
    for (double z : zs) {
      EXPECT_TRUE(std::signbit(evaluate_at(id, z).value)) << id << " at z = " << show(z);
      EXPECT_FALSE(std::signbit(evaluate_at(id, -z).value)) << id << " at z = " << show(-z);
    }
  }
}

TEST(Sigmoid, FiniteForEveryFiniteZ) {
  const double max = std::numeric_limits<double>::max();
  for (double z : {max, -max, 1e308, -1e308, 1e300, -1e300, 800.0, -800.0, 750.0, -750.0, 746.0,
                   -746.0, 710.0, -710.0, 40.0, -40.0, 37.0, -37.0, 0.0, -0.0}) {
    const Point p = evaluate_at("sigmoid", z);
    EXPECT_TRUE(std::isfinite(p.value) && p.value >= 0 && p.value <= 1)
        << "sigmoid(" << show(z) << ") = " << show(p.value);
    EXPECT_TRUE(std::isfinite(p.derivative) && p.derivative >= 0 && p.derivative <= 0.25)
        << "sigmoid'(" << show(z) << ") = " << show(p.derivative);
  }
}

TEST(Sigmoid, DerivativeAt40IsPositiveWhereGTimesOneMinusGUnderflows) {
  const Point p = evaluate_at("sigmoid", 40.0);
  // the naive formula's premise: g(40) rounds to 1, so g(1-g) would be exactly 0
  EXPECT_EQ(p.value * (1 - p.value), 0.0);
  EXPECT_GT(p.derivative, 0.0);
  if (const ReferenceRow* row = find_row("sigmoid", 40.0)) {
    EXPECT_LE(ulp_distance(p.derivative, row->derivative), kMaxUlps)
        << "sigmoid'(40) got " << show(p.derivative) << ", want " << show(row->derivative);
  }
}

TEST(Sigmoid, DerivativeAtMinus800IsNotNaN) {
  // e^-z/(1+e^-z)^2 evaluated naively is inf/inf = NaN here; the true value underflows to 0
  const Point p = evaluate_at("sigmoid", -800.0);
  EXPECT_FALSE(std::isnan(p.derivative));
  EXPECT_LE(ulp_distance(p.derivative, 0.0), kMaxUlps) << "sigmoid'(-800) = " << show(p.derivative);
  EXPECT_LE(ulp_distance(p.value, 0.0), kMaxUlps) << "sigmoid(-800) = " << show(p.value);
}

TEST(Sigmoid, LimitsAtInfinity) {
  const Point plus = evaluate_at("sigmoid", kInf);
  const Point minus = evaluate_at("sigmoid", -kInf);
  EXPECT_EQ(plus.value, 1.0);
  EXPECT_EQ(plus.derivative, 0.0);
  EXPECT_EQ(minus.value, 0.0);
  EXPECT_EQ(minus.derivative, 0.0);
}

TEST(Tanh, DerivativeAt20IsPositiveWhereOneMinusTanhSquaredCancels) {
  const Point p = evaluate_at("tanh", 20.0);
  // the naive formula's premise: tanh(20) rounds to 1, so 1 - tanh^2 would be exactly 0
  EXPECT_EQ(1 - p.value * p.value, 0.0);
  EXPECT_GT(p.derivative, 0.0);
  if (const ReferenceRow* row = find_row("tanh", 20.0)) {
    EXPECT_LE(ulp_distance(p.derivative, row->derivative), kMaxUlps)
        << "tanh'(20) got " << show(p.derivative) << ", want " << show(row->derivative);
  }
  const Point q = evaluate_at("tanh", -20.0);
  EXPECT_EQ(q.derivative, p.derivative) << "tanh' is even";
}

TEST(Kink, ReluDerivativeAtZeroIsZero) {
  EXPECT_EQ(evaluate_at("relu", 0.0).derivative, 0.0);
  EXPECT_EQ(evaluate_at("relu", -0.0).derivative, 0.0);
  EXPECT_EQ(evaluate_at("relu", 0.0).value, 0.0);
  // either side of the kink
  EXPECT_EQ(evaluate_at("relu", std::numeric_limits<double>::denorm_min()).derivative, 1.0);
  EXPECT_EQ(evaluate_at("relu", -std::numeric_limits<double>::denorm_min()).derivative, 0.0);
}

TEST(Kink, LeakyReluDerivativeAtZeroIsAlpha) {
  for (double alpha : {0.0, 0.01, 0.1, 0.3, 1.0}) {
    const ParamValues given = {{"alpha", alpha}};
    EXPECT_EQ(evaluate_at("leaky_relu", 0.0, given).derivative, alpha) << "alpha=" << alpha;
    EXPECT_EQ(evaluate_at("leaky_relu", -0.0, given).derivative, alpha) << "alpha=" << alpha;
    EXPECT_EQ(evaluate_at("leaky_relu", 0.0, given).value, 0.0) << "alpha=" << alpha;
    EXPECT_EQ(evaluate_at("leaky_relu", std::numeric_limits<double>::denorm_min(), given).derivative, 1.0)
        << "alpha=" << alpha;
  }
  // without a given alpha, the default 0.01 applies
  EXPECT_EQ(evaluate_at("leaky_relu", 0.0).derivative, 0.01);
  EXPECT_EQ(evaluate_at("leaky_relu", -2.0).value, -0.02);
}

}  // namespace
