// Parser, evaluator and LaTeX printer, table-driven.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "actderiv/expr/expr.h"

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
  // A Latin parameter is its letter, not a command KaTeX would not know.
  EXPECT_EQ(actderiv::to_latex(actderiv::parse("-y*log(sigmoid(z)) + beta", {"beta", "y"})), "-y \\ln(\\sigma(z)) + \\beta");
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
  std::string input;
  std::string message;
  std::size_t column;
};

TEST(Expr, ReportsErrorsWithTheirColumn) {
  const ErrorCase cases[] = {
      {"", "expected an expression", 1},
      {"   ", "expected an expression", 4},
      {"(z + 1", "expected ')'", 7},
      {"z +", "expected a number, a name or '(' but the input ended", 4},
      {"z $ 2", "unexpected '$'", 3},
      {"tanhh(z)", "unknown function 'tanhh': did you mean tanh?", 1},
      {"sigmod(z)", "unknown function 'sigmod': did you mean sigmoid?", 1},
      {"2 * tanhh(z)", "unknown function 'tanhh': did you mean tanh?", 5},
      {"foo(z)", "unknown function 'foo'", 1},
      {"2 * gamma", "unknown name 'gamma'", 5},
      {"alpah * z", "unknown name 'alpah': did you mean alpha?", 1},
      {"max(z)", "max takes 2 arguments, not 1", 1},
      {"exp(z, 2)", "exp takes 1 argument, not 2", 1},
      {"exp()", "exp needs an argument", 5},
      {"1.2.3", "malformed number '1.2.3'", 1},
      {".", "malformed number '.'", 1},
      {"1e999", "number '1e999' is too large", 1},
      {"piecewise(z > 0)", "piecewise takes pairs of condition and value", 1},
      {"tanh", "expected '(' after tanh", 5},
      {"z )", "unexpected ')' with no matching '('", 3},
      {"()", "empty parentheses", 1},
      {"z * * 2", "expected a number, a name or '(' but found '*'", 5},
      {"z ^", "expected an exponent after '^'", 4},
      {"max(z 1)", "expected ',' or ')' in the arguments of max", 7},
      {"z 2", "unexpected '2'", 3},
      {"max(z, 1", "expected ')' to close max(", 9},
      {"(", "expected a number, a name or '(' but the input ended", 2},
      {"z / )", "expected a number, a name or '(' before ')'", 5},
      {"\xE2\x88\x92z + \xC3\xA9", "unexpected character '\xC3\xA9' (U+00E9)", 6},
      {"z\x01", "unexpected control character U+0001", 2},
      {std::string("z\0", 2), "unexpected control character U+0000", 2},
      // Cyrillic a, which looks like the Latin one.
      {"\xD0\xB0lpha", "unexpected character '\xD0\xB0' (U+0430)", 1},
      {"z + \xF0\x9F\x98\x80", "unexpected character '\xF0\x9F\x98\x80' (U+1F600)", 5},
      // Invisible or reordering characters are named by code point only.
      {"z\xE2\x80\xAE + 1", "unexpected invisible character U+202E", 2},
      {"z\xE2\x80\x8D", "unexpected invisible character U+200D", 2},
      {"\xEF\xBB\xBFz", "unexpected invisible character U+FEFF", 1},
      {"z\xC2\xA0+ 1", "unexpected invisible character U+00A0", 2},
      // Long names and numbers are quoted by their start and length.
      {"abcdefghijklmnopqrstuvwxyzabcdefghij", "unknown name 'abcdefghijklmnopqrstuvwxyzabcd\xE2\x80\xA6' (36 characters)", 1},
      {"1" + std::string(400, '0'), "number '1" + std::string(29, '0') + "\xE2\x80\xA6' (401 characters) is too large", 1},
      {"z,1", "unexpected ','", 2},
      {"2 # 3", "unexpected '#'", 3},
      {"sqrt(z))", "unexpected ')' with no matching '('", 8},
      {"z > 0", "a comparison such as z > 0 is only allowed as a piecewise condition", 3},
      {"piecewise(z, 1)", "expected a comparison such as z > 0", 12},
      {"(z < 1)", "expected ')'", 4},
  };
  for (const auto& c : cases) {
    try {
      actderiv::parse(c.input, {"alpha", "beta"});
      ADD_FAILURE() << "no error for '" << c.input << "'";
    } catch (const actderiv::ParseError& e) {
      EXPECT_EQ(e.column(), c.column) << c.input;
      EXPECT_EQ(std::string(e.what()),
                std::string(c.message) + " at column " + std::to_string(c.column))
          << c.input;
    }
  }
}

TEST(Expr, RefusesInputOverTheLengthLimit) {
  const std::string long_input = "z" + std::string(500, ' ');
  try {
    actderiv::parse(long_input);
    ADD_FAILURE() << "no error";
  } catch (const actderiv::ParseError& e) {
    EXPECT_EQ(e.column(), 501u);
    EXPECT_NE(std::string(e.what()).find("longer than 500 characters"), std::string::npos);
  }
}

TEST(Expr, AcceptsStudentSyntax) {
  const ValueCase cases[] = {
      {"2z", 3, 6},
      {"2(z+1)", 1, 4},
      {"z(1 - z)", 3, -6},
      {"x^2", 3, 9},
      {"\xE2\x88\x92z \xC3\x97 2", 3, -6},  // Unicode minus and times
      {"z \xC2\xB7 z", 3, 9},                 // middle dot
      {"2 pi", 0, 2 * M_PI},
      {"ln(e)", 0, 1},
      {"softplus(0)", 0, std::log(2.0)},
      {"relu(z)", -2, 0},
      {"erf(0)", 0, 0},
      {"3e-1z", 10, 3},
      {"+z", 2, 2},
  };
  for (const auto& c : cases)
    EXPECT_DOUBLE_EQ(actderiv::evaluate(actderiv::parse(c.input), c.z, {}), c.expected) << c.input;
}

TEST(Expr, TextPrinterRoundTrips) {
  for (const char* input : {"1/(1+e^-z)", "z - (z - 1)", "-(z*z)", "z^(-1)", "(e^z)^2",
                            "piecewise(z > 0, 1, z <= 0, 0)", "2/(3*z)", "max(0.01*z, z)"}) {
    const auto e = actderiv::parse(input);
    EXPECT_TRUE(actderiv::equal(actderiv::parse(actderiv::to_text(e)), e))
        << input << " -> " << actderiv::to_text(e);
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
