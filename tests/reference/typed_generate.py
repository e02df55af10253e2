#!/usr/bin/python3
"""Correctly rounded references for typed activations at their tails, where evaluating the engine's
derivative as written loses the result (issue 15: "A typed activation is computed as carefully as
the built-ins").

Writes tests/reference/typed.csv (next to this script), one row per expression and point:

    expression,z,value,derivative

  expression  the text typed into "Your own activation", in the page's syntax
  z           an exactly representable double where the expression is defined
  value       f(z) correctly rounded to a double
  derivative  f'(z) correctly rounded to a double

Precision follows the magnitude: the tails hold quantities such as 1 - sigma(700), which is e^-700
below 1, so each formula is written without cancellation (below) and each point is computed at
3,200 bits and checked at 6,400 (generate.py's Ziv check: both must round to the same double). Points: 20 to 1000 in both directions, the overflow edges
709/710 and 745, and tiny z; an expression skips the points outside its domain.

Run: /usr/bin/python3 tests/reference/typed_generate.py
"""

import os
import sys

import mpmath
from mpmath import mp, mpf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (the shared exact rounding)
from generate import fmt  # noqa: E402

generate.REF_PREC = 3200

E, L, S, T = mpmath.exp, mpmath.log, mpmath.sqrt, mpmath.tanh
A = mpf(0.044715)  # the double the parser reads for 0.044715


def sig(x):
    return 1 / (1 + E(-x))


def softplus(x):
    return L(1 + E(x))


def sech2(x):
    return 1 / mpmath.cosh(x) ** 2


def phi(x):
    return E(-x * x / 2) / S(2 * mp.pi)


def gelu_tanh(x):
    u = S(2 / mp.pi) * (x + A * x ** 3)
    return x * sig(2 * u)  # x/2 (1 + tanh u) = x sigma(2u)


def gelu_tanh_slope(x):
    c = S(2 / mp.pi)
    u = c * (x + A * x ** 3)
    return sig(2 * u) + x * 2 * c * (1 + 3 * A * x * x) * sig(2 * u) * sig(-2 * u)


# The typed text, its value and its derivative, each written in a form with no cancellation (1 +
# erf(x) as erfc(-x), 1 - sigma(x) as sigma(-x), ...), so that the working precision resolves every
# tail: these are the truths the plain evaluation of the typed text is measured against.
MISH = (lambda x: x * T(softplus(x)), lambda x: T(softplus(x)) + x * sech2(softplus(x)) * sig(x))
SILU = (lambda x: x * sig(x), lambda x: sig(x) + x * sig(x) * sig(-x))
SIGMOID = (sig, lambda x: sig(x) * sig(-x))
SOFTPLUS = (softplus, sig)
TANH = (T, sech2)
EXPRESSIONS = [
    ("sigmoid(z)", *SIGMOID),
    ("1/(1+exp(-z))", *SIGMOID),
    ("exp(z)/(1+exp(z))", *SIGMOID),
    ("tanh(z)", *TANH),
    ("(exp(z)-exp(-z))/(exp(z)+exp(-z))", *TANH),
    ("log(1+exp(z))", *SOFTPLUS),
    ("softplus(z)", *SOFTPLUS),
    ("z*sigmoid(z)", *SILU),
    ("z/(1+exp(-z))", *SILU),
    ("z*tanh(softplus(z))", *MISH),
    ("z*tanh(log(1+exp(z)))", *MISH),
    ("exp(z)-1", mpmath.expm1, E),
    ("log(1+z)", mpmath.log1p, lambda x: 1 / (1 + x)),
    ("sqrt(z^2)", abs, mpmath.sign),
    ("z/(1+abs(z))", lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2),
    ("0.5*z*(1+erf(z/sqrt(2)))", lambda x: x / 2 * mpmath.erfc(-x / S(2)),
     lambda x: mpmath.erfc(-x / S(2)) / 2 + x * phi(x)),
    ("0.5*z*(1+tanh(sqrt(2/pi)*(z+0.044715*z^3)))", gelu_tanh, gelu_tanh_slope),
    ("log(sigmoid(z))", lambda x: -softplus(-x), lambda x: sig(-x)),
    ("sigmoid(z)*(1-sigmoid(z))", lambda x: sig(x) * sig(-x), lambda x: -sig(x) * sig(-x) * T(x / 2)),
    ("exp(-z^2)", lambda x: E(-x * x), lambda x: -2 * x * E(-x * x)),
    ("log(cosh(z))", lambda x: L(mpmath.cosh(x)), T),
    ("(1-exp(-2*z))/(1+exp(-2*z))", *TANH),
    ("log(exp(z)+exp(-z))", lambda x: L(2 * mpmath.cosh(x)), T),
    ("1/(1+exp(-2*z))", lambda x: sig(2 * x), lambda x: 2 * sig(2 * x) * sig(-2 * x)),
    ("piecewise(z > 0, z, z <= 0, exp(z)-1)", lambda x: x if x > 0 else mpmath.expm1(x),
     lambda x: mpf(1) if x > 0 else E(x)),
]

TAIL = (20.0, 25.0, 30.0, 37.0, 40.0, 100.0, 300.0, 700.0, 709.0, 710.0, 745.0, 1000.0)
POINTS = tuple(sorted({s * t for t in TAIL for s in (1.0, -1.0)} | {1e-300, -1e-300, 1e-8, -1e-8, 0.5, -0.5}))


def defined(text, z):
    if text == "log(1+z)":
        return z > -1
    return True


def reference(value, slope, z):
    return generate.rounded(value, z), generate.rounded(slope, z)


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "typed.csv")
    rows = ["expression,z,value,derivative"]
    for text, value_fn, slope_fn in EXPRESSIONS:
        for z in POINTS:
            if not defined(text, z):
                continue
            value, derivative = reference(value_fn, slope_fn, z)
            rows.append(f'"{text}",{fmt(z)},{fmt(value)},{fmt(derivative)}')
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows) - 1} rows to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
