// Typed activations computed as carefully as the built-ins (issue 15): the stable forms against the
// correctly rounded references of tests/reference/typed.csv (typed_generate.py, mpmath), at the
// tails where the forms as written lose their results; each rewrite checked in double-double; the
// accuracy report (reference, ULP errors, breakdown, condition number).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "actderiv/calculus/accuracy.h"
#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/stable.h"
#include "actderiv/expr/expr.h"
#include "actderiv/expr/functions.h"
#include "reference.h"

namespace {

using actderiv_test::parse_double;
using actderiv_test::show;
using actderiv_test::ulp_distance;

constexpr double kMinNormal = std::numeric_limits<double>::min();

struct TypedRow {
  std::string expression;
  double z, value, derivative;
};

std::vector<TypedRow> load_typed() {
  std::vector<TypedRow> rows;
  for (const auto& f : actderiv_test::read_table("typed.csv", "expression,z,value,derivative")) {
    if (f.size() != 4) throw std::runtime_error("malformed row of typed.csv: " + f[0]);
    rows.push_back({f[0], parse_double(f[1]), parse_double(f[2]), parse_double(f[3])});
  }
  return rows;
}

// The definition of a lost result: 0, inf, NaN or off by more than 1e-6 relative, where the
// truth is a normal double.
bool lost(double got, double truth) {
  return std::fabs(truth) >= kMinNormal && std::isfinite(truth) &&
         (!std::isfinite(got) || got == 0 || std::fabs(got - truth) > 1e-6 * std::fabs(truth));
}

// The worst error, in ULP, that each typed expression's stable form may make where the truth is a
// normal double: a few ULP times the condition number of the evaluation (accuracy.h), which is 1 or
// near it except where a function amplifies its rounded argument (erfc(-z/sqrt 2) at z = -37 reads
// z/sqrt 2 rounded, and amplifies that by 2x^2 = 1369).
constexpr double kUlpPerCondition = 4;

TEST(StableForms, NoTypedActivationLosesAResultAtItsTails) {
  const auto rows = load_typed();
  ASSERT_GE(rows.size(), 500u);
  std::map<std::string, std::vector<const TypedRow*>> by_expression;
  for (const auto& r : rows) by_expression[r.expression].push_back(&r);
  ASSERT_GE(by_expression.size(), 20u);
  for (const auto& [text, points] : by_expression) {
    std::vector<double> z, value(points.size()), derivative(points.size());
    for (const auto* p : points) z.push_back(p->z);
    actderiv::evaluate_expression(text, {}, z.data(), z.size(), value.data(), derivative.data());
    const auto parsed = actderiv::derive(text, {});
    for (std::size_t i = 0; i < points.size(); ++i) {
      double kv = 1, kd = 1;
      actderiv::evaluate_precise(parsed.stable_input, z[i], {}, &kv);
      actderiv::evaluate_precise(parsed.stable_derivative, z[i], {}, &kd);
      for (const auto& [kind, got, truth] : {std::tuple{"value", value[i], points[i]->value},
                                             std::tuple{"derivative", derivative[i], points[i]->derivative}}) {
        EXPECT_FALSE(lost(got, truth)) << text << ": " << kind << " at z = " << show(z[i]) << " is "
                                       << show(got) << ", true " << show(truth);
        const double bound = kUlpPerCondition * std::fmax(1.0, kind[0] == 'v' ? kv : kd);
        if (std::fabs(truth) >= kMinNormal && std::isfinite(truth))
          EXPECT_LE(ulp_distance(got, truth), bound) << text << ": " << kind << " at z = " << show(z[i]);
      }
    }
  }
}

// The forms the page shows: the stable derivative of each typed activation the issue names.
TEST(StableForms, RewriteTheTrapsTheLessonNames) {
  const struct {
    const char* input;
    const char* stable_input;
    const char* stable_derivative;
  } cases[] = {
      {"sigmoid(z)", "sigmoid(z)", "sigmoid(z)*sigmoid(-z)"},
      {"1/(1+exp(-z))", "sigmoid(z)", "sigmoid(-z)*sigmoid(z)"},
      {"exp(z)/(1+exp(z))", "sigmoid(z)", "sigmoid(z)*sigmoid(-z)"},
      {"tanh(z)", "tanh(z)", "sech(z)^2"},
      {"(exp(z)-exp(-z))/(exp(z)+exp(-z))", "tanh(z)", "sech(z)^2"},
      {"log(1+exp(z))", "softplus(z)", "sigmoid(z)"},
      {"exp(z)-1", "expm1(z)", "exp(z)"},
      {"log(1+z)", "log1p(z)", "1/(1 + z)"},
      {"sqrt(z^2)", "abs(z)", "z/abs(z)"},
      {"log(sigmoid(z))", "-softplus(-z)", "sigmoid(-z)"},
      {"log(cosh(z))", "logcosh(z)", "tanh(z)"},
  };
  for (const auto& c : cases) {
    const auto d = actderiv::derive(c.input, {});
    EXPECT_EQ(actderiv::to_text(d.stable_input), c.stable_input) << c.input;
    EXPECT_EQ(actderiv::to_text(d.stable_derivative), c.stable_derivative) << c.input;
    EXPECT_EQ(d.input_rewrites.empty(), std::string(c.input) == c.stable_input) << c.input;
  }
}

// Every rewrite rule, on a pattern that needs it: the rewritten expression agrees with the original
// in double-double to 1e-28 relative to the original's largest terms (its condition number times
// its value) for |z| <= 3, so the identity holds, and it is recorded with its rule's name.
TEST(StableForms, EveryRuleIsAnIdentity) {
  const struct {
    const char* rule;
    const char* expression;
  } cases[] = {
      {"one minus a sigmoid", "1 - sigmoid(z)"},
      {"one minus twice a sigmoid", "1 - 2*sigmoid(z)"},
      {"one minus tanh squared", "3 - 3*tanh(z/2)^2"},
      {"one plus tanh", "1 - tanh(z)"},
      {"one plus erf", "1 + erf(z)"},
      {"exponential minus one", "2*exp(z) - 2"},
      {"a pair of exponentials", "exp(z) + exp(-z)"},
      {"sigmoid from exponentials", "exp(2*z)/(1 + exp(z))^3"},
      {"tanh from exponentials", "(exp(z) - 1)/(exp(z) + 1)"},
      {"sech for one over cosh", "z/cosh(z)^3"},
      {"split the fraction", "(1 + z*exp(z))/(1 + exp(z))^2"},
      {"softplus for log of one plus an exponential", "log(exp(-z) + 1)"},
      {"log1p for log of one plus", "log(1 + z^2)"},
      {"log of a sigmoid", "log(sigmoid(2*z))"},
      {"log of cosh", "log(cosh(z))"},
      {"square root of a square", "sqrt((z + 1)^2)"},
      {"log of an exponential", "log(exp(z))"},
  };
  std::vector<std::string> covered;
  const actderiv::EvalContext context;
  for (const auto& c : cases) {
    const actderiv::Expr e = actderiv::parse(c.expression);
    const auto s = actderiv::stabilise(e, context);
    bool named = false;
    for (const auto& step : s.rewrites) named = named || step.rule == c.rule;
    EXPECT_TRUE(named) << c.expression << " does not use '" << c.rule << "'";
    covered.push_back(c.rule);
    for (double z = -3.02; z < 3; z += 0.25) {
      double condition = 1;
      const auto a = actderiv::evaluate_precise(e, z, context, &condition);
      const auto b = actderiv::evaluate_precise(s.form, z, context);
      const double difference = std::fabs((a - b).hi);
      EXPECT_LE(difference, 1e-28 * condition * std::fabs(a.hi) + 1e-300)
          << c.expression << " -> " << actderiv::to_text(s.form) << " at z = " << z;
    }
  }
  for (const char* rule : actderiv::stable_rules())
    EXPECT_NE(std::find(covered.begin(), covered.end(), rule), covered.end()) << "no case for " << rule;
}

// A form that is already careful, or has nothing to rewrite, is kept as written.
TEST(StableForms, LeaveCarefulFormsAlone) {
  for (const char* text : {"z^2", "softplus(z)", "z/(1 + abs(z))", "exp(-z^2)", "max(0.1*z, z)"}) {
    const auto s = actderiv::stabilise(actderiv::parse(text), {});
    EXPECT_TRUE(s.rewrites.empty()) << text << " -> " << actderiv::to_text(s.form);
  }
}

// The AD check compares careful with careful: the typed sigmoid is checked, not compared with the
// same rounding.
TEST(StableForms, TheAdCheckUsesTheStableForms) {
  const auto d = actderiv::derive("exp(z)/(1+exp(z))", {});
  EXPECT_LT(d.max_rel_error, 1e-12);
  EXPECT_GE(d.points, 100u);
}

std::vector<double> range(double from, double to, int n) {
  std::vector<double> z;
  for (int i = 0; i < n; ++i) z.push_back(from + (to - from) * i / (n - 1));
  return z;
}

// The accuracy report: the plain sigmoid' g(1 - g) first returns 0 where 1 - sigma(z) rounds to 0
// (sigma(z) rounds to 1 from z = 36.7368005696771 on), found exactly by bisection; the stable form
// is within a few ULP everywhere on the range.
TEST(TypedAccuracy, FindsWherePlainFormsBreakDown) {
  const auto d = actderiv::derive("sigmoid(z)", {});
  const auto z = range(-50, 50, 401);
  const auto a = actderiv::accuracy(d, {}, z.data(), z.size());
  ASSERT_EQ(a.derivative.breakdowns.size(), 1u);
  const auto& b = a.derivative.breakdowns[0];
  EXPECT_GT(b.z, 20);
  EXPECT_LT(b.z, 37);
  // Bisection ends on neighbours: the double before b.z is not lost.
  const double before = std::nextafter(b.z, 0.0);
  const auto truth = [](double x) { return std::exp(-x) / ((1 + std::exp(-x)) * (1 + std::exp(-x))); };
  EXPECT_FALSE(lost(actderiv::evaluate(d.derivative, before, {}), truth(before))) << show(before);
  EXPECT_TRUE(lost(b.got, truth(b.z))) << show(b.z);
  EXPECT_GT(a.derivative.plain_lost, 0u);
  EXPECT_EQ(a.derivative.careful_lost, 0u);
  EXPECT_LE(*std::max_element(a.derivative.careful_ulp.begin(), a.derivative.careful_ulp.end()), 4);
  EXPECT_TRUE(a.value.breakdowns.empty());
}

TEST(TypedAccuracy, ReportsBothSidesAndNaN) {
  const auto d = actderiv::derive("(exp(z)-exp(-z))/(exp(z)+exp(-z))", {});
  const auto z = range(-800, 800, 161);
  const auto a = actderiv::accuracy(d, {}, z.data(), z.size());
  ASSERT_EQ(a.value.breakdowns.size(), 2u);
  EXPECT_LT(a.value.breakdowns[0].z, -709);
  EXPECT_TRUE(std::isnan(a.value.breakdowns[0].got));
  EXPECT_EQ(a.value.breakdowns[0].truth, -1);
  EXPECT_GT(a.value.breakdowns[1].z, 709);
  for (double u : a.value.careful_ulp) EXPECT_LE(u, 2);
}

// A difference of nearly equal terms that no identity removes: the condition number says so, and
// the stable form is reported lost where it is.
TEST(TypedAccuracy, MeasuresTheConditionOfWhatNoIdentityRemoves) {
  const auto d = actderiv::derive("sqrt(z^2 + 1) - z", {});
  const auto z = range(1e6, 1e7, 11);
  const auto a = actderiv::accuracy(d, {}, z.data(), z.size());
  EXPECT_GT(a.value.worst_condition, 1e12);
  EXPECT_GT(a.value.careful_lost, 0u);
  const auto well = actderiv::derive("z^2", {});
  const auto b = actderiv::accuracy(well, {}, z.data(), z.size());
  EXPECT_EQ(b.value.worst_condition, 1);
}

TEST(TypedAccuracy, UlpError) {
  EXPECT_EQ(actderiv::ulp_error(1.0, actderiv::dd(1.0)), 0);
  EXPECT_EQ(actderiv::ulp_error(std::nextafter(1.0, 2.0), actderiv::dd(1.0)), 1);
  EXPECT_TRUE(std::isinf(actderiv::ulp_error(std::nan(""), actderiv::dd(1.0))));
  EXPECT_TRUE(std::isinf(actderiv::ulp_error(1.0, actderiv::dd(INFINITY))));
  EXPECT_EQ(actderiv::ulp_error(std::nan(""), actderiv::dd(std::nan(""))), 0);
}

}  // namespace

