#!/usr/bin/python3
"""Correctly rounded references for the output layer (issue 17): a sigmoid unit's loss and its
gradient in z, softmax and its Jacobian, and cross-entropy after softmax with its gradient.

Writes tests/reference/output.csv (next to this script), one row per case:

    function,input,output

  function  bce or mse (the loss of sigma(z) against y), softmax, softmax_ce
  input     space-separated doubles: "z y" for bce and mse; "T z_0 ... z_k-1" for softmax (T the
            temperature); "t z_0 ... z_k-1" for softmax_ce (t the target class)
  output    space-separated doubles, each correctly rounded: "loss gradient" for bce and mse;
            "s_0 ... s_k-1" then the k x k Jacobian row by row for softmax; "loss g_0 ... g_k-1" for
            softmax_ce

The formulas are the textbook ones, written as they are defined (-y log a - (1 - y) log(1 - a),
e^z_i / sum e^z_k, s_i (delta_ij - s_j)), evaluated at enough precision that nothing they cancel is
lost: at a logit of 1000, 1 - sigma(z) is e^-1000 below 1 and a softmax over logits 2000 apart
holds e^-2000, so each case is computed at 4,000 bits and checked at 8,000 (generate.py's Ziv check:
both must round to the same double). Points: ordinary logits, the overflow edges 709 and 710, -745
(the smallest subnormal's exponent), +-1000, equal logits and a single tiny one.

Run: /usr/bin/python3 tests/reference/output_generate.py
"""

import os
import sys

import mpmath
from mpmath import mp, mpf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (the shared exact rounding)
from generate import fmt  # noqa: E402

generate.REF_PREC = 4000


def rounded_all(fn, args):
    """fn(*mpf args) -> list of mpf, at REF_PREC and twice that, each rounded to a double; both must agree."""
    results = []
    for prec in (generate.REF_PREC, 2 * generate.REF_PREC):
        with mp.workprec(prec):
            results.append([generate.to_double(v) for v in fn(*[mpf(a) for a in args])])
    if results[0] != results[1]:
        sys.exit(f"precision check failed for {args!r}: {results[0]!r} against {results[1]!r}")
    return results[0]


def sig(z):
    return 1 / (1 + mpmath.exp(-z))


def bce(z, y):
    a = sig(z)
    # log(1 - a) = log(sigma(-z)): 1 - a is exact at this precision, but sigma(-z) is the same number.
    loss = -(y * mpmath.log(a) if y else 0) - ((1 - y) * mpmath.log(sig(-z)) if y != 1 else 0)
    return [loss, a - y]


def mse(z, y):
    a = sig(z)
    return [(a - y) ** 2 / 2, (a - y) * a * (1 - a)]


def softmax(t, *z):
    e = [mpmath.exp(x / t) for x in z]
    total = mpmath.fsum(e)
    s = [x / total for x in e]
    k = len(z)
    jac = [s[i] * ((1 if i == j else 0) - s[j]) / t for i in range(k) for j in range(k)]
    return s + jac


def softmax_ce(target, *z):
    target = int(target)
    e = [mpmath.exp(x) for x in z]
    total = mpmath.fsum(e)
    s = [x / total for x in e]
    loss = mpmath.log(total) - z[target]
    return [loss] + [s[j] - (1 if j == target else 0) for j in range(len(z))]


Z = (-1000.0, -745.0, -710.0, -709.0, -37.0, -5.0, -1.0, -0.5, 0.0, 1e-300, 0.5, 1.0, 5.0, 37.0, 709.0,
     710.0, 745.0, 1000.0)
Y = (0.0, 1.0, 0.3, 0.75)

LOGITS = (
    (1.0, 2.0, 3.0),
    (0.0, 0.0, 0.0),                 # equal logits
    (5e-324,),                       # a single tiny one
    (1e-300, 0.0),
    (709.0, 710.0),                  # the naive e^z overflows at 710
    (710.0, 0.0),
    (-745.0, 0.0),
    (1000.0, -1000.0),
    (1000.0, 999.0, -1000.0),
    (0.1, 700.3, -5.0),              # 0.1 - 700.3 is not a double: the difference must be kept exactly
    (-1000.0, -1000.5, -999.0),
    (3.0, 1.0, 0.2, -1.0, 4.0, 2.0),
    (30.0, 0.0),                     # 1 - s_0 is e^-30 below 1
)
TEMPERATURES = (1.0, 0.5, 2.0, 0.1)


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'output.csv')
    rows = []
    for name, fn in (('bce', bce), ('mse', mse)):
        for z in Z:
            for y in Y:
                rows.append((name, (z, y), rounded_all(fn, (z, y))))
    for logits in LOGITS:
        for t in TEMPERATURES if len(logits) <= 3 else (1.0,):
            rows.append(('softmax', (t,) + logits, rounded_all(softmax, (t,) + logits)))
        for target in range(len(logits)):
            rows.append(('softmax_ce', (float(target),) + logits, rounded_all(softmax_ce, (target,) + logits)))
    with open(out, 'w', newline='\n') as f:
        f.write('function,input,output\n')
        for name, inputs, outputs in rows:
            f.write(f"{name},{' '.join(fmt(v) for v in inputs)},{' '.join(fmt(v) for v in outputs)}\n")
    print(f'wrote {len(rows)} rows to {out}')


if __name__ == '__main__':
    main()
