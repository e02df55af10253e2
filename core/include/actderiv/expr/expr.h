// A small expression language for the walkthrough steps: parse, evaluate, print.
//
// Syntax: numbers (2, 0.01, 1e-3); the variable z (or x); parameters (alpha, beta); the constants
// e and pi; + - * / ^ (Unicode − × · too); unary minus; parentheses; implicit multiplication (2z,
// 2(z+1), z sigmoid(z)); calls of the functions in the table (functions.h: exp, log or ln, tanh, ...);
// g(x) for the activation being derived; comparisons < <= > >= (only inside piecewise); and
// piecewise(cond1, value1, cond2, value2, ...), the value of the first true condition.
// Input is limited to kMaxInputLength characters and kMaxNesting levels of nesting.
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
// A call of a function (exp, tanh, max, ...) is one type, Call, whose row in the function table
// (functions.h) says everything about it.
enum class Op {
  Number, Variable, Parameter, Constant,  // leaves: 2.5, z, alpha, e or pi
  Neg, Add, Sub, Mul, Div, Pow,           // arithmetic
  Call,                                   // f(args) for a function of the table
  Self,                                   // g(x), the activation being derived (walkthroughs only)
  Less, LessEq, Greater, GreaterEq,       // comparisons, true = 1, false = 0
  Piecewise,                              // cond, value, cond, value, ...
  IndexSum,                               // the sum over the index `name` of args[0]: sum_k e^{z_k}
};

struct Node;
struct Function;
using Expr = std::shared_ptr<const Node>;

// One node; `number` is set for Number, `name` for Variable, Parameter and Constant (an indexed
// one is named with its index after an underscore: z_i, y_k, delta_ij) and for IndexSum (its
// index, k), `function` for Call.
struct Node {
  Op op;
  double number = 0;
  std::string name;
  const Function* function = nullptr;
  std::vector<Expr> args;
  // The canonical form's bookkeeping (canonical.cpp): the number of the normalisation that wrote
  // this node, which reads it back without work. Not part of the expression's value or equality.
  mutable unsigned long long canonical_pass = 0;
};

// A parse error: `what()` is a sentence for a student; `column` is 1-based.
class ParseError : public std::runtime_error {
 public:
  ParseError(const std::string& message, std::size_t column);
  std::size_t column() const { return column_; }

 private:
  std::size_t column_;
};

constexpr std::size_t kMaxInputLength = 500;
constexpr std::size_t kMaxNesting = 64;

// Parses `text` (UTF-8); `parameters` lists the parameter names allowed. Throws ParseError, whose
// column counts characters, not bytes.
Expr parse(const std::string& text, const std::vector<std::string>& parameters = {});

// Does e depend on z?
bool depends_on_z(const Expr& e);

// Does e, or any node inside it, satisfy test(node)?
template <class Test>
bool any_node(const Expr& e, const Test& test) {
  if (test(e)) return true;
  for (const auto& a : e->args)
    if (any_node(a, test)) return true;
  return false;
}

// Structural equality.
bool equal(const Expr& a, const Expr& b);

// Number of nodes in e.
std::size_t size(const Expr& e);

// Canonicalising factories: fold numbers and drop neutral elements (0 + u = u, 1 u = u, u^1 = u,
// --u = u, ...). They never change the value where both sides are defined.
Expr num(double value);
Expr var(const std::string& name = "z");   // z, or a rule's placeholder such as u
Expr constant(const std::string& name);    // e or pi
Expr parameter(const std::string& name);   // alpha, beta
Expr neg(const Expr& a);
Expr add(const Expr& a, const Expr& b);
Expr sub(const Expr& a, const Expr& b);
Expr mul(const Expr& a, const Expr& b);
Expr div(const Expr& a, const Expr& b);
Expr pow(const Expr& a, const Expr& b);
// The sum over the index `index` (one letter) of `body`, in which indexed leaves carry it (z_k):
// what the softmax's derivations (calculus/indexed.h) are written with. It has no value at a single z.
Expr index_sum(const std::string& index, const Expr& body);
// What evaluating one says: "a sum over an index has no value at a single z".
extern const char* const kIndexSumHasNoValue;

// A node of type `op` (Self, a comparison, Piecewise, ...) with these arguments, not simplified.
// A function's call is made with call() (functions.h).
Expr make(Op op, std::vector<Expr> args);

// The node e with `args` for its arguments, made by the factories (a call as it is, not simplified).
Expr rebuild(const Expr& e, std::vector<Expr> args);

// e rebuilt bottom-up through the factories.
Expr simplify(const Expr& e);

// The plain-text form, readable back by parse().
std::string to_text(const Expr& expr);

// What an expression is evaluated with.
struct EvalContext {
  std::vector<std::pair<std::string, double>> params;  // parameter values by name
  std::function<double(double)> self;                  // g, for Self nodes; NaN if unset
};

// The value at z (NaN where undefined, e.g. a piecewise with no true condition).
// Throws std::invalid_argument for a parameter missing from the context.
double evaluate(const Expr& expr, double z, const EvalContext& context);

// base^exponent as the evaluators compute it: repeated multiplication for small integer exponents
// (x^2 is then x*x, rounded once), std::pow otherwise.
double power(double base, double exponent);

// LaTeX for the expression, parenthesised only where precedence needs it.
std::string to_latex(const Expr& expr);

}  // namespace actderiv