namespace {

// Exact rational numbers on __int128, for the proof below; `ok` turns false on overflow.
struct Fraction {
  __int128 p = 0, q = 1;
  bool ok = true;
};

__int128 gcd(__int128 a, __int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    const __int128 t = a % b;
    a = b;
    b = t;
  }
  return a == 0 ? 1 : a;
}

constexpr __int128 kLimit = static_cast<__int128>(1) << 100;

Fraction make_fraction(__int128 p, __int128 q, bool ok = true) {
  if (!ok || q == 0) return {0, 1, false};
  if (q < 0) p = -p, q = -q;
  const __int128 g = gcd(p, q);
  p /= g;
  q /= g;
  return {p, q, ok && p < kLimit && -p < kLimit && q < kLimit};
}
bool small(const Fraction& a) { return a.p < (static_cast<__int128>(1) << 62) && -a.p < (static_cast<__int128>(1) << 62) && a.q < (static_cast<__int128>(1) << 62); }
Fraction operator+(Fraction a, Fraction b) { return make_fraction(a.p * b.q + b.p * a.q, a.q * b.q, a.ok && b.ok && small(a) && small(b)); }
Fraction operator-(Fraction a) { return {-a.p, a.q, a.ok}; }
Fraction operator*(Fraction a, Fraction b) { return make_fraction(a.p * b.p, a.q * b.q, a.ok && b.ok && small(a) && small(b)); }
Fraction operator/(Fraction a, Fraction b) { return make_fraction(a.p * b.q, a.q * b.p, a.ok && b.ok && small(a) && small(b) && b.p != 0); }
Fraction power(Fraction a, long n) {
  Fraction r{1, 1};
  for (long i = 0; i < (n < 0 ? -n : n); ++i) r = r * a;
  return n < 0 ? Fraction{1, 1} / r : r;
}

