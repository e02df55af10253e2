#include "actderiv/numerics/numerics.h"

#include <cmath>
#include <iterator>

#include "actderiv/numerics/double_double.h"

namespace actderiv {

namespace {

// The careful formulas below carry intermediate values as double-doubles (double_double.h): enough
// extra bits that a formula assembled from a few exact or library-rounded doubles is rounded once, at
// the end, instead of once per operation. Their sums are written so that the terms do not nearly
// cancel, which is what the cheaper sloppy_add needs.

// c * e^-q for q >= 0 (c finite, |c| < 2^996), rounded once even when the result is subnormal: past
// q = 700, e^-q would itself lose bits to the subnormal range, so it is applied as two normal
// halves e^(-q/2).
double times_exp_neg(DoubleDouble c, double q) {
  if (q > 1500) return c.hi * 0.0;  // below 2^-1075 |c|: zero, with c's sign
  // copysign: a product that underflows to zero would come back +0 (-0 + +0 in the low part's sum),
  // and SiLU or Mish at z = -800 is a negative number too small for a double: -0.
  if (q < 700) return std::copysign((c * std::exp(-q)).hi, c.hi);
  const double h = std::exp(-0.5 * q);
  return std::copysign((c * h * h).hi, c.hi);
}

constexpr double kInf = INFINITY;

// The constants below (zeros, e^zero, Taylor coefficients, the lo parts) are mpmath's at 400 bits,
// rounded to doubles.

// The zero of d/dx[x sigma(x)] (1 + x0 + e^x0 = 0) as a double-double, and e^x0 = -(1 + x0).
constexpr DoubleDouble kSiluZero{-1.2784645427610737, -1.0946994183093437e-16};
constexpr double kSiluZeroExp = 0.2784645427610738;

// 1/sqrt(2), 1/sqrt(2 pi) (double-doubles) and 2/sqrt(pi).
constexpr DoubleDouble kInvSqrt2{0.7071067811865476, -4.833646656726457e-17};
constexpr DoubleDouble kInvSqrt2Pi{0.3989422804014327, -2.49232720227773e-17};
constexpr double kTwoOverSqrtPi = 1.1283791670955126;

// Phi(z) = erfc(-z/sqrt2)/2 for z >= -15. For z < 0, x = -z/sqrt2 is a double-double and
// erfc(x_hi + x_lo) = erfc(x_hi) - (2/sqrt pi) e^(-x_hi^2) x_lo: erfc of the rounded x alone would
// carry x's rounding error times erfc's condition number 2x^2 (over 200 at z = -15).
DoubleDouble normal_cdf(double z) {
  if (z >= 0) return 0.5 * std::erfc(-z * kInvSqrt2.hi);
  const DoubleDouble x = two_prod(-z, kInvSqrt2.hi);
  const double x_lo = x.lo + (-z) * kInvSqrt2.lo;
  return two_sum(0.5 * std::erfc(x.hi), -0.5 * kTwoOverSqrtPi * std::exp(-x.hi * x.hi) * x_lo);
}

// phi(z) = scale * e^-exponent, the standard normal density, with exponent = z^2/2 rounded and its
// rounding error folded into scale: exp of a rounded z^2/2 would be off by up to z^2/2 ULP.
struct Gaussian {
  double scale;
  double exponent;
};

Gaussian normal_pdf(double z) {
  const DoubleDouble zz = two_prod(z, z);
  return {kInvSqrt2Pi.hi + (kInvSqrt2Pi.lo - kInvSqrt2Pi.hi * (0.5 * zz.lo)), 0.5 * zz.hi};
}

// S(z) = 1 - 1/z^2 + 3/z^4 - 15/z^6 + ... = |z| Phi(-|z|) / phi(z), for |z| >= 15, where the 14 terms
// summed leave a remainder below 29!!/15^30 = 3e-20.
double mills_series(double z) {
  const double w = 1.0 / (z * z);
  double s = 1.0;
  for (int k = 14; k >= 1; --k) s = 1.0 - (2 * k - 1) * w * s;
  return s;
}

// The zero of Phi(z) + z phi(z) as a double-double, and the Taylor coefficients of that function
// there, c_1 (a double-double) to c_28: c_k = (-1)^(k-1) phi(z0) (He_(k-1)(z0) - He_(k+1)(z0)) / k!
// with He the Hermite polynomials. On |t| <= 0.75 the first omitted term is below 4e-19.
constexpr DoubleDouble kGeluZero{-0.7517915246935645, 1.4956759177009883e-17};
constexpr DoubleDouble kGeluTaylor1{0.4314939923140469, 2.7308688141129613e-17};
constexpr double kGeluTaylor[] = {
    0.388284982990552,       -0.018199676398671087,   -0.1140082332972217,    -0.014771522148244337,
    0.019421679838189067,    0.004539228379125415,    -0.002239538068073497,  -0.0007448268386746817,
    0.00018633974623233514,  8.615947861116571e-05,   -1.121438018842664e-05, -7.74846130700372e-06,
    4.3284506257392273e-07,  5.702764979242107e-07,   -1.6044265494246427e-09, -3.5459866461783865e-08,
    -1.396942086426202e-09,  1.90319840501314e-09,    1.4506418938779426e-10, -8.950037692726255e-11,
    -9.950340824808053e-12,  3.725967039270119e-12,   5.482292964742324e-13,  -1.3820118240601056e-13,
    -2.5871508475507507e-14, 4.578167824271334e-15,   1.0789662518230159e-15,
};

// sqrt(2/pi) and 0.044715 sqrt(2/pi) as double-doubles; the zero of the GELU-tanh derivative as a
// double-double, and e^(2 u(z0)) there.
constexpr DoubleDouble kGeluTanhC1{0.7978845608028654, -4.98465440455546e-17};
constexpr DoubleDouble kGeluTanhC3{0.035677408136300125, -3.0875749590776575e-19};
constexpr DoubleDouble kGeluTanhZero{-0.7524614220710163, 3.635560509207687e-17};
constexpr double kGeluTanhZeroExp = 0.29195521191476714;

// u(z) = sqrt(2/pi) (z + 0.044715 z^3) and z u'(z), both as double-doubles, for |z| <= 22.
struct GeluTanhArgument {
  DoubleDouble u;
  DoubleDouble z_du;
};

GeluTanhArgument gelu_tanh_argument(double z) {
  const DoubleDouble c3_zz = kGeluTanhC3 * two_prod(z, z);
  return {sloppy_add(kGeluTanhC1, c3_zz) * z, sloppy_add(kGeluTanhC1, 3.0 * c3_zz) * z};
}

// The zero of Mish' (w(z0) = 0 below) as a double-double, and e^z0.
constexpr DoubleDouble kMishZero{-1.1924312145154952, -4.8484829848031044e-17};
constexpr double kMishZeroExp = 0.3034825352815289;

}  // namespace

double sigmoid(double z) {
  // exp of a non-positive argument cannot overflow; for z < 0, e/(1+e) keeps full relative accuracy
  // down to the subnormal range, where 1 - 1/(1+e) would cancel.
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return z < 0 ? e / (1.0 + e) : z;  // the last case is NaN
}

double sigmoid_derivative(double z) {
  if (std::isnan(z)) return z;
  // sigma(z) * sigma(-z) = [1/(1+e)] * [e/(1+e)] with e = exp(-|z|) <= 1: no overflow, no cancellation.
  const double e = std::exp(-std::fabs(z));
  const double d = 1.0 + e;
  return (1.0 / d) * (e / d);
}

double tanh_value(double z) { return std::tanh(z); }

double tanh_derivative(double z) {
  if (std::isnan(z)) return z;
  // sech^2(z) = 4 e^{-2|z|} / (1 + e^{-2|z|})^2: 2|z| is exact, and nothing cancels.
  const double a = std::fabs(z);
  // Beyond |z| = 20, (1 + t)^2 rounds to 1: square 2e^{-|z|} so the result, subnormal from
  // |z| = 354 on, is rounded once rather than scaled up from an already rounded subnormal.
  if (a > 20) {
    const double m = 2.0 * std::exp(-a);
    return m * m;
  }
  const double t = std::exp(-2.0 * a);
  const double d = 1.0 + t;
  return 4.0 * t / (d * d);
}

double sech(double z) {
  const double t = std::exp(-std::fabs(z));
  return 2.0 * t / (1.0 + t * t);
}

double logcosh(double z) {
  const double a = std::fabs(z);
  if (a < 10) {
    const double s = std::sinh(0.5 * a);
    return std::log1p(2 * s * s);
  }
  return (a - 0.6931471805599453) + std::log1p(std::exp(-2 * a));
}

double relu(double z) { return z > 0 ? z : (z <= 0 ? 0.0 : z); }

double relu_derivative(double z) { return z > 0 ? 1.0 : (z <= 0 ? 0.0 : z); }

double leaky_relu(double z, double alpha) {
  // alpha = 0 is ReLU: 0 on the whole negative branch, including z = -inf (where 0 * z is NaN).
  if (z <= 0) return alpha == 0 ? 0.0 : alpha * z;
  return z;  // z > 0, or NaN
}

double leaky_relu_derivative(double z, double alpha) {
  return z > 0 ? 1.0 : (z <= 0 ? alpha : z);
}

double softplus(double z) {
  if (std::isnan(z)) return z;
  return std::fmax(z, 0.0) + std::log1p(std::exp(-std::fabs(z)));
}

double softplus_beta(double z, double beta) {
  if (std::isnan(z)) return z;
  return std::fmax(z, 0.0) + std::log1p(std::exp(-std::fabs(beta * z))) / beta;
}

double binary_step(double z) { return z >= 0 ? 1.0 : (z < 0 ? 0.0 : z); }

double softsign(double z) {
  if (std::isinf(z)) return std::copysign(1.0, z);
  return z / (1.0 + std::fabs(z));
}

double softsign_derivative(double z) {
  const double d = 1.0 / (1.0 + std::fabs(z));
  return d * d;
}

double clamp(double z, double lo, double hi) { return z < lo ? lo : (z > hi ? hi : z); }

double clamp_derivative(double z, double lo, double hi) {
  if (std::isnan(z)) return z;
  return z > lo && z < hi ? 1.0 : 0.0;
}

double elu(double z, double alpha) { return z > 0 ? z : alpha * std::expm1(z); }

double elu_derivative(double z, double alpha) { return z > 0 ? 1.0 : alpha * std::exp(z); }

double hard_sigmoid(double z) { return clamp((z + 3.0) / 6.0, 0.0, 1.0); }

double hard_sigmoid_derivative(double z) {
  if (std::isnan(z)) return z;
  return z > -3 && z < 3 ? 1.0 / 6.0 : 0.0;
}

double hard_swish(double z) {
  if (z <= -3) return 0.0;
  if (z >= 3) return z;
  return z * (z + 3.0) / 6.0;  // z, or NaN
}

double hard_swish_derivative(double z) {
  if (z < -3) return 0.0;
  if (z > 3) return 1.0;
  return (2.0 * z + 3.0) / 6.0;  // the corners, the middle, or NaN
}

double log_sigmoid(double z) {
  if (std::isnan(z)) return z;
  return std::fmin(z, 0.0) - std::log1p(std::exp(-std::fabs(z)));
}

double selu(double z) {
  return z > 0 ? kSeluLambda * z : (kSeluLambda * kSeluAlpha) * std::expm1(z);
}

double selu_derivative(double z) {
  return z > 0 ? kSeluLambda : (kSeluLambda * kSeluAlpha) * std::exp(z);
}

double celu(double z, double alpha) { return z > 0 ? z : alpha * std::expm1(z / alpha); }

double celu_derivative(double z, double alpha) { return z > 0 ? 1.0 : std::exp(z / alpha); }

double silu(double z, double beta) {
  const double x = beta * z;
  if (std::isnan(x)) return x;
  if (z == 0) return z;  // with its sign
  if (x > 40) return z;  // 1 - sigma(x) < 2^-57: z itself (and +inf)
  if (x >= 0) return divide_to_double(z, two_sum(1.0, std::exp(-x)));
  if (z == -kInf) return -0.0;
  if (x < -700) return times_exp_neg(z, -x);  // 1 + e^x rounds to 1
  const double e = std::exp(x);
  return divide_to_double(dd(z) * e, two_sum(1.0, e));
}

double silu_derivative(double z, double beta) {
  const double x = beta * z;
  if (std::isnan(x)) return x;
  if (x > 700) return 1.0;  // (x - 1) e^-x < 2^-1000 (and +inf)
  if (x >= 0) {
    // sigma(x) (1 + x sigma(-x)) = (d + x m)/d^2 with m = e^-x, d = 1 + m: every term positive.
    const double m = std::exp(-x);
    const DoubleDouble d = two_sum(1.0, m);
    return divide_to_double(sloppy_add(d, dd(x) * m), d * d);
  }
  if (x == -kInf) return -0.0;
  if (x < -700) return times_exp_neg(two_sum(1.0, x), -x);
  const double e = std::exp(x);
  const DoubleDouble d = two_sum(1.0, e);
  DoubleDouble f;  // 1 + x + e^x
  if (x >= -2.5 && x <= -0.64) {
    // 1 + x + e^x = t + e^x0 (e^t - 1) exactly, as 1 + x0 + e^x0 = 0: two terms of t's sign.
    const DoubleDouble t = two_sum(x - kSiluZero.hi, -kSiluZero.lo);
    f = sloppy_add(t, dd(kSiluZeroExp) * std::expm1(t.hi));
  } else {
    f = sloppy_add(two_sum(1.0, x), e);
  }
  return divide_to_double(e * f, d * d);
}

double gelu(double z) {
  if (std::isnan(z) || z == 0) return z;
  if (z > 40) return z;      // 1 - Phi(z) < 2^-1150: z itself (and +inf)
  if (z < -39) return -0.0;  // |z Phi(z)| < 2^-1075 (and -inf)
  // copysign: below 2^-1073 the product rounds to zero, and the double-double's sum would make it +0.
  if (z >= -15) return std::copysign((z * normal_cdf(z)).hi, z);
  // z Phi(z) = -phi(z) S(z): no erfc, no subnormal Phi where z Phi is still normal.
  const Gaussian phi = normal_pdf(z);
  return times_exp_neg(dd(-phi.scale) * mills_series(z), phi.exponent);
}

double gelu_derivative(double z) {
  if (std::isnan(z)) return z;
  if (z > 40) return 1.0;
  if (z < -39) return -0.0;
  if (z >= -1.5 && z <= -0.375) {
    // t (c_1 + t (c_2 + ... + t c_28)), t = z - z0: Phi and z phi never meet.
    const DoubleDouble t = two_sum(z - kGeluZero.hi, -kGeluZero.lo);
    double s = 0;
    for (auto k = std::size(kGeluTaylor); k-- > 0;) s = kGeluTaylor[k] + t.hi * s;
    return (t * sloppy_add(kGeluTaylor1, dd(t.hi) * s)).hi;
  }
  const Gaussian phi = normal_pdf(z);
  if (z < -15) {
    // Phi(z) + z phi(z) = -phi(z) (|z| - S(z)/|z|): no cancellation, no subnormal Phi.
    const double a = -z;
    return times_exp_neg(-phi.scale * two_sum(a, -mills_series(z) / a), phi.exponent);
  }
  return sloppy_add(normal_cdf(z), dd(z) * phi.scale * std::exp(-phi.exponent)).hi;
}

double gelu_tanh(double z) {
  if (std::isnan(z) || z == 0) return z;
  if (z > 10) return z;      // 1 - sigma(2u) < 2^-125: z itself (and +inf)
  if (z < -22) return -0.0;  // 2u < -790: underflows (and -inf)
  const DoubleDouble u = gelu_tanh_argument(z).u;
  // e^(2 u_hi + 2 u_lo) = e^(2 u_hi) (1 + 2 u_lo) to first order; |2 u_lo| < 2^-42.
  if (z > 0) {
    const double e = std::exp(-2.0 * u.hi);
    return divide_to_double(z, sloppy_add(1.0, DoubleDouble(e, -e * (2.0 * u.lo))));
  }
  if (u.hi < -350) return times_exp_neg(DoubleDouble(z, z * (2.0 * u.lo)), -2.0 * u.hi);
  const double e_hi = std::exp(2.0 * u.hi);
  const DoubleDouble e(e_hi, e_hi * (2.0 * u.lo));
  return divide_to_double(z * e, sloppy_add(1.0, e));
}

double gelu_tanh_derivative(double z) {
  if (std::isnan(z)) return z;
  if (z > 10) return 1.0;
  if (z < -22) return -0.0;
  const GeluTanhArgument arg = gelu_tanh_argument(z);
  const DoubleDouble& u = arg.u;
  const DoubleDouble two_z_du = 2.0 * arg.z_du;
  if (z >= 0) {
    // (1 + 2 z u' E/(1 + E))/(1 + E) = (d + 2 z u' E)/d^2 with E = e^-2u, d = 1 + E.
    const double e_hi = std::exp(-2.0 * u.hi);
    const DoubleDouble e(e_hi, -e_hi * (2.0 * u.lo));
    const DoubleDouble d = sloppy_add(1.0, e);
    return divide_to_double(sloppy_add(d, two_z_du * e), d * d);
  }
  if (u.hi < -350) {
    const DoubleDouble h = sloppy_add(1.0, two_z_du);
    return times_exp_neg(h * DoubleDouble(1.0, 2.0 * u.lo), -2.0 * u.hi);
  }
  const double e_hi = std::exp(2.0 * u.hi);
  const DoubleDouble e(e_hi, e_hi * (2.0 * u.lo));
  const DoubleDouble d = sloppy_add(1.0, e);
  DoubleDouble h;  // 1 + e^2u + 2 z u'
  if (z >= -1.5 && z <= -0.375) {
    // With t = z - z0: e^2u(z) - e^2u(z0) = e^2u(z0) expm1(2 t D1) and z u'(z) - z0 u'(z0) = t D3,
    // D1 = c1 + c3 q, D3 = c1 + 3 c3 q, q = z^2 + z z0 + z0^2 > 0; h(z0) = 0 drops out.
    const DoubleDouble t = two_sum(z - kGeluTanhZero.hi, -kGeluTanhZero.lo);
    const double q = z * z + z * kGeluTanhZero.hi + kGeluTanhZero.hi * kGeluTanhZero.hi;
    const double d1 = kGeluTanhC1.hi + kGeluTanhC3.hi * q;
    const DoubleDouble d3 = sloppy_add(kGeluTanhC1, 3.0 * kGeluTanhC3 * q);
    h = sloppy_add(2.0 * t * d3, dd(kGeluTanhZeroExp) * std::expm1(2.0 * t.hi * d1));
  } else {
    h = sloppy_add(d, two_z_du);
  }
  return divide_to_double(e * h, d * d);
}

double mish(double z) {
  if (std::isnan(z) || z == 0) return z;
  if (z > 40) return z;  // 1 - tanh(softplus(z)) < 2^-114: z itself (and +inf)
  if (z > 0) {
    // tanh(softplus(z)) = n/(n + 2 m^2), n = 1 + 2m, m = e^-z.
    const double m = std::exp(-z);
    const DoubleDouble n = two_sum(1.0, 2.0 * m);
    return divide_to_double(z * n, sloppy_add(n, dd(2.0 * m) * m));
  }
  if (z == -kInf) return -0.0;
  if (z < -700) return times_exp_neg(z, -z);  // tanh(softplus(z)) = e^z (1 + O(e^z))
  // tanh(softplus(z)) = n/(n + 2), n = e^z (e^z + 2).
  const double e = std::exp(z);
  const DoubleDouble n = e * two_sum(e, 2.0);
  return divide_to_double(z * n, sloppy_add(n, 2.0));
}

double mish_derivative(double z) {
  if (std::isnan(z)) return z;
  if (z > 40) return 1.0;  // (and +inf)
  if (z > 0) {
    // tanh(sp) + z sech^2(sp) sigma(z) = (n d + 4 z m^2 (1 + m))/d^2, n = 1 + 2m, d = n + 2m^2, m = e^-z.
    const double m = std::exp(-z);
    const DoubleDouble n = two_sum(1.0, 2.0 * m);
    const DoubleDouble d = sloppy_add(n, dd(2.0 * m) * m);
    const DoubleDouble tail = 4.0 * z * (dd(m) * m) * two_sum(1.0, m);
    return divide_to_double(sloppy_add(n * d, tail), d * d);
  }
  if (z == -kInf) return -0.0;
  if (z < -700) return times_exp_neg(two_sum(z, 1.0), -z);
  // e^z w / d^2, d = e^z (e^z + 2) + 2.
  const double e = std::exp(z);
  const DoubleDouble d = sloppy_add(e * two_sum(e, 2.0), 2.0);
  DoubleDouble w;  // 4(z + 1) + e^z (4z + 6) + 4e^2z + e^3z
  if (z >= -2.375 && z <= -0.625) {
    // w(z0 + t) - w(z0) = 4t + A(e^t - 1) + 4t e^z + B(e^2t - 1) + C(e^3t - 1), A = e^z0 (4 z0 + 6),
    // B = 4 e^2z0, C = e^3z0: five terms of t's sign, and w(z0) = 0.
    constexpr double a = kMishZeroExp * (4.0 * kMishZero.hi + 6.0);
    constexpr double b = 4.0 * kMishZeroExp * kMishZeroExp;
    constexpr double c = kMishZeroExp * kMishZeroExp * kMishZeroExp;
    const DoubleDouble t = two_sum(z - kMishZero.hi, -kMishZero.lo);
    const double em = std::expm1(t.hi);
    w = 4.0 * t;
    w = sloppy_add(w, dd(a) * em);
    w = sloppy_add(w, 4.0 * t * e);
    w = sloppy_add(w, b * (em * two_sum(2.0, em)));
    w = sloppy_add(w, c * (em * (3.0 + em * (3.0 + em))));
  } else {
    const DoubleDouble inner = sloppy_add(two_sum(4.0 * z, 6.0), e * two_sum(4.0, e));
    w = sloppy_add(4.0 * two_sum(z, 1.0), e * inner);
  }
  return divide_to_double(e * w, d * d);
}
}  // namespace actderiv
