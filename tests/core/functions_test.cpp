// The function table (core/include/actderiv/expr/functions.h): every row, through every pass that
// reads it. A new function is a row plus an entry in kExpected below; the first test fails until
// both exist.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/dual.h"
#include "actderiv/expr/expr.h"
#include "actderiv/expr/functions.h"
#include "actderiv/expr/program.h"
#include "reference.h"

namespace {

using actderiv_test::parse_double;
using actderiv_test::show;
using actderiv_test::ulp_distance;

// What every function should print as, and whether it has a corner that the kink search finds:
// f(z) for one argument, f(z, z/2) for two (whose corner is at z = 0, where the arguments meet).
struct Expected {
  const char* name;
  const char* latex;   // of the call
  const char* text;    // to_text of the call, which parse() reads back
  const char* derivative;  // to_text of the derivative of the call, in canonical form
  bool kink_at_zero;
};

const Expected kExpected[] = {
    {"exp", "e^{z}", "exp(z)", "exp(z)", false},
    {"log", "\\ln(z)", "log(z)", "1/z", false},
    {"sqrt", "\\sqrt{z}", "sqrt(z)", "1/(2*sqrt(z))", false},
    {"abs", "\\left|z\\right|", "abs(z)", "z/abs(z)", true},
    {"tanh", "\\tanh(z)", "tanh(z)", "1 - tanh(z)^2", false},
    {"sinh", "\\sinh(z)", "sinh(z)", "cosh(z)", false},
    {"cosh", "\\cosh(z)", "cosh(z)", "sinh(z)", false},
    {"sech", "\\operatorname{sech}(z)", "sech(z)", "-(tanh(z)/cosh(z))", false},
    {"sigmoid", "\\sigma(z)", "sigmoid(z)", "sigmoid(z)*(1 - sigmoid(z))", false},
    {"softplus", "\\operatorname{softplus}(z)", "softplus(z)", "sigmoid(z)", false},
    {"relu", "\\operatorname{ReLU}(z)", "relu(z)", "piecewise(z > 0, 1, z <= 0, 0)", true},
    {"erf", "\\operatorname{erf}(z)", "erf(z)", "2*e^(-z^2)/sqrt(pi)", false},
    {"erfc", "\\operatorname{erfc}(z)", "erfc(z)", "-(2*e^(-z^2)/sqrt(pi))", false},
    {"expm1", "\\operatorname{expm1}(z)", "expm1(z)", "exp(z)", false},
    {"log1p", "\\operatorname{log1p}(z)", "log1p(z)", "1/(1 + z)", false},
    {"logcosh", "\\operatorname{logcosh}(z)", "logcosh(z)", "tanh(z)", false},
    {"max", "\\max\\left(z, \\frac{z}{2}\\right)", "max(z, z/2)",
     "piecewise(z >= z/2, 1, z < z/2, 1/2)", true},
    {"min", "\\min\\left(z, \\frac{z}{2}\\right)", "min(z, z/2)",
     "piecewise(z <= z/2, 1, z > z/2, 1/2)", true},
};

std::string call_text(const actderiv::Function& f) {
  return std::string(f.name) + (f.arity == 1 ? "(z)" : "(z, z/2)");
}

const Expected* expected_for(const actderiv::Function& f) {
  for (const auto& e : kExpected)
    if (f.name == std::string(e.name)) return &e;
  return nullptr;
}

TEST(FunctionTable, EveryRowHasItsExpectationsAndEveryExpectationARow) {
  std::set<std::string> rows;
  for (const auto& f : actderiv::functions()) {
    rows.insert(f.name);
    EXPECT_NE(expected_for(f), nullptr) << f.name << " has no entry in kExpected";
    EXPECT_TRUE(f.arity == 1 || f.arity == 2) << f.name;
    EXPECT_LE(f.arity, actderiv::kMaxArity) << f.name;
    EXPECT_NE(f.value, nullptr) << f.name;
    EXPECT_NE(f.dual, nullptr) << f.name;
    EXPECT_EQ(f.arity == 1, f.derivative != nullptr) << f.name << ": a one-argument row needs f'(u)";
    EXPECT_EQ(f.arity == 2, f.combine != nullptr) << f.name << ": a two-argument row needs combine";
    EXPECT_FALSE(std::string(f.rule).empty()) << f.name;
  }
  for (const auto& e : kExpected) EXPECT_TRUE(rows.count(e.name)) << e.name << " is not in the table";
}

TEST(FunctionTable, ParsesPrintsAndReadsBackEveryRow) {
  for (const auto& f : actderiv::functions()) {
    const Expected* want = expected_for(f);
    if (!want) continue;  // reported by the test above
    const auto e = actderiv::parse(call_text(f));
    ASSERT_EQ(e->op, actderiv::Op::Call) << f.name;
    EXPECT_EQ(e->function, &f) << f.name;
    EXPECT_EQ(actderiv::to_latex(e), want->latex) << f.name;
    EXPECT_EQ(actderiv::to_text(e), want->text) << f.name;
    EXPECT_TRUE(actderiv::equal(actderiv::parse(actderiv::to_text(e)), e)) << f.name;
    if (f.alias) EXPECT_EQ(actderiv::find_function(f.alias), &f) << f.alias;
  }
}

TEST(FunctionTable, DerivesEveryRowAndAgreesWithDualNumbersAndDifferences) {
  const double points[] = {-3.7, -1.3, -0.4, 0.3, 0.9, 2.2, 5.1};
  for (const auto& f : actderiv::functions()) {
    const Expected* want = expected_for(f);
    if (!want) continue;
    const auto d = actderiv::derive(call_text(f), {});
    EXPECT_EQ(actderiv::to_text(d.derivative), want->derivative) << f.name;
    EXPECT_LT(d.max_rel_error, 1e-12) << f.name << ": symbolic against automatic differentiation";
    EXPECT_EQ(!d.kinks.empty(), want->kink_at_zero) << f.name;
    if (want->kink_at_zero) {
      ASSERT_EQ(d.kinks.size(), 1u) << f.name;
      EXPECT_EQ(d.kinks[0].z, 0.0) << f.name;
    }
    const actderiv::EvalContext context;
    const actderiv::Program value(d.input, context), derivative(d.derivative, context);
    std::vector<double> stack(std::max(value.stack_size(), derivative.stack_size()));
    for (double z : points) {
      const double at = actderiv::evaluate(d.input, z, context);
      if (std::isnan(at)) continue;  // log, sqrt of a negative
      // The compiled program and the tree walk compute the same double; so do the dual numbers.
      EXPECT_EQ(value.run(z, stack.data()), at) << f.name << " at " << z;
      EXPECT_EQ(actderiv::evaluate_dual(d.input, z, context).value, at) << f.name << " at " << z;
      const double slope = derivative.run(z, stack.data());
      const double h = 1e-6;
      const double difference = (actderiv::evaluate(d.input, z + h, context) -
                                 actderiv::evaluate(d.input, z - h, context)) / (2 * h);
      EXPECT_NEAR(slope, difference, 1e-6 * std::fmax(1.0, std::fabs(slope))) << f.name << " at " << z;
    }
  }
}

// A row's identity must hold: f(args) and its simplified form agree wherever both are defined.
// The rows with a batch form, and which of them run a kernel that may differ from `value` (within
// its 4 ULP, batch.h: their batch_ulp) rather than compute the same double.
const std::set<std::string> kBatchForms = {"sech", "sigmoid", "tanh", "relu", "max", "min"};
const std::set<std::string> kKernels = {"sech", "sigmoid", "tanh"};

// Every batch form against its row's value, over more than one of kernel_values' chunks: at the
// values where formulas switch, underflow or overflow, and densely.
TEST(FunctionTable, BatchFormsAgreeWithTheirValues) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
  std::vector<double> a = {0.0, -0.0, inf, -inf, nan, 1e-300, -1e-300, 4.9e-324, 20.0, 36.7, -36.7,
                           354.5, -354.5, 709.78, 745.2, -745.2, 800.0, -800.0, 1.7e308, -1.7e308};
  for (int i = 0; a.size() < 600; ++i) a.push_back(-40 + 0.137 * i);
  std::vector<double> b(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) b[i] = i % 3 == 0 ? a[i] : i % 3 == 1 ? -a[i] : a[(i * 7 + 3) % a.size()];
  std::set<std::string> with_batch, with_kernel;
  for (const auto& f : actderiv::functions()) {
    if (!f.batch) continue;
    with_batch.insert(f.name);
    if (f.batch_ulp > 0) with_kernel.insert(f.name);
    const double* args[] = {a.data(), b.data()};
    std::vector<double> out(a.size());
    f.batch(args, a.size(), out.data());
    for (std::size_t i = 0; i < a.size(); ++i) {
      const double x[] = {a[i], b[i]};
      const double want = f.value(x);
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(out[i])) << f.name << " at " << show(a[i]) << ", " << show(b[i]);
      } else if (f.batch_ulp > 0) {
        EXPECT_LE(ulp_distance(out[i], want), f.batch_ulp) << f.name << " at " << show(a[i]);
      } else {
        EXPECT_TRUE(out[i] == want && std::signbit(out[i]) == std::signbit(want))
            << f.name << " at " << show(a[i]) << ", " << show(b[i]) << ": " << show(out[i]);
      }
    }
  }
  EXPECT_EQ(with_batch, kBatchForms);
  EXPECT_EQ(with_kernel, kKernels);
}

