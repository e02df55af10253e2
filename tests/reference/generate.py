#!/usr/bin/python3
"""Correctly rounded reference values for the activation functions and their derivatives.

Writes tests/reference/activations.csv (next to this script), one row per point:

    function,param,z,value,derivative

  function    sigmoid | tanh | relu | leaky_relu | identity | binary_step | softsign | hardtanh |
              relu6 | elu | softplus | prelu | hard_sigmoid | hard_swish | log_sigmoid | selu | celu |
              silu | gelu | gelu_tanh | mish
  param       the value of the activation's one parameter (alpha for leaky_relu, elu, prelu and celu,
              beta for softplus and silu; the exact binary value of the double written), empty for
              the others
  z           an exactly representable double
  value       g(z)  correctly rounded (round to nearest, ties to even) to a double
  derivative  g'(z) correctly rounded to a double

Mathematics (evaluated with mpmath at REF_PREC bits, then rounded once, exactly, to a double):
  sigmoid(z) = 1/(1+e^-z)          sigmoid'(z) = e^-z/(1+e^-z)^2
  tanh(z)                          tanh'(z)    = sech(z)^2
  relu(z)    = max(0, z)           relu'(z)    = 1 if z > 0 else 0          (0 at the kink z = 0)
  leaky(z)   = z if z > 0 else a*z leaky'(z)   = 1 if z > 0 else alpha      (alpha at the kink)
  identity   = z                   identity'   = 1
  step(z)    = 1 if z >= 0 else 0  step'(z)    = 0
  softsign   = z/(1+|z|)           softsign'   = 1/(1+|z|)^2
  hardtanh   = clamp(z, -1, 1)     hardtanh'   = 1 if -1 < z < 1 else 0     (0 at the corners)
  relu6      = clamp(z, 0, 6)      relu6'      = 1 if 0 < z < 6 else 0      (0 at the corners)
  elu(z)     = z if z > 0 else a(e^z - 1)      elu'(z) = 1 if z > 0 else a e^z
  prelu      = leaky_relu with its own default (alpha = 0.25)
  hard_sigmoid = clamp((z+3)/6, 0, 1)    hard_sigmoid' = 1/6 if -3 < z < 3 else 0
  hard_swish = z clamp((z+3)/6, 0, 1)    hard_swish'   = 0 if z < -3, 1 if z > 3, else (2z+3)/6
  log_sigmoid = -log(1 + e^-z)           log_sigmoid'  = 1/(1 + e^z)
  selu       = l z if z > 0 else l a (e^z - 1); selu' = l if z > 0 else l a e^z, with the doubles
               l = 1.0507009873554805 and a = 1.6732632423543772 taken exactly
  celu       = z if z > 0 else a (e^(z/a) - 1); celu' = 1 if z > 0 else e^(z/a); a a power of two
  softplus   = log(1 + e^(b z))/b  softplus'   = 1/(1 + e^(-b z)); b is a power of two here, so the
               core's b*z is exact (for other b its rounding costs about |b z| ULP in the far
               negative tail, a conditioning limit documented in the core)
  silu       = z sigma(b z)        silu'       = sigma(b z) + b z sigma(b z) sigma(-b z); b a power of
               two, so b*z is exact
  gelu       = z Phi(z)            gelu'       = Phi(z) + z phi(z), Phi and phi the standard normal
                                                 CDF and density (mpmath ncdf, npdf)
  gelu_tanh  = z sigma(2u), u = sqrt(2/pi) (z + 0.044715 z^3) with 0.044715 the exact decimal, which
               is (z/2)(1 + tanh(u)) without its cancellation; gelu_tanh' = sigma(2u) + 2 z u' sigma(2u)
               sigma(-2u), u' = sqrt(2/pi) (1 + 3 * 0.044715 z^2)
  mish       = z tanh(log1p(e^z))  mish'       = tanh(sp) + z sech(sp)^2 sigma(z), sp = log1p(e^z)
At z = +-inf the limits are written (sigmoid'(+-inf) = tanh'(+-inf) = 0, leaky(-inf) = -inf for
alpha > 0, silu, gelu, gelu_tanh and mish: (inf, 1) at +inf and (0, 0) at -inf); z = nan gives nan for
both columns. gelu past |z| = 1e6, where mpmath's erfc overflows, is written as (z, 1) or (-0.0, -0.0):
the correctly rounded results, as 1 - Phi(|z|) < e^-(5e11) there.

Rounding to double does not use float(mpf) (mpmath rounds toward zero there, and a second rounding
happens for subnormals): to_double() rounds the exact binary mantissa of the mpf to the double grid,
normal or subnormal, with ties to even, and overflows to inf past the largest double. Every value is
computed at REF_PREC and at 2*REF_PREC bits and the two roundings must agree (a Ziv-style check that
the working precision was enough); the script stops otherwise.

Doubles are written with repr(), which round-trips; special values as inf, -inf, nan, -0.0.

Points (fixed seed, so every run writes the same file; the random doubles are built from integers
and IEEE operations only, so they do not depend on the platform's libm):
  (a) doubles uniform in [-1000, 1000]
  (b) log-uniform magnitudes in [1e-300, 1000], both signs (random binary exponent and mantissa)
  (c) dense points near 0 (+-2^-k, +-10^-k, a grid on [-8, 8]) and near each function's thresholds:
      sigmoid: +-[36, 40] (1 - g rounds to 0), +-[709, 711] (e^-z overflows),
      +-[744, 746] (e^z leaves the subnormals); tanh: [18, 20] and its negative (1 - tanh^2 = 0),
      [0.5e-8, 1e-7] (tanh(z) rounds to z), [0.35, 0.65] and [-0.65, -0.35]
  (d) extremes: +-1e300, +-DBL_MAX, +-inf, nan, 0.0, -0.0, +-smallest subnormal, +-DBL_MIN
relu and leaky_relu are exact or one IEEE multiplication, so they get fewer random points, and
leaky_relu, whose set is repeated for each alpha in ALPHAS, a smaller near-zero set that reaches the
subnormals (alpha*z underflows there). The catalogue functions share smaller sets (about 180 points
each, one set per parameter value). silu, gelu, gelu_tanh and mish add to that set
  (e) dense points around each derivative zero (the three doubles nearest it, offsets of 2^-10 to
      2^-50, a grid one unit wide), where g' is tiny and relative accuracy is hardest;
  (f) their tails: gelu on [-40, -5], where z Phi(z) falls from 1e-6 through the subnormals to 0,
      gelu_tanh on [-23, -3], silu and mish on [-750, -695] (e^z leaves the normal range), and the
      points where the core switches formulas (numerics.h).
The file stays under 400 KB.

Run: /usr/bin/python3 tests/reference/generate.py   (or npm run refgen); takes a few seconds.
"""