// The exponent of e^(k z) as 2k (an integer) when `e` is k*z with k a multiple of 1/2, else false.
bool half_multiple(const actderiv::Expr& e, long& twice) {
  using actderiv::Op;
  if (e->op == Op::Variable) return twice = 2, true;
  if (e->op == Op::Neg && half_multiple(e->args[0], twice)) return twice = -twice, true;
  if (e->op == Op::Mul && !actderiv::depends_on_z(e->args[0]) && half_multiple(e->args[1], twice)) {
    const double t = actderiv::evaluate(e->args[0], 0, {}) * twice;
    return t == std::nearbyint(t) && (twice = static_cast<long>(t), true);
  }
  if (e->op == Op::Div && e->args[1]->op == Op::Number && half_multiple(e->args[0], twice)) {
    const double t = twice / e->args[1]->number;
    return t == std::nearbyint(t) && (twice = static_cast<long>(t), true);
  }
  return false;
}

// An expression in z made of + - * /, integer powers, integers, and e^(kz), sigma, tanh, sinh,
// cosh, sech and expm1 of kz (k a multiple of 1/2), as a rational function of s = e^(z/2),
// evaluated exactly at s; `degree` receives a bound on deg(numerator) + deg(denominator) in s.
Fraction in_s(const actderiv::Expr& e, Fraction s, long& degree) {
  using actderiv::Op;
  const auto& a = e->args;
  long da = 0, db = 0;
  switch (e->op) {
    case Op::Number: {
      if (e->number != std::nearbyint(e->number)) return {0, 1, false};
      degree = 0;
      return {static_cast<__int128>(e->number), 1};
    }
    case Op::Neg: return -in_s(a[0], s, degree);
    case Op::Add: case Op::Sub: {
      const Fraction x = in_s(a[0], s, da), y = in_s(a[1], s, db);
      degree = 2 * (da + db);
      return e->op == Op::Add ? x + y : x + (-y);
    }
    case Op::Mul: case Op::Div: {
      const Fraction x = in_s(a[0], s, da), y = in_s(a[1], s, db);
      degree = da + db;
      return e->op == Op::Mul ? x * y : x / y;
    }
    case Op::Pow: {
      if (a[1]->op != Op::Number || a[1]->number != std::nearbyint(a[1]->number)) return {0, 1, false};
      const long n = static_cast<long>(a[1]->number);
      const Fraction x = in_s(a[0], s, da);
      degree = da * (n < 0 ? -n : n);
      return power(x, n);
    }
    case Op::Call: {
      long k = 0;
      if (!half_multiple(a[0], k)) return {0, 1, false};
      const Fraction t = power(s, k);        // e^(u), u = k z / 2 ... in s
      const Fraction t2 = power(s, 2 * k);   // e^(2u)
      const Fraction one{1, 1}, two{2, 1};
      const long d = k < 0 ? -k : k;
      const std::string name = e->function->name;
      degree = 4 * d;
      if (name == "exp") return t;
      if (name == "expm1") return t + (-one);
      if (name == "sigmoid") return t / (one + t);
      if (name == "tanh") return (t2 + (-one)) / (t2 + one);
      if (name == "sinh") return (t2 + (-one)) / (two * t);
      if (name == "cosh") return (t2 + one) / (two * t);
      if (name == "sech") return (two * t) / (t2 + one);
      return {0, 1, false};
    }
    default: return {0, 1, false};
  }
}

}  // namespace

