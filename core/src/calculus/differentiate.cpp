// All derivative rules, one case per node type, each recording the step it took.
#include "calculus/differentiate.h"

#include <stdexcept>

#include "calculus/indices.h"

#include "actderiv/calculus/notes.h"
#include "actderiv/expr/canonical.h"
#include "actderiv/expr/functions.h"
#include "actderiv/expr/written.h"

namespace actderiv {

const char* const kSelfMessage = "g(...) names a walkthrough's own function; write the expression itself";

namespace {

namespace w = written;

std::string tex(const Expr& e) { return to_latex(e); }

// " " + the note of f's rule, if rules.md has one.
std::string extra_note(const Function& f) {
  const std::string text = function_note(f);
  return text.empty() ? "" : " " + text;
}

class Differentiator {
 public:
  explicit Differentiator(std::string by) : by_(std::move(by)) {}

  DerivationStep d(const Expr& e) {
    DerivationStep step = rule(e);
    step.before = e;
    step.variable = by_;
    spent_ += size_capped(step.after, kMaxStepsSize);
    if (spent_ > kMaxStepsSize || size_capped(step.after, kMaxDerivativeSize) > kMaxDerivativeSize)
      throw std::length_error("the derivative grows too large to show (more than " +
                              std::to_string(kMaxDerivativeSize) +
                              " terms); try a shorter expression");
    return step;
  }

 private:
  // Is e the variable differentiated by: z, or z_j among indexed ones?
  bool is_z(const Expr& e) const { return e->op == Op::Variable && (by_.empty() || e->name == by_); }

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
      return leaf("constant rule", num(0), note("constant rule"));
    switch (e->op) {
      case Op::Number: case Op::Parameter: case Op::Constant:
        break;  // no z in them: the constant rule above
      case Op::Variable:
        if (is_z(e)) return leaf("variable", num(1), note("variable"));
        return index_rule(e);
      case Op::Neg: {
        DerivationStep s;
        s.rule = "constant multiple";
        s.children.push_back(d(a[0]));
        s.after = w::neg(s.children[0].after);
        s.note = note("constant multiple: minus sign");
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
        s.note = note(s.rule);
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
      case Op::IndexSum: return index_sum_rule(e);
    }
    throw std::logic_error("unknown node");
  }

  // f(u): the rule itself when u = z, else the chain rule with u's derivation as a sub-step.
  DerivationStep function(const Function& f, const Expr& u) {
    const Expr outer = f.derivative(u);
    if (is_z(u)) return leaf(f.rule, outer, rule_note(f) + extra_note(f));
    const Expr symbol = var("u");
    DerivationStep s;
    s.rule = "chain rule";
    s.children.push_back(d(u));
    s.after = chain(outer, s.children[0].after);
    s.note = note("chain rule: function",
                  {{"outer", tex(call(f, {symbol}))}, {"derivative", tex(f.derivative(symbol))}, {"u", tex(u)}}) +
             extra_note(f);
    return s;
  }

  static std::string rule_note(const Function& f) {
    const Expr z = var();
    return note("rule of a function", {{"f", tex(call(f, {z}))}, {"derivative", tex(f.derivative(z))}});
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
      s.note = note("constant multiple: factor", {{"c", tex(c)}});
      return s;
    }
    s.rule = "product rule";
    s.children.push_back(d(u));
    s.children.push_back(d(v));
    s.after = w::add(w::mul(s.children[0].after, v), w::mul(u, s.children[1].after));
    s.note = note("product rule", {{"u", tex(u)}, {"v", tex(v)}});
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
      s.note = note("constant multiple: divisor", {{"v", tex(v)}});
      return s;
    }
    if (!depends_on_z(u)) {
      s.rule = "reciprocal rule";
      s.children.push_back(d(v));
      s.after = w::neg(w::div(w::mul(u, s.children[0].after), w::pow(v, num(2))));
      s.note = note("reciprocal rule", {{"v", tex(v)}});
      return s;
    }
    s.rule = "quotient rule";
    s.children.push_back(d(u));
    s.children.push_back(d(v));
    s.after = w::div(w::sub(w::mul(s.children[0].after, v), w::mul(u, s.children[1].after)), w::pow(v, num(2)));
    s.note = note("quotient rule", {{"u", tex(u)}, {"v", tex(v)}});
    return s;
  }

