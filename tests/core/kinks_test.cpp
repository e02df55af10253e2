// One notion of kink (core/include/actderiv/calculus/kinks.h), parameter-aware: every activation at
// several parameter values against the kinks it must have, and every reader of kinks (the
// derivation, the slope explorer, the computed properties) agreeing with them.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "actderiv/catalogue/engine.h"
#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/kinks.h"
#include "actderiv/catalogue/properties.h"
#include "actderiv/calculus/slope.h"
#include "actderiv/catalogue/activation.h"

namespace {

struct Expected {
  double z;
  double left;
  double right;
  const char* latex;  // kink_latex, or "" where it is not checked
};

struct Case {
  const char* id;
  actderiv::ParamValues params;
  std::vector<Expected> kinks;
};

constexpr double kSeluLambda = 1.0507009873554805;
constexpr double kSeluAlpha = 1.6732632423543772;

// Every activation at least once; those with a parameter at several values, where the kink comes
// and goes with it.
const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"sigmoid", {}, {}},
      {"tanh", {}, {}},
      {"relu", {}, {{0, 0, 1, "g'_-(0) = 0,\\quad g'_+(0) = 1,\\quad \\partial g(0) = [0, 1]"}}},
      {"leaky_relu", {}, {{0, 0.01, 1, "g'_-(0) = \\alpha,\\quad g'_+(0) = 1,\\quad \\partial g(0) = [\\alpha, 1]"}}},
      {"leaky_relu", {{"alpha", 0.3}}, {{0, 0.3, 1, ""}}},
      {"leaky_relu", {{"alpha", 0}}, {{0, 0, 1, ""}}},
      {"leaky_relu", {{"alpha", 1}}, {}},  // the identity: no corner
      {"identity", {}, {}},
      {"binary_step", {}, {}},  // g jumps, but g' is 0 on both sides: not a kink of g'
      {"softsign", {}, {}},
      {"hardtanh", {}, {{-1, 0, 1, ""}, {1, 1, 0, "g'_-(1) = 1,\\quad g'_+(1) = 0,\\quad \\partial g(1) = [0, 1]"}}},
      {"relu6", {}, {{0, 0, 1, ""}, {6, 1, 0, ""}}},
      {"elu", {}, {}},  // alpha = 1: both sides have slope 1 at 0
      {"elu", {{"alpha", 0.5}}, {{0, 0.5, 1, "g'_-(0) = \\alpha,\\quad g'_+(0) = 1,\\quad \\partial g(0) = [\\alpha, 1]"}}},
      {"elu", {{"alpha", 2}}, {{0, 2, 1, "g'_-(0) = \\alpha,\\quad g'_+(0) = 1,\\quad \\partial g(0) = [1, \\alpha]"}}},
      {"elu", {{"alpha", 0}}, {{0, 0, 1, ""}}},
      {"softplus", {}, {}},
      {"softplus", {{"beta", 4}}, {}},
      {"prelu", {}, {{0, 0.25, 1, ""}}},
      {"prelu", {{"alpha", 0.1}}, {{0, 0.1, 1, ""}}},
      {"hard_sigmoid", {}, {{-3, 0, 1.0 / 6, ""}, {3, 1.0 / 6, 0, ""}}},
      {"hard_swish", {}, {{-3, 0, -0.5, ""}, {3, 1.5, 1, ""}}},
      {"log_sigmoid", {}, {}},
      {"selu", {}, {{0, kSeluLambda * kSeluAlpha, kSeluLambda, ""}}},
      {"celu", {}, {}},
      {"celu", {{"alpha", 0.5}}, {}},  // the slope e^(z/alpha) is 1 at 0 for every alpha
      {"celu", {{"alpha", 2}}, {}},
      {"silu", {}, {}},
      {"silu", {{"beta", 3}}, {}},
      {"gelu", {}, {}},
      {"gelu_tanh", {}, {}},
      {"mish", {}, {}},
  };
  return all;
}

std::string describe(const Case& c) {
  std::string s = c.id;
  for (const auto& [id, value] : c.params) s += " " + id + "=" + std::to_string(value);
  return s;
}

bool close(double a, double b) { return std::fabs(a - b) <= 1e-12 * std::fmax(1.0, std::fabs(b)); }

TEST(Kinks, EveryActivationIsCovered) {
  std::set<std::string> covered;
  for (const auto& c : cases()) {
    actderiv::find_activation(c.id);  // throws for a misspelt id rather than skipping it
    covered.insert(c.id);
  }
  for (const auto& a : actderiv::activations()) EXPECT_TRUE(covered.count(a.id)) << a.id << " has no kink case";
}

