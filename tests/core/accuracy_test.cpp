// Accuracy of the core's values and derivatives against the correctly rounded reference table,
// and the numerical requirements that motivated the careful formulas.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "actderiv/activation.h"
#include "reference.h"

namespace {

using actderiv::ParamValues;
using actderiv_test::ReferenceRow;
using actderiv_test::show;
using actderiv_test::ulp_distance;

constexpr std::uint64_t kMaxUlps = 4;
constexpr double kInf = std::numeric_limits<double>::infinity();

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
TEST(Accuracy, MatchesCorrectlyRoundedReferenceWithin4Ulps) {
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
      EXPECT_LE(value_ulps, kMaxUlps) << where << ": value got " << show(value[i]) << ", want "
                                      << show(row.value) << " (" << value_ulps << " ulps)";
      EXPECT_LE(derivative_ulps, kMaxUlps)
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
