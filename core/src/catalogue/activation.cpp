#include "actderiv/catalogue/activation.h"

#include <stdexcept>

#include "actderiv/expr/expr.h"
#include "text/format.h"

namespace actderiv {

namespace {

std::vector<std::string> param_ids(const Activation& activation) {
  std::vector<std::string> ids;
  for (const auto& p : activation.params) ids.push_back(p.id);
  return ids;
}

std::string latex_of(const Activation& activation, const std::string& text) {
  return to_latex(parse(text, param_ids(activation)));
}

}  // namespace

const Activation& find_activation(const std::string& id) {
  for (const auto& a : activations())
    if (a.id == id) return a;
  std::vector<std::string> known;
  for (const auto& a : activations()) known.push_back(a.id);
  throw std::invalid_argument(format::unknown_id("activation", id, known));
}

std::vector<double> resolve_params(const Activation& activation, const ParamValues& given) {
  return resolve_params(activation.params, activation.id, given);
}

void evaluate(const Activation& activation, const std::vector<double>& params, const double* z,
              std::size_t n, double* value, double* derivative) {
  const double* p = params.data();
  if (activation.batch) {
    activation.batch(z, n, p, value, derivative);
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    value[i] = activation.value(z[i], p);
    derivative[i] = activation.derivative(z[i], p);
  }
}

std::string definition_latex(const Activation& activation) {
  return latex_of(activation, activation.definition);
}

}  // namespace actderiv