// max and min of 0 and -0 in either order, and of NaN: the same in every build (std::fmax leaves
// the sign of a zero to the library).
TEST(FunctionTable, MaxAndMinOfSignedZerosAndNaN) {
  const auto& max = actderiv::function("max");
  const auto& min = actderiv::function("min");
  for (const auto& x : {std::array<double, 2>{0.0, -0.0}, std::array<double, 2>{-0.0, 0.0}}) {
    EXPECT_FALSE(std::signbit(max.value(x.data())));
    EXPECT_TRUE(std::signbit(min.value(x.data())));
  }
  const double with_nan[] = {1.0, std::nan("")}, nan_first[] = {std::nan(""), 1.0};
  for (const auto* f : {&max, &min}) {
    EXPECT_TRUE(std::isnan(f->value(with_nan)));
    EXPECT_TRUE(std::isnan(f->value(nan_first)));
  }
}

TEST(FunctionTable, SimplificationsAreIdentities) {
  const char* cases[][2] = {
      {"abs(abs(z))", "abs(z)"},  {"abs(-z)", "abs(z)"},      {"abs(-3)", "3"},
      {"relu(relu(z))", "relu(z)"}, {"log(exp(z))", "z"},     {"log(e^z)", "z"},
      {"log(1)", "0"},            {"exp(0)", "1"},            {"sqrt(z^2)", "abs(z)"},
      {"cosh(-z)", "cosh(z)"},    {"sech(-z)", "sech(z)"},    {"sech(0)", "1"},
      {"tanh(0)", "0"},           {"max(2, 3)", "3"},         {"min(z, z)", "z"},
      {"sigmoid(z)", "sigmoid(z)"},
  };
  const actderiv::EvalContext context;
  for (const auto& [input, simplified] : cases) {
    const auto e = actderiv::parse(input);
    const auto s = actderiv::simplify(e);
    EXPECT_EQ(actderiv::to_text(s), simplified) << input;
    for (double z : {-2.5, -0.5, 0.75, 3.0})
      EXPECT_NEAR(actderiv::evaluate(s, z, context), actderiv::evaluate(e, z, context), 1e-15) << input << " at " << z;
  }
}

