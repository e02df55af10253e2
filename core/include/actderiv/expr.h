// A small expression language for the walkthrough steps: parse, evaluate, print.
//
// Syntax: numbers (2, 0.01, 1e-3); the variable z; parameters (alpha); the constant e; + - * / ^;
// unary minus; parentheses; calls exp log sqrt abs tanh sinh cosh sigmoid max min; g(x) for the
// activation being derived; comparisons < <= > >= (only inside piecewise); and
// piecewise(cond1, value1, cond2, value2, ...), the value of the first true condition.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace actderiv {

// The closed set of node types. Sub and Neg are kept apart from Add so authored steps print as written.
enum class Op {
  Number, Variable, Parameter, Constant,  // leaves: 2.5, z, alpha, e
  Neg, Add, Sub, Mul, Div, Pow,           // arithmetic
  Exp, Log, Sqrt, Abs, Tanh, Sinh, Cosh, Sigmoid, Self,  // one-argument calls (Self is g)
  Max, Min,                               // two-argument calls
  Less, LessEq, Greater, GreaterEq,       // comparisons, true = 1, false = 0
  Piecewise,                              // cond, value, cond, value, ...
};

struct Node;
using Expr = std::shared_ptr<const Node>;

// One node; `number` is set for Number, `name` for Variable, Parameter and Constant.
struct Node {
  Op op;
  double number = 0;
  std::string name;
  std::vector<Expr> args;
};

// A parse error: `what()` is a sentence for a student; `column` is 1-based.
class ParseError : public std::runtime_error {
 public:
  ParseError(const std::string& message, std::size_t column);
  std::size_t column() const { return column_; }

 private:
  std::size_t column_;
};

// Parses `text`; `parameters` lists the parameter names allowed. Throws ParseError.
Expr parse(const std::string& text, const std::vector<std::string>& parameters = {});

// What an expression is evaluated with.
struct EvalContext {
  std::vector<std::pair<std::string, double>> params;  // parameter values by name
  std::function<double(double)> self;                  // g, for Self nodes; NaN if unset
};

// The value at z (NaN where undefined, e.g. a piecewise with no true condition).
// Throws std::invalid_argument for a parameter missing from the context.
double evaluate(const Expr& expr, double z, const EvalContext& context);

// LaTeX for the expression, parenthesised only where precedence needs it.
std::string to_latex(const Expr& expr);

}  // namespace actderiv
