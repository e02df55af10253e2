// All derivative rules, one case per node type, each recording the step it took.
#include "calculus/differentiate.h"

#include <stdexcept>

namespace actderiv {

const char* const kSelfMessage = "g(...) names a walkthrough's own function; write the expression itself";

namespace {

Expr named_variable(const char* name) {
  auto node = std::make_shared<Node>();
  node->op = Op::Variable;
  node->name = name;
  return node;
}

Expr constant(const char* name) {
  auto node = std::make_shared<Node>();
  node->op = Op::Constant;
  node->name = name;
  return node;
}

// What a student writes while applying a rule: numbers folded, zero terms and unit factors dropped,
// a factor -1 written as a sign. Nothing is cancelled or reordered: that is the "simplify" step.
bool is_num(const Expr& e, double v) { return e->op == Op::Number && e->number == v; }
bool is_num(const Expr& e) { return e->op == Op::Number; }
Expr l_neg(const Expr& a) { return is_num(a) ? num(-a->number) : call(Op::Neg, {a}); }
Expr l_add(const Expr& a, const Expr& b) {
  if (is_num(a) && is_num(b)) return num(a->number + b->number);
  if (is_num(a, 0)) return b;
  if (is_num(b, 0)) return a;
  return call(Op::Add, {a, b});
}
Expr l_sub(const Expr& a, const Expr& b) {
  if (is_num(a) && is_num(b)) return num(a->number - b->number);
  if (is_num(b, 0)) return a;
  if (is_num(a, 0)) return l_neg(b);
  return call(Op::Sub, {a, b});
}
Expr l_mul(const Expr& a, const Expr& b) {
  if (is_num(a) && is_num(b)) return num(a->number * b->number);
  if (is_num(a, 0) || is_num(b, 0)) return num(0);
  if (is_num(a, 1)) return b;
  if (is_num(b, 1)) return a;
  if (is_num(a, -1)) return l_neg(b);
  if (is_num(b, -1)) return l_neg(a);
  return call(Op::Mul, {a, b});
}
Expr l_div(const Expr& a, const Expr& b) {
  if (is_num(b, 1)) return a;
  if (is_num(a, 0) && !is_num(b, 0)) return num(0);
  return call(Op::Div, {a, b});
}
Expr l_pow(const Expr& a, const Expr& b) {
  if (is_num(b, 1)) return a;
  if (is_num(b, 0)) return num(1);
  return call(Op::Pow, {a, b});
}

Expr f1(Op op, const Expr& u) { return call(op, {u}); }

bool is_z(const Expr& e) { return e->op == Op::Variable; }

std::string tex(const Expr& e) { return to_latex(e); }

// The derivative f'(u) of a one-argument function with respect to its argument u, and the rule's name.
struct Outer {
  const char* rule;
  Expr derivative;
  std::string note;  // about kinks, where the function has one
};

Outer outer(Op op, const Expr& u) {
  switch (op) {
    case Op::Exp: return {"exponential rule", f1(Op::Exp, u), ""};
    case Op::Log: return {"logarithm rule", l_div(num(1), u), ""};
    case Op::Sqrt: return {"square-root rule", l_div(num(1), l_mul(num(2), f1(Op::Sqrt, u))), ""};
    case Op::Abs:
      return {"absolute-value rule", l_div(u, f1(Op::Abs, u)),
              " $|u|$ has a kink at $u = 0$: slope $-1$ from the left and $1$ from the right, "
              "subgradient $[-1, 1]$. $\\frac{u}{|u|}$ is undefined there; PyTorch and TensorFlow "
              "use 0."};
    case Op::Tanh: return {"tanh rule", l_sub(num(1), l_pow(f1(Op::Tanh, u), num(2))), ""};
    case Op::Sinh: return {"sinh rule", f1(Op::Cosh, u), ""};
    case Op::Cosh: return {"cosh rule", f1(Op::Sinh, u), ""};
    case Op::Sigmoid:
      return {"sigmoid rule", l_mul(f1(Op::Sigmoid, u), l_sub(num(1), f1(Op::Sigmoid, u))), ""};
    case Op::Softplus: return {"softplus rule", f1(Op::Sigmoid, u), ""};
    case Op::Relu:
      return {"ReLU rule",
              call(Op::Piecewise, {call(Op::Greater, {u, num(0)}), num(1),
                                   call(Op::LessEq, {u, num(0)}), num(0)}),
              " ReLU has a kink at $u = 0$: slope 0 from the left and 1 from the right, "
              "subgradient $[0, 1]$; frameworks use 0 there."};
    case Op::Erf:
      return {"erf rule",
              l_mul(l_div(num(2), f1(Op::Sqrt, constant("pi"))), l_pow(constant("e"), l_neg(l_pow(u, num(2))))),
              ""};
    default: throw std::logic_error("not a one-argument function");
  }
}

class Differentiator {
 public:
  DerivationStep d(const Expr& e) {
    DerivationStep step = rule(e);
    step.before = e;
    spent_ += size_capped(step.after, kMaxStepsSize);
    if (spent_ > kMaxStepsSize || size_capped(step.after, kMaxDerivativeSize) > kMaxDerivativeSize)
      throw std::length_error("the derivative grows too large to show (more than " +
                              std::to_string(kMaxDerivativeSize) +
                              " terms); try a shorter expression");
    return step;
  }

