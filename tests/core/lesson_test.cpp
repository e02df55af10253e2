// The floating-point lesson: the double-double reference against mpmath (tests/reference/lesson.csv,
// from lesson_generate.py), the careful formulas against the reference, the textbook formulas'
// failures at their thresholds, and the per-point statuses the page relies on.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/numerics/double_double.h"
#include "actderiv/numerics/lesson.h"
#include "actderiv/numerics/numerics.h"
#include "reference.h"

namespace {

using actderiv::DoubleDouble;
using actderiv::ErrorStatus;
using actderiv::LessonErrors;
using actderiv::ReferenceRange;
using actderiv::ScaledDouble;
using actderiv_test::parse_double;
using actderiv_test::show;
using actderiv_test::ulp_distance;

constexpr double kInf = std::numeric_limits<double>::infinity();

// One row of lesson.csv: the true value is (hi + lo) * 2^exponent; `rounded` is it rounded once.
struct Row {
  std::string case_id;
  double z;
  double hi;
  double lo;
  int exponent;
  double rounded;
};

std::vector<Row> load_rows() {
  const std::string path = std::string(ACTDERIV_REFERENCE_DIR) + "/lesson.csv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  if (!std::getline(in, line) || line != "case,z,hi,lo,exponent,rounded")
    throw std::runtime_error(path + ": unexpected header '" + line + "'");
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    if (cells.size() != 6) throw std::runtime_error(path + ": expected 6 columns in '" + line + "'");
    rows.push_back({cells[0], parse_double(cells[1]), parse_double(cells[2]), parse_double(cells[3]),
                    std::stoi(cells[4]), parse_double(cells[5])});
  }
  return rows;
}

const std::vector<Row>& rows() {
  static const std::vector<Row> table = load_rows();
  return table;
}

// |a - b| / |b| for two scaled double-doubles, in double-double.
double relative_difference(const ScaledDouble& a, const ScaledDouble& b) {
  const DoubleDouble aligned = actderiv::ldexp_dd(a.mantissa, a.exponent - b.exponent);
  return std::fabs(((aligned - b.mantissa) / b.mantissa).hi);
}

// One formula of one case at one point.
struct Point {
  double value;
  double error;
  ErrorStatus status;
  double reference;
  ReferenceRange range;
};

Point at(const std::string& case_id, const std::string& formula_id, double z) {
  const LessonErrors e = actderiv::lesson_errors(case_id, &z, 1);
  for (const auto& f : e.formulas)
    if (f.formula_id == formula_id) return {f.value[0], f.error[0], f.status[0], e.reference[0], e.range[0]};
  ADD_FAILURE() << "no formula " << formula_id << " in " << case_id;
  return {};
}

const actderiv::LessonFact& fact(const std::string& id) {
  for (const auto& f : actderiv::lesson_facts())
    if (f.id == id) return f;
  throw std::runtime_error("no lesson fact " + id);
}

TEST(DoubleDouble, ExpAndLog1pMatchKnownConstants) {
  // e and ln 2 to 32 digits, as double-doubles from mpmath.
  const DoubleDouble e = actderiv::exp_dd(actderiv::dd(1));
  EXPECT_EQ(e.hi, 2.718281828459045);
  EXPECT_NEAR(e.lo, 1.4456468917292502e-16, 1e-31);
  const DoubleDouble ln2 = actderiv::log1p_dd(actderiv::dd(1));
  EXPECT_EQ(ln2.hi, 0.6931471805599453);
  EXPECT_NEAR(ln2.lo, 2.3190468138462996e-17, 1e-32);
  // log1p on both branches (series below 2^-13, Newton above), against mpmath's hi and lo.
  const double log1p_table[][3] = {
      {1e-30, 1e-30, -5.0000000000000005e-61},
      {1e-10, 9.999999999500001e-11, -3.389513322121794e-27},
      {1e-05, 9.999950000333332e-06, -2.3868637284493416e-22},
      {0x1p-13, 0.00012206286252567737, 9.029504143562632e-22},
      {0.001, 0.0009995003330835331, 3.8971025988294614e-20},
      {0.3, 0.26236426446749106, -1.6067257209028454e-17},
      {0.69, 0.5247285289349821, -4.658712183921279e-17},
  };
  for (const auto& row : log1p_table) {
    const DoubleDouble got = actderiv::log1p_dd(actderiv::dd(row[0]));
    const DoubleDouble want{row[1], row[2]};
    EXPECT_LT(std::fabs(((got - want) / want).hi), 1e-30) << row[0];
  }
  EXPECT_TRUE(std::isnan(actderiv::log1p_dd(actderiv::dd(-0.5)).hi));
}

