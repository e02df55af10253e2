// The activation table: formulas, the form the derivation engine differentiates, and the authored
// prose shown with each step the engine produces. tests/core/walkthrough_test.cpp checks every
// step against the value and derivative functions beside it.
#include "actderiv/activation.h"
#include "actderiv/numerics.h"

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

  return table;
}

}  // namespace

const std::vector<Activation>& activations() {
  static const std::vector<Activation> table = build();
  return table;
}

}  // namespace actderiv
