// What a student writes while applying a rule (written.h).
#include "actderiv/expr/written.h"

namespace actderiv::written {

namespace {

bool is_num(const Expr& e, double v) { return e->op == Op::Number && e->number == v; }
bool is_num(const Expr& e) { return e->op == Op::Number; }

}  // namespace

Expr neg(const Expr& a) { return is_num(a) ? num(-a->number) : make(Op::Neg, {a}); }

Expr add(const Expr& a, const Expr& b) {
  if (is_num(a) && is_num(b)) return num(a->number + b->number);
  if (is_num(a, 0)) return b;
  if (is_num(b, 0)) return a;
  return make(Op::Add, {a, b});
}

Expr sub(const Expr& a, const Expr& b) {
  if (is_num(a) && is_num(b)) return num(a->number - b->number);
  if (is_num(b, 0)) return a;
  if (is_num(a, 0)) return written::neg(b);
  return make(Op::Sub, {a, b});
}

Expr mul(const Expr& a, const Expr& b) {
  if (is_num(a) && is_num(b)) return num(a->number * b->number);
  if (is_num(a, 0) || is_num(b, 0)) return num(0);
  if (is_num(a, 1)) return b;
  if (is_num(b, 1)) return a;
  if (is_num(a, -1)) return written::neg(b);
  if (is_num(b, -1)) return written::neg(a);
  return make(Op::Mul, {a, b});
}

Expr div(const Expr& a, const Expr& b) {
  if (is_num(b, 1)) return a;
  if (is_num(a, 0) && !is_num(b, 0)) return num(0);
  return make(Op::Div, {a, b});
}

Expr pow(const Expr& a, const Expr& b) {
  if (is_num(b, 1)) return a;
  if (is_num(b, 0)) return num(1);
  return make(Op::Pow, {a, b});
}

}  // namespace actderiv::written