import math
import os
import random
import sys

import mpmath
from mpmath import mp, mpf

REF_PREC = 300
SEED = 20240611
ALPHAS = (0.01, 0.1, 0.2, 0.3, 1.0)

DBL_MAX = sys.float_info.max
DBL_MIN = sys.float_info.min          # smallest normal, 2^-1022
DBL_TRUE_MIN = math.ldexp(1.0, -1074)  # smallest subnormal
INF = math.inf
NAN = math.nan


# ---------------------------------------------------------------------------------------------
# Exact rounding of an mpf to a double.

def to_double(x):
    """x (a finite mpf) rounded to the nearest double, ties to even, with overflow to +-inf."""
    sign, man, exp, bc = x._mpf_
    if man == 0:
        return -0.0 if sign else 0.0
    # |x| = man * 2^exp with 2^(e) <= |x| < 2^(e+1)
    e = exp + bc - 1
    if e < -1075:                      # below half the smallest subnormal
        return -0.0 if sign else 0.0
    if e > 1023:
        return -INF if sign else INF
    q = max(e - 52, -1074)             # exponent of the last mantissa bit kept (normal or subnormal)
    shift = q - exp
    if shift <= 0:
        m = man << -shift
    else:
        m = man >> shift
        rem = man - (m << shift)
        half = 1 << (shift - 1)
        if rem > half or (rem == half and (m & 1)):
            m += 1
    # m * 2^q is exact in binary64 unless it overflows (m <= 2^53)
    if m == 0:
        r = 0.0
    elif q + m.bit_length() - 1 > 1023:
        r = INF
    else:
        r = math.ldexp(m, q)
    return -r if sign else r


