// Checking a student's derivative (issue 16, "Practice"): is the typed answer g'(z) for a
// derivation, and if not, where does it differ and which classic mistake does it make?
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "actderiv/calculus/derive.h"
#include "actderiv/expr/expr.h"

namespace actderiv {

// A point where the answer and the derivative differ: the derivative's value and the answer's.
struct Counterexample {
  double z;
  double expected;
  double got;
};

// A classic wrong answer the student's matches: its id (a section of content/<locale>/mistakes.md)
// and the sentence saying what went wrong and which step of the derivation shows it.
struct Mistake {
  std::string id;
  std::string message;
};

struct AnswerCheck {
  bool equivalent = false;
  bool proved = false;  // the same canonical form as the derivative, not only the same values
  std::optional<Counterexample> counterexample;
  std::optional<Mistake> mistake;
  Expr answer;  // as read, g(...) kept
};

// Checks `answer` (the page's expression syntax; g(u) is the function being derived, at u; the
// parameters `parameter_ids` with their values in `context`) as the derivative of `derivation`'s
// input. Equal canonical forms prove it; otherwise both are evaluated carefully (their stable
// forms) on both sides of every kink and far into the tails, to a tolerance that follows the size of
// the terms summed; at a kink either one-sided slope is accepted. Throws ParseError for a malformed
// answer.
AnswerCheck check_answer(const Derivation& derivation, const std::string& answer,
                         const std::vector<std::string>& parameter_ids, const EvalContext& context);

// The values of `answer`, read as check_answer reads it, at z[0..n): g(u) written out as the
// derivation's input and the result evaluated in its stable form, as the comparison evaluates it
// (NaN where it has no real value), so the page can draw the student's curve over the true g'.
// Throws as check_answer does for a malformed answer.
std::vector<double> evaluate_answer(const Derivation& derivation, const std::string& answer,
                                    const std::vector<std::string>& parameter_ids, const EvalContext& context,
                                    const double* z, std::size_t n);

}  // namespace actderiv
