// Symbolic differentiation with recorded steps: the steps come from the code that computes the
// result, so they cannot disagree with it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actderiv/calculus/kinks.h"
#include "actderiv/expr/block.h"
#include "actderiv/expr/expr.h"
#include "actderiv/expr/params.h"

namespace actderiv {

// Caps that keep a typed expression from exhausting time or memory: the derivative's node count
// and the node count of every step's result added together.
constexpr std::size_t kMaxDerivativeSize = 5000;
constexpr std::size_t kMaxStepsSize = 50000;

// One step: a rule applied to `before`, giving `after`. For a differentiation step `before` is the
// expression differentiated and `after` its derivative; for a rewrite step (simplify, in terms of
// g) both are forms of the derivative. `children` derive the sub-expressions the rule needed.
struct DerivationStep {
  std::string rule;
  bool rewrite = false;
  Expr before;
  Expr after;
  std::string note;  // one sentence for a student; inline math between $...$
  std::string variable;  // for a differentiation step, the variable when it is not z (z_j)
  std::vector<DerivationStep> children;
};

// LaTeX of a step's left side: \frac{d}{dz}\left[before\right] for a differentiation step
// (\frac{\partial}{\partial z_{j}} for another variable), `before` itself for a rewrite.
std::string before_latex(const DerivationStep& step);

// A finished derivation.
struct Derivation {
  Expr input;
  Expr derivative;                  // simplified
  Expr g_form;                      // the derivative in terms of g, or null when none was found
  DerivationStep steps;             // the root, d/dz[input] = result: the one rule applied, or
                                    // "derivative" over the rule, simplify and g-form steps
  std::vector<std::string> params;  // parameter ids the input uses, in expression_params() order
  // The stable forms (stable.h) of the input and the derivative, which evaluate_derivation() and
  // the check use, and the identities each needed (none when the form as written is careful).
  Expr stable_input;
  Expr stable_derivative;
  std::vector<DerivationStep> input_rewrites;
  std::vector<DerivationStep> derivative_rewrites;
  // The stable derivative vs forward-mode AD on the stable input: |a - b| / max(1, |b|).
  double max_rel_error = 0;
  std::size_t points = 0;           // sample points where the check compared finite values
  std::vector<KinkPoint> kinks;     // in increasing z, within [-kKinkRange, kKinkRange]
};

// Parameters a typed expression may use (alpha, beta), with defaults and ranges.
const std::vector<Param>& expression_params();

// Parses `text` (parameters from expression_params()), differentiates, simplifies, rewrites in terms
// of g where it can, and checks the result against forward-mode automatic differentiation with the
// given parameter values. Throws ParseError for malformed input, std::invalid_argument for a bad
// parameter or a construct that cannot be differentiated, std::length_error past the size caps.
Derivation derive(const std::string& text, const ParamValues& params);

// The derivation of an already parsed expression, with parameter values in `context`.
Derivation derive(const Expr& input, const EvalContext& context);

// value[i] = f(z[i]) and derivative[i] = f'(z[i]) for the expression `text`: parsed, differentiated
// and put in stable form once, then evaluated at every point. NaN where f or f' is undefined.
void evaluate_expression(const std::string& text, const ParamValues& params, const double* z,
                         std::size_t n, double* value, double* derivative);

// A typed expression and its derivative, parsed, differentiated and put in stable form once and
// compiled into one block program (block.h): what evaluate_expression() does, kept to be evaluated
// chunk by chunk (as the bindings copy through the heap) without that work again.
class CompiledExpression {
 public:
  // Throws as evaluate_expression() does.
  CompiledExpression(const std::string& text, const ParamValues& params);

  // value[i] = f(z[i]) and derivative[i] = f'(z[i]) for i < n, as evaluate_expression().
  void evaluate(const double* z, std::size_t n, double* value, double* derivative) const;

 private:
  BlockProgram program_;
};

// The same for an expression already derived by derive(text, params), without parsing and
// differentiating it again; `params` as given to derive().
void evaluate_derivation(const Derivation& derivation, const ParamValues& params, const double* z,
                         std::size_t n, double* value, double* derivative);

}  // namespace actderiv