def rounded(fn, z):
    """fn(mpf z) at REF_PREC and 2*REF_PREC bits, rounded to a double; both must agree."""
    results = []
    for prec in (REF_PREC, 2 * REF_PREC):
        with mp.workprec(prec):
            results.append(to_double(fn(mpf(z))))
    a, b = results
    if not (a == b and math.copysign(1.0, a) == math.copysign(1.0, b)):
        sys.exit(f"precision check failed for z={z!r}: {a!r} at {REF_PREC} bits, {b!r} at {2 * REF_PREC}")
    return a


# ---------------------------------------------------------------------------------------------
# The functions: (value, derivative) as doubles for a double z.

def sigmoid(z):
    if math.isnan(z):
        return NAN, NAN
    if math.isinf(z):
        return (1.0 if z > 0 else 0.0), 0.0
    value = rounded(lambda x: 1 / (1 + mpmath.exp(-x)), z)
    # e^-z/(1+e^-z)^2 is even in z; write it with e^-|z| so no intermediate is huge
    derivative = rounded(lambda x: mpmath.exp(-abs(x)) / (1 + mpmath.exp(-abs(x))) ** 2, z)
    return value, derivative


def tanh(z):
    if math.isnan(z):
        return NAN, NAN
    if math.isinf(z):
        return (1.0 if z > 0 else -1.0), 0.0
    if z == 0:
        return z, 1.0  # keeps the sign of zero: tanh(-0.0) = -0.0
    value = rounded(mpmath.tanh, z)
    derivative = rounded(lambda x: mpmath.sech(x) ** 2, z)
    return value, derivative


def relu(z):
    if math.isnan(z):
        return NAN, NAN
    if z > 0:
        return z, 1.0
    return 0.0, 0.0


def leaky_relu(z, alpha):
    if math.isnan(z):
        return NAN, NAN
    if z > 0:
        return z, 1.0
    if math.isinf(z):
        return -INF, alpha
    if z == 0:
        return alpha * z, alpha  # -0.0 stays -0.0; the comparison treats +0 and -0 as equal
    return rounded(lambda x: mpf(alpha) * x, z), alpha


def identity(z):
    return z, (NAN if math.isnan(z) else 1.0)


def binary_step(z):
    if math.isnan(z):
        return NAN, NAN
    return (1.0 if z >= 0 else 0.0), 0.0


def softsign(z):
    if math.isnan(z):
        return NAN, NAN
    if math.isinf(z):
        return math.copysign(1.0, z), 0.0
    if z == 0:
        return z, 1.0
    return (rounded(lambda x: x / (1 + abs(x)), z), rounded(lambda x: 1 / (1 + abs(x)) ** 2, z))


def clamp(lo, hi):
    def fn(z):
        if math.isnan(z):
            return NAN, NAN
        value = lo if z < lo else hi if z > hi else z
        return value, (1.0 if lo < z < hi else 0.0)
    return fn


def elu(z, alpha):
    if math.isnan(z):
        return NAN, NAN
    if z > 0:
        return z, 1.0
    if math.isinf(z):
        return -alpha, 0.0
    if z == 0:
        return 0.0, alpha
    return (rounded(lambda x: mpf(alpha) * mpmath.expm1(x), z),
            rounded(lambda x: mpf(alpha) * mpmath.exp(x), z))


def softplus(z, beta):
    if math.isnan(z):
        return NAN, NAN
    if math.isinf(z):
        return (INF, 1.0) if z > 0 else (0.0, 0.0)
    b = mpf(beta)
    return (rounded(lambda x: mpmath.log1p(mpmath.exp(b * x)) / b, z),
            rounded(lambda x: 1 / (1 + mpmath.exp(-b * x)), z))


def hard_sigmoid(z):
    if math.isnan(z):
        return NAN, NAN
    value = 0.0 if z <= -3 else 1.0 if z >= 3 else rounded(lambda x: (x + 3) / 6, z)
    return value, (rounded(lambda x: mpf(1) / 6, 0.0) if -3 < z < 3 else 0.0)


def hard_swish(z):
    if math.isnan(z):
        return NAN, NAN
    if z <= -3:
        value = 0.0
    elif z >= 3:
        value = z
    else:
        value = rounded(lambda x: x * (x + 3) / 6, z)
    if z < -3:
        return value, 0.0
    if z > 3:
        return value, 1.0
    return value, rounded(lambda x: (2 * x + 3) / 6, z)


