// The activation table: formulas, the form the derivation engine differentiates, and the authored
// prose shown with each step the engine produces. tests/core/walkthrough_test.cpp checks every
// step against the value and derivative functions beside it.
#include "actderiv/activation.h"
#include "actderiv/numerics.h"

#include <cmath>

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

std::vector<Activation> build() {
  std::vector<Activation> table;

  table.push_back(Activation{
      "sigmoid",
      "Sigmoid",
      "1/(1+e^-z)",
      "(1+e^-z)^-1",
      {},
      sigmoid_value_fn,
      sigmoid_derivative_fn,
      {
          {"set up",
           "Write the sigmoid as a power, $g(z) = (1+e^{-z})^{-1}$, so that the chain rule applies: "
           "an outer function $u^{-1}$ of an inner function $u = 1+e^{-z}$."},
          {"chain rule",
           "The outer derivative is $\\frac{d}{du}u^{-1} = -u^{-2}$; the inner derivative is "
           "$\\frac{d}{dz}(1+e^{-z}) = -e^{-z}$. The chain rule multiplies them."},
          {"simplify",
           "The two minus signs cancel, and the negative power becomes a denominator."},
          {"in terms of g",
           "Split the fraction as $\\frac{1}{1+e^{-z}} \\cdot \\frac{e^{-z}}{1+e^{-z}}$. The "
           "first factor is $g(z)$; adding and subtracting 1 in the numerator turns the second into "
           "$1 - \\frac{1}{1+e^{-z}} = 1 - g(z)$. So $g'(z) = g(z)(1-g(z))$: the derivative follows "
           "from the output alone. Its largest value is $\\frac{1}{4}$, at $z = 0$ where "
           "$g(0) = \\frac{1}{2}$."},
      },
      {}});

  table.push_back(Activation{
      "tanh",
      "Tanh",
      "tanh(z)",
      "tanh(z)",
      {},
      tanh_value_fn,
      tanh_derivative_fn,
      {
          {"set up",
           "Differentiate $\\tanh z$. Its rule comes from writing it as a quotient, "
           "$\\tanh z = \\frac{\\sinh z}{\\cosh z}$, with $\\frac{d}{dz}\\sinh z = \\cosh z$ and "
           "$\\frac{d}{dz}\\cosh z = \\sinh z$."},
          {"tanh rule",
           "The quotient rule gives $\\frac{\\cosh z \\cosh z - \\sinh z \\sinh z}{\\cosh^2 z} "
           "= \\frac{\\cosh^2 z}{\\cosh^2 z} - \\frac{\\sinh^2 z}{\\cosh^2 z} = 1 - \\tanh^2 z$."},
          {"in terms of g",
           "So $g'(z) = 1 - g(z)^2$. Its largest value is 1, at $z = 0$ where $g(0) = 0$, four "
           "times the sigmoid's best."},
      },
      {}});

  table.push_back(Activation{
      "relu",
      "ReLU",
      "max(0, z)",
      "relu(z)",
      {},
      relu_value_fn,
      relu_derivative_fn,
      {
          {"set up",
           "ReLU passes a positive input through unchanged and replaces a negative one by 0: "
           "$g(z) = \\max(0, z)$."},
          {"ReLU rule",
           "On $z > 0$ the function is $z$, with slope 1; on $z < 0$ it is the constant 0, with "
           "slope 0. At $z = 0$ the slope is 0 from the left and 1 from the right, so no derivative "
           "exists there; any value in the subgradient $[0, 1]$ is a valid choice. PyTorch, "
           "TensorFlow and JAX use 0: the case $z \\le 0$ above."},
      },
      {{"0", "0", "1"}}});

  table.push_back(Activation{
      "leaky_relu",
      "Leaky ReLU",
      "piecewise(z > 0, z, z <= 0, alpha*z)",
      "piecewise(z > 0, z, z <= 0, alpha*z)",
      {{"alpha", "negative slope α", 0.01, 0.0, 1.0}},
      leaky_value_fn,
      leaky_derivative_fn,
      {
          {"set up",
           "Leaky ReLU is $z$ for $z > 0$ and $\\alpha z$ otherwise. For $0 \\le \\alpha \\le 1$ "
           "that is $\\max(\\alpha z, z)$; for $\\alpha > 1$ the maximum would pick $\\alpha z$ on "
           "the positive side, a different function."},
          {"piecewise rule",
           "Differentiate each piece: slope 1 on $z > 0$ and $\\alpha$ on $z < 0$. At $z = 0$ the "
           "slopes differ unless $\\alpha = 1$; the subgradient there is $[\\alpha, 1]$. PyTorch "
           "and TensorFlow use $\\alpha$: the case $z \\le 0$ above."},
      },
      {{"0", "alpha", "1"}}});

  // The catalogue beyond the tutorial's four; their sections and prose come with issue 4.
  table.push_back(Activation{
      "identity", "Identity", "z", "z", {}, identity_value_fn, identity_derivative_fn,
      {{"set up", "The identity passes its input through: a network of identity units is linear."}},
      {}});

  table.push_back(Activation{
      "binary_step", "Binary step", "piecewise(z >= 0, 1, z < 0, 0)",
      "piecewise(z >= 0, 1, z < 0, 0)", {}, step_value_fn, step_derivative_fn,
      {{"piecewise rule",
        "Each piece is a constant, so the slope is 0 wherever it exists: gradient descent gets no "
        "signal at all, and at $z = 0$ the step jumps, so no derivative exists there."}},
      {}});

  table.push_back(Activation{
      "softsign", "Softsign", "z/(1+abs(z))", "z/(1+abs(z))", {}, softsign_value_fn,
      softsign_derivative_fn, {}, {}});

  table.push_back(Activation{
      "hardtanh", "Hard tanh", "max(-1, min(1, z))", "max(-1, min(1, z))", {}, hardtanh_value_fn,
      hardtanh_derivative_fn, {}, {}});

  table.push_back(Activation{
      "relu6", "ReLU6", "max(0, min(6, z))", "max(0, min(6, z))", {}, relu6_value_fn,
      relu6_derivative_fn, {}, {}});

  table.push_back(Activation{
      "elu", "ELU", "piecewise(z > 0, z, z <= 0, alpha*(e^z - 1))",
      "piecewise(z > 0, z, z <= 0, alpha*(e^z - 1))",
      {{"alpha", "α (scale of the negative branch)", 1.0, 0.0, 10.0}}, elu_value_fn,
      elu_derivative_fn, {}, {}});

  table.push_back(Activation{
      "softplus", "Softplus", "log(1 + e^(beta*z))/beta", "log(1 + e^(beta*z))/beta",
      {{"beta", "β (sharpness)", 1.0, 0.1, 10.0}}, softplus_value_fn, softplus_derivative_fn, {},
      {}});

  table.push_back(Activation{
      "prelu", "PReLU", "piecewise(z > 0, z, z <= 0, alpha*z)",
      "piecewise(z > 0, z, z <= 0, alpha*z)",
      {{"alpha", "learned negative slope α (PyTorch starts it at 0.25)", 0.25, 0.0, 1.0}},
      leaky_value_fn, leaky_derivative_fn, {}, {}});

  table.push_back(Activation{
      "hard_sigmoid", "Hard sigmoid", "max(0, min(1, (z + 3)/6))", "max(0, min(1, (z + 3)/6))", {},
      hard_sigmoid_value_fn, hard_sigmoid_derivative_fn, {}, {}});

  table.push_back(Activation{
      "hard_swish", "Hard swish", "z*max(0, min(1, (z + 3)/6))",
      "piecewise(z < -3, 0, z > 3, z, z >= -3, z*(z + 3)/6)", {}, hard_swish_value_fn,
      hard_swish_derivative_fn, {}, {}});

  table.push_back(Activation{
      "log_sigmoid", "Log-sigmoid", "log(sigmoid(z))", "log(sigmoid(z))", {},
      log_sigmoid_value_fn, log_sigmoid_derivative_fn, {}, {}});

  table.push_back(Activation{
      "selu", "SELU", "1.0507009873554805*piecewise(z > 0, z, z <= 0, 1.6732632423543772*(e^z - 1))",
      "1.0507009873554805*piecewise(z > 0, z, z <= 0, 1.6732632423543772*(e^z - 1))", {},
      selu_value_fn, selu_derivative_fn, {}, {}});

  table.push_back(Activation{
      "celu", "CELU", "piecewise(z > 0, z, z <= 0, alpha*(e^(z/alpha) - 1))",
      "piecewise(z > 0, z, z <= 0, alpha*(e^(z/alpha) - 1))",
      {{"alpha", "α (scale)", 1.0, 0.1, 10.0}}, celu_value_fn, celu_derivative_fn, {}, {}});

  return table;
}

}  // namespace

const std::vector<Activation>& activations() {
  static const std::vector<Activation> table = build();
  return table;
}

}  // namespace actderiv
