#!/usr/bin/python3
"""References for the double-double functions (core/include/actderiv/numerics/precise.h), the
reference that a typed expression's plain and stable forms are measured against (issue 15).

Writes tests/reference/precise.csv (next to this script), one row per function and point:

    function,x,hi,lo

  function  the expression language's function (functions.h) whose `precise` row is tested
  x         an exactly representable double
  hi, lo    the true f(x) as hi + lo: hi correctly rounded to a double, lo the remainder f(x) - hi
            correctly rounded (about 106 bits in all)

Each value is computed at 2,000 bits and checked at 4,000 (both must give the same hi and lo).
Points span the double range each function has, including the tails where a formula as written
would cancel (tanh and sigmoid at 30 and 700, expm1 and log1p at 1e-300).

Run: /usr/bin/python3 tests/reference/precise_generate.py
"""

import os
import sys

import mpmath
from mpmath import mp, mpf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import fmt, to_double  # noqa: E402

FUNCTIONS = {
    "exp": (mpmath.exp, (-700.0, -30.0, -1e-300, 1e-10, 0.5, 1.0, 30.0, 700.0)),
    "log": (mpmath.log, (1e-300, 1e-5, 0.5, 0.999999, 1.0000001, 2.0, 10.0, 1e300)),
    "log1p": (mpmath.log1p, (-0.999, -1e-300, 1e-300, 1e-8, 0.5, 3.0, 1e10)),
    "expm1": (mpmath.expm1, (-50.0, -1e-300, 1e-300, 1e-8, 0.25, 0.75, 20.0, 700.0)),
    "sqrt": (mpmath.sqrt, (1e-300, 2.0, 3.0, 1e300)),
    "tanh": (mpmath.tanh, (-30.0, -1e-300, 1e-8, 0.5, 3.0, 19.0, 40.0)),
    "sinh": (mpmath.sinh, (-700.0, -1e-8, 0.5, 0.99, 1.5, 30.0, 700.0)),
    "cosh": (mpmath.cosh, (-700.0, 1e-8, 0.5, 3.0, 700.0)),
    "sech": (mpmath.sech, (-700.0, 1e-8, 0.5, 3.0, 300.0)),
    "sigmoid": (lambda x: 1 / (1 + mpmath.exp(-x)), (-700.0, -40.0, -1e-300, 0.5, 3.0, 40.0, 700.0)),
    "softplus": (lambda x: mpmath.log(1 + mpmath.exp(x)), (-700.0, -40.0, -1e-5, 0.5, 40.0, 700.0)),
    "erf": (mpmath.erf, (-3.0, -1e-300, 0.1, 1.0, 2.4, 2.6, 4.0, 5.0)),
    "erfc": (mpmath.erfc, (-5.0, -2.6, -1.0, 0.1, 2.4, 2.5, 2.6, 4.0, 10.0, 26.0)),
    "logcosh": (lambda x: mpmath.log(mpmath.cosh(x)), (-700.0, -1e-8, 0.5, 9.99, 10.0, 30.0, 1000.0)),
}


def split(fn, x):
    """hi and lo of fn(x) at 2,000 bits, checked at 4,000."""
    results = []
    for prec in (2000, 4000):
        with mp.workprec(prec):
            v = fn(mpf(x))
            hi = to_double(v)
            results.append((hi, to_double(v - mpf(hi))))
    if results[0] != results[1]:
        sys.exit(f"precision check failed for x={x!r}")
    return results[0]


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "precise.csv")
    rows = ["function,x,hi,lo"]
    for name, (fn, points) in FUNCTIONS.items():
        for x in points:
            hi, lo = split(fn, x)
            rows.append(f"{name},{fmt(x)},{fmt(hi)},{fmt(lo)}")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows) - 1} rows to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
