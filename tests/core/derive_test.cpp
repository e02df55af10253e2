// The derivation engine: every derivative checked against an independent high-order finite
// difference of the function's values, the g-forms checked structurally, the limits enforced.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>

#include "actderiv/catalogue/engine.h"
#include "actderiv/calculus/derive.h"
#include "actderiv/expr/block.h"
#include "actderiv/expr/functions.h"
#include "actderiv/expr/program.h"

namespace {

struct Case {
  const char* input;
  double lo = -6;  // sample range
  double hi = 6;
};

const Case kCases[] = {
    {"z"}, {"2z"}, {"-z"}, {"3"}, {"alpha"}, {"z - z"}, {"z^2"}, {"z^3 - 2z"},
    {"1/z", 0.1, 6}, {"sqrt(z)", 0.1, 6}, {"exp(z)"}, {"e^z"}, {"e^-z"}, {"e^(2z)"},
    {"log(z)", 0.1, 6}, {"ln(1+z^2)"}, {"abs(z)"}, {"tanh(z)"}, {"sinh(z)"}, {"cosh(z)"},
    {"sigmoid(z)"}, {"softplus(z)"}, {"relu(z)"}, {"erf(z)"}, {"max(0, z)"}, {"min(0, z)"},
    {"max(0.01z, z)"}, {"max(alpha*z, z)"}, {"sigmoid(beta*z)"}, {"z*sigmoid(z)"},
    {"z*sigmoid(beta*z)"}, {"z*tanh(softplus(z))"}, {"log(1+e^z)"}, {"1/(1+e^-z)"},
    {"(e^z - e^-z)/(e^z + e^-z)"}, {"z/(1+abs(z))"}, {"z*erf(z/sqrt(2))"},
    {"0.5z(1+erf(z/sqrt(2)))"}, {"0.5z(1+tanh(sqrt(2/pi)(z+0.044715z^3)))"}, {"z*relu(z)"},
    {"relu(z)^2"}, {"min(max(0,z),6)", -8, 8}, {"max(-1, min(1, z))"},
    {"min(1, max(0, 0.2z+0.5))"}, {"z*min(1, max(0, (z+3)/6))"},
    {"piecewise(z > 0, z, z <= 0, e^z - 1)"}, {"piecewise(z > 0, z, z <= 0, alpha*(e^z - 1))"},
    {"1.0507*piecewise(z > 0, z, z <= 0, 1.67326*(e^z - 1))"}, {"log(sigmoid(z))"},
    {"-softplus(-z)"}, {"z^2*e^-z"}, {"z^z", 0.1, 4}, {"2^z"}, {"pi*z"}, {"sqrt(1+z^2)"},
    {"1/sqrt(1+z^2)"}, {"z/sqrt(1+z^2)"}, {"tanh(z)^2"}, {"sigmoid(z)^2"},
    {"sigmoid(z)*(1-sigmoid(z))"}, {"exp(-z^2/2)"}, {"z*exp(-z^2)"}, {"log(cosh(z))"},
    {"cosh(z)^-2"}, {"1 - tanh(z)^2"}, {"abs(z)^3"}, {"(z^2+1)/(z^2+2)"}, {"z/(1+e^-z)"},
    {"softplus(beta*z)/beta"}, {"log(1+abs(z))"}, {"exp(sigmoid(z))"}, {"tanh(tanh(z))"},
    {"sigmoid(sigmoid(z))"}, {"(z+1)(z-1)"}, {"z(1-z)"}, {"x^2 + 2x"},
};

actderiv::EvalContext defaults() {
  actderiv::EvalContext c;
  for (const auto& p : actderiv::expression_params()) c.params.emplace_back(p.id, p.default_value);
  return c;
}

// Five-point central difference, O(h^4).
double difference(const actderiv::Expr& f, double z, double h, const actderiv::EvalContext& c) {
  const auto v = [&](double x) { return actderiv::evaluate(f, x, c); };
  return (-v(z + 2 * h) + 8 * v(z + h) - 8 * v(z - h) + v(z - 2 * h)) / (12 * h);
}

TEST(Derive, MatchesFiniteDifferencesForEveryCase) {
  ASSERT_GE(sizeof kCases / sizeof kCases[0], 60u);
  const auto c = defaults();
  for (const Case& k : kCases) {
    const auto d = actderiv::derive(k.input, {});
    int checked = 0;
    for (int i = 0; i < 61; ++i) {
      const double z = k.lo + (k.hi - k.lo) * (i + 0.29) / 61;
      const double h = 1e-3 * std::fmax(1.0, std::fabs(z));
      const double coarse = difference(d.input, z, h, c), fine = difference(d.input, z, h / 2, c);
      if (!std::isfinite(fine)) continue;
      const double scale = std::fmax(1.0, std::fabs(fine));
      if (std::fabs(coarse - fine) > 1e-6 * scale) continue;  // a kink within 4h: not smooth here
      EXPECT_NEAR(actderiv::evaluate(d.derivative, z, c), fine, 1e-6 * scale)
          << k.input << " at z = " << z << ", derivative " << actderiv::to_text(d.derivative);
      ++checked;
    }
    EXPECT_GE(checked, 50) << k.input;
    EXPECT_LT(d.max_rel_error, 1e-9) << k.input;
    EXPECT_GE(d.points, 40u) << k.input;
  }
}

TEST(Derive, CompiledProgramsEqualTheTreeEvaluator) {
  const auto c = defaults();
  for (const Case& k : kCases) {
    const auto d = actderiv::derive(k.input, {});
    for (const auto& e : {d.input, d.derivative}) {
      const actderiv::Program program(e, c);
      std::vector<double> stack(program.stack_size());
      for (double z : {-7.5, -1.0, -0.0, 0.0, 0.3, 2.0, 40.0, -800.0}) {
        const double tree = actderiv::evaluate(e, z, c), compiled = program.run(z, stack.data());
        EXPECT_TRUE(tree == compiled || (std::isnan(tree) && std::isnan(compiled)))
            << actderiv::to_text(e) << " at z = " << z << ": " << tree << " vs " << compiled;
      }
    }
  }
}

// Does e call a function whose batch form is a kernel, within its batch_ulp of its value but not
// always equal?
bool calls_a_kernel(const actderiv::Expr& e) {
  return actderiv::any_node(e, [](const actderiv::Expr& n) {
    return n->op == actderiv::Op::Call && n->function->batch_ulp > 0;
  });
}

// The block program of each case's forms, as written and stable, over blocks and a part block,
// against the tree walk: equal (NaN for NaN) where only exact operations are involved, and to 1e-12
// where a kernel is (its 4 ULP, carried through the operations after it).
TEST(Derive, BlockProgramsEqualTheTreeEvaluator) {
  const auto c = defaults();
  std::vector<double> z = {-7.5, -1.0, -0.0, 0.0, 0.3, 2.0, 40.0, -800.0, 1e-300, -40.0};
  for (int i = 0; z.size() < actderiv::BlockProgram::kBlock * 2 + 37; ++i) z.push_back(-9 + 0.031 * i);
  for (const Case& k : kCases) {
    const auto d = actderiv::derive(k.input, {});
    const std::vector<actderiv::Expr> roots = {d.input, d.derivative, d.stable_input, d.stable_derivative};
    const actderiv::BlockProgram program(roots, c);
    std::vector<std::vector<double>> out(roots.size(), std::vector<double>(z.size()));
    std::vector<double*> pointers;
    for (auto& o : out) pointers.push_back(o.data());
    program.run(z.data(), z.size(), pointers.data());
    for (std::size_t r = 0; r < roots.size(); ++r) {
      const bool exact = !calls_a_kernel(roots[r]);
      for (std::size_t i = 0; i < z.size(); ++i) {
        const double tree = actderiv::evaluate(roots[r], z[i], c), block = out[r][i];
        const bool same = exact ? std::signbit(tree) == std::signbit(block) && tree == block
                                : tree == block || std::fabs(tree - block) <= 1e-12 * std::fmax(1.0, std::fabs(tree));
        EXPECT_TRUE(same || (std::isnan(tree) && std::isnan(block)))
            << actderiv::to_text(roots[r]) << " at z = " << z[i] << ": " << tree << " vs " << block;
      }
    }
  }
}

TEST(Derive, BlockProgramsRefuseASumOverAnIndex) {
  const actderiv::Expr sum = actderiv::index_sum("k", actderiv::var("z_k"));
  EXPECT_THROW(actderiv::BlockProgram({sum}, defaults()), std::invalid_argument);
}

struct FormCase {
  const char* input;
  const char* derivative;  // plain text of the simplified derivative, or "" to skip
  const char* g_form;      // plain text of the g-form, or "" for none
};

TEST(Derive, ProducesReadableDerivativesAndGForms) {
  const FormCase cases[] = {
      {"sigmoid(z)", "sigmoid(z)*(1 - sigmoid(z))", "g(z)*(1 - g(z))"},
      {"1/(1+e^-z)", "e^(-z)/(1 + e^(-z))^2", "g(z)*(1 - g(z))"},
      {"tanh(z)", "1 - tanh(z)^2", "1 - g(z)^2"},
      {"softplus(z)", "sigmoid(z)", ""},
      {"log(1+e^z)", "e^z/(1 + e^z)", "sigmoid(z)"},
      {"z*sigmoid(z)", "sigmoid(z)*(1 + z*(1 - sigmoid(z)))", ""},
      {"z^3", "3*z^2", ""},
      {"2z", "2", ""},
      {"relu(z)", "piecewise(z > 0, 1, z <= 0, 0)", ""},
      {"max(0.01z, z)", "piecewise(0.01*z >= z, 0.01, 0.01*z < z, 1)", ""},
  };
  for (const auto& c : cases) {
    const auto d = actderiv::derive(c.input, {});
    if (*c.derivative) EXPECT_EQ(actderiv::to_text(d.derivative), c.derivative) << c.input;
    EXPECT_EQ(d.g_form ? actderiv::to_text(d.g_form) : "", c.g_form) << c.input;
  }
}

TEST(Derive, BuiltInsAreDerivedByTheEngine) {
  struct Expected {
    const char* id;
    std::vector<std::string> rules;  // the root's sub-steps
    const char* g_form;
  };
  const Expected expected[] = {
      {"sigmoid", {"chain rule", "simplify", "in terms of g"}, "g(z)*(1 - g(z))"},
      {"tanh", {"tanh rule", "in terms of g"}, "1 - g(z)^2"},
      {"relu", {"ReLU rule"}, ""},
      {"leaky_relu", {"piecewise rule"}, ""},
  };
  for (const auto& e : expected) {
    const auto& activation = actderiv::find_activation(e.id);
    const auto d = actderiv::derive(activation);
    std::vector<std::string> rules;
    if (d.steps.rule == "derivative")
      for (const auto& step : d.steps.children) rules.push_back(step.rule);
    else
      rules.push_back(d.steps.rule);
    EXPECT_EQ(rules, e.rules) << e.id;
    EXPECT_EQ(d.g_form ? actderiv::to_text(d.g_form) : "", e.g_form) << e.id;
    // The engine's result is the registry's derivative, the kink convention included.
    actderiv::EvalContext c;
    const auto params = actderiv::resolve_params(activation, {});
    for (std::size_t i = 0; i < params.size(); ++i) c.params.emplace_back(activation.params[i].id, params[i]);
    for (double z : {-5.5, -1.0, 0.0, 0.7, 3.0, 30.0})
      EXPECT_NEAR(actderiv::evaluate(d.derivative, z, c), activation.derivative(z, params.data()), 1e-15)
          << e.id << " at z = " << z;
  }
}

TEST(Derive, FindsKinksWithTheirOneSidedSlopes) {
  struct KinkCase {
    const char* input;
    std::vector<std::array<double, 4>> kinks;  // z, left, right, value
  };
  const KinkCase cases[] = {
      {"relu(z)", {{0, 0, 1, 0}}},
      {"max(0.01z, z)", {{0, 0.01, 1, 0.01}}},
      {"abs(z - 2)", {{2, -1, 1, NAN}}},  // u/|u| is undefined at u = 0
      {"min(max(0,z),6)", {{0, 0, 1, 0}, {6, 1, 0, 1}}},
      {"abs(z)^3", {}},
      {"relu(z)^2", {}},
      {"z*sigmoid(z)", {}},
  };
  for (const auto& c : cases) {
    const auto d = actderiv::derive(c.input, {});
    ASSERT_EQ(d.kinks.size(), c.kinks.size()) << c.input;
    for (std::size_t i = 0; i < c.kinks.size(); ++i) {
      EXPECT_NEAR(d.kinks[i].z, c.kinks[i][0], 1e-9) << c.input;
      EXPECT_NEAR(d.kinks[i].left, c.kinks[i][1], 1e-6) << c.input;
      EXPECT_NEAR(d.kinks[i].right, c.kinks[i][2], 1e-6) << c.input;
      if (std::isnan(c.kinks[i][3])) EXPECT_TRUE(std::isnan(d.kinks[i].value)) << c.input;
      else EXPECT_NEAR(d.kinks[i].value, c.kinks[i][3], 1e-12) << c.input;
    }
  }
}

TEST(Derive, KinksUseTheFrameworkConvention) {
  const auto c = defaults();
  EXPECT_EQ(actderiv::evaluate(actderiv::derive("relu(z)", {}).derivative, 0, c), 0);
  EXPECT_EQ(actderiv::evaluate(actderiv::derive("max(0, z)", {}).derivative, 0, c), 0);
  EXPECT_EQ(actderiv::evaluate(actderiv::derive("max(0.01z, z)", {}).derivative, 0, c), 0.01);
}

TEST(Derive, StepsNestAndNameTheirRules) {
  const auto d = actderiv::derive("z*sigmoid(2z)", {});
  ASSERT_EQ(d.steps.rule, "derivative");
  ASSERT_EQ(d.steps.children.size(), 2u);
  EXPECT_EQ(d.steps.children[1].rule, "simplify");
  const auto& product = d.steps.children[0];
  EXPECT_EQ(product.rule, "product rule");
  ASSERT_EQ(product.children.size(), 2u);
  EXPECT_EQ(product.children[0].rule, "variable");
  const auto& chain = product.children[1];
  EXPECT_EQ(chain.rule, "chain rule");
  ASSERT_EQ(chain.children.size(), 1u);
  EXPECT_EQ(chain.children[0].rule, "constant multiple");
  EXPECT_NE(chain.note.find("\\sigma"), std::string::npos);
  // The root's result is the same expression the derivation returns, and the single-rule case
  // makes the rule the root.
  EXPECT_TRUE(actderiv::equal(d.steps.after, d.derivative));
  EXPECT_EQ(actderiv::derive("sinh(z)", {}).steps.rule, "sinh rule");
}

TEST(Derive, ReportsTheParametersUsed) {
  EXPECT_EQ(actderiv::derive("sigmoid(beta*z)*alpha", {}).params,
            (std::vector<std::string>{"alpha", "beta"}));
  EXPECT_TRUE(actderiv::derive("z", {}).params.empty());
  EXPECT_EQ(actderiv::derive("(sigmoid(z) - y)^2/2", {}).params, (std::vector<std::string>{"y"}));
  const auto c = actderiv::derive("max(alpha*z, z)", {{"alpha", 0.3}});
  actderiv::EvalContext ctx;
  ctx.params = {{"alpha", 0.3}, {"beta", 1}};
  EXPECT_DOUBLE_EQ(actderiv::evaluate(c.derivative, -2, ctx), 0.3);
  EXPECT_THROW(actderiv::derive("z", {{"alpha", 9}}), std::invalid_argument);
  EXPECT_THROW(actderiv::derive("z", {{"gamma", 1}}), std::invalid_argument);
}

TEST(Derive, RefusesWhatCannotBeDifferentiated) {
  EXPECT_THROW(actderiv::derive("z > 0", {}), actderiv::ParseError);
  EXPECT_THROW(actderiv::derive("g(z)", {}), std::invalid_argument);
}

TEST(Derive, RefusesADerivativeThatWouldExplode) {
  std::string nested = "z";
  for (int i = 0; i < 50; ++i) nested = "sigmoid(" + nested + ")";
  std::string product = "z";
  for (int i = 0; i < 240; ++i) product += "*z";
  for (const auto& input : {nested, product}) {
    EXPECT_THROW(actderiv::derive(input, {}), std::length_error) << input.substr(0, 40);
  }
}

TEST(Derive, EvaluatesOverArraysWithGapsWhereUndefined) {
  const double z[] = {-1, 0.5, 1};
  double value[3], derivative[3];
  actderiv::evaluate_expression("log(z)", {}, z, 3, value, derivative);
  EXPECT_TRUE(std::isnan(value[0]));
  EXPECT_TRUE(std::isnan(derivative[0]));
  EXPECT_DOUBLE_EQ(value[2], 0);
  EXPECT_DOUBLE_EQ(derivative[1], 2);
}

}  // namespace