 private:
  static std::size_t size_capped(const Expr& e, std::size_t cap) {
    std::size_t n = 1;
    for (const auto& a : e->args) {
      if (n > cap) break;
      n += size_capped(a, cap - n);
    }
    return n;
  }

  // f'(u) u', with a constant inner derivative written first: beta sigma(beta z), not sigma(beta z) beta.
  static Expr chain(const Expr& outer_derivative, const Expr& inner_derivative) {
    return depends_on_z(inner_derivative) ? l_mul(outer_derivative, inner_derivative)
                                          : l_mul(inner_derivative, outer_derivative);
  }

  static DerivationStep leaf(const char* rule, Expr after, std::string note) {
    DerivationStep s;
    s.rule = rule;
    s.after = std::move(after);
    s.note = std::move(note);
    return s;
  }

  DerivationStep rule(const Expr& e) {
    const auto& a = e->args;
    if (!depends_on_z(e) && e->op != Op::Less && e->op != Op::LessEq && e->op != Op::Greater &&
        e->op != Op::GreaterEq)
      return leaf("constant rule", num(0), "It does not depend on $z$, so its derivative is 0.");
    switch (e->op) {
      case Op::Number: case Op::Parameter: case Op::Constant:
        return leaf("constant rule", num(0), "A constant does not change with $z$.");
      case Op::Variable:
        return leaf("variable", num(1), "The slope of $z$ itself is 1.");
      case Op::Neg: {
        DerivationStep s;
        s.rule = "constant multiple";
        s.children.push_back(d(a[0]));
        s.after = l_neg(s.children[0].after);
        s.note = "A minus sign stays in front of the derivative.";
        return s;
      }
      case Op::Add: case Op::Sub: {
        DerivationStep s;
        const bool plus = e->op == Op::Add;
        s.rule = plus ? "sum rule" : "difference rule";
        s.children.push_back(d(a[0]));
        s.children.push_back(d(a[1]));
        s.after = plus ? l_add(s.children[0].after, s.children[1].after)
                       : l_sub(s.children[0].after, s.children[1].after);
        s.note = plus ? "The derivative of a sum is the sum of the derivatives."
                      : "The derivative of a difference is the difference of the derivatives.";
        return s;
      }
      case Op::Mul: return product(e);
      case Op::Div: return quotient(e);
      case Op::Pow: return power(e);
      case Op::Exp: case Op::Log: case Op::Sqrt: case Op::Abs: case Op::Tanh: case Op::Sinh:
      case Op::Cosh: case Op::Sigmoid: case Op::Softplus: case Op::Relu: case Op::Erf:
        return function(e->op, a[0]);
      case Op::Max: case Op::Min: return extremum(e);
      case Op::Piecewise: return piecewise(e);
      case Op::Self:
        throw std::invalid_argument(kSelfMessage);
      case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq:
        throw std::invalid_argument("a comparison such as z > 0 is only allowed as a piecewise condition");
    }
    throw std::logic_error("unknown node");
  }