def log_sigmoid(z):
    if math.isnan(z):
        return NAN, NAN
    if math.isinf(z):
        return (0.0, 0.0) if z > 0 else (-INF, 1.0)
    return (rounded(lambda x: -mpmath.log1p(mpmath.exp(-x)), z),
            rounded(lambda x: 1 / (1 + mpmath.exp(x)), z))


SELU_LAMBDA = 1.0507009873554805
SELU_ALPHA = 1.6732632423543772


def selu(z):
    lam, al = mpf(SELU_LAMBDA), mpf(SELU_ALPHA)
    if math.isnan(z):
        return NAN, NAN
    if z > 0:
        value = INF if math.isinf(z) else rounded(lambda x: lam * x, z)
        return value, SELU_LAMBDA
    if math.isinf(z):
        return rounded(lambda x: -lam * al, 0.0), 0.0
    if z == 0:
        return 0.0, rounded(lambda x: lam * al, 0.0)
    return (rounded(lambda x: lam * al * mpmath.expm1(x), z),
            rounded(lambda x: lam * al * mpmath.exp(x), z))


def celu(z, alpha):
    if math.isnan(z):
        return NAN, NAN
    if z > 0:
        return z, 1.0
    if math.isinf(z):
        return -alpha, 0.0
    if z == 0:
        return 0.0, 1.0
    a = mpf(alpha)
    return (rounded(lambda x: a * mpmath.expm1(x / a), z), rounded(lambda x: mpmath.exp(x / a), z))


def sig(x):
    """The logistic function at an mpf; 1/(1 + e^-x) never cancels."""
    return 1 / (1 + mpmath.exp(-x))


def smooth_limits(z):
    """(value, derivative) at nan and +-inf for silu, gelu, gelu_tanh and mish, or None."""
    if math.isnan(z):
        return NAN, NAN
    if math.isinf(z):
        return (INF, 1.0) if z > 0 else (0.0, 0.0)
    return None


def silu(z, beta):
    if (limits := smooth_limits(z)) is not None:
        return limits
    b = mpf(beta)
    return (rounded(lambda x: x * sig(b * x), z),
            rounded(lambda x: sig(b * x) + b * x * sig(b * x) * sig(-b * x), z))


def gelu(z):
    if (limits := smooth_limits(z)) is not None:
        return limits
    if abs(z) > 1e6:  # mpmath's erfc overflows for |z| > 1e154; 1 - Phi(|z|) < e^-(5e11) here
        return (z, 1.0) if z > 0 else (-0.0, -0.0)
    return (rounded(lambda x: x * mpmath.ncdf(x), z),
            rounded(lambda x: mpmath.ncdf(x) + x * mpmath.npdf(x), z))


def gelu_tanh(z):
    if (limits := smooth_limits(z)) is not None:
        return limits

    def u(x):  # built inside rounded()'s precision, so 0.044715 and sqrt(2/pi) are exact enough
        return mpmath.sqrt(2 / mpmath.pi) * (x + mpf("0.044715") * x ** 3)

    def du(x):
        return mpmath.sqrt(2 / mpmath.pi) * (1 + 3 * mpf("0.044715") * x ** 2)

    return (rounded(lambda x: x * sig(2 * u(x)), z),
            rounded(lambda x: sig(2 * u(x)) + 2 * x * du(x) * sig(2 * u(x)) * sig(-2 * u(x)), z))


def mish(z):
    if (limits := smooth_limits(z)) is not None:
        return limits

    def sp(x):
        return mpmath.log1p(mpmath.exp(x))

    return (rounded(lambda x: x * mpmath.tanh(sp(x)), z),
            rounded(lambda x: mpmath.tanh(sp(x)) + x * mpmath.sech(sp(x)) ** 2 * sig(x), z))


# Zeros of the derivatives (mpmath findroot, rounded to doubles): silu' in b*z, gelu', gelu_tanh', mish'.
SILU_ZERO = -1.2784645427610737
GELU_ZERO = -0.7517915246935645
GELU_TANH_ZERO = -0.7524614220710163
MISH_ZERO = -1.1924312145154952


