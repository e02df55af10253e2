// A typed expression and its derivative evaluated at many points, compiled together once.
#include <algorithm>
#include <cmath>

#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/stable.h"
#include "actderiv/expr/block.h"
#include "actderiv/expr/canonical.h"
#include "calculus/differentiate.h"
#include "calculus/typed.h"

namespace actderiv {

namespace {

// value[i] and derivative[i] from a program compiled from {f, f'}: one program, so what the two
// forms share (sigmoid(z) in sigmoid(z) and sigmoid(z)*sigmoid(-z)) is computed once.
void run_pair(const BlockProgram& program, const double* z, std::size_t n, double* value,
              double* derivative) {
  double* const out[] = {value, derivative};
  program.run(z, n, out);
  // Where f is undefined (log of a negative) so is f', even if the formula for f' is finite.
  for (std::size_t i = 0; i < n; ++i) derivative[i] = std::isnan(value[i]) ? value[i] : derivative[i];
}

// The stable forms of the typed expression `text` and of its derivative, compiled together.
BlockProgram compile(const std::string& text, const ParamValues& params) {
  const Expr input = parse(text, expression_parameter_ids());
  reject_self(input);
  const EvalContext context = expression_context(params);
  return BlockProgram({stabilise(input, context).form,
                       stabilise(canonical(differentiate(input).after), context).form},
                      context);
}

}  // namespace

CompiledExpression::CompiledExpression(const std::string& text, const ParamValues& params)
    : program_(compile(text, params)) {}

void CompiledExpression::evaluate(const double* z, std::size_t n, double* value,
                                  double* derivative) const {
  run_pair(program_, z, n, value, derivative);
}

void evaluate_expression(const std::string& text, const ParamValues& params, const double* z,
                         std::size_t n, double* value, double* derivative) {
  CompiledExpression(text, params).evaluate(z, n, value, derivative);
}

void evaluate_derivation(const Derivation& derivation, const ParamValues& params, const double* z,
                         std::size_t n, double* value, double* derivative) {
  const BlockProgram program({derivation.stable_input, derivation.stable_derivative},
                             expression_context(params));
  run_pair(program, z, n, value, derivative);
}

}  // namespace actderiv
