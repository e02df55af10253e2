// Checking a student's derivative (answer.h): proof by canonical form, else careful evaluation at
// points on both sides of every kink and in the tails; then the classic mistakes, built from the
// derivation itself, matched the same way.
#include "actderiv/calculus/answer.h"

#include <cmath>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "actderiv/calculus/accuracy.h"
#include "actderiv/calculus/stable.h"
#include "actderiv/expr/canonical.h"
#include "actderiv/expr/functions.h"
#include "actderiv/text/content.h"
#include "calculus/checks.h"

namespace actderiv {

namespace {

constexpr const char* kMistakesContent = "mistakes.md";

// e with every leaf for which `is_it` holds replaced by `by`.
template <class Test>
Expr replace_leaves(const Expr& e, const Test& is_it, const Expr& by) {
  if (e->args.empty()) return is_it(e) ? by : e;
  std::vector<Expr> args;
  for (const auto& a : e->args) args.push_back(replace_leaves(a, is_it, by));
  return rebuild(e, std::move(args));
}

// e with the variable z replaced by `by`.
Expr substitute(const Expr& e, const Expr& by) {
  return replace_leaves(e, [](const Expr& leaf) { return leaf->op == Op::Variable; }, by);
}

// e with the parameter `id` replaced by `by`.
Expr substitute_parameter(const Expr& e, const std::string& id, const Expr& by) {
  return replace_leaves(e, [&id](const Expr& leaf) { return leaf->op == Op::Parameter && leaf->name == id; }, by);
}

// e with every g(u) written out as the derivation's input at u.
Expr expand_self(const Expr& e, const Expr& input) {
  if (e->args.empty()) return e;
  std::vector<Expr> args;
  for (const auto& a : e->args) args.push_back(expand_self(a, input));
  if (e->op == Op::Self) {
    // g(g(z)) would write the input into itself once per level: not a derivative anyone writes.
    if (any_node(e->args[0], [](const Expr& n) { return n->op == Op::Self; })) throw std::invalid_argument("g(...) inside g(...) is not an answer this checks");
    return substitute(input, args[0]);
  }
  return rebuild(e, std::move(args));
}

// The points compared: the engine's check points (|z| <= 8), the tails, and both sides of each kink,
// near and further off.
std::vector<double> sample_points(const Derivation& d) {
  std::vector<double> z = check_points();
  for (double t : {12.0, 20.0, 30.0, 40.0, 100.0, 300.0, 700.0, 1000.0, 1e-8, 1e-300}) {
    z.push_back(t);
    z.push_back(-t);
  }
  for (const auto& k : d.kinks)
    for (double offset : {1e-7, 1e-3, 0.1}) {
      const double h = offset * std::fmax(1.0, std::fabs(k.z));
      z.push_back(k.z - h);
      z.push_back(k.z + h);
    }
  return z;
}

// Do the two forms differ at z? Where the derivative is undefined there is nothing to compare; a
// difference counts when it exceeds 1e-8 of the largest term either form sums (its value times its
// condition number), so a right answer written in a form that cancels is not called wrong.
bool differ(const Expr& expected, const Expr& got, double z, const EvalContext& context,
            Counterexample& at) {
  double ke = 1, kg = 1;
  at = {z, evaluate_conditioned(expected, z, context, &ke), evaluate_conditioned(got, z, context, &kg)};
  if (std::isnan(at.expected)) return false;
  // Beyond the check points, an answer that overflows on the way (e^-z g(z)^2 at z = -1000 is
  // inf times 0) cannot be evaluated in doubles there: that says nothing about whether it is right.
  if (std::fabs(z) > 8 && std::isfinite(at.expected) && !std::isfinite(at.got)) return false;
  if (!std::isfinite(at.expected) || !std::isfinite(at.got)) return at.expected != at.got;
  return !close_to_terms(at.expected, ke, at.got, kg, 1e-8);
}

// How plainly a point shows a difference: its size against the derivative's scale (at least 1), so
// that a student is shown z = 1, where g(1 + g) is 0.73 too large, rather than z = -7.9, where the
// two differ in the fourth digit of 3.6e-4. A value that is not finite on one side only ranks below
// every finite difference: a number is easier to read off than "not a number".
double plainness(const Counterexample& c) {
  if (!std::isfinite(c.expected) || !std::isfinite(c.got)) return -1;
  return std::fabs(c.got - c.expected) / std::fmax(1.0, std::fabs(c.expected));
}

// The point where `got` differs most plainly from the derivation's stable derivative, or nothing:
// among the check points (|z| <= 8, where the plot is read) if it differs there, else in the tails;
// at a kink, `got` may take either one-sided slope, or be undefined.
std::optional<Counterexample> plainest_difference(const Derivation& d, const Expr& got,
                                                  const std::vector<double>& points, const EvalContext& context) {
  Counterexample at{};
  std::optional<Counterexample> near, far;
  for (double z : points) {
    if (!differ(d.stable_derivative, got, z, context, at)) continue;
    auto& plainest = std::fabs(z) <= 8 ? near : far;
    if (!plainest || plainness(at) > plainness(*plainest)) plainest = at;
  }
  if (near) {
    // A round z the reader can find on the plot, when the two differ there nearly as plainly
    // (at least a quarter of the plainest gap): 1, -1, 2, -2, ... and as far from each kink.
    std::vector<double> round;
    for (const auto& k : d.kinks)
      for (double step : {1.0, 2.0}) round.insert(round.end(), {k.z + step, k.z - step});
    round.insert(round.end(), {1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0, 4.0, -4.0, 0.0});
    const double plainest = plainness(*near);
    for (double z : round)
      if (std::fabs(z) <= 8 && differ(d.stable_derivative, got, z, context, at) && plainness(at) >= 0.25 * plainest)
        return at;
    return near;
  }
  if (far) return far;
  for (const auto& k : d.kinks) {
    const double value = evaluate_conditioned(got, k.z, context);
    const auto near = [value](double slope) { return std::fabs(value - slope) <= 1e-8 * std::fmax(1.0, std::fabs(slope)); };
    // Undefined there (z/|z| at 0) is right too: the derivative does not exist at a kink.
    if (!std::isnan(value) && !near(k.left) && !near(k.right)) return Counterexample{k.z, k.value, value};
  }
  return std::nullopt;
}

// The first step of the derivation (its tree, depth first) whose rule starts with `prefix`, or null.
const DerivationStep* find_step(const DerivationStep& step, const std::string& prefix) {
  if (step.rule.compare(0, prefix.size(), prefix) == 0) return &step;
  for (const auto& c : step.children)
    if (const DerivationStep* found = find_step(c, prefix)) return found;
  return nullptr;
}

// A wrong answer built from the derivation: its id (a section of mistakes.md), its form, and the
// rule of the step that shows what it gets wrong ("" for none in particular).
struct Candidate {
  const char* id;
  Expr form;
  std::vector<const char*> steps;  // rule prefixes, the first found naming the step
};

// f'(u) without u' when the input is c f(u) or c u^n for an inner u other than z, else null.
Expr outer_only(const Expr& input) {
  Expr factor = num(1), e = input;
  while (e->op == Op::Mul && !depends_on_z(e->args[0])) {
    factor = mul(factor, e->args[0]);
    e = e->args[1];
  }
  if (e->op == Op::Call && e->function->arity == 1 && e->function->derivative && e->args[0]->op != Op::Variable)
    return mul(factor, e->function->derivative(e->args[0]));
  if (e->op == Op::Pow && !depends_on_z(e->args[1]) && e->args[0]->op != Op::Variable && depends_on_z(e->args[0]))
    return mul(factor, mul(e->args[1], pow(e->args[0], sub(e->args[1], num(1)))));
  return nullptr;
}

// Is f' constant on each side of its one kink (ReLU, Leaky ReLU, the hard functions' corners)?
bool constant_each_side(const Derivation& d, const EvalContext& context) {
  const double k = d.kinks[0].z;
  for (const double side : {-1.0, 1.0}) {
    const double first = evaluate(d.derivative, k + side * 0.25, context);
    for (double h : {0.5, 1.0, 3.0, 7.0})
      if (evaluate(d.derivative, k + side * h, context) != first) return false;
  }
  return true;
}

// The rules that pick a branch, where a kink's slopes are decided.
const std::vector<const char*> kCornerRules = {"maximum rule", "minimum rule", "ReLU rule", "piecewise rule",
                                               "absolute-value rule"};

std::vector<Candidate> candidates(const Derivation& d, const EvalContext& context) {
  std::vector<Candidate> out;
  out.push_back({"the derivative's sign lost", neg(d.derivative), {}});
  out.push_back({"the function for its derivative", d.input, {"derivative"}});
  const Expr g = make(Op::Self, {var()});
  if (d.g_form && equal(d.g_form, mul(g, sub(num(1), g))))
    out.push_back({"g(1 + g) for g(1 - g)", expand_self(mul(g, add(num(1), g)), d.input), {"in terms of g"}});
  if (d.g_form && equal(d.g_form, sub(num(1), pow(g, num(2)))))
    out.push_back({"1 - g for 1 - g squared", expand_self(sub(num(1), g), d.input), {"in terms of g"}});
  if (const Expr outer = outer_only(d.input)) out.push_back({"the chain rule's inner derivative dropped", outer, {"chain rule"}});
  for (const auto& param : expression_params()) {
    const std::string& id = param.id;
    if (any_node(d.input, [&id](const Expr& n) { return n->op == Op::Parameter && n->name == id; }))
      out.push_back({"a parameter forgotten", substitute_parameter(d.derivative, id, num(0)), kCornerRules});
  }
  if (d.kinks.size() == 1 && constant_each_side(d, context))
    out.push_back({"the slopes of the two sides swapped",
                   substitute(d.derivative, sub(num(2 * d.kinks[0].z), var())), kCornerRules});
  return out;
}

// The sentence of mistake `id`, naming the step that shows it where the derivation has one.
std::string mistake_message(const std::string& id, const Derivation& d, const std::vector<const char*>& steps) {
  const DerivationStep* step = nullptr;
  for (const char* prefix : steps)
    if (!step) step = find_step(d.steps, prefix);
  const std::string where = step ? "the step \"" + step->rule + "\" shows it" : "the derivation shows the right form";
  return section_prose(content_file(kMistakesContent), id, [&](const Slot& slot) -> std::string {
    if (slot.name == "where") return where;
    throw ContentError(std::string(kMistakesContent) + ": the slot {{" + slot.name + "}} is not filled here");
  });
}

// `answer` parsed, and with g written out (capped in size).
std::pair<Expr, Expr> read_answer(const Derivation& derivation, const std::string& answer,
                                  const std::vector<std::string>& parameter_ids) {
  Expr read = parse(answer, parameter_ids);
  Expr expanded = expand_self(read, derivation.input);
  if (size(expanded) > kMaxDerivativeSize) throw std::length_error("the answer is too large once g is written out");
  return {std::move(read), std::move(expanded)};
}

}  // namespace

std::vector<double> evaluate_answer(const Derivation& derivation, const std::string& answer,
                                    const std::vector<std::string>& parameter_ids, const EvalContext& context,
                                    const double* z, std::size_t n) {
  const Expr stable = stabilise(read_answer(derivation, answer, parameter_ids).second, context).form;
  std::vector<double> values(n);
  for (std::size_t i = 0; i < n; ++i) values[i] = evaluate_conditioned(stable, z[i], context);
  return values;
}

AnswerCheck check_answer(const Derivation& derivation, const std::string& answer,
                         const std::vector<std::string>& parameter_ids, const EvalContext& context) {
  AnswerCheck result;
  Expr expanded;
  std::tie(result.answer, expanded) = read_answer(derivation, answer, parameter_ids);
  if (same_canonical(expanded, derivation.derivative)) {
    result.equivalent = result.proved = true;
    return result;
  }
  const std::vector<double> points = sample_points(derivation);
  result.counterexample = plainest_difference(derivation, stabilise(expanded, context).form, points, context);
  result.equivalent = !result.counterexample;
  if (result.equivalent) return result;
  // The answer matches a classic mistake when it agrees with it at the points |z| <= 8 and around
  // the kinks (the tails would only repeat what they show).
  // The answer's values there, with their condition numbers, computed once for every candidate.
  struct Value {
    double z, value, condition;
  };
  std::vector<Value> near;
  for (double z : points)
    if (std::fabs(z) <= 8) {
      double condition = 1;
      const double value = evaluate_conditioned(expanded, z, context, &condition);
      near.push_back({z, value, condition});
    }
  for (const auto& c : candidates(derivation, context)) {
    const Expr wrong = stabilise(c.form, context).form;
    bool same = true;
    for (const Value& a : near) {
      double kw = 1;
      const double w = evaluate_conditioned(wrong, a.z, context, &kw);
      if (std::isnan(w) && std::isnan(a.value)) continue;
      // Not finite on one side or both (inf against inf included): not the same there.
      if (!std::isfinite(w) || !std::isfinite(a.value) || !close_to_terms(w, kw, a.value, a.condition, 1e-8)) {
        same = false;
        break;
      }
    }
    if (same) {
      result.mistake = Mistake{c.id, mistake_message(c.id, derivation, c.steps)};
      break;
    }
  }
  return result;
}

}  // namespace actderiv