# ---------------------------------------------------------------------------------------------
# Points.

def random_double(rng, lo_exp, hi_exp):
    """A positive double with binary exponent uniform in [lo_exp, hi_exp] and a random mantissa."""
    e = rng.randint(lo_exp, hi_exp)
    m = (1 << 52) | rng.getrandbits(52)
    return math.ldexp(m, e - 52)


def uniform_points(rng, n):
    return [rng.uniform(-1000.0, 1000.0) for _ in range(n)]


def log_uniform_points(rng, n):
    # 1e-300 ~ 2^-996.6, 1000 ~ 2^9.97
    points = []
    while len(points) < n:
        x = random_double(rng, -997, 9)
        if 1e-300 <= x <= 1000.0:
            points.append(x if rng.getrandbits(1) else -x)
    return points


def near_zero_points():
    points = [k / 4 for k in range(-32, 33)]                       # grid on [-8, 8]
    points += [s * math.ldexp(1.0, -k) for k in (1, 2, 3, 5, 8, 12, 20, 26, 27, 28, 30, 40, 53, 60, 100, 500, 1000)
               for s in (1, -1)]
    points += [s * float(f"1e-{k}") for k in (1, 2, 3, 4, 6, 8, 10, 15, 20, 50, 100, 200, 300, 308)
               for s in (1, -1)]
    return points


def near_kink_points():
    """A smaller near-zero set for leaky_relu, whose set is repeated for every alpha."""
    points = [k / 2 for k in range(-8, 9)]
    points += [s * math.ldexp(1.0, -k) for k in (1, 20, 53, 500, 1000, 1020, 1030, 1060) for s in (1, -1)]
    return points


def span(rng, lo, hi, n):
    """n points: an even grid on [lo, hi] plus its ends, and n random doubles in the interval."""
    grid = [lo + (hi - lo) * k / n for k in range(n + 1)]
    return grid + [rng.uniform(lo, hi) for _ in range(n)]


def extreme_points():
    return [1e300, -1e300, DBL_MAX, -DBL_MAX, INF, -INF, NAN, 0.0, -0.0,
            DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MIN, -DBL_MIN]


def sigmoid_threshold_points(rng):
    points = []
    for lo, hi, n in ((36.0, 40.0, 16), (709.0, 711.0, 8), (744.0, 746.0, 8)):
        for p in span(rng, lo, hi, n):
            points += [p, -p]
    points += [math.log(2.0) * 1024, -math.log(2.0) * 1024, 745.1332191019411, -745.1332191019411]
    return points


def tanh_threshold_points(rng):
    points = []
    for p in span(rng, 18.0, 20.0, 16):
        points += [p, -p]
    for p in span(rng, 0.5e-8, 1e-7, 12):
        points += [p, -p]
    points += span(rng, 0.35, 0.65, 8) + span(rng, -0.65, -0.35, 8)
    return points


def near_zero_of_derivative(rng, z0):
    """Points around a zero z0 of g': the doubles next to it, offsets 2^-10 .. 2^-50, a unit grid."""
    points = [z0, math.nextafter(z0, -INF), math.nextafter(z0, INF)]
    points += [z0 + s * math.ldexp(1.0, -k) for k in (10, 20, 30, 40, 45, 50) for s in (1, -1)]
    return points + span(rng, z0 - 0.5, z0 + 0.5, 8)


# Where the batch kernels switch formulas (core/src/numerics/gelu_batch.cpp): gelu_batch's intervals
# of |z| (gelu_kernel_coefficients.h) and its limits.
GELU_KERNEL_EDGES = [0.375, 1.125, 1.875, 2.625, 3.375, 4.125, 5.0, 6.0, 7.5, 9.0, 39.0, 39.5]


def edge_points(edges):
    """Each edge with both signs and the doubles on either side of it."""
    points = []
    for e in edges:
        for s in (1, -1):
            points += [s * e, s * math.nextafter(e, 0.0), s * math.nextafter(e, INF)]
    return points


def unique(points):
    """Points in first-seen order, without repeats (nan once, 0.0 and -0.0 both kept)."""
    seen, out = set(), []
    for p in points:
        key = "nan" if math.isnan(p) else repr(p)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# ---------------------------------------------------------------------------------------------
# Output.

