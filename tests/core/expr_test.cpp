// Parser, evaluator and LaTeX printer, table-driven.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "actderiv/expr.h"

namespace {

struct LatexCase {
  const char* input;
  const char* latex;
};

TEST(Expr, PrintsLatexParenthesisedOnlyWhereNeeded) {
  const LatexCase cases[] = {
      {"1/(1+e^-z)", "\\frac{1}{1 + e^{-z}}"},
      {"(1+e^-z)^-1", "\\left(1 + e^{-z}\\right)^{-1}"},
      {"-(1+e^-z)^-2 * (-e^-z)", "-\\left(1 + e^{-z}\\right)^{-2} \\left(-e^{-z}\\right)"},
      {"1/(1+e^-z) * (e^-z/(1+e^-z))", "\\frac{1}{1 + e^{-z}} \\cdot \\frac{e^{-z}}{1 + e^{-z}}"},
      {"1 - tanh(z)^2", "1 - \\tanh^{2}(z)"},
      {"alpha*z", "\\alpha z"},
      {"2*3", "2 \\cdot 3"},
      {"z - (z - 1)", "z - (z - 1)"},
      {"z - -z", "z - (-z)"},
      {"z + -2", "z + (-2)"},
      {"(z+1)*(z-1)", "(z + 1) (z - 1)"},
      {"z*-1", "z (-1)"},
      {"exp(z)^2", "\\left(e^{z}\\right)^{2}"},
      {"(z^2)^3", "\\left(z^{2}\\right)^{3}"},
      {"0.00001*z", "10^{-5} z"},
      {"max(alpha*z, z)", "\\max(\\alpha z, z)"},
      {"piecewise(z > 0, 1, z <= 0, alpha)",
       "\\begin{cases} 1 & \\text{if } z > 0 \\\\ \\alpha & \\text{if } z \\le 0 \\end{cases}"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(actderiv::to_latex(actderiv::parse(c.input, {"alpha"})), c.latex) << c.input;
}

struct ValueCase {
  const char* input;
  double z;
  double expected;
};

TEST(Expr, Evaluates) {
  const ValueCase cases[] = {
      {"1 + 2 * 3", 0, 7},        {"(1 + 2) * 3", 0, 9},    {"2^3^2", 0, 512},
      {"-z^2", 3, -9},            {"e^0", 0, 1},            {"e^1", 0, std::exp(1.0)},
      {"10 - 4 - 3", 0, 3},       {"12 / 3 / 2", 0, 2},     {"max(z, 2)", 5, 5},
      {"min(z, 2)", 5, 2},        {"abs(z)", -4, 4},        {"sqrt(z)", 16, 4},
      {"log(e^2)", 0, 2},         {"1e-3 * z", 2, 0.002},   {"alpha * z", 2, 0.5},
      {"piecewise(z > 0, 1, z < 0, -1)", -3, -1},
      {"piecewise(z > 0, 1, z < 0, -1)", 3, 1},
      {"sigmoid(0)", 0, 0.5},     {"g(z)", 4, 8},
  };
  actderiv::EvalContext context;
  context.params = {{"alpha", 0.25}};
  context.self = [](double z) { return 2 * z; };
  for (const auto& c : cases)
    EXPECT_DOUBLE_EQ(actderiv::evaluate(actderiv::parse(c.input, {"alpha"}), c.z, context),
                     c.expected)
        << c.input;
}

TEST(Expr, PiecewiseWithNoTrueConditionIsNaN) {
  const auto e = actderiv::parse("piecewise(z > 0, 1, z < 0, 0)");
  EXPECT_TRUE(std::isnan(actderiv::evaluate(e, 0, {})));
}

struct ErrorCase {
  const char* input;
  const char* message;
  std::size_t column;
};

TEST(Expr, ReportsErrorsWithTheirColumn) {
  const ErrorCase cases[] = {
      {"", "expected a number, a name or '('", 1},
      {"(z + 1", "expected ')'", 7},
      {"z +", "expected a number, a name or '('", 4},
      {"z $ 2", "unexpected '$'", 3},
      {"tanhh(z)", "unknown function 'tanhh'", 1},
      {"2 * beta", "unknown name 'beta'", 5},
      {"max(z)", "max takes 2 arguments, not 1", 1},
      {"exp(z, 2)", "exp takes 1 argument, not 2", 1},
      {"1.2.3", "malformed number '1.2.3'", 1},
      {"1e999", "number '1e999' is too large", 1},
      {"piecewise(z > 0)", "piecewise takes pairs of condition and value", 1},
      {"tanh", "expected '(' after tanh", 5},
      {"z )", "unexpected ')'", 3},
  };
  for (const auto& c : cases) {
    try {
      actderiv::parse(c.input, {"alpha"});
      ADD_FAILURE() << "no error for '" << c.input << "'";
    } catch (const actderiv::ParseError& e) {
      EXPECT_EQ(e.column(), c.column) << c.input;
      EXPECT_EQ(std::string(e.what()),
                std::string(c.message) + " at column " + std::to_string(c.column))
          << c.input;
    }
  }
}

TEST(Expr, RefusesNestingBeyondTheLimit) {
  const std::string deep = std::string(100, '(') + "z" + std::string(100, ')');
  try {
    actderiv::parse(deep);
    ADD_FAILURE() << "no error";
  } catch (const actderiv::ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("nested more than 64 levels"), std::string::npos);
  }
  EXPECT_NO_THROW(actderiv::parse(std::string(60, '(') + "z" + std::string(60, ')')));
}

}  // namespace
