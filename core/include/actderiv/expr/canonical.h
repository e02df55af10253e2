// The canonical form of an expression: what a careful hand writes when it simplifies, and the same
// tree for two results that are equal as written (up to the order of terms and factors), so that
// the walkthrough's final form, the g-form search and the answer checker compare trees.
//
// Numbers stay exact (1/2 is the fraction 1/2; a decimal appears only where one was typed); a sum is
// its terms, each a coefficient times a product of powers, collected and put in one order; the
// identities a student is expected to know are used where they apply. Every rewrite holds wherever
// both sides are defined (z/z = 1 away from z = 0).
#pragma once

#include <cstddef>

#include "actderiv/expr/expr.h"

namespace actderiv {

// What simplification does, in the order it is done and recorded: each stage includes those
// before it.
enum class Simplification {
  Numbers,     // exact fractions; numeric factors multiplied out and cancelled: 2 z / 2 = z
  Factors,     // like factors into one power; powers of products expanded; radicals and constants
               // collected: (z/√2)^2 = z^2/2, (2/√π)/√2 = √(2/π), e^a e^b = e^(a + b)
  Terms,       // like terms combined: z + z = 2 z
  Identities,  // z^2/|z| = |z|, cosh^2 - sinh^2 = 1, sech = 1/cosh
  Factoring,   // a factor common to every term pulled out, where that shortens: e^u - z^2 e^u = (1 - z^2) e^u
};

constexpr std::size_t kSimplifications = 5;

// The stage's rule name in a derivation's steps, e.g. "collect like terms"; its note is the section
// of that name in content/<locale>/rules.md.
const char* simplification_rule(Simplification stage);

// `e` in canonical form with the stages up to `last` done. If `applied` is given, it receives a bit
// (1 << stage) for each stage that changed something on the way.
Expr canonical(const Expr& e, Simplification last = Simplification::Factoring, unsigned* applied = nullptr);

// Do a and b print the same? Equal trees, except that -(c) and the number -c, for c a number, are
// the same (the parser reads "-1" as the first, the canonical form writes the second).
bool same_as_printed(const Expr& a, const Expr& b);

// Are a and b the same expression in canonical form?
bool same_canonical(const Expr& a, const Expr& b);

}  // namespace actderiv