def fmt(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


def main():
    rng = random.Random(SEED)
    common_near = near_zero_points()
    extremes = extreme_points()

    sigmoid_points = unique(uniform_points(rng, 300) + log_uniform_points(rng, 200) + common_near
                            + sigmoid_threshold_points(rng) + extremes)
    tanh_points = unique(uniform_points(rng, 300) + log_uniform_points(rng, 200) + common_near
                         + tanh_threshold_points(rng) + extremes)
    relu_points = unique(uniform_points(rng, 100) + log_uniform_points(rng, 100) + common_near + extremes)
    leaky_points = unique(uniform_points(rng, 40) + log_uniform_points(rng, 60) + near_kink_points() + extremes)

    rows = ["function,param,z,value,derivative"]

    def emit(name, points, fn, param=None):
        """One row per point: fn(z), or fn(z, param) for a function with a parameter."""
        for z in points:
            values = fn(z) if param is None else fn(z, param)
            rows.append(",".join((name, "" if param is None else fmt(param), fmt(z)) + tuple(map(fmt, values))))

    emit("sigmoid", sigmoid_points, sigmoid)
    emit("tanh", tanh_points, tanh)
    emit("relu", relu_points, relu)
    for alpha in ALPHAS:
        emit("leaky_relu", leaky_points, leaky_relu, alpha)

    catalogue_points = unique(uniform_points(rng, 40) + log_uniform_points(rng, 40) + near_kink_points()
                              + [-1.0, 1.0, 6.0, -0.999999, 0.999999, 5.999999, 6.000001] + extremes)
    for name, fn in (("identity", identity), ("binary_step", binary_step), ("softsign", softsign),
                     ("hardtanh", clamp(-1.0, 1.0)), ("relu6", clamp(0.0, 6.0))):
        emit(name, catalogue_points, fn)
    smooth_points = unique(catalogue_points + span(rng, -40.0, 40.0, 20))
    for alpha in (1.0, 0.1):
        emit("elu", smooth_points, elu, alpha)
    for beta in (1.0, 2.0, 0.5):
        emit("softplus", smooth_points, softplus, beta)

    for alpha in (0.25, 0.1):
        emit("prelu", catalogue_points, leaky_relu, alpha)
    corner_points = unique(catalogue_points + span(rng, -3.5, 3.5, 20)
                           + [-3.0, 3.0, -2.9999999999999996, 2.9999999999999996, -1.5, -1.4999999999999998])
    for name, fn in (("hard_sigmoid", hard_sigmoid), ("hard_swish", hard_swish)):
        emit(name, corner_points, fn)
    for name, fn in (("log_sigmoid", log_sigmoid), ("selu", selu)):
        emit(name, smooth_points, fn)
    for alpha in (1.0, 0.5, 2.0):
        emit("celu", smooth_points, celu, alpha)

    exp_tail = span(rng, -750.0, -695.0, 8) + [-700.0, -708.0, -709.0]
    for beta in (1.0, 2.0):
        emit("silu", unique(smooth_points + near_zero_of_derivative(rng, SILU_ZERO / beta)
                            + [p / beta for p in exp_tail + [-2.5, -0.64, 40.0, 700.0]]), silu, beta)
    emit("gelu", unique(smooth_points + near_zero_of_derivative(rng, GELU_ZERO) + span(rng, -40.0, -5.0, 20)
                        + [-1.5, -0.375, -15.0, -37.5, -38.5, -39.0, 8.0, 8.5, 40.0]
                        + edge_points(GELU_KERNEL_EDGES) + [-38.0, -38.6, -38.7]), gelu)
    emit("gelu_tanh", unique(smooth_points + near_zero_of_derivative(rng, GELU_TANH_ZERO)
                             + span(rng, -23.0, -3.0, 16) + [-1.5, -0.375, -21.5, -22.0, 10.0]
                             + edge_points([10.0, 22.0, -GELU_TANH_ZERO - 0.19, -GELU_TANH_ZERO + 0.19])
                             + [-21.9]), gelu_tanh)
    emit("mish", unique(smooth_points + near_zero_of_derivative(rng, MISH_ZERO) + exp_tail
                        + [-2.375, -0.625, 40.0]), mish)

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "activations.csv")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows) - 1} rows to {path}")


if __name__ == "__main__":
    main()
