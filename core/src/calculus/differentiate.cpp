// All derivative rules, one case per node type, each recording the step it took.
#include "calculus/differentiate.h"

#include <stdexcept>
#include <utility>

#include "actderiv/expr/functions.h"
#include "actderiv/expr/written.h"

namespace actderiv {

const char* const kSelfMessage = "g(...) names a walkthrough's own function; write the expression itself";

namespace {

namespace w = written;

bool is_z(const Expr& e) { return e->op == Op::Variable; }

std::string tex(const Expr& e) { return to_latex(e); }

// `text` with each {name} replaced by its value: a note's slots.
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& slots) {
  for (const auto& [name, value] : slots) {
    const std::string key = "{" + name + "}";
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  }
  return text;
}

// " " + the function's own note, if it has one.
std::string function_note(const Function& f) { return *f.note ? std::string(" ") + f.note : ""; }

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
    return depends_on_z(inner_derivative) ? w::mul(outer_derivative, inner_derivative)
                                          : w::mul(inner_derivative, outer_derivative);
  }

  static DerivationStep leaf(std::string rule, Expr after, std::string note) {
    DerivationStep s;
    s.rule = std::move(rule);
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
        s.after = w::neg(s.children[0].after);
        s.note = "A minus sign stays in front of the derivative.";
        return s;
      }
      case Op::Add: case Op::Sub: {
        DerivationStep s;
        const bool plus = e->op == Op::Add;
        s.rule = plus ? "sum rule" : "difference rule";
        s.children.push_back(d(a[0]));
        s.children.push_back(d(a[1]));
        s.after = plus ? w::add(s.children[0].after, s.children[1].after)
                       : w::sub(s.children[0].after, s.children[1].after);
        s.note = plus ? "The derivative of a sum is the sum of the derivatives."
                      : "The derivative of a difference is the difference of the derivatives.";
        return s;
      }
      case Op::Mul: return product(e);
      case Op::Div: return quotient(e);
      case Op::Pow: return power(e);
      case Op::Call: return e->function->arity == 1 ? function(*e->function, a[0]) : combination(e);
      case Op::Piecewise: return piecewise(e);
      case Op::Self:
        throw std::invalid_argument(kSelfMessage);
      case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq:
        throw std::invalid_argument("a comparison such as z > 0 is only allowed as a piecewise condition");
    }
    throw std::logic_error("unknown node");
  }

  // f(u): the rule itself when u = z, else the chain rule with u's derivation as a sub-step.
  DerivationStep function(const Function& f, const Expr& u) {
    const Expr outer = f.derivative(u);
    if (is_z(u)) return leaf(f.rule, outer, rule_note(f) + function_note(f));
    const Expr symbol = var("u");
    DerivationStep s;
    s.rule = "chain rule";
    s.children.push_back(d(u));
    s.after = chain(outer, s.children[0].after);
    s.note = "Outer function: $\\frac{d}{du}" + tex(call(f, {symbol})) + " = " + tex(f.derivative(symbol)) +
             "$ with $u = " + tex(u) + "$; multiply by the inner derivative $u'$." + function_note(f);
    return s;
  }

  static std::string rule_note(const Function& f) {
    const Expr z = var();
    return "$\\frac{d}{dz}" + tex(call(f, {z})) + " = " + tex(f.derivative(z)) + "$.";
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
      s.after = w::mul(c, s.children[0].after);
      s.note = "The constant factor $" + tex(c) + "$ stays; differentiate the rest.";
      return s;
    }
    s.rule = "product rule";
    s.children.push_back(d(u));
    s.children.push_back(d(v));
    s.after = w::add(w::mul(s.children[0].after, v), w::mul(u, s.children[1].after));
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
      s.after = w::div(s.children[0].after, v);
      s.note = "Dividing by the constant $" + tex(v) + "$ divides the derivative by it.";
      return s;
    }
    if (!depends_on_z(u)) {
      s.rule = "reciprocal rule";
      s.children.push_back(d(v));
      s.after = w::neg(w::div(w::mul(u, s.children[0].after), w::pow(v, num(2))));
      s.note = "$\\left(\\frac{c}{v}\\right)' = -\\frac{c\\,v'}{v^2}$ with $v = " + tex(v) + "$.";
      return s;
    }
    s.rule = "quotient rule";
    s.children.push_back(d(u));
    s.children.push_back(d(v));
    s.after = w::div(w::sub(w::mul(s.children[0].after, v), w::mul(u, s.children[1].after)), w::pow(v, num(2)));
    s.note = "$\\left(\\frac{u}{v}\\right)' = \\frac{u'v - uv'}{v^2}$ with $u = " + tex(u) +
             "$ and $v = " + tex(v) + "$.";
    return s;
  }

  DerivationStep power(const Expr& e) {
    const Expr& u = e->args[0];
    const Expr n = simplify(e->args[1]);  // -1 as written parses as -(1); fold it so n - 1 is -2
    DerivationStep s;
    if (!depends_on_z(n)) {
      const Expr outer_derivative = w::mul(n, w::pow(u, w::sub(n, num(1))));
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
      s.after = w::mul(w::mul(e, call("log", u)), s.children[0].after);
      s.note = "$\\frac{d}{du}a^{u} = a^{u}\\ln a$ with $a = " + tex(u) + "$; multiply by $u'$.";
      return s;
    }
    s.rule = "general power rule";
    s.children.push_back(d(u));
    s.children.push_back(d(n));
    s.after = w::mul(e, w::add(w::mul(s.children[1].after, call("log", u)),
                         w::div(w::mul(n, s.children[0].after), u)));
    s.note = "Write $u^{v} = e^{v \\ln u}$ and use the chain rule: "
             "$(u^v)' = u^v\\left(v' \\ln u + \\frac{v u'}{u}\\right)$.";
    return s;
  }

  // A function of two arguments (max, min): its row combines the arguments' derivatives.
  DerivationStep combination(const Expr& e) {
    const Function& f = *e->function;
    const Expr& a = e->args[0];
    const Expr& b = e->args[1];
    DerivationStep s;
    s.rule = f.rule;
    s.children.push_back(d(a));
    s.children.push_back(d(b));
    s.after = f.combine(a, b, s.children[0].after, s.children[1].after);
    s.note = fill(f.note, {{"a", tex(a)}, {"b", tex(b)}});
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
    s.after = make(Op::Piecewise, std::move(args));
    s.note = "Differentiate each piece on its own interval; at a boundary the one-sided "
             "derivatives are those of the pieces that meet there.";
    return s;
  }

  std::size_t spent_ = 0;
};


}  // namespace

DerivationStep differentiate(const Expr& e) { return Differentiator().d(e); }

}  // namespace actderiv
