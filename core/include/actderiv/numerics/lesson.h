// The floating-point lesson: textbook formulas against the core's careful ones, each measured in
// double precision against a double-double reference (double_double.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actderiv/numerics/double_double.h"

namespace actderiv {

// One way of computing a lesson's function in double precision.
struct LessonFormula {
  std::string id;     // e.g. "g_one_minus_g"
  std::string label;  // short legend text, e.g. "g(1 − g)"
  std::string latex;  // the formula as evaluated, e.g. "g(1-g),\; g = \frac{1}{1+e^{-z}}"
  bool careful;       // true for the core's own formula (numerics.h)
};

// A function whose textbook formulas fail in double precision, with the formulas compared.
struct LessonCase {
  std::string id;    // e.g. "sigmoid_derivative"
  std::string name;  // e.g. "Sigmoid derivative"
  std::string latex;  // the function, e.g. "\sigma'(z)"
  std::vector<LessonFormula> formulas;  // the textbook ones first, the careful one last
};

// The lesson's functions: sigmoid_derivative, tanh_derivative, softplus.
const std::vector<LessonCase>& lesson_cases();

// |z| accepted by the lesson; e^z itself is outside every double long before this.
constexpr double kMaxLessonZ = 1e6;

// The true value of case `case_id` at z, to about 2^-100 relative error, including values far below
// the smallest double. Throws std::invalid_argument for an unknown case, or z non-finite or beyond
// kMaxLessonZ.
ScaledDouble lesson_reference(const std::string& case_id, double z);

// What a formula's double result is, measured against the true value.
enum class ErrorStatus {
  Ok = 0,          // finite and nonzero: `error` is the relative error (0 where exact)
  Zero = 1,        // 0 where the true value is a nonzero double: every digit lost (error 1)
  Underflow = 2,   // 0 and the true value is under half the smallest subnormal: 0 is the nearest double
  Overflow = 3,    // +-inf for a finite true value (error +inf)
  NotANumber = 4,  // NaN (error +inf)
};

// Where the true value lies on the double grid.
enum class ReferenceRange {
  Normal = 0,     // at least 2^-1022 (or 0): full 53-bit precision
  Subnormal = 1,  // rounded to fewer bits: even a correctly rounded result has a large relative error
  Underflow = 2,  // under half the smallest subnormal: the nearest double is 0
};

// One formula's results at the requested points.
struct FormulaErrors {
  std::string formula_id;
  std::vector<double> value;   // what the formula returns (may be 0, +-inf or NaN: see status)
  std::vector<double> error;   // |value - true| / |true|, computed in double-double; never NaN:
                               // +inf for Overflow and NotANumber, 0 where the result is exact
  std::vector<ErrorStatus> status;
};

// Every formula of one case at the points z.
struct LessonErrors {
  std::string case_id;
  std::vector<double> z;
  std::vector<double> reference;        // the true value rounded once to the nearest double
  std::vector<double> reference_log10;  // log10 of the true value: finite even where reference is 0
  std::vector<ReferenceRange> range;
  std::vector<FormulaErrors> formulas;  // in lesson_cases() order
};

// The formulas of case `case_id` at z[0..n) with their relative errors. Throws std::invalid_argument
// for an unknown case or a z that lesson_reference() rejects.
LessonErrors lesson_errors(const std::string& case_id, const double* z, std::size_t n);

// A threshold where a textbook formula breaks, found by bisection on the doubles themselves.
struct LessonFact {
  std::string id;          // e.g. "sigmoid_g_one_minus_g_zero"
  std::string case_id;
  std::string formula_id;
  std::string event;       // what happens from z on, and why: "returns exactly 0: g rounds to 1"
  double z;                // the first double, searching away from 0, at which it happens
  double value;            // what the formula returns at z
  double reference;        // the true value at z, rounded to a double
  double reference_log10;  // log10 of the true value at z
};

// The lesson's thresholds: where g(1-g) first returns 0, e^-z/(1+e^-z)^2 returns 0 and then NaN,
// 1 - tanh^2 and 1/cosh^2 return 0, and log(1 + e^z) overflows and returns 0. Computed once.
const std::vector<LessonFact>& lesson_facts();

}  // namespace actderiv
