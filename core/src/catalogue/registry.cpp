// The activation table: formulas, the form the derivation engine differentiates, parameters and
// their limits. Names, parameter labels, summaries and the prose of each step the engine produces come from
// each activation's content file (catalogue/prose.h). tests/core/walkthrough_test.cpp checks every
// step against the value and derivative functions beside it.
#include "actderiv/catalogue/activation.h"
#include "actderiv/catalogue/prose.h"
#include "actderiv/numerics/numerics.h"

#include <cmath>
#include <utility>

namespace actderiv {

namespace {

double sigmoid_value_fn(double z, const double*) { return sigmoid(z); }
double sigmoid_derivative_fn(double z, const double*) { return sigmoid_derivative(z); }
double tanh_value_fn(double z, const double*) { return tanh_value(z); }
double tanh_derivative_fn(double z, const double*) { return tanh_derivative(z); }
double relu_value_fn(double z, const double*) { return relu(z); }
double relu_derivative_fn(double z, const double*) { return relu_derivative(z); }
double leaky_value_fn(double z, const double* p) { return leaky_relu(z, p[0]); }
double leaky_derivative_fn(double z, const double* p) { return leaky_relu_derivative(z, p[0]); }
double identity_value_fn(double z, const double*) { return z; }
double identity_derivative_fn(double z, const double*) { return std::isnan(z) ? z : 1.0; }
double step_value_fn(double z, const double*) { return binary_step(z); }
double step_derivative_fn(double z, const double*) { return std::isnan(z) ? z : 0.0; }
double softsign_value_fn(double z, const double*) { return softsign(z); }
double softsign_derivative_fn(double z, const double*) { return softsign_derivative(z); }
double hardtanh_value_fn(double z, const double*) { return clamp(z, -1, 1); }
double hardtanh_derivative_fn(double z, const double*) { return clamp_derivative(z, -1, 1); }
double relu6_value_fn(double z, const double*) { return clamp(z, 0, 6); }
double relu6_derivative_fn(double z, const double*) { return clamp_derivative(z, 0, 6); }
double elu_value_fn(double z, const double* p) { return elu(z, p[0]); }
double elu_derivative_fn(double z, const double* p) { return elu_derivative(z, p[0]); }
double softplus_value_fn(double z, const double* p) { return softplus_beta(z, p[0]); }
double softplus_derivative_fn(double z, const double* p) { return sigmoid(p[0] * z); }
double hard_sigmoid_value_fn(double z, const double*) { return hard_sigmoid(z); }
double hard_sigmoid_derivative_fn(double z, const double*) { return hard_sigmoid_derivative(z); }
double hard_swish_value_fn(double z, const double*) { return hard_swish(z); }
double hard_swish_derivative_fn(double z, const double*) { return hard_swish_derivative(z); }
double log_sigmoid_value_fn(double z, const double*) { return log_sigmoid(z); }
double log_sigmoid_derivative_fn(double z, const double*) { return sigmoid(-z); }
double selu_value_fn(double z, const double*) { return selu(z); }
double selu_derivative_fn(double z, const double*) { return selu_derivative(z); }
double celu_value_fn(double z, const double* p) { return celu(z, p[0]); }
double celu_derivative_fn(double z, const double* p) { return celu_derivative(z, p[0]); }
double silu_value_fn(double z, const double* p) { return silu(z, p[0]); }
double silu_derivative_fn(double z, const double* p) { return silu_derivative(z, p[0]); }
double gelu_value_fn(double z, const double*) { return gelu(z); }
double gelu_derivative_fn(double z, const double*) { return gelu_derivative(z); }
double gelu_tanh_value_fn(double z, const double*) { return gelu_tanh(z); }
double gelu_tanh_derivative_fn(double z, const double*) { return gelu_tanh_derivative(z); }
double mish_value_fn(double z, const double*) { return mish(z); }
double mish_derivative_fn(double z, const double*) { return mish_derivative(z); }

// A parameter's limits; its label comes from the content file.
Param param(const char* id, double default_value, double min, double max) {
  return {id, "", default_value, min, max};
}

std::vector<Activation> build() {
  std::vector<Activation> table;
  // id, definition (its LaTeX is printed from it), the form the engine differentiates, parameters,
  // value, derivative, batch kernel. Kinks are found by the engine (calculus/kinks.h).
  const auto add = [&table](const char* id, const char* definition, const char* derivation_input,
                            std::vector<Param> params, ScalarFn value, ScalarFn derivative,
                            BatchFn batch = nullptr) {
    Activation a;
    a.id = id;
    a.definition = definition;
    a.derivation_input = derivation_input;
    a.params = std::move(params);
    a.value = value;
    a.derivative = derivative;
    a.batch = batch;
    table.push_back(std::move(a));
  };

  add("sigmoid", "1/(1+e^-z)", "(1+e^-z)^-1", {}, sigmoid_value_fn, sigmoid_derivative_fn, sigmoid_batch);
  add("tanh", "tanh(z)", "tanh(z)", {}, tanh_value_fn, tanh_derivative_fn, tanh_batch);
  add("relu", "max(0, z)", "relu(z)", {}, relu_value_fn, relu_derivative_fn, relu_batch);
  add("leaky_relu", "piecewise(z > 0, z, z <= 0, alpha*z)", "piecewise(z > 0, z, z <= 0, alpha*z)",
      {param("alpha", 0.01, 0.0, 1.0)}, leaky_value_fn, leaky_derivative_fn, leaky_relu_batch);
  // The catalogue beyond the tutorial's four.
  add("identity", "z", "z", {}, identity_value_fn, identity_derivative_fn);
  add("binary_step", "piecewise(z >= 0, 1, z < 0, 0)", "piecewise(z >= 0, 1, z < 0, 0)", {}, step_value_fn,
      step_derivative_fn);
  add("softsign", "z/(1+abs(z))", "z/(1+abs(z))", {}, softsign_value_fn, softsign_derivative_fn);
  add("hardtanh", "max(-1, min(1, z))", "max(-1, min(1, z))", {}, hardtanh_value_fn, hardtanh_derivative_fn);
  add("relu6", "max(0, min(6, z))", "max(0, min(6, z))", {}, relu6_value_fn, relu6_derivative_fn);
  add("elu", "piecewise(z > 0, z, z <= 0, alpha*(e^z - 1))", "piecewise(z > 0, z, z <= 0, alpha*(e^z - 1))",
      {param("alpha", 1.0, 0.0, 10.0)}, elu_value_fn, elu_derivative_fn);
  add("softplus", "log(1 + e^(beta*z))/beta", "log(1 + e^(beta*z))/beta", {param("beta", 1.0, 0.1, 10.0)},
      softplus_value_fn, softplus_derivative_fn);
  add("prelu", "piecewise(z > 0, z, z <= 0, alpha*z)", "piecewise(z > 0, z, z <= 0, alpha*z)",
      {param("alpha", 0.25, 0.0, 1.0)}, leaky_value_fn, leaky_derivative_fn, leaky_relu_batch);
  add("hard_sigmoid", "max(0, min(1, (z + 3)/6))", "max(0, min(1, (z + 3)/6))", {}, hard_sigmoid_value_fn,
      hard_sigmoid_derivative_fn);
  add("hard_swish", "z*max(0, min(1, (z + 3)/6))", "piecewise(z < -3, 0, z > 3, z, z >= -3, z*(z + 3)/6)", {},
      hard_swish_value_fn, hard_swish_derivative_fn);
  add("log_sigmoid", "log(sigmoid(z))", "log(sigmoid(z))", {}, log_sigmoid_value_fn,
      log_sigmoid_derivative_fn);
  add("selu", "1.0507009873554805*piecewise(z > 0, z, z <= 0, 1.6732632423543772*(e^z - 1))",
      "1.0507009873554805*piecewise(z > 0, z, z <= 0, 1.6732632423543772*(e^z - 1))", {}, selu_value_fn,
      selu_derivative_fn);
  add("celu", "piecewise(z > 0, z, z <= 0, alpha*(e^(z/alpha) - 1))",
      "piecewise(z > 0, z, z <= 0, alpha*(e^(z/alpha) - 1))", {param("alpha", 1.0, 0.1, 10.0)}, celu_value_fn,
      celu_derivative_fn);
  add("silu", "z*sigmoid(beta*z)", "z*sigmoid(beta*z)", {param("beta", 1.0, 0.1, 10.0)}, silu_value_fn,
      silu_derivative_fn, silu_batch);
  add("gelu", "z*(1 + erf(z/sqrt(2)))/2", "z/2*(1 + erf(z/sqrt(2)))", {}, gelu_value_fn, gelu_derivative_fn,
      gelu_batch);
  add("gelu_tanh", "z*(1 + tanh(sqrt(2/pi)*(z + 0.044715*z^3)))/2",
      "z/2*(1 + tanh(sqrt(2/pi)*(z + 0.044715*z^3)))", {}, gelu_tanh_value_fn, gelu_tanh_derivative_fn,
      gelu_tanh_batch);
  add("mish", "z*tanh(softplus(z))", "z*tanh(softplus(z))", {}, mish_value_fn, mish_derivative_fn, mish_batch);

  for (Activation& a : table) attach_prose(a);
  return table;
}

}  // namespace

const std::vector<Activation>& activations() {
  static const std::vector<Activation> table = build();
  return table;
}

}  // namespace actderiv
