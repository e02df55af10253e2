// Dual numbers: each node's value and derivative at once, by the rules of calculus applied to numbers.
#include "actderiv/calculus/dual.h"

#include <cmath>

#include "actderiv/expr/functions.h"

namespace actderiv {

Dual evaluate_dual(const Expr& e, double z, const EvalContext& context) {
  const auto& a = e->args;
  const auto arg = [&](std::size_t i) { return evaluate_dual(a[i], z, context); };
  switch (e->op) {
    case Op::Number: case Op::Parameter: case Op::Constant:
      return {evaluate(e, z, context), 0};
    case Op::Variable: return {z, 1};
    case Op::Neg: { const Dual x = arg(0); return {-x.value, -x.derivative}; }
    case Op::Add: { const Dual x = arg(0), y = arg(1); return {x.value + y.value, x.derivative + y.derivative}; }
    case Op::Sub: { const Dual x = arg(0), y = arg(1); return {x.value - y.value, x.derivative - y.derivative}; }
    case Op::Mul: {
      const Dual x = arg(0), y = arg(1);
      return {x.value * y.value, x.derivative * y.value + x.value * y.derivative};
    }
    case Op::Div: {
      const Dual x = arg(0), y = arg(1);
      return {x.value / y.value, (x.derivative * y.value - x.value * y.derivative) / (y.value * y.value)};
    }
    case Op::Pow: {
      const Dual x = arg(0), y = arg(1);
      if (a[0]->op == Op::Constant && a[0]->name == "e") {
        const double v = std::exp(y.value);
        return {v, v * y.derivative};
      }
      const double v = std::pow(x.value, y.value);
      if (y.derivative == 0)  // constant exponent: valid for negative bases too
        return {v, y.value * std::pow(x.value, y.value - 1) * x.derivative};
      return {v, v * (y.derivative * std::log(x.value) + y.value * x.derivative / x.value)};
    }
    case Op::Call: {
      Dual x[kMaxArity];
      for (std::size_t i = 0; i < a.size(); ++i) x[i] = arg(i);
      return e->function->dual(x);
    }
    case Op::Self: return {std::nan(""), std::nan("")};
    case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq:
      return {evaluate(e, z, context), 0};
    case Op::Piecewise:
      for (std::size_t i = 0; i + 1 < a.size(); i += 2)
        if (evaluate(a[i], z, context) != 0) return arg(i + 1);
      return {std::nan(""), std::nan("")};
    case Op::IndexSum: throw std::invalid_argument(kIndexSumHasNoValue);
  }
  return {std::nan(""), std::nan("")};
}


}  // namespace actderiv