  // f(u): the rule itself when u = z, else the chain rule with u's derivation as a sub-step.
  DerivationStep function(Op op, const Expr& u) {
    const Outer at_u = outer(op, u);
    if (is_z(u)) return leaf(at_u.rule, at_u.derivative, rule_note(op) + at_u.note);
    const Expr symbol = named_variable("u");
    const Outer at_symbol = outer(op, symbol);
    DerivationStep s;
    s.rule = "chain rule";
    s.children.push_back(d(u));
    s.after = chain(at_u.derivative, s.children[0].after);
    s.note = "Outer function: $\\frac{d}{du}" + tex(f1(op, symbol)) + " = " + tex(at_symbol.derivative) +
             "$ with $u = " + tex(u) + "$; multiply by the inner derivative $u'$." + at_u.note;
    return s;
  }

  static std::string rule_note(Op op) {
    const Expr z = var();
    return "$\\frac{d}{dz}" + tex(f1(op, z)) + " = " + tex(outer(op, z).derivative) + "$.";
  }

  DerivationStep product(const Expr& e) {
    const Expr& u = e->args[0];
    const Expr& v = e->args[1];
    DerivationStep s;
    if (!depends_on_z(u) || !depends_on_z(v)) {
      const bool left_constant = !depends_on_z(u);
      const Expr& c = left_constant ? u : v;
      s.rule = "constant multiple";
      s.children.push_back(d(left_constant ? v : u));
      s.after = l_mul(c, s.children[0].after);
      s.note = "The constant factor $" + tex(c) + "$ stays; differentiate the rest.";
      return s;
    }
    s.rule = "product rule";
    s.children.push_back(d(u));
    s.children.push_back(d(v));
    s.after = l_add(l_mul(s.children[0].after, v), l_mul(u, s.children[1].after));
    s.note = "$(uv)' = u'v + uv'$ with $u = " + tex(u) + "$ and $v = " + tex(v) + "$.";
    return s;
  }

  DerivationStep quotient(const Expr& e) {
    const Expr& u = e->args[0];
    const Expr& v = e->args[1];
    DerivationStep s;
    if (!depends_on_z(v)) {
      s.rule = "constant multiple";
      s.children.push_back(d(u));
      s.after = l_div(s.children[0].after, v);
      s.note = "Dividing by the constant $" + tex(v) + "$ divides the derivative by it.";
      return s;
    }
    if (!depends_on_z(u)) {
      s.rule = "reciprocal rule";
      s.children.push_back(d(v));
      s.after = l_neg(l_div(l_mul(u, s.children[0].after), l_pow(v, num(2))));
      s.note = "$\\left(\\frac{c}{v}\\right)' = -\\frac{c\\,v'}{v^2}$ with $v = " + tex(v) + "$.";
      return s;
    }
    s.rule = "quotient rule";
    s.children.push_back(d(u));
    s.children.push_back(d(v));
    s.after = l_div(l_sub(l_mul(s.children[0].after, v), l_mul(u, s.children[1].after)), l_pow(v, num(2)));
    s.note = "$\\left(\\frac{u}{v}\\right)' = \\frac{u'v - uv'}{v^2}$ with $u = " + tex(u) +
             "$ and $v = " + tex(v) + "$.";
    return s;
  }

