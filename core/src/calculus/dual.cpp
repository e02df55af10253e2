// Dual numbers: each node's value and derivative at once, by the rules of calculus applied to numbers.
#include "actderiv/calculus/dual.h"

#include <cmath>

#include "actderiv/numerics/numerics.h"

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
    case Op::Exp: { const Dual x = arg(0); const double v = std::exp(x.value); return {v, v * x.derivative}; }
    case Op::Log: { const Dual x = arg(0); return {std::log(x.value), x.derivative / x.value}; }
    case Op::Sqrt: {
      const Dual x = arg(0);
      const double v = std::sqrt(x.value);
      return {v, x.derivative / (2 * v)};
    }
    case Op::Abs: {
      const Dual x = arg(0);
      const double sign = x.value > 0 ? 1.0 : x.value < 0 ? -1.0 : 0.0;
      return {std::fabs(x.value), sign * x.derivative};
    }
    case Op::Tanh: { const Dual x = arg(0); return {std::tanh(x.value), tanh_derivative(x.value) * x.derivative}; }
    case Op::Sinh: { const Dual x = arg(0); return {std::sinh(x.value), std::cosh(x.value) * x.derivative}; }
    case Op::Cosh: { const Dual x = arg(0); return {std::cosh(x.value), std::sinh(x.value) * x.derivative}; }
    case Op::Sigmoid: { const Dual x = arg(0); return {sigmoid(x.value), sigmoid_derivative(x.value) * x.derivative}; }
    case Op::Softplus: { const Dual x = arg(0); return {softplus(x.value), sigmoid(x.value) * x.derivative}; }
    case Op::Relu: { const Dual x = arg(0); return {relu(x.value), relu_derivative(x.value) * x.derivative}; }
    case Op::Erf: {
      const Dual x = arg(0);
      return {std::erf(x.value), 2 / std::sqrt(M_PI) * std::exp(-x.value * x.value) * x.derivative};
    }
    case Op::Self: return {std::nan(""), std::nan("")};
    case Op::Max: case Op::Min: {
      const Dual x = arg(0), y = arg(1);
      if (std::isnan(x.value) || std::isnan(y.value)) return {std::nan(""), std::nan("")};
      const bool first = e->op == Op::Max ? x.value >= y.value : x.value <= y.value;
      return first ? x : y;
    }
    case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq:
      return {evaluate(e, z, context), 0};
    case Op::Piecewise:
      for (std::size_t i = 0; i + 1 < a.size(); i += 2)
        if (evaluate(a[i], z, context) != 0) return arg(i + 1);
      return {std::nan(""), std::nan("")};
  }
  return {std::nan(""), std::nan("")};
}


}  // namespace actderiv
