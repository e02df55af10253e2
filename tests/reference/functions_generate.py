#!/usr/bin/python3
"""Correctly rounded references for the expression functions whose value the core computes with a
formula of its own rather than a libm call (core/src/expr/functions.cpp, numerics.h).

Writes tests/reference/functions.csv (next to this script), one row per point:

    function,z,value,derivative

  function    sech
  z           an exactly representable double
  value       f(z) correctly rounded to a double (generate.py's to_double, Ziv-checked at REF_PREC
              and 2*REF_PREC bits)
  derivative  f'(z) correctly rounded: sech'(z) = -sech(z) tanh(z)

Points: 0 and -0, tiny, moderate, the tail where cosh(z) overflows (|z| > 710.48) and sech(z) is
subnormal (|z| > 708.4), up to the last z with a nonzero double (745.13), both signs; +-inf, nan.

Run: /usr/bin/python3 tests/reference/functions_generate.py
"""

import math
import os
import sys

import mpmath

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import fmt, rounded  # noqa: E402  (the shared exact rounding)


def sech(z):
    if math.isnan(z):
        return math.nan, math.nan
    if math.isinf(z):
        return 0.0, (-0.0 if z > 0 else 0.0)
    return rounded(mpmath.sech, z), rounded(lambda x: -mpmath.sech(x) * mpmath.tanh(x), z)


POINTS = (0.0, -0.0, 5e-324, 1e-300, 1e-8, 0.125, 0.5, 0.881373587019543, 1.0, 2.0, 5.0, 19.0,
          20.0, 37.5, 100.0, 354.0, 700.0, 708.0, 708.5, 709.0, 710.0, 710.5, 711.0, 720.0, 740.0,
          744.0, 745.0, 745.1, 745.2, 750.0)


def main():
    rows = ["function,z,value,derivative"]
    points = [s * z for z in POINTS for s in (1.0, -1.0) if not (z == 0 and s < 0)] + [math.inf, -math.inf, math.nan]
    for z in points:
        rows.append(",".join(("sech", fmt(z)) + tuple(map(fmt, sech(z)))))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "functions.csv")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows) - 1} rows to {path}")


if __name__ == "__main__":
    main()
