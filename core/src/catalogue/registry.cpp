// The activation table: formulas, the form the derivation engine differentiates, and the authored
// prose shown with each step the engine produces. tests/core/walkthrough_test.cpp checks every
// step against the value and derivative functions beside it.
#include "actderiv/catalogue/activation.h"
#include "actderiv/numerics/numerics.h"

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
double silu_value_fn(double z, const double* p) { return silu(z, p[0]); }
double silu_derivative_fn(double z, const double* p) { return silu_derivative(z, p[0]); }
double gelu_value_fn(double z, const double*) { return gelu(z); }
double gelu_derivative_fn(double z, const double*) { return gelu_derivative(z); }
double gelu_tanh_value_fn(double z, const double*) { return gelu_tanh(z); }
double gelu_tanh_derivative_fn(double z, const double*) { return gelu_tanh_derivative(z); }
double mish_value_fn(double z, const double*) { return mish(z); }
double mish_derivative_fn(double z, const double*) { return mish_derivative(z); }

std::vector<Activation> build() {
  std::vector<Activation> table;

  table.push_back(Activation{
      "sigmoid",
      "Sigmoid",
      "The logistic sigmoid squashes any input into $(0, 1)$, so its output reads as a probability; "
      "today it serves mainly as the output of binary classifiers and as the gates of LSTM and GRU "
      "cells. Its derivative $g(1-g)$ is at most $\\frac{1}{4}$ and vanishes for large $|z|$: a "
      "deep stack of sigmoids multiplies many such small factors, and the gradient that reaches the "
      "early layers fades (the vanishing-gradient problem).",
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
      {}, sigmoid_batch});

  table.push_back(Activation{
      "tanh",
      "Tanh",
      "The hyperbolic tangent squashes inputs into $(-1, 1)$ and is zero-centred, "
      "$\\tanh(-z) = -\\tanh z$, so the next layer sees inputs of both signs; it is the classic "
      "hidden activation of recurrent networks. Its derivative $1 - g^2$ peaks at 1, four times the "
      "sigmoid's best, but it too vanishes for large $|z|$, where a saturated unit learns slowly.",
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
      {}, tanh_batch});

  table.push_back(Activation{
      "relu",
      "ReLU",
      "ReLU outputs $\\max(0, z)$. It is cheap, and it became the default hidden activation of deep "
      "networks because it does not saturate for positive inputs. Its derivative is 1 for $z > 0$, "
      "so gradients pass through an active unit undiminished, and 0 for $z < 0$: a unit whose "
      "input stays negative receives no gradient at all and can stop learning for good (a dead "
      "ReLU).",
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
      {{"0", "0", "1"}}, relu_batch});

  table.push_back(Activation{
      "leaky_relu",
      "Leaky ReLU",
      "Leaky ReLU is ReLU with a small slope $\\alpha$ for negative inputs (PyTorch calls it "
      "negative_slope, default 0.01). A unit with negative input still passes the gradient "
      "$\\alpha$ back, so it cannot die the way a ReLU unit can; for $z > 0$ its derivative is 1, as "
      "for ReLU.",
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
      {{"0", "alpha", "1"}}, leaky_relu_batch});

  // The catalogue beyond the tutorial's four.
  table.push_back(Activation{
      "identity",
      "Identity",
      "The identity $g(z) = z$ applies no nonlinearity. It is the output activation for regression, "
      "where a prediction may be any real number. Its derivative is 1 everywhere, so gradients pass "
      "unchanged, but a network whose hidden units are all identities collapses to one linear map, "
      "however many layers it has.",
      "z",
      "z",
      {},
      identity_value_fn,
      identity_derivative_fn,
      {
          {"set up",
           "The identity passes its input through: $g(z) = z$. A network of identity units is "
           "linear."},
          {"variable",
           "The slope of $z$ with respect to itself is 1 at every $z$: whatever gradient arrives "
           "from the layer above is passed back unchanged."},
      },
      {}});

  table.push_back(Activation{
      "binary_step",
      "Binary step",
      "The binary step outputs 1 for $z \\ge 0$ and 0 otherwise: the threshold unit of the "
      "perceptron. Its derivative is 0 wherever it exists, which is everywhere but the jump at "
      "$z = 0$, so backpropagation passes no gradient through it and gradient descent cannot train "
      "the weights below it. That is why smooth or piecewise-linear activations replaced it.",
      "piecewise(z >= 0, 1, z < 0, 0)",
      "piecewise(z >= 0, 1, z < 0, 0)",
      {},
      step_value_fn,
      step_derivative_fn,
      {
          {"set up",
           "The step is two constant pieces, 1 for $z \\ge 0$ and 0 for $z < 0$, that meet in a "
           "jump at $z = 0$."},
          {"piecewise rule",
           "Each piece is a constant, so the slope is 0 wherever it exists: gradient descent gets no "
           "signal at all, and at $z = 0$ the step jumps, so no derivative exists there."},
          {"in terms of g",
           "Since $g(z)$ is only ever 0 or 1, $g(z)(1 - g(z))$ is 0 for every $z$: the rewrite is "
           "true but says again that the slope is 0. It is the sigmoid's formula, and the step is "
           "indeed the limit of $\\sigma(kz)$ as $k \\to \\infty$, a sigmoid sharpened until no "
           "slope is left."},
      },
      {}});

  table.push_back(Activation{
      "softsign",
      "Softsign",
      "Softsign, $\\frac{z}{1 + |z|}$, squashes inputs into $(-1, 1)$ like tanh but approaches its "
      "limits polynomially instead of exponentially. Its derivative $\\frac{1}{(1+|z|)^2}$ is 1 at "
      "$z = 0$ and decays like $\\frac{1}{z^2}$, so a softsign unit saturates more gently than a "
      "tanh unit, whose slope falls off like $e^{-2|z|}$.",
      "z/(1+abs(z))",
      "z/(1+abs(z))",
      {},
      softsign_value_fn,
      softsign_derivative_fn,
      {
          {"set up",
           "Softsign divides $z$ by $1 + |z|$, so the quotient rule applies, with "
           "$\\frac{d}{dz}|z| = \\frac{z}{|z|}$, the sign of $z$, for the denominator."},
          {"quotient rule",
           "Since $z \\cdot \\frac{z}{|z|} = \\frac{z^2}{|z|} = |z|$, the numerator is "
           "$1 + |z| - |z| = 1$, and $g'(z) = \\frac{1}{(1+|z|)^2}$. At $z = 0$, where "
           "$\\frac{z}{|z|}$ is undefined, this simplified form gives 1, the slope from both sides."},
      },
      {}});

  table.push_back(Activation{
      "hardtanh",
      "Hard tanh",
      "Hard tanh clamps its input to $[-1, 1]$: a piecewise-linear stand-in for tanh that needs no "
      "exponential (PyTorch's Hardtanh, whose min_val and max_val default to $-1$ and 1). Its "
      "derivative is 1 inside the interval and 0 outside, so a saturated unit passes no gradient "
      "at all, where a tanh unit would still pass a little.",
      "max(-1, min(1, z))",
      "max(-1, min(1, z))",
      {},
      hardtanh_value_fn,
      hardtanh_derivative_fn,
      {
          {"set up",
           "Hard tanh is $\\max(-1, \\min(1, z))$: $z$ clamped to $[-1, 1]$, with a corner at each "
           "end."},
          {"maximum rule",
           "The maximum picks $-1$, slope 0, where $\\min(1, z) \\le -1$, that is $z \\le -1$; "
           "otherwise the minimum picks 1, slope 0, for $z \\ge 1$ and $z$, slope 1, in between. So "
           "$g'(z) = 1$ on $(-1, 1)$ and 0 outside; at the corners the one-sided slopes are 0 and 1, "
           "and 0 is used."},
      },
      {}});

  table.push_back(Activation{
      "relu6",
      "ReLU6",
      "ReLU6 is ReLU capped at 6, $\\min(\\max(0, z), 6)$. TensorFlow's documentation notes that "
      "it has worked better than ReLU for low-precision (fixed-point) inference, and mobile "
      "networks such as MobileNetV2 use it. Its derivative is 1 on $(0, 6)$ and 0 elsewhere: a unit "
      "pushed above 6 stops learning just as one pushed below 0 does.",
      "max(0, min(6, z))",
      "max(0, min(6, z))",
      {},
      relu6_value_fn,
      relu6_derivative_fn,
      {
          {"set up",
           "ReLU6 is $\\max(0, \\min(6, z))$: ReLU with its output capped at 6, so it has two "
           "corners, at 0 and at 6."},
          {"maximum rule",
           "The maximum picks 0, slope 0, where $\\min(6, z) \\le 0$, that is $z \\le 0$; otherwise "
           "the minimum picks 6, slope 0, for $z \\ge 6$ and $z$, slope 1, in between. So "
           "$g'(z) = 1$ on $(0, 6)$ and 0 elsewhere, with 0 at both corners, as for ReLU at 0."},
      },
      {}});

  table.push_back(Activation{
      "elu",
      "ELU",
      "ELU is $z$ for $z > 0$ and $\\alpha(e^z - 1)$ below, a smooth negative branch that "
      "saturates at $-\\alpha$ (PyTorch's ELU defaults to $\\alpha = 1$). Negative outputs pull the "
      "mean activation towards 0, which the ELU paper found speeds up learning. For $z < 0$ the "
      "derivative $\\alpha e^z$ fades gradually instead of dropping to 0 as ReLU's does.",
      "piecewise(z > 0, z, z <= 0, alpha*(e^z - 1))",
      "piecewise(z > 0, z, z <= 0, alpha*(e^z - 1))",
      {{"alpha", "α (scale of the negative branch)", 1.0, 0.0, 10.0}},
      elu_value_fn,
      elu_derivative_fn,
      {
          {"set up",
           "ELU is $z$ for $z > 0$ and $\\alpha(e^z - 1)$ for $z \\le 0$. Both pieces are 0 at "
           "$z = 0$, so the function is continuous; the question is its slope there."},
          {"piecewise rule",
           "Slope 1 on the right; on the left $\\frac{d}{dz}\\alpha(e^z - 1) = \\alpha e^z$, which "
           "tends to $\\alpha$ as $z \\to 0$ and to 0 as $z \\to -\\infty$. For $\\alpha = 1$ both "
           "sides have slope 1 at 0 and ELU is smooth; otherwise it has a kink there, and the left "
           "slope $\\alpha$ is used."},
      },
      {}});

  table.push_back(Activation{
      "softplus",
      "Softplus",
      "Softplus, $\\frac{1}{\\beta}\\ln(1 + e^{\\beta z})$, is a smooth ReLU: always positive, and "
      "closer to $\\max(0, z)$ the larger $\\beta$ is (PyTorch's Softplus has this $\\beta$, default "
      "1). Its derivative is the sigmoid $\\sigma(\\beta z)$, never exactly 0, so no unit dies. "
      "PyTorch switches to the linear function $z$ where $\\beta z > 20$ (its threshold) so that "
      "$e^{\\beta z}$ cannot overflow; the core computes $\\max(z, 0) + \\frac{1}{\\beta}"
      "\\ln(1 + e^{-|\\beta z|})$, equal in exact arithmetic, which only ever exponentiates a "
      "number $\\le 0$ and so needs no threshold.",
      "log(1 + e^(beta*z))/beta",
      "log(1 + e^(beta*z))/beta",
      {{"beta", "β (sharpness)", 1.0, 0.1, 10.0}},
      softplus_value_fn,
      softplus_derivative_fn,
      {
          {"set up",
           "Softplus is the constant $\\frac{1}{\\beta}$ times $\\ln(1 + e^{\\beta z})$, a logarithm "
           "of a function of $z$: the chain rule works inside a constant multiple."},
          {"constant multiple",
           "Inside, the chain rule gives $\\frac{1}{1 + e^{\\beta z}} \\cdot \\beta e^{\\beta z}$: "
           "outer $\\ln u$ with $u = 1 + e^{\\beta z}$, inner derivative $\\beta e^{\\beta z}$. "
           "Dividing by $\\beta$ cancels the $\\beta$ that the inner derivative brought down."},
          {"simplify",
           "What remains, $\\frac{e^{\\beta z}}{1 + e^{\\beta z}}$, is the sigmoid "
           "$\\sigma(\\beta z)$ (divide top and bottom by $e^{\\beta z}$): the slope of softplus "
           "rises smoothly from 0 to 1, and softplus is an antiderivative of the sigmoid."},
      },
      {}});

  table.push_back(Activation{
      "prelu",
      "PReLU",
      "PReLU is Leaky ReLU whose negative slope $\\alpha$ is learned by gradient descent with the "
      "weights, one shared value or one per channel; PyTorch's PReLU starts it at 0.25 (init) and "
      "advises against weight decay on it. With respect to $z$ its derivative is Leaky ReLU's; the "
      "slope itself gets the gradient $\\frac{\\partial g}{\\partial \\alpha} = z$ for $z \\le 0$ "
      "(0 otherwise), so only negative inputs teach it.",
      "piecewise(z > 0, z, z <= 0, alpha*z)",
      "piecewise(z > 0, z, z <= 0, alpha*z)",
      {{"alpha", "learned negative slope α (PyTorch starts it at 0.25)", 0.25, 0.0, 1.0}},
      leaky_value_fn,
      leaky_derivative_fn,
      {
          {"set up",
           "PReLU has Leaky ReLU's formula, $z$ for $z > 0$ and $\\alpha z$ otherwise; the difference "
           "is that $\\alpha$ is trained. Here $\\alpha$ is held fixed and $g$ is differentiated with "
           "respect to $z$."},
          {"piecewise rule",
           "Slope 1 for $z > 0$ and $\\alpha$ for $z < 0$, with the subgradient $[\\alpha, 1]$ at 0, "
           "as for Leaky ReLU. Training also differentiates with respect to $\\alpha$: "
           "$\\frac{\\partial}{\\partial \\alpha}(\\alpha z) = z$ on the negative side, 0 on the "
           "positive one."},
      },
      {}, leaky_relu_batch});

  table.push_back(Activation{
      "hard_sigmoid",
      "Hard sigmoid",
      "Hard sigmoid replaces the sigmoid by a straight line clamped to $[0, 1]$, cheap on mobile "
      "hardware. This is PyTorch's Hardsigmoid and current Keras's activations.hard_sigmoid, "
      "$\\frac{\\mathrm{ReLU6}(z + 3)}{6}$, with slope $\\frac{1}{6}$ on $(-3, 3)$; Keras 2 (and "
      "keras.ops.hard_sigmoid) use $0.2z + 0.5$ on $[-2.5, 2.5]$, a different function. Its "
      "derivative is constant inside and 0 outside, where a unit saturates completely.",
      "max(0, min(1, (z + 3)/6))",
      "max(0, min(1, (z + 3)/6))",
      {},
      hard_sigmoid_value_fn,
      hard_sigmoid_derivative_fn,
      {
          {"set up",
           "Hard sigmoid is $\\max(0, \\min(1, \\frac{z + 3}{6}))$: the line $\\frac{z+3}{6}$, which "
           "passes through $\\frac{1}{2}$ at $z = 0$ like the sigmoid, clamped to $[0, 1]$."},
          {"maximum rule",
           "The maximum picks 0, slope 0, for $z \\le -3$; otherwise the minimum picks 1, slope 0, "
           "for $z \\ge 3$ and the line, slope $\\frac{1}{6}$, in between. So $g'(z) = \\frac{1}{6}$ "
           "on $(-3, 3)$ and 0 outside, with 0 at both corners; the sigmoid's slope at 0 is "
           "$\\frac{1}{4}$."},
      },
      {}});

  table.push_back(Activation{
      "hard_swish",
      "Hard swish",
      "Hard swish, $z \\cdot \\frac{\\mathrm{ReLU6}(z + 3)}{6}$, is swish $z\\,\\sigma(z)$ with the "
      "sigmoid replaced by the hard sigmoid; it was introduced with MobileNetV3 to keep swish's "
      "accuracy at lower cost on phones (PyTorch's Hardswish). Its derivative is 0 below $-3$, 1 "
      "above 3 and the line $\\frac{2z + 3}{6}$ in between, negative for $z < -1.5$ like swish's "
      "small dip below zero.",
      "z*max(0, min(1, (z + 3)/6))",
      "piecewise(z < -3, 0, z > 3, z, z >= -3, z*(z + 3)/6)",
      {},
      hard_swish_value_fn,
      hard_swish_derivative_fn,
      {
          {"set up",
           "Hard swish is $z \\cdot \\frac{\\mathrm{ReLU6}(z + 3)}{6}$. Piece by piece it is 0 for "
           "$z < -3$, $z$ for $z > 3$ and the parabola $\\frac{z(z + 3)}{6}$ in between: the form "
           "differentiated here."},
          {"piecewise rule",
           "The outer pieces have slopes 0 and 1; the product rule gives the middle one, "
           "$\\frac{(z + 3) + z}{6} = \\frac{2z + 3}{6}$, which is 0 at $z = -1.5$, the minimum "
           "$g = -0.375$. At $z = -3$ it is $-\\frac{1}{2}$ and at $z = 3$ it is $\\frac{3}{2}$, so "
           "the slope jumps at both corners: hard swish is continuous with two kinks."},
      },
      {}});

  table.push_back(Activation{
      "log_sigmoid",
      "Log-sigmoid",
      "Log-sigmoid is $\\ln \\sigma(z) = -\\ln(1 + e^{-z})$, always negative; it appears inside "
      "losses such as the log-likelihood of a binary label more often than as a hidden activation "
      "(PyTorch's LogSigmoid). Its derivative is $1 - \\sigma(z) = \\sigma(-z)$: close to 1 for very "
      "negative $z$, so a confidently wrong prediction still receives a strong gradient rather than "
      "the sigmoid's vanishing one.",
      "log(sigmoid(z))",
      "log(sigmoid(z))",
      {},
      log_sigmoid_value_fn,
      log_sigmoid_derivative_fn,
      {
          {"set up",
           "Log-sigmoid is an outer $\\ln u$ of an inner $u = \\sigma(z)$, so the chain rule "
           "applies, with the sigmoid's own derivative $\\sigma(z)(1 - \\sigma(z))$ as the inner "
           "one."},
          {"chain rule",
           "The outer derivative $\\frac{1}{u} = \\frac{1}{\\sigma(z)}$ times the inner derivative "
           "$\\sigma(z)(1 - \\sigma(z))$."},
          {"simplify",
           "The factor $\\sigma(z)$ cancels, leaving $g'(z) = 1 - \\sigma(z) = \\sigma(-z) = "
           "\\frac{1}{1 + e^{z}}$: near 1 for very negative $z$, fading to 0 for large positive "
           "$z$."},
      },
      {}});

  table.push_back(Activation{
      "selu",
      "SELU",
      "SELU is ELU scaled: $\\lambda z$ for $z > 0$ and $\\lambda\\alpha(e^z - 1)$ below, with "
      "$\\lambda \\approx 1.0507$ and $\\alpha \\approx 1.6733$ fixed by Klambauer et al. (2017) so "
      "that activations keep zero mean and unit variance from layer to layer: the network is "
      "self-normalising. That needs the matching initialisation (LeCun normal, in PyTorch "
      "kaiming_normal with nonlinearity='linear') and alpha dropout instead of dropout. Its "
      "derivative is $\\lambda > 1$ for $z > 0$, which lets a too-small variance grow back.",
      "1.0507009873554805*piecewise(z > 0, z, z <= 0, 1.6732632423543772*(e^z - 1))",
      "1.0507009873554805*piecewise(z > 0, z, z <= 0, 1.6732632423543772*(e^z - 1))",
      {},
      selu_value_fn,
      selu_derivative_fn,
      {
          {"set up",
           "SELU is the constant $\\lambda = 1.0507\\ldots$ times an ELU with "
           "$\\alpha = 1.6733\\ldots$, written with the doubles the frameworks use: $\\lambda z$ for "
           "$z > 0$ and $\\lambda\\alpha(e^z - 1)$ for $z \\le 0$."},
          {"constant multiple",
           "The constant $\\lambda$ stays in front, and the piecewise rule differentiates the ELU: "
           "slope 1 on the right, $\\alpha e^z$ on the left. So $g'(z) = \\lambda$ for $z > 0$ and "
           "$\\lambda\\alpha e^z$ below, which tends to $\\lambda\\alpha \\approx 1.758$ at 0: a "
           "kink, where the left slope $\\lambda\\alpha$ is used."},
      },
      {}});

  table.push_back(Activation{
      "celu",
      "CELU",
      "CELU is ELU with the exponent divided by $\\alpha$: $\\alpha(e^{z/\\alpha} - 1)$ for "
      "$z \\le 0$ (PyTorch's CELU, default $\\alpha = 1$, where it equals ELU). The rescaling makes "
      "the negative branch's slope $e^{z/\\alpha}$ equal 1 at $z = 0$ for every $\\alpha$, so the "
      "derivative is continuous there, unlike ELU's for $\\alpha \\ne 1$: the C stands for "
      "continuously differentiable.",
      "piecewise(z > 0, z, z <= 0, alpha*(e^(z/alpha) - 1))",
      "piecewise(z > 0, z, z <= 0, alpha*(e^(z/alpha) - 1))",
      {{"alpha", "α (scale)", 1.0, 0.1, 10.0}},
      celu_value_fn,
      celu_derivative_fn,
      {
          {"set up",
           "CELU is $z$ for $z > 0$ and $\\alpha(e^{z/\\alpha} - 1)$ for $z \\le 0$: ELU with the "
           "exponent scaled by $\\frac{1}{\\alpha}$."},
          {"piecewise rule",
           "On the left the chain rule gives $\\alpha \\cdot \\frac{1}{\\alpha}e^{z/\\alpha}$: the "
           "inner derivative $\\frac{1}{\\alpha}$ cancels the factor $\\alpha$. So "
           "$g'(z) = e^{z/\\alpha}$ for $z \\le 0$, which is 1 at $z = 0$ for every $\\alpha$: both "
           "pieces meet with slope 1, and CELU has no kink."},
      },
      {}});

  table.push_back(Activation{
      "silu",
      "SiLU / Swish",
      "SiLU, $z\\,\\sigma(z)$, weights the input by a sigmoid gate; with a sharpness $\\beta$, "
      "$z\\,\\sigma(\\beta z)$, it is Swish, found by an automated search for activations "
      "(Ramachandran et al., 2017). PyTorch's nn.SiLU has no $\\beta$ (it is $\\beta = 1$); "
      "TensorFlow's tf.nn.silu takes beta, default 1.0. Unlike ReLU it is smooth and not monotonic: "
      "it dips to $-0.278/\\beta$ at $z \\approx -1.278/\\beta$, where its derivative is 0, and for "
      "positive $z$ the derivative overshoots 1, up to about 1.1.",
      "z*sigmoid(beta*z)",
      "z*sigmoid(beta*z)",
      {{"beta", "β (Swish's sharpness; SiLU is β = 1)", 1.0, 0.1, 10.0}},
      silu_value_fn,
      silu_derivative_fn,
      {
          {"set up",
           "SiLU is a product: $u = z$ times the gate $v = \\sigma(\\beta z)$."},
          {"product rule",
           "$u' = 1$, and by the chain rule $v' = \\beta\\,\\sigma(\\beta z)(1 - \\sigma(\\beta z))$. "
           "So $g'(z)$ is the gate itself plus $z$ times the gate's slope."},
          {"simplify",
           "Factored, $g'(z) = \\sigma(\\beta z)\\left(1 + \\beta z\\,(1 - \\sigma(\\beta z))\\right)$. "
           "The bracket is 0 at $\\beta z \\approx -1.2785$, the minimum of $g$; below it the slope is "
           "slightly negative, and it peaks at about 1.0998 at $\\beta z \\approx 2.40$ before "
           "settling to 1."},
      },
      {}});

  table.push_back(Activation{
      "gelu",
      "GELU",
      "GELU weights its input by the probability that a standard normal variable is smaller: "
      "$g(z) = z\\,\\Phi(z) = \\frac{z}{2}\\left(1 + \\operatorname{erf}\\frac{z}{\\sqrt 2}\\right)$; "
      "it is the activation of BERT and many later transformers. PyTorch's nn.GELU "
      "(approximate='none') and TensorFlow's gelu (approximate=False) compute this exact form by "
      "default, while JAX's jax.nn.gelu defaults to the tanh approximation (approximate=True). Its "
      "derivative $\\Phi(z) + z\\,\\varphi(z)$ is smooth, slightly negative below $z \\approx -0.75$ "
      "and above 1 for moderate positive $z$.",
      "z*(1 + erf(z/sqrt(2)))/2",
      "z/2*(1 + erf(z/sqrt(2)))",
      {},
      gelu_value_fn,
      gelu_derivative_fn,
      {
          {"set up",
           "GELU is $z\\,\\Phi(z)$ with $\\Phi(z) = \\frac{1}{2}\\left(1 + "
           "\\operatorname{erf}\\frac{z}{\\sqrt 2}\\right)$ the standard normal CDF, differentiated "
           "here as the product of $u = \\frac{z}{2}$ and "
           "$v = 1 + \\operatorname{erf}\\frac{z}{\\sqrt 2}$."},
          {"product rule",
           "$u' = \\frac{1}{2}$, and with $\\frac{d}{dx}\\operatorname{erf} x = "
           "\\frac{2}{\\sqrt\\pi}e^{-x^2}$ and the chain rule, "
           "$v' = \\frac{1}{\\sqrt 2} \\cdot \\frac{2}{\\sqrt\\pi}e^{-z^2/2}$. So $u'v = \\Phi(z)$ "
           "and $uv' = z\\,\\varphi(z)$, with $\\varphi(z) = \\frac{1}{\\sqrt{2\\pi}}e^{-z^2/2}$ the "
           "normal density."},
          {"simplify",
           "Read as $g'(z) = \\Phi(z) + z\\,\\varphi(z)$: the probability term rises from 0 to 1, and "
           "the density term is negative for $z < 0$. They cancel at $z \\approx -0.7518$, the "
           "minimum $g \\approx -0.170$, and the slope peaks at about 1.129 at $z = \\sqrt 2$."},
      },
      {}});

  table.push_back(Activation{
      "gelu_tanh",
      "GELU (tanh approximation)",
      "The tanh approximation of GELU, $\\frac{z}{2}\\left(1 + \\tanh\\left(\\sqrt{2/\\pi}\\,(z + "
      "0.044715 z^3)\\right)\\right)$, was offered in the GELU paper as a faster form that avoids "
      "erf. It is what JAX's jax.nn.gelu computes by default and what PyTorch (approximate='tanh') "
      "and TensorFlow (approximate=True) give on request; it stays within $5 \\times 10^{-4}$ of "
      "exact GELU, and its derivative within $10^{-3}$ of GELU's.",
      "z*(1 + tanh(sqrt(2/pi)*(z + 0.044715*z^3)))/2",
      "z/2*(1 + tanh(sqrt(2/pi)*(z + 0.044715*z^3)))",
      {},
      gelu_tanh_value_fn,
      gelu_tanh_derivative_fn,
      {
          {"set up",
           "The approximation replaces $\\operatorname{erf}\\frac{z}{\\sqrt 2}$ by $\\tanh u$ with "
           "$u = \\sqrt{2/\\pi}\\,(z + 0.044715 z^3)$; it is differentiated as the product of "
           "$\\frac{z}{2}$ and $1 + \\tanh u$."},
          {"product rule",
           "$\\frac{1}{2}(1 + \\tanh u)$, plus $\\frac{z}{2}$ times "
           "$\\frac{d}{dz}\\tanh u = (1 - \\tanh^2 u)\\,u'$ by the chain rule, with "
           "$u' = \\sqrt{2/\\pi}\\,(1 + 3 \\cdot 0.044715 z^2)$."},
          {"simplify",
           "Folding $3 \\cdot 0.044715 = 0.134145$ gives the form above. Since "
           "$1 + \\tanh u = 2\\sigma(2u)$, it is also $\\sigma(2u) + 2zu'\\,\\sigma(2u)\\sigma(-2u)$: "
           "the SiLU derivative's pattern, with $2u$ in place of $\\beta z$."},
      },
      {}});

  table.push_back(Activation{
      "mish",
      "Mish",
      "Mish, $z\\tanh(\\operatorname{softplus}(z))$ (Misra, 2019), is a smooth, non-monotonic "
      "activation shaped much like SiLU (PyTorch's nn.Mish). It dips to about $-0.309$ at "
      "$z \\approx -1.19$, where its derivative is 0, so small negative inputs still pass a little "
      "signal and gradient; for positive $z$ the derivative overshoots 1 slightly, peaking near "
      "1.089.",
      "z*tanh(softplus(z))",
      "z*tanh(softplus(z))",
      {},
      mish_value_fn,
      mish_derivative_fn,
      {
          {"set up",
           "Mish is the product of $u = z$ and the gate $v = \\tanh(\\operatorname{softplus}(z))$, "
           "which, like SiLU's sigmoid, rises from 0 to 1."},
          {"product rule",
           "$u' = 1$; for $v$ the chain rule runs twice: $\\frac{d}{dx}\\tanh x = 1 - \\tanh^2 x$ at "
           "$x = \\operatorname{softplus}(z)$, times "
           "$\\frac{d}{dz}\\operatorname{softplus}(z) = \\sigma(z)$."},
          {"simplify",
           "So $g'(z)$ is the gate plus $z\\,\\sigma(z)$ times the gate's $1 - \\tanh^2$. It is 0.6 "
           "at $z = 0$, 0 at $z \\approx -1.1924$, the minimum $g \\approx -0.309$, and peaks at "
           "about 1.089 near $z = 1.49$."},
      },
      {}});

  return table;
}

}  // namespace

const std::vector<Activation>& activations() {
  static const std::vector<Activation> table = build();
  return table;
}

}  // namespace actderiv