  DerivationStep power(const Expr& e) {
    const Expr& u = e->args[0];
    // -1 as written parses as -(1) and 1/2 as a quotient: read them as the numbers -1 and 1/2, so n - 1
    // is -2 and -1/2.
    const Expr n = canonical(e->args[1], Simplification::Numbers);
    DerivationStep s;
    if (!depends_on_z(n)) {
      const Expr outer_derivative = w::mul(n, w::pow(u, w::sub(n, num(1))));
      if (is_z(u)) {
        return leaf("power rule", outer_derivative, note("power rule", {{"n", tex(n)}}));
      }
      s.rule = "chain rule";
      s.children.push_back(d(u));
      s.after = chain(outer_derivative, s.children[0].after);
      s.note = note("chain rule: power", {{"n", tex(n)}, {"u", tex(u)}});
      return s;
    }
    if (u->op == Op::Constant && u->name == "e") {
      if (is_z(n)) return leaf("exponential rule", e, note("exponential rule: e^z"));
      s.rule = "chain rule";
      s.children.push_back(d(n));
      s.after = chain(e, s.children[0].after);
      s.note = note("chain rule: e^u", {{"u", tex(n)}});
      return s;
    }
    if (!depends_on_z(u)) {
      s.rule = "exponential rule";
      s.children.push_back(d(n));
      s.after = w::mul(w::mul(e, call("log", u)), s.children[0].after);
      s.note = note("exponential rule: a^u", {{"a", tex(u)}});
      return s;
    }
    s.rule = "general power rule";
    s.children.push_back(d(u));
    s.children.push_back(d(n));
    s.after = w::mul(e, w::add(w::mul(s.children[1].after, call("log", u)),
                         w::div(w::mul(n, s.children[0].after), u)));
    s.note = note("general power rule");
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
    s.note = function_note(f, {{"a", tex(a)}, {"b", tex(b)}});
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
    s.note = note("piecewise rule");
    return s;
  }

  // d z_i / d z_j = delta_ij, for an indexed variable other than the one differentiated by.
  DerivationStep index_rule(const Expr& e) const {
    const std::string i = index_of(e), j = index_of(var(by_));
    if (i.size() != 1 || j.size() != 1)
      throw std::logic_error("the index rule needs indexed variables, not " + e->name + " and " + by_);
    const Expr result = delta(i, j);
    return leaf("index rule", result, note("index rule", {{"u", tex(e)}, {"v", tex(var(by_))}, {"delta", tex(result)}}));
  }

  // d/dz_j sum_k u = sum_k du/dz_j, then collapsed where a delta picks out one term.
  DerivationStep index_sum_rule(const Expr& e) {
    if (by_.empty()) throw std::invalid_argument("a sum over an index needs an indexed variable to differentiate by");
    DerivationStep s;
    s.rule = "sum over an index";
    s.children.push_back(d(e->args[0]));
    s.after = index_sum(e->name, s.children[0].after);
    s.note = note("sum over an index", {{"k", e->name}});
    for (auto& rewrite : collapse_sum(s.after, index_of(var(by_)).at(0))) {
      s.after = rewrite.after;
      s.children.push_back(std::move(rewrite));
    }
    return s;
  }

  std::string by_;
  std::size_t spent_ = 0;
};


}  // namespace

DerivationStep differentiate(const Expr& e, const std::string& by) { return Differentiator(by).d(e); }

// The "simplify" step: every stage of the canonical form that visibly changed the derivative is a
// sub-step, with the stage's reason. The whole canonical form is computed once, and says which
// stages changed something; only the forms between those stages are computed again.
DerivationStep simplification(const Expr& raw) {
  DerivationStep s;
  s.rule = "simplify";
  s.rewrite = true;
  s.before = raw;
  s.note = note("simplify");
  unsigned applied = 0;
  const Expr result = canonical(raw, Simplification::Factoring, &applied);
  s.after = result;
  if (same_as_printed(result, raw)) return s;
  // Putting terms and factors in order is part of every stage; alone, it is the first.
  if (applied == 0) applied = 1u;
  std::size_t last = 0;
  for (std::size_t i = 0; i < kSimplifications; ++i)
    if (applied & (1u << i)) last = i;
  Expr current = raw;
  for (std::size_t i = 0; i <= last; ++i) {
    if (!(applied & (1u << i))) continue;
    const auto stage = static_cast<Simplification>(i);
    Expr next = i == last ? result : canonical(current, stage);
    // A change the reader cannot see (the number -1 for the sign and 1) is not a step.
    if (same_as_printed(next, current)) {
      current = std::move(next);
      continue;
    }
    DerivationStep c;
    c.rule = simplification_rule(stage);
    c.rewrite = true;
    c.before = current;
    c.after = next;
    c.note = note(c.rule);
    s.children.push_back(std::move(c));
    current = std::move(next);
  }
  return s;
}


}  // namespace actderiv
