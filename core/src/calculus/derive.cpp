// derive(): differentiate, simplify, rewrite in terms of g, check against AD, find the kinks.
#include "actderiv/calculus/derive.h"

#include <cmath>
#include <stdexcept>

#include "actderiv/calculus/dual.h"
#include "actderiv/calculus/notes.h"
#include "actderiv/calculus/stable.h"
#include "actderiv/expr/canonical.h"
#include "actderiv/expr/functions.h"
#include "calculus/checks.h"
#include "calculus/differentiate.h"
#include "calculus/typed.h"

namespace actderiv {

namespace {

void collect_params(const Expr& e, std::vector<bool>& used) {
  if (e->op == Op::Parameter)
    for (std::size_t i = 0; i < expression_params().size(); ++i)
      if (expression_params()[i].id == e->name) used[i] = true;
  for (const auto& a : e->args) collect_params(a, used);
}

}  // namespace

EvalContext expression_context(const ParamValues& given) {
  const auto values = resolve_params(expression_params(), "your expression", given);
  EvalContext context;
  for (std::size_t i = 0; i < values.size(); ++i)
    context.params.emplace_back(expression_params()[i].id, values[i]);
  return context;
}

std::vector<std::string> expression_parameter_ids() {
  std::vector<std::string> ids;
  for (const auto& p : expression_params()) ids.push_back(p.id);
  return ids;
}

// g(...) is only meaningful inside a walkthrough; in an expression it would refer to the input itself.
void reject_self(const Expr& input) {
  if (any_node(input, [](const Expr& n) { return n->op == Op::Self; })) throw std::invalid_argument(kSelfMessage);
}

std::string before_latex(const DerivationStep& step) {
  const std::string e = to_latex(step.before);
  if (step.rewrite) return e;
  const std::string by = step.variable.empty() ? "\\frac{d}{dz}" : "\\frac{\\partial}{\\partial " + to_latex(var(step.variable)) + "}";
  return by + "\\left[" + e + "\\right]";
}

const std::vector<Param>& expression_params() {
  static const std::vector<Param> params{
      {"alpha", "α", 0.1, -5.0, 5.0},
      {"beta", "β", 1.0, -5.0, 5.0},
      // A target, as a loss after an activation has one: -y log(sigmoid(z)) - (1 - y) log(1 - sigmoid(z)).
      {"y", "target y", 1.0, 0.0, 1.0},
  };
  return params;
}

Derivation derive(const Expr& input, const EvalContext& context) {
  reject_self(input);
  Derivation result;
  result.input = input;
  DerivationStep main = differentiate(input);
  const Expr raw = main.after;
  DerivationStep simplified = simplification(raw);
  result.derivative = simplified.after;

  DerivationStep root;
  root.rule = "derivative";
  root.before = input;
  root.note = note("derivative");
  root.children.push_back(std::move(main));
  if (!simplified.children.empty()) root.children.push_back(std::move(simplified));
  result.g_form = find_g_form(input, result.derivative, context);
  if (result.g_form) {
    DerivationStep s;
    s.rule = is_call(result.g_form, "sigmoid") ? "recognise the sigmoid" : "in terms of g";
    s.rewrite = true;
    s.before = result.derivative;
    s.after = result.g_form;
    s.note = note(s.rule);
    root.children.push_back(std::move(s));
  }
  root.after = result.g_form ? result.g_form : result.derivative;
  // A root with one sub-step would only repeat it: the rule is then the root.
  result.steps = root.children.size() == 1 ? std::move(root.children[0]) : std::move(root);

  std::vector<bool> used(expression_params().size(), false);
  collect_params(input, used);
  for (std::size_t i = 0; i < used.size(); ++i)
    if (used[i]) result.params.push_back(expression_params()[i].id);

  Stabilised stable_input = stabilise(input, context);
  Stabilised stable_derivative = stabilise(result.derivative, context);
  result.stable_input = stable_input.form;
  result.stable_derivative = stable_derivative.form;
  result.input_rewrites = std::move(stable_input.rewrites);
  result.derivative_rewrites = std::move(stable_derivative.rewrites);

  // Both sides careful, so that the check does not compare a rounding with itself.
  for (double z : check_points()) {
    const double symbolic = evaluate(result.stable_derivative, z, context);
    const double automatic = evaluate_dual(result.stable_input, z, context).derivative;
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
  const EvalContext context = expression_context(params);
  return derive(parse(text, expression_parameter_ids()), context);
}

}  // namespace actderiv
