// All derivative rules, one case per node type, each recording the step it took.
#include "actderiv/derive.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "actderiv/numerics.h"
#include "actderiv/program.h"

namespace actderiv {

namespace {

constexpr const char* kSelfMessage =
    "g(...) names a walkthrough's own function; write the expression itself";

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

// Sample points for checks: irregular, so that no point lands exactly on a kink such as z = 0.
std::vector<double> check_points() {
  std::vector<double> z;
  for (int i = 0; i < 101; ++i) z.push_back(-8.0 + 16.0 * (i + 0.37) / 101.0);
  return z;
}

bool same_function(const Expr& a, const Expr& b, const EvalContext& context) {
  int compared = 0;
  for (double z : check_points()) {
    const double x = evaluate(a, z, context), y = evaluate(b, z, context);
    if (!std::isfinite(x) || !std::isfinite(y)) {
      if (std::isfinite(x) != std::isfinite(y)) return false;
      continue;
    }
    if (std::fabs(x - y) > 1e-9 * std::fmax(1.0, std::fabs(y))) return false;
    ++compared;
  }
  return compared >= 10;
}

// Forms of the derivative in terms of the function itself, tried in order; each must agree with
// the derivative numerically before it is offered (an identity check, not a guess).
Expr find_g_form(const Expr& input, const Expr& derivative, EvalContext context) {
  const Expr g = call(Op::Self, {var()});
  const Expr candidates[] = {
      g,                                // exponential-like: g' = g
      mul(g, sub(num(1), g)),           // sigmoid-like: g(1 - g)
      sub(num(1), pow(g, num(2))),      // tanh-like: 1 - g^2
      call(Op::Sigmoid, {var()}),       // softplus-like: sigma(z)
  };
  context.self = [&input, &context](double z) { return evaluate(input, z, context); };
  // An identity must not hold only at these parameter values (softplus' is sigma(z) at beta = 1
  // alone): check again with every parameter moved.
  EvalContext moved = context;
  for (auto& [id, value] : moved.params) value = value * 1.37 + 0.11;
  moved.self = [&input, &moved](double z) { return evaluate(input, z, moved); };
  for (const auto& c : candidates)
    if (!equal(c, derivative) && same_function(c, derivative, context) &&
        same_function(c, derivative, moved))
      return c;
  return nullptr;
}

void collect_params(const Expr& e, std::vector<bool>& used) {
  if (e->op == Op::Parameter)
    for (std::size_t i = 0; i < expression_params().size(); ++i)
      if (expression_params()[i].id == e->name) used[i] = true;
  for (const auto& a : e->args) collect_params(a, used);
}

EvalContext context_for(const ParamValues& given) {
  const auto values = resolve_params(expression_params(), "your expression", given);
  EvalContext context;
  for (std::size_t i = 0; i < values.size(); ++i)
    context.params.emplace_back(expression_params()[i].id, values[i]);
  return context;
}

std::vector<std::string> parameter_ids() {
  std::vector<std::string> ids;
  for (const auto& p : expression_params()) ids.push_back(p.id);
  return ids;
}

}  // namespace

std::string before_latex(const DerivationStep& step) {
  const std::string e = to_latex(step.before);
  return step.rewrite ? e : "\\frac{d}{dz}\\left[" + e + "\\right]";
}

const std::vector<Param>& expression_params() {
  static const std::vector<Param> params{
      {"alpha", "α", 0.1, -5.0, 5.0},
      {"beta", "β", 1.0, -5.0, 5.0},
  };
  return params;
}

namespace {

bool contains(const Expr& e, Op op) {
  if (e->op == op) return true;
  for (const auto& a : e->args)
    if (contains(a, op)) return true;
  return false;
}

// g(...) is only meaningful inside a walkthrough; in an expression it would refer to the input itself.
void reject_self(const Expr& input) {
  if (contains(input, Op::Self)) throw std::invalid_argument(kSelfMessage);
}

// The quantities whose sign decides which branch of abs, relu, max, min or piecewise applies.
void collect_switches(const Expr& e, std::vector<Expr>& out) {
  switch (e->op) {
    case Op::Abs: case Op::Relu: out.push_back(e->args[0]); break;
    case Op::Max: case Op::Min: case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq:
      out.push_back(sub(e->args[0], e->args[1]));
      break;
    default: break;
  }
  for (const auto& a : e->args) collect_switches(a, out);
}

// Kinks: zeros of the switch quantities (sign changes on a grid, refined by bisection) where the
// derivative's one-sided limits differ.
std::vector<KinkPoint> find_kinks(const Expr& input, const Expr& derivative, const EvalContext& context) {
  std::vector<Expr> switches;
  collect_switches(input, switches);
  std::vector<double> roots;
  constexpr int kGrid = 2000;
  for (const auto& s : switches) {
    if (!depends_on_z(s)) continue;
    const auto f = [&](double z) { return evaluate(s, z, context); };
    double a = -kKinkRange, fa = f(a);
    for (int i = 1; i <= kGrid; ++i) {
      const double b = -kKinkRange + 2 * kKinkRange * i / kGrid, fb = f(b);
      if (fa == 0) roots.push_back(a);
      else if (std::isfinite(fa) && std::isfinite(fb) && (fa < 0) != (fb < 0) && fb != 0) {
        double lo = a, hi = b, flo = fa;
        for (int k = 0; k < 60; ++k) {
          const double mid = 0.5 * (lo + hi), fm = f(mid);
          if (fm == 0) { lo = hi = mid; break; }
          if ((fm < 0) == (flo < 0)) lo = mid, flo = fm;
          else hi = mid;
        }
        roots.push_back(0.5 * (lo + hi));
      }
      a = b, fa = fb;
    }
    if (fa == 0) roots.push_back(a);
  }
  std::sort(roots.begin(), roots.end());
  std::vector<KinkPoint> kinks;
  for (double z : roots) {
    if (!kinks.empty() && std::fabs(z - kinks.back().z) < 1e-9 * std::fmax(1.0, std::fabs(z))) continue;
    const double h = 1e-7 * std::fmax(1.0, std::fabs(z));
    const double left = evaluate(derivative, z - h, context);
    const double right = evaluate(derivative, z + h, context);
    if (!std::isfinite(left) || !std::isfinite(right)) continue;
    if (std::fabs(left - right) <= 1e-5 * std::fmax(1.0, std::fmax(std::fabs(left), std::fabs(right))))
      continue;  // the slope is continuous here: no kink
    // A root found by bisection is within rounding of the true one: snap tiny values to 0.
    const double at = std::fabs(z) < 1e-12 ? 0.0 : z;
    kinks.push_back({at, left, right, evaluate(derivative, at, context)});
  }
  return kinks;
}

}  // namespace

Derivation derive(const Expr& input, const EvalContext& context) {
  reject_self(input);
  Derivation result;
  result.input = input;
  Differentiator differentiator;
  DerivationStep main = differentiator.d(input);
  const Expr raw = main.after;
  result.derivative = simplify(raw);

  DerivationStep root;
  root.rule = "derivative";
  root.before = input;
  root.note = "Each sub-step applies one rule; the result is checked against automatic "
              "differentiation.";
  root.children.push_back(std::move(main));
  if (!equal(raw, result.derivative)) {
    DerivationStep s;
    s.rule = "simplify";
    s.rewrite = true;
    s.before = raw;
    s.after = result.derivative;
    s.note = "Multiply out the constants and drop the terms that are 0 and the factors that are 1.";
    root.children.push_back(std::move(s));
  }
  result.g_form = find_g_form(input, result.derivative, context);
  if (result.g_form) {
    DerivationStep s;
    s.rule = result.g_form->op == Op::Sigmoid ? "recognise the sigmoid" : "in terms of g";
    s.rewrite = true;
    s.before = result.derivative;
    s.after = result.g_form;
    s.note = result.g_form->op == Op::Sigmoid
                 ? "This is the sigmoid $\\sigma(z) = \\frac{1}{1+e^{-z}}$ (checked numerically)."
                 : "Written with $g(z)$, the function's own value, the derivative is cheap to "
                   "compute once $g(z)$ is known (checked numerically).";
    root.children.push_back(std::move(s));
  }
  root.after = result.g_form ? result.g_form : result.derivative;
  // A root with one sub-step would only repeat it: the rule is then the root.
  result.steps = root.children.size() == 1 ? std::move(root.children[0]) : std::move(root);

  std::vector<bool> used(expression_params().size(), false);
  collect_params(input, used);
  for (std::size_t i = 0; i < used.size(); ++i)
    if (used[i]) result.params.push_back(expression_params()[i].id);

  for (double z : check_points()) {
    const double symbolic = evaluate(result.derivative, z, context);
    const double automatic = evaluate_dual(input, z, context).derivative;
    if (!std::isfinite(symbolic) || !std::isfinite(automatic)) {
      if (std::isfinite(symbolic) != std::isfinite(automatic)) result.max_rel_error = INFINITY;
      continue;
    }
    const double error = std::fabs(symbolic - automatic) / std::fmax(1.0, std::fabs(automatic));
    result.max_rel_error = std::fmax(result.max_rel_error, error);
    ++result.points;
  }
  result.kinks = find_kinks(input, result.derivative, context);
  return result;
}

Derivation derive(const std::string& text, const ParamValues& params) {
  const EvalContext context = context_for(params);
  return derive(parse(text, parameter_ids()), context);
}

Derivation derive(const Activation& activation) {
  std::vector<std::string> ids;
  EvalContext context;
  const auto values = resolve_params(activation, {});
  for (std::size_t i = 0; i < values.size(); ++i) {
    ids.push_back(activation.params[i].id);
    context.params.emplace_back(activation.params[i].id, values[i]);
  }
  return derive(parse(activation.derivation_input, ids), context);
}

std::vector<WalkthroughStep> walkthrough(const Activation& activation, const Derivation& d) {
  const auto prose = [&](const std::string& rule, const std::string& fallback) {
    for (const auto& p : activation.prose)
      if (p.rule == rule) return p.note;
    return fallback;
  };
  const auto title = [](std::string rule) {
    rule[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(rule[0])));
    return rule;
  };
  std::vector<WalkthroughStep> steps{{true, "Set up", d.input,
                                      "g'(z) = \\frac{d}{dz}\\left[" + to_latex(d.input) + "\\right]",
                                      prose("set up", "")}};
  std::vector<DerivationStep> top;
  if (d.steps.rule == "derivative") top = d.steps.children;
  else top.push_back(d.steps);
  for (const auto& s : top)
    steps.push_back({false, title(s.rule), s.after, "g'(z) = " + to_latex(s.after), prose(s.rule, s.note)});
  return steps;
}

