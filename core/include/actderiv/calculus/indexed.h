// The output layer's derivations in index notation, by the engine: the softmax
// s_i = e^{z_i} / sum_k e^{z_k} differentiated with respect to z_j (its Jacobian), and cross-entropy
// after it. The differentiator takes the logits as separate variables (d z_i / d z_j = delta_ij)
// and a sum over an index term by term; the steps are its own, as for a typed expression.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actderiv/calculus/derive.h"

namespace actderiv {

// The result for one case of the indices, e.g. "i = j": s_i (1 - s_i).
struct IndexedCase {
  std::string condition;  // LaTeX: i = j
  Expr result;
};

struct IndexedDerivation {
  std::string quantity;   // LaTeX of what is differentiated: s_{i}, L
  Expr input;             // it, written with the logits
  std::string variable;   // what it is differentiated by: z_j
  DerivationStep steps;   // the root: d/dz_j [input] = result, with every rule and rewrite under it
  Expr result;            // s_i (delta_ij - s_j); s_j - y_j
  std::vector<IndexedCase> cases;  // the result where the indices are equal and where they differ
  // The result (and each case) against the careful numerics of numerics/output.h (softmax(),
  // softmax_cross_entropy()) for k = 2 to 6 logits: |a - b| / max(1, |b|), over `points` entries.
  double max_rel_error = 0;
  std::size_t points = 0;
};

// ∂s_i/∂z_j: the quotient rule on e^{z_i} / sum_k e^{z_k}, simplified and written with s, reaching
// s_i (delta_ij - s_j), then its cases i = j, s_i (1 - s_i), and i != j, -s_i s_j.
const IndexedDerivation& softmax_jacobian_derivation();

// ∂L/∂z_j for L = -sum_k y_k log s_k: log s_k written as z_k - log sum_m e^{z_m}, differentiated,
// the sum collapsed by the delta and by sum_k y_k = 1, reaching s_j - y_j.
const IndexedDerivation& softmax_cross_entropy_derivation();

}  // namespace actderiv
