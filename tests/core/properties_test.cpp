// Computed properties against values known independently: closed forms (sigmoid' peaks at 1/4,
// ELU's infimum is -alpha, SiLU's minimum is -W(1/e)/beta) and, for GELU and Mish, mpmath roots of
// g' and g'' (30 digits, printed in the comments' generator below). Plus invariants every
// activation must satisfy at every parameter setting, and the cost.
//
// mpmath (mp.dps = 30):  findroot(gelu', -0.75), findroot(gelu'', 1.4), findroot(mish', -1.2), ...
//   gelu       min -0.169971207479903661693868470982 at -0.751791524693564457457904946780
//              max g' 1.12890414518515478634074444226 at sqrt(2)
//   gelu_tanh  min -0.170040750571254050639067427988 at -0.752461422071016258487954443289
//              max g' 1.12899306865877176545590447040 at 1.41850400879082835554803354560
//   mish       min -0.308843413017250406628760229042 at -1.19243121451549521213758834042
//              max g' 1.08849816125172786122829362739 at 1.49057117948542845929441890820
//   silu (beta = 1) max g' 1.09983932012886691695818492432 at 2.39935728051546766783273969728
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <ostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/catalogue/activation.h"
#include "actderiv/numerics/numerics.h"
#include "actderiv/catalogue/properties.h"