namespace {

// value[i] = f(z[i]) and derivative[i] = df(z[i]), each compiled once.
void evaluate_pair(const Expr& f_expr, const Expr& df_expr, const EvalContext& context,
                   const double* z, std::size_t n, double* value, double* derivative) {
  const Program f(f_expr, context);
  const Program df(df_expr, context);
  std::vector<double> stack(std::max(f.stack_size(), df.stack_size()));
  for (std::size_t i = 0; i < n; ++i) {
    value[i] = f.run(z[i], stack.data());
    // Where f is undefined (log of a negative) so is f', even if the formula for f' is finite.
    derivative[i] = std::isnan(value[i]) ? value[i] : df.run(z[i], stack.data());
  }
}

}  // namespace

void evaluate_expression(const std::string& text, const ParamValues& params, const double* z,
                         std::size_t n, double* value, double* derivative) {
  const Expr input = parse(text, parameter_ids());
  reject_self(input);
  evaluate_pair(input, simplify(Differentiator().d(input).after), context_for(params), z, n, value,
                derivative);
}

void evaluate_derivation(const Derivation& derivation, const ParamValues& params, const double* z,
                         std::size_t n, double* value, double* derivative) {
  evaluate_pair(derivation.input, derivation.derivative, context_for(params), z, n, value,
                derivative);
}

