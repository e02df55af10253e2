#include "actderiv/numerics/lesson.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "actderiv/numerics/numerics.h"
#include "numerics/bisect.h"
#include "text/format.h"

namespace actderiv {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The textbook formulas, evaluated as written (the core is compiled without contraction).

double g_one_minus_g(double z) {
  const double g = 1.0 / (1.0 + std::exp(-z));
  return g * (1.0 - g);
}

double exp_quotient(double z) {
  const double e = std::exp(-z);
  return e / ((1.0 + e) * (1.0 + e));
}

double one_minus_tanh_squared(double z) {
  const double t = std::tanh(z);
  return 1.0 - t * t;
}

double inverse_cosh_squared(double z) {
  const double c = std::cosh(z);
  return 1.0 / (c * c);
}

double naive_softplus(double z) { return std::log(1.0 + std::exp(z)); }

double log1p_exp(double z) { return std::log1p(std::exp(z)); }

// The references: each written so that nothing cancels, then evaluated in double-double.

ScaledDouble sigmoid_derivative_reference(double z) {
  // e / (1 + e)^2 with e = e^-|z| <= 1; e stays scaled so e^-750 keeps its bits.
  const ScaledDouble e = exp_scaled(dd(-std::fabs(z)));
  const DoubleDouble d = dd(1) + ldexp_dd(e.mantissa, e.exponent);
  return {e.mantissa / (d * d), e.exponent};
}

ScaledDouble tanh_derivative_reference(double z) {
  // sech^2 z = 4t / (1 + t)^2 with t = e^-2|z| (2|z| is exact).
  const ScaledDouble t = exp_scaled(dd(-2.0 * std::fabs(z)));
  const DoubleDouble d = dd(1) + ldexp_dd(t.mantissa, t.exponent);
  return {dd(4) * t.mantissa / (d * d), t.exponent};
}

ScaledDouble softplus_reference(double z) {
  if (z > 0) return {dd(z) + log1p_dd(exp_dd(dd(-z))), 0};
  // log(1 + x) = x * (log1p(x) / x) with x = e^z scaled: the ratio is near 1 and insensitive to x's
  // own underflow, so the product keeps full precision below the double range.
  const ScaledDouble x = exp_scaled(dd(z));
  const DoubleDouble plain = ldexp_dd(x.mantissa, x.exponent);
  const DoubleDouble ratio = plain.hi == 0 ? dd(1) : log1p_dd(plain) / plain;
  return {x.mantissa * ratio, x.exponent};
}

using Formula = double (*)(double);
using Reference = ScaledDouble (*)(double);

struct Definition {
  LessonCase meta;
  Reference reference;
  std::vector<Formula> formulas;  // parallel to meta.formulas
};

const std::vector<Definition>& definitions() {
  static const std::vector<Definition> table{
      {{"sigmoid_derivative",
        "Sigmoid derivative",
        "\\sigma'(z)",
        {{"g_one_minus_g", "g(1 − g)", "g(1-g),\\; g = \\frac{1}{1+e^{-z}}", false},
         {"exp_quotient", "e^−z / (1 + e^−z)²", "\\frac{e^{-z}}{(1+e^{-z})^2}", false},
         {"careful", "σ(z)·σ(−z) from e^−|z|",
          "\\frac{1}{1+e^{-|z|}} \\cdot \\frac{e^{-|z|}}{1+e^{-|z|}}", true}}},
       sigmoid_derivative_reference,
       {g_one_minus_g, exp_quotient, sigmoid_derivative}},
      {{"tanh_derivative",
        "Tanh derivative",
        "\\tanh'(z)",
        {{"one_minus_tanh_squared", "1 − tanh²z", "1-\\tanh^2 z", false},
         {"inverse_cosh_squared", "1 / cosh²z", "\\frac{1}{\\cosh^2 z}", false},
         {"careful", "4t / (1 + t)², t = e^−2|z|", "\\frac{4t}{(1+t)^2},\\; t = e^{-2|z|}", true}}},
       tanh_derivative_reference,
       {one_minus_tanh_squared, inverse_cosh_squared, tanh_derivative}},
      {{"softplus",
        "Softplus",
        "\\log(1+e^z)",
        {{"naive_log", "log(1 + e^z)", "\\log(1+e^z)", false},
         {"log1p_exp", "log1p(e^z)", "\\operatorname{log1p}(e^z)", false},
         {"careful", "max(z, 0) + log1p(e^−|z|)", "\\max(z,0)+\\operatorname{log1p}(e^{-|z|})",
          true}}},
       softplus_reference,
       {naive_softplus, log1p_exp, softplus}},
  };
  return table;
}

const Definition& definition(const std::string& case_id) {
  for (const auto& d : definitions())
    if (d.meta.id == case_id) return d;
  std::vector<std::string> known;
  for (const auto& d : definitions()) known.push_back(d.meta.id);
  throw std::invalid_argument(format::unknown_id("lesson case", case_id, known));
}

Formula formula(const Definition& d, const std::string& formula_id) {
  for (std::size_t i = 0; i < d.formulas.size(); ++i)
    if (d.meta.formulas[i].id == formula_id) return d.formulas[i];
  throw std::logic_error("lesson case '" + d.meta.id + "' has no formula '" + formula_id + "'");
}

void check_z(double z) {
  if (!std::isfinite(z) || std::fabs(z) > kMaxLessonZ) {
    throw std::invalid_argument("lesson points must be finite with |z| <= 1e6, got " +
                                format::number_text(z));
  }
}

// |value - ref| / |ref| for finite value, in double-double on a common exponent: a rounding error of
// 1e-17 is measured, not lost in the subtraction.
double relative_error(double value, const ScaledDouble& ref) {
  if (ref.mantissa.hi == 0) return value == 0 ? 0 : kInf;
  int e = 0;
  const double m = std::frexp(value, &e);
  const long long shift = static_cast<long long>(e) - ref.exponent;
  if (shift > 60) {
    // value dwarfs ref: the error is their ratio, which may pass the largest double.
    const double ratio = std::fabs(m / ref.mantissa.hi);
    return shift > 2100 ? std::numeric_limits<double>::max()
                        : std::fmin(std::ldexp(ratio, static_cast<int>(shift)),
                                    std::numeric_limits<double>::max());
  }
  if (shift < -1100) return 1;  // value is nothing next to ref
  const DoubleDouble diff = ldexp_dd(dd(m), static_cast<int>(shift)) - ref.mantissa;
  return std::fabs((diff / ref.mantissa).hi);
}

// The first double from `from` towards `to` where `happens` holds, for a predicate false at `from`,
// true at `to` and switching once: exact (bisect.h).
template <class Predicate>
double first_double(double from, double to, Predicate happens) {
  if (happens(from) || !happens(to)) throw std::logic_error("lesson fact: bracket does not switch");
  return bisect(from, to, [&](double z) { return !happens(z); }).first_out;
}

LessonFact fact(const char* id, const char* case_id, const char* formula_id, const char* event,
                double z) {
  const Definition& d = definition(case_id);
  const ScaledDouble ref = d.reference(z);
  return {id, case_id, formula_id, event, z, formula(d, formula_id)(z), to_double(ref),
          log10_abs(ref)};
}

std::vector<LessonFact> compute_facts() {
  const auto is_zero = [](Formula f) { return [f](double z) { return f(z) == 0; }; };
  const auto is_nan = [](Formula f) { return [f](double z) { return std::isnan(f(z)); }; };
  const auto is_inf = [](Formula f) { return [f](double z) { return std::isinf(f(z)); }; };
  // The quotient returns 0 once its denominator overflows, and NaN once e^-z itself does.
  const double quotient_nan = first_double(0, -kMaxLessonZ, is_nan(exp_quotient));
  const double quotient_zero =
      first_double(0, std::nextafter(quotient_nan, 0.0), is_zero(exp_quotient));
  return {
      fact("sigmoid_g_one_minus_g_zero", "sigmoid_derivative", "g_one_minus_g",
           "returns exactly 0: g rounds to 1", first_double(0, kMaxLessonZ, is_zero(g_one_minus_g))),
      fact("sigmoid_exp_quotient_zero", "sigmoid_derivative", "exp_quotient",
           "returns exactly 0: (1 + e^−z)² overflows", quotient_zero),
      fact("sigmoid_exp_quotient_nan", "sigmoid_derivative", "exp_quotient",
           "returns NaN: e^−z overflows, ∞/∞", quotient_nan),
      fact("tanh_one_minus_tanh_squared_zero", "tanh_derivative", "one_minus_tanh_squared",
           "returns exactly 0: tanh z rounds to 1",
           first_double(0, kMaxLessonZ, is_zero(one_minus_tanh_squared))),
      fact("tanh_inverse_cosh_squared_zero", "tanh_derivative", "inverse_cosh_squared",
           "returns exactly 0: cosh²z overflows",
           first_double(0, kMaxLessonZ, is_zero(inverse_cosh_squared))),
      fact("softplus_naive_log_overflow", "softplus", "naive_log", "overflows to ∞: e^z overflows",
           first_double(0, kMaxLessonZ, is_inf(naive_softplus))),
      fact("softplus_naive_log_zero", "softplus", "naive_log",
           "returns exactly 0: 1 + e^z rounds to 1",
           first_double(0, -kMaxLessonZ, is_zero(naive_softplus))),
  };
}

}  // namespace