TEST(Kinks, FollowTheParameters) {
  for (const auto& c : cases()) {
    const auto& a = actderiv::find_activation(c.id);
    const auto found = actderiv::kinks(a, actderiv::resolve_params(a, c.params));
    ASSERT_EQ(found.size(), c.kinks.size()) << describe(c);
    for (std::size_t i = 0; i < found.size(); ++i) {
      const auto& want = c.kinks[i];
      EXPECT_EQ(found[i].z, want.z) << describe(c);
      EXPECT_TRUE(close(found[i].left, want.left)) << describe(c) << ": left " << found[i].left;
      EXPECT_TRUE(close(found[i].right, want.right)) << describe(c) << ": right " << found[i].right;
      // The value used at the kink is the activation's own convention.
      EXPECT_EQ(found[i].value, a.derivative(want.z, actderiv::resolve_params(a, c.params).data())) << describe(c);
      if (*want.latex) EXPECT_EQ(actderiv::kink_latex(found[i]), want.latex) << describe(c);
    }
  }
}

// The properties table reads the same kinks: its breaks of g' are exactly these.
TEST(Kinks, AreThePropertiesBreaksOfTheDerivative) {
  for (const auto& c : cases()) {
    const auto& a = actderiv::find_activation(c.id);
    const auto params = actderiv::resolve_params(a, c.params);
    std::vector<actderiv::Break> slope_breaks;
    for (const auto& b : actderiv::properties(a, params).breaks)
      if (b.order == 1) slope_breaks.push_back(b);
    ASSERT_EQ(slope_breaks.size(), c.kinks.size()) << describe(c);
    for (std::size_t i = 0; i < slope_breaks.size(); ++i) {
      EXPECT_EQ(slope_breaks[i].z, c.kinks[i].z) << describe(c);
      EXPECT_NEAR(slope_breaks[i].left, c.kinks[i].left, 1e-6) << describe(c);
      EXPECT_NEAR(slope_breaks[i].right, c.kinks[i].right, 1e-6) << describe(c);
    }
  }
}

// The slope explorer snaps onto the kinks at the parameters it is given, with both slopes; off a
// kink it reports a tangent.
TEST(Kinks, AreWhereTheSlopeExplorerSnaps) {
  const double z[] = {0};
  for (const auto& c : cases()) {
    const auto& a = actderiv::find_activation(c.id);
    const auto params = actderiv::resolve_params(a, c.params);
    for (const auto& want : c.kinks) {
      const auto view = actderiv::slope_view(a, params, want.z + 0.002, 0, 0.01, z, 1);
      EXPECT_EQ(view.z0, want.z) << describe(c);
      EXPECT_TRUE(view.kink) << describe(c);
      EXPECT_TRUE(close(view.left_slope, want.left)) << describe(c) << ": " << view.left_slope;
      EXPECT_TRUE(close(view.right_slope, want.right)) << describe(c) << ": " << view.right_slope;
    }
    if (c.kinks.empty()) {
      const auto view = actderiv::slope_view(a, params, 0.002, 0, 0.01, z, 1);
      EXPECT_FALSE(view.kink) << describe(c);
      EXPECT_EQ(view.z0, 0.002) << describe(c);
    }
  }
}

// The derivation's kinks (at the default parameters) are kinks() at the defaults.
TEST(Kinks, AreTheDerivationsKinksAtTheDefaults) {
  for (const auto& a : actderiv::activations()) {
    const auto d = actderiv::derive(a);
    const auto found = actderiv::kinks(a, actderiv::resolve_params(a, {}));
    ASSERT_EQ(d.kinks.size(), found.size()) << a.id;
    for (std::size_t i = 0; i < found.size(); ++i) {
      EXPECT_EQ(d.kinks[i].z, found[i].z) << a.id;
      EXPECT_EQ(d.kinks[i].left, found[i].left) << a.id;
      EXPECT_EQ(d.kinks[i].right, found[i].right) << a.id;
    }
  }
}

// Typed expressions: the one-sided slopes come from the branches, exactly, and a corner away from
// a grid point is located to adjacent doubles.
TEST(Kinks, OfTypedExpressions) {
  const auto abs = actderiv::derive("abs(z + 1)", {}).kinks;
  ASSERT_EQ(abs.size(), 1u);
  EXPECT_EQ(abs[0].z, -1);
  EXPECT_EQ(abs[0].left, -1);
  EXPECT_EQ(abs[0].right, 1);
  const auto shifted = actderiv::derive("max(0, z - alpha)", {{"alpha", 0.3}}).kinks;
  ASSERT_EQ(shifted.size(), 1u);
  EXPECT_LE(std::fabs(shifted[0].z - 0.3), 1e-16);
  EXPECT_EQ(shifted[0].left, 0);
  EXPECT_EQ(shifted[0].right, 1);
  EXPECT_TRUE(actderiv::derive("z*abs(z)", {}).kinks.empty());  // |z| z has slope 0 from both sides
}

}  // namespace
