// The built-ins through the derivation engine, with what is worth keeping kept.
#include "actderiv/catalogue/engine.h"

#include <map>
#include <mutex>
#include <string>

#include "calculus/typed.h"
#include "text/format.h"

namespace actderiv {

namespace {

// What a derivation depends on: the input and the parameters with their defaults (a copy of a
// built-in with another default is another derivation).
std::string derivation_key(const Activation& activation) {
  std::string key = activation.derivation_input;
  for (const Param& p : activation.params) key += "|" + p.id + "=" + format::number_text(p.default_value);
  return key;
}

EvalContext context_of(const Activation& activation, const std::vector<double>& values) {
  EvalContext context;
  for (std::size_t i = 0; i < activation.params.size() && i < values.size(); ++i)
    context.params.emplace_back(activation.params[i].id, values[i]);
  return context;
}

}  // namespace

const Derivation& derive(const Activation& activation) {
  static std::mutex mutex;
  static std::map<std::string, Derivation> derived;
  const std::string key = derivation_key(activation);
  {
    std::lock_guard<std::mutex> lock(mutex);
    const auto found = derived.find(key);
    if (found != derived.end()) return found->second;
  }
  std::vector<std::string> ids;
  for (const Param& p : activation.params) ids.push_back(p.id);
  Derivation d = derive(parse(activation.derivation_input, ids), context_of(activation, resolve_params(activation, {})));
  std::lock_guard<std::mutex> lock(mutex);
  return derived.emplace(key, std::move(d)).first->second;  // a racing thread's copy is kept instead
}

std::vector<KinkPoint> kinks(const Activation& activation, const std::vector<double>& params) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<std::vector<double>, std::vector<KinkPoint>>> last;
  const std::string key = derivation_key(activation);
  {
    std::lock_guard<std::mutex> lock(mutex);
    const auto found = last.find(key);
    if (found != last.end() && found->second.first == params) return found->second.second;
  }
  const Derivation& d = derive(activation);
  std::vector<KinkPoint> found = find_kinks(d.input, d.derivative, context_of(activation, params));
  std::lock_guard<std::mutex> lock(mutex);
  last[key] = {params, found};
  return found;
}

SlopeView slope_view(const Activation& activation, const std::vector<double>& params, double z0,
                     double h, double snap, const double* z, std::size_t n) {
  const SlopeEvaluator evaluator = [&](const double* at, std::size_t m, double* value, double* derivative) {
    evaluate(activation, params, at, m, value, derivative);
  };
  return slope_view(evaluator, kinks(activation, params), z0, h, snap, z, n);
}

namespace {

// Calls f(derivation, parameter ids, context) for the practice target `target`: an activation id,
// with its kinks at `params`, or else a typed expression.
template <class F>
auto with_target(const std::string& target, const ParamValues& params, const F& f) {
  for (const Activation& a : activations()) {
    if (a.id != target) continue;
    const std::vector<double> values = resolve_params(a, params);
    Derivation d = derive(a);
    d.kinks = kinks(a, values);
    std::vector<std::string> ids;
    for (const auto& p : a.params) ids.push_back(p.id);
    return f(d, ids, context_of(a, values));
  }
  return f(derive(target, params), expression_parameter_ids(), expression_context(params));
}

}  // namespace

AnswerCheck check_derivative(const std::string& target, const std::string& answer, const ParamValues& params) {
  return with_target(target, params, [&](const Derivation& d, const std::vector<std::string>& ids, const EvalContext& context) {
    return check_answer(d, answer, ids, context);
  });
}

std::vector<double> evaluate_answer(const std::string& target, const std::string& answer, const ParamValues& params,
                                    const double* z, std::size_t n) {
  return with_target(target, params, [&](const Derivation& d, const std::vector<std::string>& ids, const EvalContext& context) {
    return evaluate_answer(d, answer, ids, context, z, n);
  });
}

}  // namespace actderiv
