// The functions of the expression language, one row each: every pass (parser, printers, evaluation,
// compiled programs, dual numbers, the derivative rules, the kink search, simplification) reads the
// row of the function it meets, so adding a function is one row in functions.cpp plus its tests.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "actderiv/expr/expr.h"
#include "actderiv/numerics/double_double.h"

namespace actderiv {

// A value and its derivative with respect to z: what forward-mode automatic differentiation carries.
struct Dual {
  double value;
  double derivative;
};

// The most arguments a function takes (the evaluators keep them in a fixed array).
constexpr std::size_t kMaxArity = 2;

// How a call is typeset.
enum class LatexForm {
  Operator,     // `latex` then the parenthesised arguments: \ln(u), \sigma(u), \max(a, b)
  Named,        // as Operator, and a power goes on the name, as textbooks write it: \tanh^{2}(u)
  Exponential,  // e^{u}
  Root,         // \sqrt{u}
  Bars,         // \left|u\right|
};

// What decides which branch of a function with a corner applies; the kink search (kinks.cpp)
// looks for the zeros of that quantity.
enum class Switch {
  None,        // smooth everywhere
  Argument,    // the sign of its argument u (abs, relu): a corner at u = 0
  Difference,  // the sign of a - b (max, min): a corner where the arguments meet
};

// One function: its spellings, its arity, how it is computed, differentiated and printed.
struct Function {
  const char* name = "";             // the spelling to_text writes, e.g. "log"
  const char* alias = nullptr;       // another spelling parse() accepts, e.g. "ln"
  std::size_t arity = 1;             // 1 or 2 (kMaxArity)

  // f at the arguments x[0..arity), numerically careful (numerics.h); NaN where undefined.
  double (*value)(const double* x) = nullptr;
  // f and its derivative in z at the arguments' duals (the chain rule on numbers).
  Dual (*dual)(const Dual* x) = nullptr;
  // f in double-double (numerics/precise.h): the reference a double evaluation is measured against.
  DoubleDouble (*precise)(const DoubleDouble* x) = nullptr;
  // f over n points at once, out[i] = f(x[0][i], ...): a vectorised kernel (numerics/batch.h),
  // within its 4 ULP of `value`, or a loop of selects equal to `value`; what BlockProgram
  // (block.h) runs. Null: BlockProgram calls `value` point by point.
  void (*batch)(const double* const* x, std::size_t n, double* out) = nullptr;
  // How far `batch` may be from `value`, in ULP: 0 for a loop equal to it, the kernel's bound (4) for
  // one that may differ.
  unsigned batch_ulp = 0;

  // The rule's name in the derivation steps, e.g. "tanh rule". Its prose, if any (about the
  // function's corner; for two arguments the whole note, with slots {{a}} and {{b}}), is the section
  // of that name in content/<locale>/rules.md (calculus/notes.h).
  const char* rule = "";
  // Arity 1: f'(u), the outer derivative, as a student writes it; the differentiator applies the
  // chain rule around it.
  Expr (*derivative)(const Expr& u) = nullptr;
  // Arity 2: the derivative of f(a, b) from the arguments and their derivatives da, db.
  Expr (*combine)(const Expr& a, const Expr& b, const Expr& da, const Expr& db) = nullptr;

  LatexForm latex_form = LatexForm::Operator;
  const char* latex = "";  // the command for Operator and Named forms, e.g. "\\tanh", "\\operatorname{erf}"

  Switch kink_switch = Switch::None;
  // For a row with a switch: the function where its switch quantity is positive (`positive`) or
  // negative, e.g. abs(u) is u or -u, max(a, b) is a or b; the one-sided slopes at a kink are read
  // from it.
  Expr (*branch)(const std::vector<Expr>& args, bool positive) = nullptr;

  // An identity that shortens f(args) (already simplified), e.g. abs(abs(u)) = abs(u), or null when
  // none applies. Exact wherever both sides are defined.
  Expr (*simplify)(const std::vector<Expr>& args) = nullptr;
};

// Every function, in the order the table lists them.
const std::vector<Function>& functions();

// The function spelt `spelling` (a name or an alias), or null.
const Function* find_function(const std::string& spelling);

// The function named `name`; throws std::logic_error if there is none (a misspelt name in the core).
const Function& function(const char* name);

// The call f(args): a node of the function's row, not simplified.
Expr call(const Function& f, std::vector<Expr> args);
Expr call(const char* name, std::vector<Expr> args);
Expr call(const char* name, const Expr& u);  // a one-argument call

// Is e a call of the function named `name`?
bool is_call(const Expr& e, const char* name);

// Every spelling parse() accepts for a function, sorted: the candidates of "did you mean".
const std::vector<std::string>& function_spellings();

}  // namespace actderiv
