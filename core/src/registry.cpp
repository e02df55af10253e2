// The activation table and the authored walkthroughs. Every step's expression is machine-checked
// by tests/core/walkthrough_test.cpp against the value and derivative functions beside it.
#include "actderiv/activation.h"
#include "actderiv/numerics.h"

namespace actderiv {

namespace {

using K = Step::Kind;

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
          {K::Setup, "Set up",
           "(1+e^-z)^-1",
           "Write the sigmoid as a power, $g(z) = (1+e^{-z})^{-1}$, so that the chain rule applies: "
           "an outer function $u^{-1}$ of an inner function $u = 1+e^{-z}$."},
          {K::Derivative, "Chain rule",
           "-(1+e^-z)^-2 * (-e^-z)",
           "The outer derivative is $\\frac{d}{du}u^{-1} = -u^{-2}$; the inner derivative is "
           "$\\frac{d}{dz}(1+e^{-z}) = -e^{-z}$. The chain rule multiplies them."},
          {K::Derivative, "Simplify",
           "e^-z/(1+e^-z)^2",
           "The two minus signs cancel, and the negative power becomes a denominator."},
          {K::Derivative, "Split the fraction",
           "1/(1+e^-z) * (e^-z/(1+e^-z))",
           "Write the fraction as a product of two fractions over the same denominator $1+e^{-z}$."},
          {K::Derivative, "Rewrite the second factor",
           "1/(1+e^-z) * (1 - 1/(1+e^-z))",
           "Add and subtract 1 in the numerator: "
           "$\\frac{e^{-z}}{1+e^{-z}} = \\frac{(1+e^{-z}) - 1}{1+e^{-z}} = 1 - \\frac{1}{1+e^{-z}}$."},
          {K::Derivative, "Recognise g",
           "g(z)*(1-g(z))",
           "Both factors are the sigmoid itself, so $g'(z) = g(z)(1-g(z))$: the derivative follows "
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
          {K::Setup, "Set up",
           "sinh(z)/cosh(z)",
           "Write tanh as a quotient, $\\tanh z = \\frac{\\sinh z}{\\cosh z}$, and recall "
           "$\\frac{d}{dz}\\sinh z = \\cosh z$ and $\\frac{d}{dz}\\cosh z = \\sinh z$."},
          {K::Derivative, "Quotient rule",
           "(cosh(z)*cosh(z) - sinh(z)*sinh(z))/cosh(z)^2",
           "For $\\frac{f}{h}$ the derivative is $\\frac{f'h - fh'}{h^2}$, here with "
           "$f = \\sinh z$ and $h = \\cosh z$."},
          {K::Derivative, "Split the fraction",
           "cosh(z)^2/cosh(z)^2 - sinh(z)^2/cosh(z)^2",
           "Divide each term of the numerator by the denominator."},
          {K::Derivative, "Simplify",
           "1 - tanh(z)^2",
           "The first fraction is 1 and the second is $\\tanh^2 z$."},
          {K::Derivative, "Recognise g",
           "1 - g(z)^2",
           "So $g'(z) = 1 - g(z)^2$. Its largest value is 1, at $z = 0$ where $g(0) = 0$, four "
           "times the sigmoid's best."},
      },
      {}});

  table.push_back(Activation{
      "relu",
      "ReLU",
      "max(0, z)",
      "max(0, z)",
      {},
      relu_value_fn,
      relu_derivative_fn,
      {
          {K::Value, "Split into pieces",
           "piecewise(z > 0, z, z <= 0, 0)",
           "ReLU passes a positive input through unchanged and replaces a negative one by 0."},
          {K::Derivative, "Differentiate each piece",
           "piecewise(z > 0, 1, z < 0, 0)",
           "On $z > 0$ the function is $z$, with slope 1; on $z < 0$ it is the constant 0, with "
           "slope 0. At $z = 0$ the two slopes disagree, so no derivative exists there."},
          {K::Derivative, "Choose a value at the kink",
           "piecewise(z > 0, 1, z <= 0, 0)",
           "Coming from the left the slope is 0 and from the right it is 1; any value in the "
           "subgradient $[0, 1]$ is a valid choice at $z = 0$. PyTorch, TensorFlow and JAX use 0."},
      },
      {{"0", "0", "1"}}});

  table.push_back(Activation{
      "leaky_relu",
      "Leaky ReLU",
      "piecewise(z > 0, z, z <= 0, alpha*z)",
      "max(alpha*z, z)",
      {{"alpha", "negative slope α", 0.01, 0.0, 1.0}},
      leaky_value_fn,
      leaky_derivative_fn,
      {
          {K::Value, "As a maximum",
           "max(alpha*z, z)",
           "For $0 \\le \\alpha \\le 1$, $\\alpha z \\le z$ when $z \\ge 0$ and $\\alpha z \\ge z$ "
           "when $z \\le 0$, so $g(z) = \\max(\\alpha z, z)$. For $\\alpha > 1$ the maximum would "
           "pick $\\alpha z$ on the positive side: a different function."},
          {K::Derivative, "Differentiate each piece",
           "piecewise(z > 0, 1, z < 0, alpha)",
           "On $z > 0$ the slope is 1; on $z < 0$ the function is $\\alpha z$, with slope "
           "$\\alpha$. At $z = 0$ the slopes differ unless $\\alpha = 1$."},
          {K::Derivative, "Choose a value at the kink",
           "piecewise(z > 0, 1, z <= 0, alpha)",
           "The left slope is $\\alpha$ and the right slope is 1; the subgradient at 0 is "
           "$[\\alpha, 1]$. PyTorch and TensorFlow use $\\alpha$ at $z = 0$."},
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