const std::vector<LessonCase>& lesson_cases() {
  static const std::vector<LessonCase> cases = [] {
    std::vector<LessonCase> out;
    for (const auto& d : definitions()) out.push_back(d.meta);
    return out;
  }();
  return cases;
}

ScaledDouble lesson_reference(const std::string& case_id, double z) {
  const Definition& d = definition(case_id);
  check_z(z);
  return d.reference(z);
}

LessonErrors lesson_errors(const std::string& case_id, const double* z, std::size_t n) {
  const Definition& d = definition(case_id);
  for (std::size_t i = 0; i < n; ++i) check_z(z[i]);
  LessonErrors out;
  out.case_id = case_id;
  out.z.assign(z, z + n);
  std::vector<ScaledDouble> refs;
  refs.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    refs.push_back(d.reference(z[i]));
    const double rounded = to_double(refs.back());
    out.reference.push_back(rounded);
    out.reference_log10.push_back(log10_abs(refs.back()));
    out.range.push_back(rounded == 0 && refs.back().mantissa.hi != 0 ? ReferenceRange::Underflow
                        : std::fabs(rounded) < std::numeric_limits<double>::min() && rounded != 0
                            ? ReferenceRange::Subnormal
                            : ReferenceRange::Normal);
  }
  for (std::size_t f = 0; f < d.formulas.size(); ++f) {
    FormulaErrors errors;
    errors.formula_id = d.meta.formulas[f].id;
    for (std::size_t i = 0; i < n; ++i) {
      const double value = d.formulas[f](z[i]);
      ErrorStatus status = ErrorStatus::Ok;
      double error;
      if (std::isnan(value)) {
        status = ErrorStatus::NotANumber;
        error = kInf;
      } else if (std::isinf(value)) {
        status = ErrorStatus::Overflow;
        error = kInf;
      } else if (value == 0 && refs[i].mantissa.hi != 0) {
        status = out.reference[i] == 0 ? ErrorStatus::Underflow : ErrorStatus::Zero;
        error = 1;
      } else {
        error = relative_error(value, refs[i]);
      }
      errors.value.push_back(value);
      errors.error.push_back(error);
      errors.status.push_back(status);
    }
    out.formulas.push_back(std::move(errors));
  }
  return out;
}

const std::vector<LessonFact>& lesson_facts() {
  static const std::vector<LessonFact> facts = compute_facts();
  return facts;
}

}  // namespace actderiv