  DerivationStep power(const Expr& e) {
    const Expr& u = e->args[0];
    const Expr n = simplify(e->args[1]);  // -1 as written parses as -(1); fold it so n - 1 is -2
    DerivationStep s;
    if (!depends_on_z(n)) {
      const Expr outer_derivative = l_mul(n, l_pow(u, l_sub(n, num(1))));
      if (is_z(u)) {
        return leaf("power rule", outer_derivative,
                    "$\\frac{d}{dz} z^n = n z^{n-1}$ with $n = " + tex(n) + "$.");
      }
      s.rule = "chain rule";
      s.children.push_back(d(u));
      s.after = chain(outer_derivative, s.children[0].after);
      s.note = "Power rule on the outside, $\\frac{d}{du}u^{n} = n u^{n-1}$ with $n = " + tex(n) +
               "$ and $u = " + tex(u) + "$; multiply by $u'$.";
      return s;
    }
    if (u->op == Op::Constant && u->name == "e") {
      if (is_z(n)) return leaf("exponential rule", e, "$e^z$ is its own derivative.");
      s.rule = "chain rule";
      s.children.push_back(d(n));
      s.after = chain(e, s.children[0].after);
      s.note = "$\\frac{d}{du}e^{u} = e^{u}$ with $u = " + tex(n) + "$; multiply by $u'$.";
      return s;
    }
    if (!depends_on_z(u)) {
      s.rule = "exponential rule";
      s.children.push_back(d(n));
      s.after = l_mul(l_mul(e, f1(Op::Log, u)), s.children[0].after);
      s.note = "$\\frac{d}{du}a^{u} = a^{u}\\ln a$ with $a = " + tex(u) + "$; multiply by $u'$.";
      return s;
    }
    s.rule = "general power rule";
    s.children.push_back(d(u));
    s.children.push_back(d(n));
    s.after = l_mul(e, l_add(l_mul(s.children[1].after, f1(Op::Log, u)),
                         l_div(l_mul(n, s.children[0].after), u)));
    s.note = "Write $u^{v} = e^{v \\ln u}$ and use the chain rule: "
             "$(u^v)' = u^v\\left(v' \\ln u + \\frac{v u'}{u}\\right)$.";
    return s;
  }

  // max(a, b) and min(a, b): the derivative of whichever argument is selected. At a tie the
  // first argument's derivative is used, so max(0, z) gives ReLU's convention g'(0) = 0.
  DerivationStep extremum(const Expr& e) {
    const Expr& a = e->args[0];
    const Expr& b = e->args[1];
    const bool is_max = e->op == Op::Max;
    DerivationStep s;
    s.rule = is_max ? "maximum rule" : "minimum rule";
    s.children.push_back(d(a));
    s.children.push_back(d(b));
    const Op first = is_max ? Op::GreaterEq : Op::LessEq;
    const Op second = is_max ? Op::Less : Op::Greater;
    s.after = call(Op::Piecewise, {call(first, {a, b}), s.children[0].after, call(second, {a, b}),
                                   s.children[1].after});
    s.note = std::string("Take the derivative of whichever argument is ") +
             (is_max ? "larger" : "smaller") + ". Where $" + tex(a) + " = " + tex(b) +
             "$ the graph may have a kink: the one-sided slopes are the two derivatives and any "
             "value between them is a subgradient; here, as in frameworks for ReLU and Leaky ReLU, "
             "the first argument's derivative is used.";
    return s;
  }

  DerivationStep piecewise(const Expr& e) {
    DerivationStep s;
    s.rule = "piecewise rule";
    std::vector<Expr> args;
    for (std::size_t i = 0; i + 1 < e->args.size(); i += 2) {
      s.children.push_back(d(e->args[i + 1]));
      args.push_back(e->args[i]);
      args.push_back(s.children.back().after);
    }
    s.after = call(Op::Piecewise, std::move(args));
    s.note = "Differentiate each piece on its own interval; at a boundary the one-sided "
             "derivatives are those of the pieces that meet there.";
    return s;
  }

  std::size_t spent_ = 0;
};


}  // namespace

DerivationStep differentiate(const Expr& e) { return Differentiator().d(e); }

}  // namespace actderiv
