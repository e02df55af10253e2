// Index notation, for the softmax's derivations (indexed.h): indexed leaves such as z_i, y_k and
// delta_ij (expr.h), the Kronecker delta, and what a sum over an index becomes once its terms are
// differentiated. Internal to the core.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "actderiv/calculus/derive.h"

namespace actderiv {

// The index of an indexed leaf ("i" for z_i, "ij" for delta_ij), or "" for another node.
std::string index_of(const Expr& e);

// The Kronecker delta delta_ab, a parameter: 1 when a and b are the same index.
Expr delta(const std::string& a, const std::string& b);

// e with the index `from` renamed `to` in every indexed leaf (z_k -> z_j), a delta of one index
// twice (delta_jj) made 1, rebuilt through the factories.
Expr rename_index(const Expr& e, char from, char to);

// A term as a sign and factors, each a base to an integer power: -y_k e^{z_j} (sum_m e^{z_m})^-1.
struct IndexedTerm {
  bool negative = false;
  std::vector<std::pair<Expr, int>> factors;
};

// e multiplied out into its terms: products of sums distributed, a quotient's denominator a
// factor to the power -1 (or -n for its nth power).
std::vector<IndexedTerm> terms_of(const Expr& e);

// The sum of `terms`, each a product written numerator over denominator.
Expr from_terms(const std::vector<IndexedTerm>& terms);

// The rewrites that take sum_k u, with u differentiated with respect to z_j, to a form without the
// delta: the term with delta_kj is the one k = j ("the delta picks out one term"), and the sum of
// the targets y_k is 1 ("the targets add up to 1"). None when neither applies.
std::vector<DerivationStep> collapse_sum(const Expr& sum, char by);

// Numbers for the indexed leaves: the logits z, the targets y and the softmax s of z, and the
// position each index letter stands for.
struct IndexValues {
  std::vector<double> z, y, s;
  std::map<char, std::size_t> at;
};

// The value of an indexed expression: z_a, y_a and s_a read at a's position, delta_ab 1 or 0, a
// sum over k added up over every position. Throws std::logic_error for a leaf it cannot read.
double evaluate_indexed(const Expr& e, IndexValues& values);

}  // namespace actderiv
