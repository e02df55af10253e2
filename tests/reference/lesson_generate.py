#!/usr/bin/python3
"""High-precision values for the floating-point lesson's reference (core/src/lesson.cpp).

Writes tests/reference/lesson.csv (next to this script), one row per point:

    case,z,hi,lo,exponent,rounded

  case      sigmoid_derivative | tanh_derivative | softplus
  z         an exactly representable double
  hi, lo    the true value's mantissa as a double-double: value = (hi + lo) * 2^exponent with
            hi in [0.5, 1) correctly rounded and lo the next 53 bits, so (hi + lo) is within 2^-107
            of the mantissa; the exponent keeps values far below the double range (e^-750) exact
  exponent  an integer
  rounded   the true value rounded once to the nearest double (ties to even, subnormals on their
            own grid, 0 below half the smallest subnormal), by generate.py's to_double

Mathematics, evaluated with mpmath at REF_PREC bits (and again at 2*REF_PREC, which must agree):
  sigmoid_derivative(z) = e^-z / (1 + e^-z)^2
  tanh_derivative(z)    = sech(z)^2
  softplus(z)           = log(1 + e^z)

Points: 0, small and moderate |z| of both signs, and each textbook formula's threshold (g rounds to
1 near 36.7, tanh z to 1 near 19.06, overflow near 354.9 and 709.8, the subnormal range from 708,
total underflow past 745 for the sigmoid and 372.5 for tanh), plus a few far points (1e3, 1e5).

Run: /usr/bin/python3 tests/reference/lesson_generate.py
"""

import os
import sys

from mpmath import mp, mpf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import REF_PREC, fmt, to_double  # noqa: E402  (the shared exact rounding)


def sigmoid_derivative(z):
    e = mp.exp(-mpf(z))
    return e / (1 + e) ** 2


def tanh_derivative(z):
    return mp.sech(mpf(z)) ** 2


def softplus(z):
    return mp.log1p(mp.exp(mpf(z)))


CASES = (
    ("sigmoid_derivative", sigmoid_derivative,
     (0.0, 1e-300, 1e-8, 0.25, 1.0, 2.5, 10.0, 36.0, 36.75, 40.0, 100.0, 354.9, 500.0, 708.5,
      709.8, 740.0, 745.0, 745.2, 750.0, 1000.0, 1e5)),
    ("tanh_derivative", tanh_derivative,
     (0.0, 1e-300, 1e-8, 0.5, 1.0, 3.0, 10.0, 19.0, 19.1, 30.0, 100.0, 354.0, 355.7, 371.0,
      372.4, 372.6, 400.0, 1000.0, 1e5)),
    ("softplus", softplus,
     (0.0, 1e-300, 1e-8, 0.5, 1.0, 5.0, 36.0, 37.0, 100.0, 709.0, 710.0, 1000.0, 1e5)),
)


def mantissa(v):
    """(hi, lo, exponent) with v = (hi + lo) * 2^exponent, hi in [0.5, 1)."""
    m, e = mp.frexp(v)
    hi = to_double(m)
    lo = to_double(m - mpf(hi))
    return hi, lo, int(e)


def main():
    rows = ["case,z,hi,lo,exponent,rounded"]
    for name, fn, magnitudes in CASES:
        points = sorted({s * x for x in magnitudes for s in (1.0, -1.0)})
        for z in points:
            with mp.workprec(REF_PREC):
                v = fn(z)
                row = mantissa(v) + (to_double(v),)
            with mp.workprec(2 * REF_PREC):
                if mantissa(fn(z)) + (to_double(fn(z)),) != row:
                    sys.exit(f"{name}({z!r}): {REF_PREC} bits are not enough")
            rows.append(",".join((name, fmt(z), fmt(row[0]), fmt(row[1]), str(row[2]),
                                  fmt(row[3]))))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lesson.csv")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows) - 1} rows to {path}")


if __name__ == "__main__":
    main()
