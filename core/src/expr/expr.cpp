// Expression nodes: factories, simplification, evaluation.
#include "actderiv/expr/expr.h"

#include <cmath>

#include "actderiv/expr/functions.h"

namespace actderiv {

namespace {

bool is_number(const Expr& e, double value) { return e->op == Op::Number && e->number == value; }
bool is_number(const Expr& e) { return e->op == Op::Number; }

double parameter_value(const std::string& name, const EvalContext& context) {
  for (const auto& [id, value] : context.params)
    if (id == name) return value;
  throw std::invalid_argument("no value for parameter '" + name + "'");
}

}  // namespace

bool depends_on_z(const Expr& e) {
  return any_node(e, [](const Expr& n) { return n->op == Op::Variable; });
}

bool equal(const Expr& a, const Expr& b) {
  if (a == b) return true;
  if (a->op != b->op || a->number != b->number || a->name != b->name || a->function != b->function ||
      a->args.size() != b->args.size())
    return false;
  for (std::size_t i = 0; i < a->args.size(); ++i)
    if (!equal(a->args[i], b->args[i])) return false;
  return true;
}

std::size_t size(const Expr& e) {
  std::size_t n = 1;
  for (const auto& a : e->args) n += size(a);
  return n;
}

Expr num(double value) {
  auto node = std::make_shared<Node>();
  node->op = Op::Number;
  node->number = value == 0 ? 0.0 : value;  // no -0 in printed formulas
  return node;
}

namespace {

Expr named(Op op, const std::string& name) {
  auto node = std::make_shared<Node>();
  node->op = op;
  node->name = name;
  return node;
}

}  // namespace

Expr var(const std::string& name) { return named(Op::Variable, name); }

Expr constant(const std::string& name) { return named(Op::Constant, name); }

Expr parameter(const std::string& name) { return named(Op::Parameter, name); }

const char* const kIndexSumHasNoValue = "a sum over an index has no value at a single z";

Expr index_sum(const std::string& index, const Expr& body) {
  auto node = std::make_shared<Node>();
  node->op = Op::IndexSum;
  node->name = index;
  node->args = {body};
  return node;
}

Expr make(Op op, std::vector<Expr> args) {
  auto node = std::make_shared<Node>();
  node->op = op;
  node->args = std::move(args);
  return node;
}

Expr neg(const Expr& a) {
  if (is_number(a)) return num(-a->number);
  if (a->op == Op::Neg) return a->args[0];
  return make(Op::Neg, {a});
}

Expr add(const Expr& a, const Expr& b) {
  if (is_number(a) && is_number(b)) return num(a->number + b->number);
  if (is_number(a, 0)) return b;
  if (is_number(b, 0)) return a;
  if (b->op == Op::Neg) return sub(a, b->args[0]);
  if (is_number(b) && b->number < 0) return sub(a, num(-b->number));
  if (a->op == Op::Neg) return sub(b, a->args[0]);
  return make(Op::Add, {a, b});
}

Expr sub(const Expr& a, const Expr& b) {
  if (is_number(a) && is_number(b)) return num(a->number - b->number);
  if (is_number(b, 0)) return a;
  if (is_number(a, 0)) return neg(b);
  if (b->op == Op::Neg) return add(a, b->args[0]);
  if (equal(a, b)) return num(0);
  return make(Op::Sub, {a, b});
}

Expr mul(const Expr& a, const Expr& b) {
  if (is_number(a) && is_number(b)) return num(a->number * b->number);
  if (is_number(a, 0) || is_number(b, 0)) return num(0);
  if (is_number(a, 1)) return b;
  if (is_number(b, 1)) return a;
  if (is_number(a, -1)) return neg(b);
  if (is_number(b, -1)) return neg(a);
  if (a->op == Op::Neg) return neg(mul(a->args[0], b));
  if (b->op == Op::Neg) return neg(mul(a, b->args[0]));
  if (is_number(b)) return mul(b, a);  // constants first: 2 u, not u 2
  // A negative power is a denominator: u^-2 v = v / u^2.
  if (a->op == Op::Pow && is_number(a->args[1]) && a->args[1]->number < 0)
    return div(b, pow(a->args[0], num(-a->args[1]->number)));
  if (b->op == Op::Pow && is_number(b->args[1]) && b->args[1]->number < 0)
    return div(a, pow(b->args[0], num(-b->args[1]->number)));
  if (a->op == Op::Div && is_number(a->args[0], 1)) return div(b, a->args[1]);  // (1/v) u = u/v
  if (b->op == Op::Div && is_number(b->args[0], 1)) return div(a, b->args[1]);
  if (is_number(a) && b->op == Op::Mul && is_number(b->args[0]))
    return mul(num(a->number * b->args[0]->number), b->args[1]);
  if (is_number(a) && b->op == Op::Div && is_number(b->args[0]))
    return div(num(a->number * b->args[0]->number), b->args[1]);
  if (equal(a, b)) return pow(a, num(2));
  // u (v w) = (u v) w: products read left to right without nested parentheses.
  if (b->op == Op::Mul && !is_number(a)) return mul(mul(a, b->args[0]), b->args[1]);
  return make(Op::Mul, {a, b});
}

Expr div(const Expr& a, const Expr& b) {
  if (is_number(b, 1)) return a;
  if (is_number(a, 0) && !is_number(b, 0)) return num(0);
  if (a->op == Op::Neg) return neg(div(a->args[0], b));
  if (b->op == Op::Neg) return neg(div(a, b->args[0]));
  if (equal(a, b)) return num(1);
  if (is_number(a) && is_number(b) && b->number != 0) {
    const double q = a->number / b->number;
    if (q * b->number == a->number) return num(q);  // only exact quotients: keep 1/3 a fraction
  }
  return make(Op::Div, {a, b});
}

Expr pow(const Expr& a, const Expr& b) {
  if (is_number(b, 1)) return a;
  if (is_number(b, 0)) return num(1);
  if (is_number(a) && is_number(b)) {
    const double p = std::pow(a->number, b->number);
    if (std::isfinite(p) && p == std::round(p) && std::fabs(p) < 1e6) return num(p);
  }
  return make(Op::Pow, {a, b});
}

Expr rebuild(const Expr& e, std::vector<Expr> args) {
  switch (e->op) {
    case Op::Number: case Op::Variable: case Op::Parameter: case Op::Constant: return e;
    case Op::Neg: return neg(args[0]);
    case Op::Add: return add(args[0], args[1]);
    case Op::Sub: return sub(args[0], args[1]);
    case Op::Mul: return mul(args[0], args[1]);
    case Op::Div: return div(args[0], args[1]);
    case Op::Pow: return pow(args[0], args[1]);
    case Op::Call: return call(*e->function, std::move(args));
    case Op::Self: case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq:
    case Op::Piecewise:
      return make(e->op, std::move(args));
    case Op::IndexSum: return index_sum(e->name, args[0]);
  }
  return e;
}

Expr simplify(const Expr& e) {
  std::vector<Expr> args;
  for (const auto& a : e->args) args.push_back(simplify(a));
  // The function's own identity, if one applies (functions.cpp).
  if (e->op == Op::Call && e->function->simplify)
    if (Expr shorter = e->function->simplify(args)) return shorter;
  return rebuild(e, std::move(args));
}

double power(double base, double exponent) {
  if (exponent == std::trunc(exponent) && std::fabs(exponent) <= 16) {
    double result = 1;
    for (int k = static_cast<int>(std::fabs(exponent)); k > 0; --k) result *= base;
    return exponent < 0 ? 1 / result : result;
  }
  return std::pow(base, exponent);
}

double evaluate(const Expr& e, double z, const EvalContext& context) {
  const auto& a = e->args;
  const auto arg = [&](std::size_t i) { return evaluate(a[i], z, context); };
  switch (e->op) {
    case Op::Number: return e->number;
    case Op::Variable: return z;
    case Op::Constant: return e->name == "pi" ? M_PI : std::exp(1.0);
    case Op::Parameter: return parameter_value(e->name, context);
    case Op::Neg: return -arg(0);
    case Op::Add: return arg(0) + arg(1);
    case Op::Sub: return arg(0) - arg(1);
    case Op::Mul: return arg(0) * arg(1);
    case Op::Div: return arg(0) / arg(1);
    case Op::Pow:
      // e^x is the exponential, not pow(2.718..., x), so it is as accurate as exp(x).
      return a[0]->op == Op::Constant && a[0]->name == "e" ? std::exp(arg(1))
                                                           : power(arg(0), arg(1));
    case Op::Call: {
      double x[kMaxArity];
      for (std::size_t i = 0; i < a.size(); ++i) x[i] = arg(i);
      return e->function->value(x);
    }
    case Op::Self:
      return context.self ? context.self(arg(0)) : std::nan("");
    case Op::Less: return arg(0) < arg(1) ? 1.0 : 0.0;
    case Op::LessEq: return arg(0) <= arg(1) ? 1.0 : 0.0;
    case Op::Greater: return arg(0) > arg(1) ? 1.0 : 0.0;
    case Op::GreaterEq: return arg(0) >= arg(1) ? 1.0 : 0.0;
    case Op::Piecewise:
      for (std::size_t i = 0; i + 1 < a.size(); i += 2)
        if (arg(i) != 0) return arg(i + 1);
      return std::nan("");
    case Op::IndexSum:
      throw std::invalid_argument(kIndexSumHasNoValue);
  }
  return std::nan("");
}

}  // namespace actderiv