namespace {

using actderiv::Continuity;
using actderiv::ParamValues;
using actderiv::Properties;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();  // "do not check"
constexpr double kLambdaAlpha = actderiv::kSeluLambda * actderiv::kSeluAlpha;
constexpr double kW = 0.278464542761073795109358739023;  // Lambert W(1/e): SiLU's minimum at beta = 1

enum class Sat { None, Soft, Hard };

struct Row {
  const char* id;
  ParamValues params;
  double inf;
  bool inf_closed;
  double sup;
  bool sup_closed;
  double inf_at;  // where a finite infimum is attained at one point, else kNone
  Continuity continuity;
  bool monotonic;
  bool monotonic_derivative;
  bool identity_near_zero;
  bool zero_centred;
  double slope;           // sup |g'|
  double slope_lo;        // where: [lo, hi]; lo == hi == +-inf for a limit
  double slope_hi;
  bool slope_attained;
  Sat left;
  double left_from;       // a hard saturation's start, else kNone
  Sat right;
  double right_from;
  double d0;              // g'(0) as the derivative function computes it
  bool kink;
  double d0_left;
  double d0_right;
};

// clang-format off
const Row kRows[] = {
  {"sigmoid", {}, 0, false, 1, false, kNone, Continuity::Smooth, true, false, false, false,
   0.25, 0, 0, true, Sat::Soft, kNone, Sat::Soft, kNone, 0.25, false, 0.25, 0.25},
  {"tanh", {}, -1, false, 1, false, kNone, Continuity::Smooth, true, false, true, true,
   1, 0, 0, true, Sat::Soft, kNone, Sat::Soft, kNone, 1, false, 1, 1},
  {"relu", {}, 0, true, kInf, false, kNone, Continuity::C0, true, true, false, false,
   1, 0, kInf, true, Sat::Hard, 0, Sat::None, kNone, 0, true, 0, 1},
  {"leaky_relu", {}, -kInf, false, kInf, false, kNone, Continuity::C0, true, true, false, false,
   1, 0, kInf, true, Sat::None, kNone, Sat::None, kNone, 0.01, true, 0.01, 1},
  {"leaky_relu", {{"alpha", 0}}, 0, true, kInf, false, kNone, Continuity::C0, true, true, false, false,
   1, 0, kInf, true, Sat::Hard, 0, Sat::None, kNone, 0, true, 0, 1},
  {"leaky_relu", {{"alpha", 1}}, -kInf, false, kInf, false, kNone, Continuity::Smooth, true, true, true, true,
   1, -kInf, kInf, true, Sat::None, kNone, Sat::None, kNone, 1, false, 1, 1},
  {"identity", {}, -kInf, false, kInf, false, kNone, Continuity::Smooth, true, true, true, true,
   1, -kInf, kInf, true, Sat::None, kNone, Sat::None, kNone, 1, false, 1, 1},
  {"binary_step", {}, 0, true, 1, true, kNone, Continuity::Discontinuous, true, true, false, false,
   0, -kInf, kInf, true, Sat::Hard, kInf, Sat::Hard, -kInf, 0, false, 0, 0},
  {"softsign", {}, -1, false, 1, false, kNone, Continuity::C1, true, false, true, true,
   1, 0, 0, true, Sat::Soft, kNone, Sat::Soft, kNone, 1, false, 1, 1},
  {"hardtanh", {}, -1, true, 1, true, kNone, Continuity::C0, true, false, true, true,
   1, -1, 1, true, Sat::Hard, -1, Sat::Hard, 1, 1, false, 1, 1},
  {"relu6", {}, 0, true, 6, true, kNone, Continuity::C0, true, false, false, false,
   1, 0, 6, true, Sat::Hard, 0, Sat::Hard, 6, 0, true, 0, 1},
  // ELU is C1 only at alpha = 1, where alpha e^0 meets the slope 1 of the positive branch.
  {"elu", {}, -1, false, kInf, false, kNone, Continuity::C1, true, true, true, false,
   1, 0, kInf, true, Sat::Soft, kNone, Sat::None, kNone, 1, false, 1, 1},
  {"elu", {{"alpha", 2}}, -2, false, kInf, false, kNone, Continuity::C0, true, false, false, false,
   2, 0, 0, true, Sat::Soft, kNone, Sat::None, kNone, 2, true, 2, 1},
  {"elu", {{"alpha", 0.5}}, -0.5, false, kInf, false, kNone, Continuity::C0, true, true, false, false,
   1, 0, kInf, true, Sat::Soft, kNone, Sat::None, kNone, 0.5, true, 0.5, 1},
  {"softplus", {}, 0, false, kInf, false, kNone, Continuity::Smooth, true, true, false, false,
   1, kInf, kInf, false, Sat::Soft, kNone, Sat::None, kNone, 0.5, false, 0.5, 0.5},
  {"softplus", {{"beta", 10}}, 0, false, kInf, false, kNone, Continuity::Smooth, true, true, false, false,
   1, kInf, kInf, false, Sat::Soft, kNone, Sat::None, kNone, 0.5, false, 0.5, 0.5},
  {"prelu", {}, -kInf, false, kInf, false, kNone, Continuity::C0, true, true, false, false,
   1, 0, kInf, true, Sat::None, kNone, Sat::None, kNone, 0.25, true, 0.25, 1},
  {"hard_sigmoid", {}, 0, true, 1, true, kNone, Continuity::C0, true, false, false, false,
   1.0 / 6, -3, 3, true, Sat::Hard, -3, Sat::Hard, 3, 1.0 / 6, false, 1.0 / 6, 1.0 / 6},
  // Hard swish: minimum -3/8 at z = -3/2; the steepest slope 3/2 is the left limit at 3, which
  // PyTorch's convention takes at z = 3 itself.
  {"hard_swish", {}, -0.375, true, kInf, false, -1.5, Continuity::C0, false, false, false, false,
   1.5, 3, 3, true, Sat::Hard, -3, Sat::None, kNone, 0.5, false, 0.5, 0.5},
  {"log_sigmoid", {}, -kInf, false, 0, false, kNone, Continuity::Smooth, true, true, false, false,
   1, -kInf, -kInf, false, Sat::None, kNone, Sat::Soft, kNone, 0.5, false, 0.5, 0.5},
  {"selu", {}, -kLambdaAlpha, false, kInf, false, kNone, Continuity::C0, true, false, false, false,
   kLambdaAlpha, 0, 0, true, Sat::Soft, kNone, Sat::None, kNone, kLambdaAlpha, true, kLambdaAlpha,
   actderiv::kSeluLambda},
  {"celu", {}, -1, false, kInf, false, kNone, Continuity::C1, true, true, true, false,
   1, 0, kInf, true, Sat::Soft, kNone, Sat::None, kNone, 1, false, 1, 1},
  {"celu", {{"alpha", 2}}, -2, false, kInf, false, kNone, Continuity::C1, true, true, true, false,
   1, 0, kInf, true, Sat::Soft, kNone, Sat::None, kNone, 1, false, 1, 1},
  // The catalogue's smooth self-gated functions: skipped until the registry has them.
  {"silu", {}, -kW, true, kInf, false, -(1 + kW), Continuity::Smooth, false, false, false, false,
   1.09983932012886691695818492432, 2.39935728051546766783273969728, 2.39935728051546766783273969728,
   true, Sat::Soft, kNone, Sat::None, kNone, 0.5, false, 0.5, 0.5},
  {"silu", {{"beta", 2}}, -kW / 2, true, kInf, false, -(1 + kW) / 2, Continuity::Smooth, false, false,
   false, false, 1.09983932012886691695818492432, 2.39935728051546766783273969728 / 2,
   2.39935728051546766783273969728 / 2, true, Sat::Soft, kNone, Sat::None, kNone, 0.5, false, 0.5, 0.5},
  {"gelu", {}, -0.169971207479903661693868470982, true, kInf, false, -0.751791524693564457457904946780,
   Continuity::Smooth, false, false, false, false, 1.12890414518515478634074444226,
   1.41421356237309504880168872421, 1.41421356237309504880168872421, true, Sat::Soft, kNone,
   Sat::None, kNone, 0.5, false, 0.5, 0.5},
  {"gelu_tanh", {}, -0.170040750571254050639067427988, true, kInf, false,
   -0.752461422071016258487954443289, Continuity::Smooth, false, false, false, false,
   1.12899306865877176545590447040, 1.41850400879082835554803354560, 1.41850400879082835554803354560,
   true, Sat::Soft, kNone, Sat::None, kNone, 0.5, false, 0.5, 0.5},
  {"mish", {}, -0.308843413017250406628760229042, true, kInf, false, -1.19243121451549521213758834042,
   Continuity::Smooth, false, false, false, false, 1.08849816125172786122829362739,
   1.49057117948542845929441890820, 1.49057117948542845929441890820, true, Sat::Soft, kNone,
   Sat::None, kNone, 0.6, false, 0.6, 0.6},
};
// clang-format on

// Failure messages name the row, not its bytes.
void PrintTo(const Row& row, std::ostream* out) { *out << row.id; }

Properties of(const std::string& id, const ParamValues& given = {}) {
  const auto& a = actderiv::find_activation(id);
  return actderiv::properties(a, actderiv::resolve_params(a, given));
}

// Equal infinities, or finite values within `tolerance` relative (1 for values below 1).
void expect_close(double got, double want, double tolerance, const std::string& what) {
  if (std::isnan(want)) return;
  if (std::isinf(want)) {
    EXPECT_EQ(got, want) << what;
    return;
  }
  EXPECT_NEAR(got, want, tolerance * std::fmax(1.0, std::fabs(want))) << what;
}

Sat sat(const actderiv::Saturation& s) { return !s.saturates ? Sat::None : s.hard ? Sat::Hard : Sat::Soft; }

class PropertiesTable : public ::testing::TestWithParam<Row> {};

TEST_P(PropertiesTable, MatchesIndependentValues) {
  const Row& row = GetParam();
  const Properties p = of(row.id, row.params);  // a misspelt id throws: find_activation names it
  expect_close(p.range.inf.value, row.inf, 1e-12, "infimum");
  expect_close(p.range.sup.value, row.sup, 1e-12, "supremum");
  EXPECT_EQ(p.range.inf.attained, row.inf_closed) << p.range.text;
  EXPECT_EQ(p.range.sup.attained, row.sup_closed) << p.range.text;
  if (!std::isnan(row.inf_at)) {
    expect_close(p.range.inf.where.lo, row.inf_at, 1e-7, "argmin");
    EXPECT_EQ(p.range.inf.where.lo, p.range.inf.where.hi);
  }
  EXPECT_EQ(p.continuity, row.continuity) << p.continuity_text;
  EXPECT_EQ(p.monotonic, row.monotonic);
  EXPECT_EQ(p.monotonic_derivative, row.monotonic_derivative);
  EXPECT_EQ(p.identity_near_zero, row.identity_near_zero);
  EXPECT_EQ(p.zero_centred, row.zero_centred);
  expect_close(p.max_slope.value, row.slope, 1e-12, "max |g'|");
  expect_close(p.max_slope.where.lo, row.slope_lo, 1e-7, "max |g'| from " + p.max_slope.where.text);
  expect_close(p.max_slope.where.hi, row.slope_hi, 1e-7, "max |g'| to " + p.max_slope.where.text);
  EXPECT_EQ(p.max_slope.attained, row.slope_attained) << p.max_slope.where.text;
  EXPECT_EQ(sat(p.left), row.left);
  EXPECT_EQ(sat(p.right), row.right);
  if (row.left == Sat::Hard) EXPECT_EQ(p.left.from, row.left_from);
  if (row.right == Sat::Hard) EXPECT_EQ(p.right.from, row.right_from);
  expect_close(p.at_zero.value, row.d0, 1e-15, "g'(0)");
  EXPECT_EQ(p.at_zero.kink, row.kink);
  expect_close(p.at_zero.left, row.d0_left, 1e-8, "g'(0-)");
  expect_close(p.at_zero.right, row.d0_right, 1e-8, "g'(0+)");
}

std::string row_name(const ::testing::TestParamInfo<Row>& info) {
  std::string name = info.param.id;
  for (const auto& [id, value] : info.param.params)
    name += "_" + id + "_" + std::to_string(static_cast<int>(value * 10));
  return name;
}

INSTANTIATE_TEST_SUITE_P(Registry, PropertiesTable, ::testing::ValuesIn(kRows), row_name);

TEST(Properties, TableCoversEveryActivationAtItsDefaults) {
  for (const auto& a : actderiv::activations()) {
    bool covered = false;
    for (const Row& row : kRows) covered = covered || (row.id == a.id && row.params.empty());
    EXPECT_TRUE(covered) << a.id << " has no row in kRows";
  }
}

TEST(Properties, BreaksAreLocatedWithTheirOneSidedLimits) {
  const auto swish = of("hard_swish").breaks;
  ASSERT_EQ(swish.size(), 2u);
  EXPECT_EQ(swish[0].z, -3);
  EXPECT_EQ(swish[0].order, 1);
  EXPECT_NEAR(swish[0].left, 0, 1e-8);
  EXPECT_NEAR(swish[0].right, -0.5, 1e-8);
  EXPECT_EQ(swish[1].z, 3);
  EXPECT_NEAR(swish[1].left, 1.5, 1e-8);
  EXPECT_NEAR(swish[1].right, 1, 1e-8);

  // Softsign is only C1: g'' = -2 sign(z) / (1 + |z|)^3 jumps from 2 to -2 at 0.
  const auto softsign = of("softsign").breaks;
  ASSERT_EQ(softsign.size(), 1u);
  EXPECT_EQ(softsign[0].z, 0);
  EXPECT_EQ(softsign[0].order, 2);
  EXPECT_NEAR(softsign[0].left, 2, 1e-6);
  EXPECT_NEAR(softsign[0].right, -2, 1e-6);

  // CELU's g'' jumps from 1/alpha to 0.
  const auto celu = of("celu", {{"alpha", 0.5}}).breaks;
  ASSERT_EQ(celu.size(), 1u);
  EXPECT_EQ(celu[0].order, 2);
  EXPECT_NEAR(celu[0].left, 2, 1e-6);

  const auto step = of("binary_step").breaks;
  ASSERT_EQ(step.size(), 1u);
  EXPECT_EQ(step[0].z, 0);
  EXPECT_EQ(step[0].order, 0);
  EXPECT_EQ(step[0].left, 0);
  EXPECT_EQ(step[0].right, 1);

  EXPECT_TRUE(of("sigmoid").breaks.empty());
  EXPECT_TRUE(of("softplus", {{"beta", 10}}).breaks.empty());
}

TEST(Properties, TextForms) {
  EXPECT_EQ(of("sigmoid").range.text, "(0, 1)");
  EXPECT_EQ(of("relu").range.text, "[0, ∞)");
  EXPECT_EQ(of("relu").range.latex, "[0, \\infty)");
  EXPECT_EQ(of("hard_swish").range.text, "[−0.375, ∞)");
  EXPECT_EQ(of("selu").range.latex, "(-1.758, \\infty)");
  EXPECT_EQ(of("leaky_relu").range.latex, "(-\\infty, \\infty)");
  EXPECT_EQ(of("binary_step").range.text, "[0, 1]");
  EXPECT_EQ(of("elu").continuity_text, "C¹");
  EXPECT_EQ(of("tanh").continuity_latex, "C^\\infty");
  EXPECT_EQ(of("binary_step").continuity_text, "discontinuous");
  EXPECT_EQ(of("relu").max_slope.where.text, "z > 0");
  EXPECT_EQ(of("relu").max_slope.where.latex, "z > 0");
  EXPECT_EQ(of("celu").max_slope.where.latex, "z \\ge 0");
  EXPECT_EQ(of("hardtanh").max_slope.where.text, "−1 < z < 1");
  EXPECT_EQ(of("sigmoid").max_slope.where.text, "z = 0");
  EXPECT_EQ(of("softplus").max_slope.where.text, "z → +∞");
  EXPECT_EQ(of("identity").max_slope.where.latex, "\\text{all } z");
  EXPECT_EQ(of("relu").range.inf.where.text, "z ≤ 0");
  EXPECT_EQ(of("binary_step").range.inf.where.text, "z < 0");
  EXPECT_EQ(of("gelu").range.text, "[−0.1700, ∞)");
  EXPECT_EQ(of("gelu").max_slope.where.text, "z = 1.414");
}

// Whatever the parameters: inf <= g <= sup and |g'| <= max slope at every point tried, an attained
// bound is attained where it says, and a hard saturation has g' == 0 beyond its start.
TEST(Properties, InvariantsHoldAtEveryParameterSetting) {
  for (const auto& a : actderiv::activations()) {
    std::vector<ParamValues> settings{{}};
    for (const auto& param : a.params)
      for (double v : {param.min, param.max, 0.5 * (param.min + param.max)}) settings.push_back({{param.id, v}});
    for (const ParamValues& given : settings) {
      const std::vector<double> params = actderiv::resolve_params(a, given);
      const Properties p = actderiv::properties(a, params);
      const std::string label = a.id + (given.empty() ? "" : " " + given[0].first + "=" + std::to_string(given[0].second));
      for (int i = -4000; i <= 4000; ++i) {
        const double z = i * 0.01 + 0.003;
        const double g = a.value(z, params.data()), d = a.derivative(z, params.data());
        const double slack = 1e-12 * std::fmax(1.0, std::fabs(g));
        EXPECT_GE(g, p.range.inf.value - slack) << label << " at " << z;
        EXPECT_LE(g, p.range.sup.value + slack) << label << " at " << z;
        EXPECT_LE(std::fabs(d), p.max_slope.value * (1 + 1e-12)) << label << " at " << z;
        if (p.left.hard && z < p.left.from) EXPECT_EQ(d, 0) << label << " at " << z;
        if (p.right.hard && z > p.right.from) EXPECT_EQ(d, 0) << label << " at " << z;
      }
      for (const actderiv::Bound* b : {&p.range.inf, &p.range.sup}) {
        if (!b->attained) continue;
        const double at = std::isfinite(b->where.lo) ? b->where.lo : b->where.hi;
        if (std::isfinite(at) && (b->where.lo == b->where.hi || (std::isfinite(b->where.lo) ? b->where.lo_closed : b->where.hi_closed)))
          EXPECT_NEAR(a.value(at, params.data()), b->value, 1e-12 * std::fmax(1.0, std::fabs(b->value))) << label;
      }
      EXPECT_FALSE(p.range.text.empty());
      for (std::size_t i = 1; i < p.breaks.size(); ++i) EXPECT_LT(p.breaks[i - 1].z, p.breaks[i].z) << label;
    }
  }
}

TEST(Properties, RejectsAWrongNumberOfParameters) {
  EXPECT_THROW(actderiv::properties(actderiv::find_activation("elu"), {}), std::invalid_argument);
  EXPECT_THROW(actderiv::properties(actderiv::find_activation("sigmoid"), {1.0}), std::invalid_argument);
}

// The page computes the table for every activation at start-up: it must be cheap.
TEST(Properties, AllActivationsAreCheap) {
  const auto& all = actderiv::activations();
  std::vector<std::vector<double>> params;
  for (const auto& a : all) params.push_back(actderiv::resolve_params(a, {}));
  double best = kInf;
  for (int round = 0; round < 5; ++round) {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < all.size(); ++i) actderiv::properties(all[i], params[i]);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    best = std::fmin(best, ms);
  }
  const double per = best / all.size();
  std::cout << "properties: " << all.size() << " activations in " << best << " ms (" << per
            << " ms each)\n";
  RecordProperty("ms_per_activation", std::to_string(per));
  EXPECT_LT(per, 5.0);
}

}  // namespace