// sech against correctly rounded references (tests/reference/functions_generate.py): the value, its
// batch form and the dual numbers' derivative within 4 ULP, including the tail where 1/cosh would
// overflow to 0.
TEST(FunctionTable, SechIsCorrectlyRoundedWithinFourUlpAcrossTheDoubles) {
  const std::string path = std::string(ACTDERIV_REFERENCE_DIR) + "/functions.csv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  ASSERT_EQ(line, "function,z,value,derivative");
  const actderiv::Function& sech = actderiv::function("sech");
  int rows = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 4u) << line;
    ASSERT_EQ(cells[0], "sech") << line;
    const double z = parse_double(cells[1]);
    const double value = parse_double(cells[2]), derivative = parse_double(cells[3]);
    const actderiv::Dual dz{z, 1.0};
    const actderiv::Dual got = sech.dual(&dz);
    EXPECT_LE(ulp_distance(sech.value(&z), value), 4u) << "sech(" << show(z) << ") = " << show(sech.value(&z));
    EXPECT_LE(ulp_distance(got.value, value), 4u) << show(z);
    double batch;
    const double* args[] = {&z};
    sech.batch(args, 1, &batch);
    EXPECT_LE(ulp_distance(batch, value), 4u) << "batch sech(" << show(z) << ") = " << show(batch);
    EXPECT_LE(ulp_distance(got.derivative, derivative), 4u)
        << "sech'(" << show(z) << ") = " << show(got.derivative) << ", want " << show(derivative);
    ++rows;
  }
  EXPECT_EQ(rows, 61);
}

// The identity students are asked to recognise: tanh' = sech^2, checked by the engine's own rules.
TEST(FunctionTable, TanhDerivativeEqualsSechSquared) {
  const auto tanh_derivative = actderiv::derive("tanh(z)", {}).derivative;
  const auto sech_squared = actderiv::parse("sech(z)^2");
  const actderiv::EvalContext context;
  for (double z = -30; z <= 30; z += 0.37)
    EXPECT_NEAR(actderiv::evaluate(tanh_derivative, z, context), actderiv::evaluate(sech_squared, z, context),
                1e-15) << z;
}

}  // namespace