// The identities of exponentials behind the stable forms, proved: with s = e^(z/2) each side is a
// rational function of s whose numerator and denominator have degrees adding up to at most D, so
// their difference's numerator has degree at most D_left + D_right; if the two sides agree exactly at
// more points than that, the difference is 0 and the identity holds for every z. Each side is also
// what stabilise() makes of the left side. (The other rules hold by the definitions of the functions
// they introduce, softplus(u) = log(1 + e^u), log1p, expm1, erfc, logcosh, or by log's and the
// square root's own laws; EveryRuleIsAnIdentity checks them numerically.)
TEST(StableForms, TheExponentialIdentitiesAreProvedExactly) {
  std::vector<std::pair<std::string, std::string>> identities = {
      {"1 - sigmoid(z)", "sigmoid(-z)"},
      {"1 - 2*sigmoid(z)", "-tanh(z/2)"},
      {"1 - tanh(z)^2", "sech(z)^2"},
      {"1 + tanh(z)", "2*sigmoid(2*z)"},
      {"1 - tanh(z)", "2*sigmoid(-2*z)"},
      {"exp(z) + exp(-z)", "2*cosh(z)"},
      {"exp(z) - exp(-z)", "2*sinh(z)"},
      {"expm1(z)/(1 + exp(z))", "tanh(z/2)"},
      {"sinh(z)/cosh(z)", "tanh(z)"},
      {"1/cosh(z)", "sech(z)"},
  };
  for (int n = 1; n <= 3; ++n)
    for (int k = 0; k <= n; ++k)
      identities.push_back({"exp(" + std::to_string(k) + "*z)/(1 + exp(z))^" + std::to_string(n),
                            "sigmoid(z)^" + std::to_string(k) + "*sigmoid(-z)^" + std::to_string(n - k)});
  for (const auto& [left, right] : identities) {
    const actderiv::Expr l = actderiv::parse(left), r = actderiv::parse(right);
    long dl = 0, dr = 0;
    in_s(l, {1, 1}, dl);
    in_s(r, {1, 1}, dr);
    const long needed = dl + dr + 1;
    int agreed = 0;
    for (long i = 1; agreed < needed; ++i) {
      // s = 1, 2, 1/2, 3, 1/3, ...: distinct points of small height, so nothing overflows.
      const Fraction s = i % 2 ? Fraction{(i + 1) / 2, 1} : Fraction{1, i / 2 + 1};
      long unused = 0;
      const Fraction x = in_s(l, s, unused), y = in_s(r, s, unused);
      ASSERT_TRUE(x.ok && y.ok) << left << " or " << right << " cannot be evaluated exactly at point " << i;
      ASSERT_TRUE(x.p == y.p && x.q == y.q) << left << " = " << right << " fails at point " << i;
      ++agreed;
    }
    EXPECT_GE(agreed, needed) << left;
    // stabilise() rewrites the left side into a form equal to the right side.
    const auto stable = actderiv::stabilise(l, {});
    EXPECT_FALSE(stable.rewrites.empty()) << left;
    for (double z : {-3.3, -0.7, 0.4, 2.9})
      EXPECT_NEAR(actderiv::evaluate(stable.form, z, {}), actderiv::evaluate(r, z, {}), 1e-14) << left;
  }
}

// A range on one side of 0 counts out from its end nearest 0, once; a form lost there already is
// reported once.
TEST(TypedAccuracy, OneSidedRanges) {
  const auto d = actderiv::derive("sigmoid(z)", {});
  const auto right = range(10, 50, 81);
  const auto a = actderiv::accuracy(d, {}, right.data(), right.size());
  ASSERT_EQ(a.derivative.breakdowns.size(), 1u);
  EXPECT_GT(a.derivative.breakdowns[0].z, 20);
  const auto far = range(40, 50, 11);
  const auto b = actderiv::accuracy(d, {}, far.data(), far.size());
  ASSERT_EQ(b.derivative.breakdowns.size(), 1u);
  EXPECT_EQ(b.derivative.breakdowns[0].z, 40);
}
