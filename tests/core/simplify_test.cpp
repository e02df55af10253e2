// The "simplify" step and the canonical form: what each typed activation's derivative must reach
// (compared as trees after canonical ordering, so a table entry may be written in any order), every
// walkthrough's last line, exact numbers, and the recorded sub-steps.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "actderiv/calculus/derive.h"
#include "actderiv/catalogue/activation.h"
#include "actderiv/catalogue/engine.h"
#include "actderiv/catalogue/walkthrough.h"
#include "actderiv/expr/canonical.h"

namespace {

using actderiv::Expr;

// The expected form, read with the parameters typed expressions may use and put in canonical form.
Expr expected(const std::string& text) {
  return actderiv::canonical(actderiv::parse(text, {"alpha", "beta", "y"}));
}

struct Case {
  const char* input;
  const char* derivative;  // what a careful hand writes, in any order of terms and factors
};

// The rows first, then the common activations and the forms a student meets.
const Case kCases[] = {
    {"z*exp(-z^2/2)", "(1 - z^2) exp(-z^2/2)"},
    {"(sqrt(z^2+1)-1)/2 + z", "z/(2 sqrt(z^2 + 1)) + 1"},
    {"abs(z)*z", "2 abs(z)"},
    {"z/(1+abs(z))", "1/(1 + abs(z))^2"},
    {"sinh(z)/cosh(z)", "1/cosh(z)^2"},
    {"(exp(z)-exp(-z))/(exp(z)+exp(-z))", "4/(exp(z) + exp(-z))^2"},
    {"1/(1+exp(-z))", "exp(-z)/(1 + exp(-z))^2"},
    {"1/(1+e^-z)", "e^-z/(1 + e^-z)^2"},
    {"exp(z)/(1+exp(z))", "exp(z)/(1 + exp(z))^2"},
    {"log(1+exp(z))", "exp(z)/(1 + exp(z))"},
    {"z/(1+exp(-z))", "(1 + (1 + z) exp(-z))/(1 + exp(-z))^2"},
    {"z*sigmoid(z)", "sigmoid(z) (1 + z (1 - sigmoid(z)))"},
    {"sigmoid(beta*z)*z", "sigmoid(beta z) (1 + beta z (1 - sigmoid(beta z)))"},
    {"z*sigmoid(1.702z)", "sigmoid(1.702 z) (1 + 1.702 z (1 - sigmoid(1.702 z)))"},
    {"z^2*sigmoid(z)", "z sigmoid(z) (2 + z (1 - sigmoid(z)))"},
    {"sigmoid(2z)", "2 sigmoid(2z) (1 - sigmoid(2z))"},
    {"2*sigmoid(2z)-1", "4 sigmoid(2z) (1 - sigmoid(2z))"},
    {"sigmoid(z)*(1-sigmoid(z))", "sigmoid(z) (1 - sigmoid(z)) (1 - 2 sigmoid(z))"},
    {"log(sigmoid(z))", "1 - sigmoid(z)"},
    {"z*tanh(softplus(z))", "tanh(softplus(z)) + z sigmoid(z) (1 - tanh(softplus(z))^2)"},
    {"z*tanh(log(1+exp(z)))", "tanh(log(1 + exp(z))) + z exp(z) (1 - tanh(log(1 + exp(z)))^2)/(1 + exp(z))"},
    {"tanh(z)*z", "tanh(z) + z (1 - tanh(z)^2)"},
    {"tanh(z/2)", "(1 - tanh(z/2)^2)/2"},
    {"z/2*(1+erf(z/sqrt(2)))", "(1 + erf(z/sqrt(2)))/2 + z e^(-z^2/2)/sqrt(2 pi)"},
    {"erf(z)", "2 e^(-z^2)/sqrt(pi)"},
    {"z*erf(z)", "erf(z) + 2 z e^(-z^2)/sqrt(pi)"},
    {"0.5z(1+tanh(sqrt(2/pi)(z+0.044715z^3)))",
     "0.5 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))) + "
     "z (1 + 0.134145 z^2) (1 - tanh(sqrt(2/pi) (z + 0.044715 z^3))^2)/sqrt(2 pi)"},
    {"max(alpha*z, z)", "piecewise(alpha z >= z, alpha, alpha z < z, 1)"},
    {"max(0, z)", "piecewise(0 >= z, 0, 0 < z, 1)"},
    {"alpha*z", "alpha"},
    {"2z", "2"},
    {"z^3", "3 z^2"},
    {"z^2/2", "z"},
    {"z^3/3", "z^2"},
    {"0.1*z^3", "0.3 z^2"},  // the reader's decimal stays one, exactly: not 0.30000000000000004
    {"z/3 + z/6", "1/2"},
    {"3*z^2/(6*z)", "1/2"},
    {"z^2 - z^2 + z", "1"},
    {"z^(1/2)", "1/(2 sqrt(z))"},
    {"sqrt(z)", "1/(2 sqrt(z))"},
    {"1/z", "-1/z^2"},
    {"1/z^2", "-2/z^3"},
    {"z/sqrt(1+z^2)", "1/(1 + z^2)^(3/2)"},
    {"sqrt(1+z^2)", "z/sqrt(1 + z^2)"},
    {"log(1+z^2)", "2 z/(1 + z^2)"},
    {"z/(1+z^2)", "(1 - z^2)/(1 + z^2)^2"},
    {"log(cosh(z))", "tanh(z)"},
    {"z*(1+z)", "1 + 2z"},
    {"(z+1)^2", "2 (z + 1)"},
    {"(1-z)*(1+z)", "-2z"},
    {"(2z+1)^3", "6 (2z + 1)^2"},
    {"exp(-abs(z))", "-z exp(-abs(z))/abs(z)"},
    {"exp(z)-1", "exp(z)"},
    {"exp(2z)", "2 exp(2z)"},
    {"exp(z)^2", "2 exp(2z)"},
    {"e^z*e^z", "2 e^(2z)"},
    {"z*e^z", "(1 + z) e^z"},
    {"z*exp(z) + exp(z) + z", "1 + (2 + z) exp(z)"},  // a factor shared by some terms only
    {"z^2*e^(-z)", "z (2 - z) e^-z"},
    {"exp(-z^2)", "-2 z exp(-z^2)"},
    {"(z/sqrt(2))^2", "z"},
    {"sech(z)^2", "-2 tanh(z)/cosh(z)^2"},
    {"cosh(z)^2", "2 sinh(z) cosh(z)"},
    {"sinh(z)*cosh(z)", "cosh(z)^2 + sinh(z)^2"},
    {"sqrt(z^2)", "z/abs(z)"},
    {"z^2/abs(z)", "z/abs(z)"},
    {"abs(z)^3", "3 z abs(z)"},
    {"abs(z-2)", "(z - 2)/abs(z - 2)"},
    // A sigmoid unit's losses against its target y: cross-entropy's gradient is a - y, squared
    // error's keeps the sigmoid's slope (issue 17).
    {"-y*log(sigmoid(z)) - (1-y)*log(1-sigmoid(z))", "sigmoid(z) - y"},
    {"(sigmoid(z) - y)^2/2", "sigmoid(z) (1 - sigmoid(z)) (sigmoid(z) - y)"},
};

// f'(z) against a central difference of f, where both are finite and f is smooth nearby.
void expect_slope(const actderiv::Derivation& d, const std::string& input) {
  const actderiv::EvalContext c{{{"alpha", 0.1}, {"beta", 1.0}, {"y", 0.3}}, nullptr};
  for (double z : {-2.7, -1.3, -0.45, 0.35, 0.8, 1.9, 3.1}) {
    const double h = 1e-5;
    const double fd = (actderiv::evaluate(d.input, z + h, c) - actderiv::evaluate(d.input, z - h, c)) / (2 * h);
    const double exact = actderiv::evaluate(d.derivative, z, c);
    if (!std::isfinite(fd) || !std::isfinite(exact)) continue;
    EXPECT_NEAR(exact, fd, 1e-6 * std::fmax(1.0, std::fabs(fd))) << input << " at z = " << z;
  }
}

TEST(Simplify, TypedActivationsReachWhatACarefulHandWrites) {
  EXPECT_GE(sizeof kCases / sizeof kCases[0], 40u);
  for (const auto& c : kCases) {
    const auto d = actderiv::derive(c.input, {});
    EXPECT_TRUE(actderiv::equal(d.derivative, expected(c.derivative)))
        << c.input << ": " << actderiv::to_text(d.derivative) << ", expected " << c.derivative;
    EXPECT_LE(d.max_rel_error, 1e-9) << c.input;  // the check against automatic differentiation
    EXPECT_GE(d.points, 50u) << c.input;
    expect_slope(d, c.input);
  }
}

// Every built-in's walkthrough ends on its canonical derivative, or on the g-form after it.
TEST(Simplify, EveryWalkthroughEndsOnItsSimplifiedForm) {
  struct Last {
    const char* id;
    const char* derivative;
    const char* g_form;  // "" for none
  };
  const Last kLast[] = {
      {"binary_step", "piecewise(z >= 0, 0, z < 0, 0)", "g(z) (1 - g(z))"},
      {"celu", "piecewise(z > 0, 1, z <= 0, e^(z/alpha))", ""},
      {"elu", "piecewise(z > 0, 1, z <= 0, alpha e^z)", ""},
      {"gelu", "(1 + erf(z/sqrt(2)))/2 + z e^(-z^2/2)/sqrt(2 pi)", ""},
      {"gelu_tanh",
       "(1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))/2 + "
       "z (1 + 0.134145 z^2) (1 - tanh(sqrt(2/pi) (z + 0.044715 z^3))^2)/sqrt(2 pi)",
       ""},
      {"hard_sigmoid", "piecewise(0 >= min(1, (z + 3)/6), 0, 0 < min(1, (z + 3)/6), "
                       "piecewise(1 <= (z + 3)/6, 0, 1 > (z + 3)/6, 1/6))", ""},
      {"hard_swish", "piecewise(z < -3, 0, z > 3, 1, z >= -3, (2z + 3)/6)", ""},
      {"hardtanh", "piecewise(-1 >= min(1, z), 0, -1 < min(1, z), piecewise(1 <= z, 0, 1 > z, 1))", ""},
      {"identity", "1", ""},
      {"leaky_relu", "piecewise(z > 0, 1, z <= 0, alpha)", ""},
      {"log_sigmoid", "1 - sigmoid(z)", ""},
      {"mish", "tanh(softplus(z)) + z sigmoid(z) (1 - tanh(softplus(z))^2)", ""},
      {"prelu", "piecewise(z > 0, 1, z <= 0, alpha)", ""},
      {"relu", "piecewise(z > 0, 1, z <= 0, 0)", ""},
      {"relu6", "piecewise(0 >= min(6, z), 0, 0 < min(6, z), piecewise(6 <= z, 0, 6 > z, 1))", ""},
      {"selu", "1.0507009873554805 piecewise(z > 0, 1, z <= 0, 1.6732632423543772 e^z)", ""},
      {"sigmoid", "e^-z/(1 + e^-z)^2", "g(z) (1 - g(z))"},
      {"silu", "sigmoid(beta z) (1 + beta z (1 - sigmoid(beta z)))", ""},
      {"softplus", "e^(beta z)/(1 + e^(beta z))", ""},
      {"softsign", "1/(1 + abs(z))^2", ""},
      {"tanh", "1 - tanh(z)^2", "1 - g(z)^2"},
  };
  std::set<std::string> covered;
  for (const auto& last : kLast) {
    const auto& a = actderiv::find_activation(last.id);
    const auto& d = actderiv::derive(a);
    covered.insert(last.id);
    EXPECT_TRUE(actderiv::equal(d.derivative, expected(last.derivative)))
        << last.id << ": " << actderiv::to_text(d.derivative);
    const auto steps = actderiv::walkthrough(a, d);
    const Expr final_form = *last.g_form ? expected(last.g_form) : expected(last.derivative);
    EXPECT_TRUE(actderiv::equal(actderiv::canonical(steps.back().expr), final_form))
        << last.id << ": the walkthrough ends on " << actderiv::to_text(steps.back().expr);
  }
  for (const auto& a : actderiv::activations()) EXPECT_TRUE(covered.count(a.id)) << a.id << " has no row";
}

// GELU's last step writes 1/2 and sqrt(2 pi), never 0.5 or the uncollected (z/sqrt 2)^2 and
// (2/sqrt pi)/sqrt 2.
TEST(Simplify, GeluKeepsExactNumbers) {
  const auto& d = actderiv::derive(actderiv::find_activation("gelu"));
  const std::string latex = actderiv::to_latex(d.derivative);
  EXPECT_EQ(latex.find("0.5"), std::string::npos) << latex;
  EXPECT_NE(latex.find("\\sqrt{2 \\pi}"), std::string::npos) << latex;
  EXPECT_NE(latex.find("\\frac{z^{2}}{2}"), std::string::npos) << latex;
  EXPECT_EQ(latex.find("\\sqrt{2}\\right)^{2}"), std::string::npos) << latex;
}

// Two results that are equal as written, however ordered or grouped, have one canonical tree.
TEST(Simplify, EqualResultsHaveOneForm) {
  const std::pair<const char*, const char*> kSame[] = {
      {"2*z*3", "6z"},
      {"z*sigmoid(z)", "sigmoid(z)*z"},
      {"z/2", "1/2*z"},
      {"(z+1)*(z+1) - 2z", "(z+1)^2 - 2*z"},
      {"z^2*z", "z^3"},
      {"e^z*e^(-z)", "1"},
      {"(2/sqrt(pi))/sqrt(2)", "sqrt(2/pi)"},
      {"1 - z", "-(z - 1)"},
      {"sqrt(2)/2", "1/sqrt(2)"},
      {"sech(z)", "1/cosh(z)"},
      {"cosh(z)^2 - sinh(z)^2", "1"},
      {"abs(z)*abs(z)", "z^2"},
      {"z/abs(z)*z", "abs(z)"},
      {"alpha*z + z*alpha", "2*alpha*z"},
  };
  for (const auto& [a, b] : kSame)
    EXPECT_TRUE(actderiv::same_canonical(actderiv::parse(a, {"alpha"}), actderiv::parse(b, {"alpha"})))
        << a << " -> " << actderiv::to_text(actderiv::canonical(actderiv::parse(a, {"alpha"}))) << ", " << b
        << " -> " << actderiv::to_text(actderiv::canonical(actderiv::parse(b, {"alpha"})));
  // ... and results that differ do not.
  EXPECT_FALSE(actderiv::same_canonical(actderiv::parse("z/2"), actderiv::parse("0.4z")));
  EXPECT_FALSE(actderiv::same_canonical(actderiv::parse("sqrt(z^2)"), actderiv::parse("z")));
}

// The canonical form is a fixed point: simplifying it again changes nothing.
TEST(Simplify, CanonicalFormIsStable) {
  for (const auto& c : kCases) {
    const Expr once = actderiv::derive(c.input, {}).derivative;
    const Expr twice = actderiv::canonical(once);
    EXPECT_TRUE(actderiv::equal(once, twice)) << c.input << ": " << actderiv::to_text(once) << " then "
                                              << actderiv::to_text(twice);
    // And its text reads back as the same tree.
    EXPECT_TRUE(actderiv::equal(actderiv::canonical(actderiv::parse(actderiv::to_text(once), {"alpha", "beta", "y"})), once))
        << c.input;
  }
}

// "Simplify" opens onto its sub-steps: each a stage with its reason, in order, each starting where
// the one before ended, the last ending on the result.
TEST(Simplify, RecordsEachStageAsAStepWithItsReason) {
  std::set<std::string> stages;
  for (std::size_t i = 0; i < actderiv::kSimplifications; ++i)
    stages.insert(actderiv::simplification_rule(static_cast<actderiv::Simplification>(i)));
  std::set<std::string> seen;
  for (const auto& c : kCases) {
    const auto d = actderiv::derive(c.input, {});
    const actderiv::DerivationStep* simplify = nullptr;
    for (const auto& s : d.steps.children)
      if (s.rule == "simplify") simplify = &s;
    if (!simplify) continue;
    ASSERT_FALSE(simplify->children.empty()) << c.input;
    Expr at = simplify->before;
    for (const auto& s : simplify->children) {
      EXPECT_TRUE(stages.count(s.rule)) << c.input << ": " << s.rule;
      EXPECT_TRUE(s.rewrite);
      EXPECT_FALSE(s.note.empty()) << c.input << ": " << s.rule;
      EXPECT_TRUE(actderiv::equal(s.before, at)) << c.input << ": " << s.rule;
      EXPECT_NE(actderiv::to_latex(s.before), actderiv::to_latex(s.after)) << c.input << ": " << s.rule;
      at = s.after;
      seen.insert(s.rule);
    }
    EXPECT_TRUE(actderiv::equal(at, d.derivative)) << c.input;
    EXPECT_TRUE(actderiv::equal(simplify->after, d.derivative)) << c.input;
  }
  EXPECT_EQ(seen, stages) << "every stage is seen in the table above";
  // The first row: cancelled, collected, then factored.
  const auto d = actderiv::derive("z*exp(-z^2/2)", {});
  std::vector<std::string> rules;
  for (const auto& s : d.steps.children.at(1).children) rules.push_back(s.rule);
  EXPECT_EQ(rules, (std::vector<std::string>{"collect numbers", "collect like factors", "factor out"}));
}

}  // namespace

// Cross-entropy after a sigmoid reaches a - y in view: the sigmoid's slope g(1 - g) cancels against
// the loss's 1/g and 1/(1 - g) (collect like factors), then the terms collect (collect like terms).
TEST(Simplify, CrossEntropyAfterASigmoidShowsTheCancelling) {
  const auto d = actderiv::derive("-y*log(sigmoid(z)) - (1-y)*log(1-sigmoid(z))", {});
  const actderiv::DerivationStep* simplify = nullptr;
  for (const auto& s : d.steps.children)
    if (s.rule == "simplify") simplify = &s;
  ASSERT_TRUE(simplify);
  std::vector<std::string> rules;
  for (const auto& s : simplify->children) rules.push_back(s.rule);
  EXPECT_EQ(rules, (std::vector<std::string>{"collect numbers", "collect like factors", "collect like terms"}));
  EXPECT_EQ(actderiv::to_text(simplify->children.at(1).after), "sigmoid(z)*(1 - y) - y*(1 - sigmoid(z))");
  EXPECT_EQ(actderiv::to_text(d.derivative), "sigmoid(z) - y");
}