Dual evaluate_dual(const Expr& e, double z, const EvalContext& context) {
  const auto& a = e->args;
  const auto arg = [&](std::size_t i) { return evaluate_dual(a[i], z, context); };
  switch (e->op) {
    case Op::Number: case Op::Parameter: case Op::Constant:
      return {evaluate(e, z, context), 0};
    case Op::Variable: return {z, 1};
    case Op::Neg: { const Dual x = arg(0); return {-x.value, -x.derivative}; }
    case Op::Add: { const Dual x = arg(0), y = arg(1); return {x.value + y.value, x.derivative + y.derivative}; }
    case Op::Sub: { const Dual x = arg(0), y = arg(1); return {x.value - y.value, x.derivative - y.derivative}; }
    case Op::Mul: {
      const Dual x = arg(0), y = arg(1);
      return {x.value * y.value, x.derivative * y.value + x.value * y.derivative};
    }
    case Op::Div: {
      const Dual x = arg(0), y = arg(1);
      return {x.value / y.value, (x.derivative * y.value - x.value * y.derivative) / (y.value * y.value)};
    }
    case Op::Pow: {
      const Dual x = arg(0), y = arg(1);
      if (a[0]->op == Op::Constant && a[0]->name == "e") {
        const double v = std::exp(y.value);
        return {v, v * y.derivative};
      }
      const double v = std::pow(x.value, y.value);
      if (y.derivative == 0)  // constant exponent: valid for negative bases too
        return {v, y.value * std::pow(x.value, y.value - 1) * x.derivative};
      return {v, v * (y.derivative * std::log(x.value) + y.value * x.derivative / x.value)};
    }
    case Op::Exp: { const Dual x = arg(0); const double v = std::exp(x.value); return {v, v * x.derivative}; }
    case Op::Log: { const Dual x = arg(0); return {std::log(x.value), x.derivative / x.value}; }
    case Op::Sqrt: {
      const Dual x = arg(0);
      const double v = std::sqrt(x.value);
      return {v, x.derivative / (2 * v)};
    }
    case Op::Abs: {
      const Dual x = arg(0);
      const double sign = x.value > 0 ? 1.0 : x.value < 0 ? -1.0 : 0.0;
      return {std::fabs(x.value), sign * x.derivative};
    }
    case Op::Tanh: { const Dual x = arg(0); return {std::tanh(x.value), tanh_derivative(x.value) * x.derivative}; }
    case Op::Sinh: { const Dual x = arg(0); return {std::sinh(x.value), std::cosh(x.value) * x.derivative}; }
    case Op::Cosh: { const Dual x = arg(0); return {std::cosh(x.value), std::sinh(x.value) * x.derivative}; }
    case Op::Sigmoid: { const Dual x = arg(0); return {sigmoid(x.value), sigmoid_derivative(x.value) * x.derivative}; }
    case Op::Softplus: { const Dual x = arg(0); return {softplus(x.value), sigmoid(x.value) * x.derivative}; }
    case Op::Relu: { const Dual x = arg(0); return {relu(x.value), relu_derivative(x.value) * x.derivative}; }
    case Op::Erf: {
      const Dual x = arg(0);
      return {std::erf(x.value), 2 / std::sqrt(M_PI) * std::exp(-x.value * x.value) * x.derivative};
    }
    case Op::Self: return {std::nan(""), std::nan("")};
    case Op::Max: case Op::Min: {
      const Dual x = arg(0), y = arg(1);
      if (std::isnan(x.value) || std::isnan(y.value)) return {std::nan(""), std::nan("")};
      const bool first = e->op == Op::Max ? x.value >= y.value : x.value <= y.value;
      return first ? x : y;
    }
    case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq:
      return {evaluate(e, z, context), 0};
    case Op::Piecewise:
      for (std::size_t i = 0; i + 1 < a.size(); i += 2)
        if (evaluate(a[i], z, context) != 0) return arg(i + 1);
      return {std::nan(""), std::nan("")};
  }
  return {std::nan(""), std::nan("")};
}

}  // namespace actderiv