TEST(DoubleDouble, RoundsOnceOnTheSubnormalGrid) {
  const double tiny = std::numeric_limits<double>::denorm_min();
  const auto rounded = [](double hi, double lo, int exponent) {
    return actderiv::to_double({{hi, lo}, exponent});
  };
  EXPECT_EQ(rounded(0.75, 0, -1073), 2 * tiny);          // 1.5 units: a tie, to even
  EXPECT_EQ(rounded(0.625, 0, -1072), 2 * tiny);         // 2.5 units: a tie, to even
  EXPECT_EQ(rounded(0.625, 1e-30, -1072), 3 * tiny);     // just above the tie
  EXPECT_EQ(rounded(0.75, -1e-30, -1073), tiny);         // just below the tie
  EXPECT_EQ(rounded(0.5, 0, -1074), 0.0);                // half the smallest subnormal: to even, 0
  EXPECT_EQ(rounded(0.5, 1e-30, -1074), tiny);
  EXPECT_EQ(rounded(0.999, 0, -1100), 0.0);
  EXPECT_EQ(rounded(0.5, 0, -1021), std::numeric_limits<double>::min());
  EXPECT_EQ(rounded(0.75, 0, 1025), kInf);
  EXPECT_EQ(rounded(-0.75, 0, -1073), -2 * tiny);
}

TEST(Lesson, ReferenceMatchesMpmath) {
  ASSERT_GE(rows().size(), 100u);
  for (const Row& row : rows()) {
    const ScaledDouble got = actderiv::lesson_reference(row.case_id, row.z);
    const ScaledDouble want{{row.hi, row.lo}, row.exponent};
    EXPECT_LT(relative_difference(got, want), 1e-30) << row.case_id << " at z = " << show(row.z);
    EXPECT_EQ(ulp_distance(actderiv::to_double(got), row.rounded), 0u)
        << row.case_id << " at z = " << show(row.z);
    const double log10_want = std::log10(row.hi) + row.exponent * std::log10(2.0);
    EXPECT_NEAR(actderiv::log10_abs(got), log10_want, 1e-9 * std::fmax(1, std::fabs(log10_want)));
  }
}

TEST(Lesson, CarefulFormulasWithin4UlpsOfTheReference) {
  std::vector<double> z;
  for (int i = 0; i <= 3000; ++i) z.push_back(-760.0 + 1520.0 * (i + 0.123) / 3000);
  for (const Row& row : rows()) z.push_back(row.z);
  for (const auto& c : actderiv::lesson_cases()) {
    const LessonErrors e = actderiv::lesson_errors(c.id, z.data(), z.size());
    const auto& careful = e.formulas.back();
    ASSERT_EQ(careful.formula_id, "careful");
    for (std::size_t i = 0; i < z.size(); ++i) {
      EXPECT_LE(ulp_distance(careful.value[i], e.reference[i]), 4u)
          << c.id << " at z = " << show(z[i]) << ": " << show(careful.value[i]) << " vs "
          << show(e.reference[i]);
      if (e.range[i] == ReferenceRange::Normal) EXPECT_LT(careful.error[i], 5e-16) << c.id << " " << z[i];
    }
  }
}

TEST(Lesson, CasesListTextbookFormulasThenTheCarefulOne) {
  const auto& cases = actderiv::lesson_cases();
  ASSERT_EQ(cases.size(), 3u);
  for (const auto& c : cases) {
    ASSERT_GE(c.formulas.size(), 2u) << c.id;
    for (std::size_t i = 0; i + 1 < c.formulas.size(); ++i) EXPECT_FALSE(c.formulas[i].careful);
    EXPECT_TRUE(c.formulas.back().careful);
    for (const auto& f : c.formulas) EXPECT_FALSE(f.latex.empty() || f.label.empty()) << f.id;
  }
}

// Each threshold: the predicate holds at z and not at the neighbouring double nearer 0, and z sits
// where the rounding argument puts it.
TEST(Lesson, FactsFindTheTextbookThresholds) {
  struct Expected {
    const char* id;
    double lo, hi;  // z within
    bool (*holds)(double value);
  };
  const auto zero = [](double v) { return v == 0; };
  const auto nan = [](double v) { return std::isnan(v); };
  const auto inf = [](double v) { return std::isinf(v); };
  // 1/(1+e^-z) rounds to 1 once e^-z <= 2^-53: z = 53 ln 2 = 36.7368; tanh z rounds to 1 once
  // 2e^-2z < 2^-54: z = 55 ln 2 / 2 = 19.0615; (1+e^-z)^2 overflows at -z = ln(DBL_MAX)/2 = 354.8914;
  // e^-z at -z = ln(DBL_MAX) = 709.7827; cosh^2 z at z = acosh(sqrt(DBL_MAX)) = 355.5845.
  const Expected expected[] = {
      {"sigmoid_g_one_minus_g_zero", 36.73, 36.74, zero},
      {"sigmoid_exp_quotient_zero", -354.892, -354.891, zero},
      {"sigmoid_exp_quotient_nan", -709.783, -709.782, nan},
      {"tanh_one_minus_tanh_squared_zero", 19.06, 19.07, zero},
      {"tanh_inverse_cosh_squared_zero", 355.584, 355.585, zero},
      {"softplus_naive_log_overflow", 709.782, 709.783, inf},
      {"softplus_naive_log_zero", -36.74, -36.73, zero},
  };
  ASSERT_EQ(actderiv::lesson_facts().size(), sizeof expected / sizeof expected[0]);
  for (const Expected& x : expected) {
    const actderiv::LessonFact& f = fact(x.id);
    EXPECT_GE(f.z, x.lo) << x.id;
    EXPECT_LE(f.z, x.hi) << x.id;
    EXPECT_TRUE(x.holds(f.value)) << x.id;
    EXPECT_TRUE(x.holds(at(f.case_id, f.formula_id, f.z).value)) << x.id;
    const double nearer_zero = std::nextafter(f.z, 0.0);
    EXPECT_FALSE(x.holds(at(f.case_id, f.formula_id, nearer_zero).value)) << x.id;
    EXPECT_GT(f.reference, 0) << x.id;  // the true value is a positive double at every threshold
    EXPECT_FALSE(f.event.empty());
  }
  EXPECT_NEAR(fact("sigmoid_g_one_minus_g_zero").reference_log10, std::log10(1.0 / (1ull << 53)), 0.01);
}

