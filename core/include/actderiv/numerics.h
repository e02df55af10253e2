// Numerically careful scalar formulas. Each is finite wherever the true value is, and correct at
// +-inf (the limit) and NaN (NaN).
#pragma once

namespace actderiv {

// 1/(1+e^-z), never overflowing: exp is only ever taken of -|z|.
double sigmoid(double z);

// sigma(z) * sigma(-z), from one exp(-|z|); avoids g(1-g) (0 for z >= 37) and
// e^-z/(1+e^-z)^2 (NaN for z <= -710).
double sigmoid_derivative(double z);

// tanh(z).
double tanh_value(double z);

// 1 - tanh^2(z) computed as 4t/(1+t)^2 with t = e^-2|z|; avoids the cancellation that makes
// 1 - tanh^2 return 0 for |z| >= 19.1.
double tanh_derivative(double z);

// max(0, z); NaN gives NaN.
double relu(double z);

// 1 for z > 0, 0 for z <= 0 (the frameworks' convention at the kink); NaN gives NaN.
double relu_derivative(double z);

// z for z > 0, alpha*z otherwise; NaN gives NaN.
double leaky_relu(double z, double alpha);

// 1 for z > 0, alpha for z <= 0 (PyTorch's and TensorFlow's convention at the kink); NaN gives NaN.
double leaky_relu_derivative(double z, double alpha);

// log(1 + e^z) as max(z, 0) + log1p(e^-|z|): no overflow for large z, full accuracy for very negative z.
double softplus(double z);

// log(1 + e^(beta z)) / beta as max(z, 0) + log1p(e^-|beta z|) / beta, exact in algebra for beta > 0:
// never overflows (PyTorch's threshold switch to z is an approximation this does not need).
// Bound: within 4 ULP when beta * z is exact (beta a power of two); otherwise the rounding of
// beta * z is amplified by the conditioning of log1p(e^-|x|), about |beta z| ULP in the far
// negative tail, where the value is below e^-|beta z|.
double softplus_beta(double z, double beta);

// 1 for z >= 0, 0 otherwise (the Heaviside step with H(0) = 1); NaN gives NaN.
double binary_step(double z);

// z / (1 + |z|), with the limits +-1 at +-inf.
double softsign(double z);

// 1 / (1 + |z|)^2, squared after the division so it underflows gracefully instead of overflowing.
double softsign_derivative(double z);

// z clamped to [lo, hi]; NaN gives NaN.
double clamp(double z, double lo, double hi);

// 1 strictly inside (lo, hi), 0 outside and at the ends (PyTorch's hardtanh convention); NaN gives NaN.
double clamp_derivative(double z, double lo, double hi);

// z for z > 0, alpha (e^z - 1) otherwise, with expm1 so small |z| keeps full accuracy.
double elu(double z, double alpha);

// 1 for z > 0, alpha e^z otherwise (alpha at z = 0, as PyTorch).
double elu_derivative(double z, double alpha);

// relu6(z + 3) / 6 = clamp((z + 3)/6, 0, 1), with z + 3 formed first: exact near z = -3, where
// z/6 + 1/2 would cancel.
double hard_sigmoid(double z);

// 1/6 strictly inside (-3, 3), 0 elsewhere (PyTorch's convention at the corners); NaN gives NaN.
double hard_sigmoid_derivative(double z);

// z * relu6(z + 3) / 6.
double hard_swish(double z);

// 0 below -3, (2z + 3)/6 on [-3, 3], 1 above (PyTorch's hardswish_backward, whose middle branch
// covers both corners); 2z + 3 is exact where it nears 0, unlike z/3 + 1/2.
double hard_swish_derivative(double z);

// log(sigmoid(z)) = min(z, 0) - log1p(e^-|z|): no overflow, no log of a rounded 1.
double log_sigmoid(double z);

// SELU's constants from Klambauer et al. (2017), as the frameworks use them.
constexpr double kSeluLambda = 1.0507009873554805;
constexpr double kSeluAlpha = 1.6732632423543772;

// lambda z for z > 0, lambda alpha (e^z - 1) otherwise.
double selu(double z);

// lambda for z > 0, lambda alpha e^z otherwise (lambda alpha at z = 0, as PyTorch).
double selu_derivative(double z);

// max(0, z) + min(0, alpha (e^(z/alpha) - 1)).
double celu(double z, double alpha);

// 1 for z > 0, e^(z/alpha) otherwise (1 at z = 0 either way).
double celu_derivative(double z, double alpha);

}  // namespace actderiv
