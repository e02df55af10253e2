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

// sech(z) = 1/cosh(z) as 2t/(1 + t^2) with t = e^-|z|: no overflow of cosh past |z| = 710, where
// 1/cosh(z) would return 0 for a value still above the smallest subnormal until |z| = 745.
double sech(double z);

// max(0, z); NaN gives NaN.
// log(cosh z): log1p(2 sinh^2(z/2)) below |z| = 10 (no cancellation near 0, where it is z^2/2),
// |z| - log 2 + log1p(e^-2|z|) above (no overflow of cosh past |z| = 710).
double logcosh(double z);

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

// The four activations below are assembled in double-double arithmetic from exp, expm1 and erfc of the C
// library, so their error is essentially that of the library calls plus one final rounding.
// Measured over 10^6 random z (uniform on [-1000, 1000], [-50, 50], [-45, -5], [-5, 5], all
// magnitudes 1e-300..1000, and around each derivative zero) against 113-bit references: at most
// 3 ULP for values and derivatives, with glibc (native) and musl (WebAssembly) alike.

// z sigma(beta z) (SiLU for beta = 1, Swish otherwise), from one exp of -|beta z|; below
// beta z = -700, where the result heads into the subnormals, e^(beta z) is applied in two halves so
// the result is rounded once.
// Bound: within 4 ULP when beta * z is exact (beta a power of two). Otherwise the rounding of
// x = beta * z is amplified by sigma's condition number x sigma(-x): within 4 + |x| ULP.
double silu(double z, double beta);

// d/dz [z sigma(beta z)] = sigma(x) (1 + x sigma(-x)) with x = beta z, as e^x (1 + x + e^x)/(1 + e^x)^2
// for x < 0. Its zero x0 = -1.27846 (1 + x0 + e^x0 = 0) is irrational, and near it 1 + x + e^x
// cancels; on [-2.5, -0.64] it is computed as t + e^x0 expm1(t), t = x - x0 (x0 a double-double),
// two terms of t's sign.
// Bound: within 4 ULP wherever beta * z is exact, the zero included. For other beta, within
// 4 + |x| ULP away from the zero and, for |x - x0| < 0.3, an absolute error below 2^-54 (the
// rounding of x times the slope of g' there; measured up to 3.9e-17).
double silu_derivative(double z, double beta);

// GELU, z Phi(z) with Phi the standard normal CDF. For -15 <= z < 0, Phi(z) = erfc(x)/2 with
// x = -z/sqrt2 formed as a double-double and erfc corrected to first order, -(2/sqrt pi) e^-x^2 x_lo:
// erfc of the rounded x alone is off by up to z^2/2 ULP (112 ULP at z = -15). Below -15,
// z Phi(z) = -phi(z) S(z) with the asymptotic series S = 1 - 1/z^2 + 3/z^4 - ... and phi's exponent
// z^2/2 formed exactly; it underflows to 0 below z = -38.6.
// Bound: within 4 ULP for all z (measured: at most 3). On [-15, -0.7] that rests on the library
// erfc, fdlibm's in both glibc and musl, whose own error there reaches 3.7 ULP (glibc) and 2.7 ULP
// (musl): a less accurate erfc would show through.
double gelu(double z);

// Phi(z) + z phi(z). Its zero z0 = -0.75179 is irrational, and near it Phi and z phi cancel: on
// [-1.5, -0.375] it is the Taylor series at z0 in t = z - z0 (z0 a double-double, 28 terms, first
// term 0.4315 t); below -15, -phi(z) (|z| - S(z)/|z|) with the series of gelu.
// Bound: within 4 ULP for all z, the zero included (measured: at most 3); on [-15, -1.5] it rests on
// the library erfc as gelu's does.
double gelu_derivative(double z);

// The tanh approximation of GELU, (z/2)(1 + tanh(u)) = z sigma(2u) with
// u = sqrt(2/pi) (z + 0.044715 z^3), 0.044715 the exact decimal. u is a double-double: for z < 0 the
// relative error of sigma(2u) is 2|u| times that of u, up to 745 times at z = -21.5. No cube is
// formed beyond |z| = 22, where the value is z or underflows.
// Bound: within 4 ULP for all z.
double gelu_tanh(double z);

// sigma(2u) (1 + 2 z u' sigma(-2u)), u' = sqrt(2/pi) (1 + 0.134145 z^2), as
// e^2u (1 + e^2u + 2 z u')/(1 + e^2u)^2 for z < 0. Near its zero z0 = -0.75246 the bracket cancels; on
// [-1.5, -0.375] it is e^2u(z0) expm1(2 t D1) + 2 t D3 with t = z - z0 (z0 a double-double) and
// D1, D3 > 0 the divided differences of u and z u': two terms of t's sign.
// Bound: within 4 ULP for all z, the zero included.
double gelu_tanh_derivative(double z);

// Mish, z tanh(softplus(z)), with tanh(softplus(z)) = n/(n + 2), n = e^z (e^z + 2), for z <= 0 and
// (1 + 2m)/(1 + 2m + 2m^2), m = e^-z, for z > 0: no overflow, no log, no 1 - tanh cancellation.
// Bound: within 4 ULP for all z.
double mish(double z);

// Mish'(z) = e^z w / d^2 with w = 4(z + 1) + e^z (4z + 6) + 4e^2z + e^3z and d = e^2z + 2e^z + 2 (the
// m = e^-z form for z > 0). Near its zero z0 = -1.19243 w cancels; on [-2.375, -0.625] it is
// written in t = z - z0 (z0 a double-double) and expm1(t) as five terms of t's sign.
// Bound: within 4 ULP for all z, the zero included.
double mish_derivative(double z);

}  // namespace actderiv