TEST(Lesson, StatusesSayWhatWentWrong) {
  // g(1-g) at z = 40: 0, where the true value is 4.2483542552915890e-18.
  Point p = at("sigmoid_derivative", "g_one_minus_g", 40);
  EXPECT_EQ(p.value, 0.0);
  EXPECT_EQ(p.status, ErrorStatus::Zero);
  EXPECT_EQ(p.error, 1.0);
  EXPECT_EQ(p.reference, 4.2483542552915890e-18);
  EXPECT_EQ(p.range, ReferenceRange::Normal);

  p = at("sigmoid_derivative", "exp_quotient", -720);
  EXPECT_EQ(p.status, ErrorStatus::NotANumber);
  EXPECT_EQ(p.error, kInf);

  p = at("softplus", "naive_log", 710);
  EXPECT_EQ(p.status, ErrorStatus::Overflow);
  EXPECT_EQ(p.error, kInf);

  // The careful sigmoid' at 750 returns 0 and so does rounding the truth (2.4e-326): underflow.
  p = at("sigmoid_derivative", "careful", 750);
  EXPECT_EQ(p.value, 0.0);
  EXPECT_EQ(p.status, ErrorStatus::Underflow);
  EXPECT_EQ(p.range, ReferenceRange::Underflow);

  p = at("sigmoid_derivative", "careful", 740);
  EXPECT_EQ(p.status, ErrorStatus::Ok);
  EXPECT_EQ(p.range, ReferenceRange::Subnormal);

  // The textbook 1 - tanh^2 at 10 loses about 9 digits to cancellation, but is not 0.
  p = at("tanh_derivative", "one_minus_tanh_squared", 10);
  EXPECT_EQ(p.status, ErrorStatus::Ok);
  EXPECT_GT(p.error, 1e-9);
  EXPECT_LT(p.error, 1e-5);

  // An exact result has error 0: sigma'(0) = 1/4.
  p = at("sigmoid_derivative", "careful", 0);
  EXPECT_EQ(p.error, 0.0);
}

TEST(Lesson, ErrorsAreNeverNaN) {
  std::vector<double> z;
  for (int i = -2000; i <= 2000; ++i) z.push_back(i * 0.5);
  z.push_back(1e6);
  z.push_back(-1e6);
  for (const auto& c : actderiv::lesson_cases()) {
    const LessonErrors e = actderiv::lesson_errors(c.id, z.data(), z.size());
    for (std::size_t i = 0; i < z.size(); ++i) {
      EXPECT_FALSE(std::isnan(e.reference[i]));
      EXPECT_TRUE(std::isfinite(e.reference_log10[i])) << c.id << " " << z[i];
      for (const auto& f : e.formulas) {
        EXPECT_FALSE(std::isnan(f.error[i])) << c.id << " " << f.formula_id << " " << z[i];
        EXPECT_EQ(std::isnan(f.value[i]), f.status[i] == ErrorStatus::NotANumber);
      }
    }
  }
}

TEST(Lesson, RejectsUnknownCasesAndPointsOutsideTheDomain) {
  const double nan = std::nan("");
  const double big = 2e6;
  EXPECT_THROW(actderiv::lesson_errors("gelu", nullptr, 0), std::invalid_argument);
  EXPECT_THROW(actderiv::lesson_errors("softplus", &nan, 1), std::invalid_argument);
  EXPECT_THROW(actderiv::lesson_errors("softplus", &big, 1), std::invalid_argument);
  EXPECT_THROW(actderiv::lesson_reference("softplus", kInf), std::invalid_argument);
  EXPECT_NO_THROW(actderiv::lesson_errors("softplus", nullptr, 0));
}

}  // namespace
