// A typed expression and its derivative evaluated at many points, each compiled once.
#include <algorithm>
#include <cmath>

#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/stable.h"
#include "actderiv/expr/canonical.h"
#include "actderiv/expr/program.h"
#include "calculus/differentiate.h"
#include "calculus/typed.h"

namespace actderiv {

namespace {

// value[i] = f(z[i]) and derivative[i] = df(z[i]), each compiled once.
void evaluate_pair(const Expr& f_expr, const Expr& df_expr, const EvalContext& context,
                   const double* z, std::size_t n, double* value, double* derivative) {
  const Program f(f_expr, context);
  const Program df(df_expr, context);
  std::vector<double> stack(std::max(f.stack_size(), df.stack_size()));
  for (std::size_t i = 0; i < n; ++i) {
    value[i] = f.run(z[i], stack.data());
    // Where f is undefined (log of a negative) so is f', even if the formula for f' is finite.
    derivative[i] = std::isnan(value[i]) ? value[i] : df.run(z[i], stack.data());
  }
}


}  // namespace


void evaluate_expression(const std::string& text, const ParamValues& params, const double* z,
                         std::size_t n, double* value, double* derivative) {
  const Expr input = parse(text, expression_parameter_ids());
  reject_self(input);
  const EvalContext context = expression_context(params);
  evaluate_pair(stabilise(input, context).form,
                stabilise(canonical(differentiate(input).after), context).form, context, z, n, value,
                derivative);
}

void evaluate_derivation(const Derivation& derivation, const ParamValues& params, const double* z,
                         std::size_t n, double* value, double* derivative) {
  evaluate_pair(derivation.stable_input, derivation.stable_derivative, expression_context(params), z, n,
                value, derivative);
}


}  // namespace actderiv
