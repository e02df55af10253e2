// The functions of the expression language in double-double (about 106 bits): the reference a
// typed expression's double evaluation is measured against (calculus/accuracy.h). Each is written so
// that it cancels nothing in the tails (sigmoid of a large negative z is e^z/(1 + e^z), not
// 1 - 1/(1 + e^-z)); results outside the double range are 0 or inf, as the doubles would be.
#pragma once

#include "actderiv/numerics/double_double.h"

namespace actderiv {

// log x for x > 0 (NaN below 0, -inf at 0): a Newton step on e^y = x from the double log, with x
// near 1 handed to log1p so that log(1 + 1e-300) keeps its 1e-300.
DoubleDouble log_dd(DoubleDouble x);

// log(1 + x) for x > -1, including x < 0 (log1p_dd in double_double.h takes x >= 0 only).
DoubleDouble log1p_any_dd(DoubleDouble x);

// e^x - 1, accurate relative to itself near 0.
DoubleDouble expm1_dd(DoubleDouble x);

// sqrt(x) for x >= 0 (NaN below): one Newton step from the double sqrt.
DoubleDouble sqrt_dd(DoubleDouble x);

// base^exponent: repeated squaring for an integer exponent up to 2^20 in size, e^(b log a) otherwise
// (NaN for a negative base and a non-integer exponent).
DoubleDouble pow_dd(DoubleDouble base, DoubleDouble exponent);

// The hyperbolic functions from e^-|x| (tanh, sech) or e^x and e^-x (sinh from expm1 near 0).
DoubleDouble tanh_dd(DoubleDouble x);
DoubleDouble sinh_dd(DoubleDouble x);
DoubleDouble cosh_dd(DoubleDouble x);
DoubleDouble sech_dd(DoubleDouble x);

// 1/(1 + e^-x), as e^x/(1 + e^x) for x < 0.
DoubleDouble sigmoid_dd(DoubleDouble x);

// log(1 + e^x) = max(x, 0) + log1p(e^-|x|).
DoubleDouble softplus_dd(DoubleDouble x);

// erf and erfc: the Taylor series to |x| = 2.5, Laplace's continued fraction for the tail beyond.
DoubleDouble erf_dd(DoubleDouble x);
DoubleDouble erfc_dd(DoubleDouble x);

// log(cosh x): log1p(2 sinh^2(x/2)) below |x| = 10, |x| - log 2 + log1p(e^-2|x|) above.
DoubleDouble logcosh_dd(DoubleDouble x);

// pi and e to 106 bits.
DoubleDouble pi_dd();
DoubleDouble e_dd();

}  // namespace actderiv
