#include "actderiv/catalogue/activation.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "actderiv/expr/expr.h"

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

// %.17g, not an ostringstream: iostreams would pull libc++'s locale machinery (about 200 KB) into
// the WebAssembly module.
std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace

const Activation& find_activation(const std::string& id) {
  for (const auto& a : activations())
    if (a.id == id) return a;
  std::string known;
  for (const auto& a : activations()) known += (known.empty() ? "" : ", ") + a.id;
  throw std::invalid_argument("unknown activation '" + id + "' (known: " + known + ")");
}

std::vector<double> resolve_params(const Activation& activation, const ParamValues& given) {
  return resolve_params(activation.params, activation.id, given);
}

std::vector<double> resolve_params(const std::vector<Param>& params, const std::string& owner,
                                   const ParamValues& given) {
  std::vector<double> values;
  for (const auto& p : params) values.push_back(p.default_value);
  for (const auto& [id, value] : given) {
    std::size_t i = 0;
    while (i < params.size() && params[i].id != id) ++i;
    if (i == params.size()) {
      std::string known;
      for (const auto& p : params) known += (known.empty() ? "" : ", ") + p.id;
      throw std::invalid_argument("unknown parameter '" + id + "' for " + owner +
                                  (known.empty() ? " (it takes none)" : " (it takes: " + known + ")"));
    }
    const Param& p = params[i];
    if (!std::isfinite(value))
      throw std::invalid_argument("parameter '" + id + "' of " + owner +
                                  " must be a finite number, not " + number_text(value));
    if (value < p.min || value > p.max)
      throw std::invalid_argument("parameter '" + id + "' of " + owner + " must be in [" +
                                  number_text(p.min) + ", " + number_text(p.max) + "], not " +
                                  number_text(value));
    values[i] = value;
  }
  return values;
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
