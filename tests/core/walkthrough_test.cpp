// Every walkthrough step (produced by the derivation engine), definition and kink is checked
// numerically against the core's value and derivative functions, so a wrong equation cannot ship.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "actderiv/catalogue/engine.h"
#include "actderiv/calculus/kinks.h"
#include "actderiv/catalogue/activation.h"
#include "actderiv/calculus/derive.h"
#include "actderiv/catalogue/walkthrough.h"
#include "actderiv/expr/expr.h"

namespace {

using actderiv::Activation;
using actderiv::EvalContext;

std::vector<std::string> param_ids(const Activation& a) {
  std::vector<std::string> ids;
  for (const auto& p : a.params) ids.push_back(p.id);
  return ids;
}

// Parameter settings to check each activation at: defaults, both ends of each range, and a middle.
std::vector<std::vector<double>> param_sets(const Activation& a) {
  std::vector<std::vector<double>> sets{actderiv::resolve_params(a, {})};
  for (std::size_t i = 0; i < a.params.size(); ++i) {
    for (double v : {a.params[i].min, a.params[i].max, 0.5 * (a.params[i].min + a.params[i].max)}) {
      auto s = sets.front();
      s[i] = v;
      sets.push_back(s);
    }
  }
  return sets;
}

// The engine's walkthrough of `a`.
std::vector<actderiv::WalkthroughStep> steps_of(const Activation& a) {
  return actderiv::walkthrough(a, actderiv::derive(a));
}

EvalContext context(const Activation& a, const std::vector<double>& params) {
  EvalContext c;
  for (std::size_t i = 0; i < a.params.size(); ++i) c.params.emplace_back(a.params[i].id, params[i]);
  c.self = [&a, params](double z) { return a.value(z, params.data()); };
  return c;
}

// 201 points over [-20, 20] (excluding the kink at 0, checked on its own) plus points near 0.
std::vector<double> sample_points() {
  std::vector<double> z;
  for (int i = 0; i <= 200; ++i) {
    const double x = -20.0 + 0.2 * i + 0.0123;
    z.push_back(x);
  }
  for (double x : {1e-9, -1e-9, 1e-3, -1e-3, 0.5, -0.5}) z.push_back(x);
  return z;
}

void expect_close(double got, double want, const std::string& where) {
  const double tolerance = 1e-9 * std::fmax(1.0, std::fabs(want)) + 1e-12;
  EXPECT_NEAR(got, want, tolerance) << where;
}

TEST(Walkthrough, EveryStepEqualsTheValueOrTheDerivative) {
  for (const Activation& a : actderiv::activations()) {
    const auto steps = steps_of(a);
    ASSERT_GE(steps.size(), 2u) << a.id;
    for (const auto& params : param_sets(a)) {
      const EvalContext c = context(a, params);
      for (const auto& step : steps) {
        for (double z : sample_points()) {
          const double want = step.setup ? a.value(z, params.data()) : a.derivative(z, params.data());
          expect_close(actderiv::evaluate(step.expr, z, c), want,
                       a.id + " step '" + step.title + "' at z = " + std::to_string(z));
        }
      }
    }
  }
}

TEST(Walkthrough, SigmoidAndTanhFollowTheSeedSteps) {
  const auto titles = [](const char* id) {
    std::vector<std::string> t;
    for (const auto& s : steps_of(actderiv::find_activation(id))) t.push_back(s.title);
    return t;
  };
  EXPECT_EQ(titles("sigmoid"),
            (std::vector<std::string>{"Set up", "Chain rule", "Simplify", "In terms of g"}));
  EXPECT_EQ(titles("tanh"), (std::vector<std::string>{"Set up", "Tanh rule", "In terms of g"}));
  const auto sigmoid = steps_of(actderiv::find_activation("sigmoid"));
  EXPECT_EQ(sigmoid[1].latex, "g'(z) = -\\left(1 + e^{-z}\\right)^{-2} \\left(-e^{-z}\\right)");
  EXPECT_EQ(sigmoid[2].latex, "g'(z) = \\frac{e^{-z}}{\\left(1 + e^{-z}\\right)^{2}}");
  const auto tanh = steps_of(actderiv::find_activation("tanh"));
  EXPECT_EQ(tanh[1].latex, "g'(z) = 1 - \\tanh^{2}(z)");
  EXPECT_EQ(tanh[2].latex, "g'(z) = 1 - g(z)^{2}");
}

TEST(Walkthrough, DefinitionEqualsTheValue) {
  for (const Activation& a : actderiv::activations()) {
    for (const auto& params : param_sets(a)) {
      const auto e = actderiv::parse(a.definition, param_ids(a));
      for (double z : sample_points())
        expect_close(actderiv::evaluate(e, z, context(a, params)), a.value(z, params.data()),
                     a.id + " definition at z = " + std::to_string(z));
    }
  }
}

TEST(Walkthrough, DerivativeMatchesCentralDifferences) {
  // Guards the value/derivative pair itself, independently of the steps.
  for (const Activation& a : actderiv::activations()) {
    for (const auto& params : param_sets(a)) {
      for (double z : sample_points()) {
        const double h = 1e-6;
        if (std::fabs(z) < 10 * h) continue;  // the difference would straddle a kink
        const double fd = (a.value(z + h, params.data()) - a.value(z - h, params.data())) / (2 * h);
        EXPECT_NEAR(a.derivative(z, params.data()), fd, 1e-6) << a.id << " at z = " << z;
      }
    }
  }
}

// The engine's kinks at every parameter setting are the activation's own one-sided slopes.
TEST(Walkthrough, KinksStateTheOneSidedDerivatives) {
  for (const Activation& a : actderiv::activations()) {
    for (const auto& params : param_sets(a)) {
      for (const auto& kink : actderiv::kinks(a, params)) {
        const double at = kink.z, h = 1e-7;
        const double* p = params.data();
        EXPECT_NEAR(kink.left, (a.value(at, p) - a.value(at - h, p)) / h, 1e-6) << a.id << " at " << at;
        EXPECT_NEAR(kink.right, (a.value(at + h, p) - a.value(at, p)) / h, 1e-6) << a.id << " at " << at;
        // The derivative at the kink is one of the one-sided values (the frameworks' convention).
        const double d = a.derivative(at, p);
        EXPECT_TRUE(d == kink.left || d == kink.right) << a.id << " at " << at;
      }
    }
  }
}

TEST(Walkthrough, MaximaStatedInTheNotes) {
  const auto& sigmoid = actderiv::find_activation("sigmoid");
  const auto& tanh = actderiv::find_activation("tanh");
  EXPECT_EQ(sigmoid.derivative(0, nullptr), 0.25);
  EXPECT_EQ(tanh.derivative(0, nullptr), 1.0);
  for (double z : sample_points()) {
    EXPECT_LE(sigmoid.derivative(z, nullptr), 0.25);
    EXPECT_LE(tanh.derivative(z, nullptr), 1.0);
  }
}

TEST(Walkthrough, SigmoidEndsWithGTimesOneMinusG) {
  const auto steps = steps_of(actderiv::find_activation("sigmoid"));
  EXPECT_EQ(steps.back().latex, "g'(z) = g(z) (1 - g(z))");
  EXPECT_EQ(steps.front().latex, "g'(z) = \\frac{d}{dz}\\left[\\left(1 + e^{-z}\\right)^{-1}\\right]");
}

TEST(Walkthrough, LatexOfEveryStepIsBalanced) {
  for (const Activation& a : actderiv::activations()) {
    for (const auto& s : steps_of(a)) {
      int depth = 0;
      for (char ch : s.latex) {
        depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
        ASSERT_GE(depth, 0) << s.latex;
      }
      EXPECT_EQ(depth, 0) << s.latex;
      EXPECT_EQ(s.latex.find("nan"), std::string::npos) << s.latex;
    }
  }
}

}  // namespace
