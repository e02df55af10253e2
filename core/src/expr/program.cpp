#include "actderiv/expr/program.h"

#include <cmath>

#include "actderiv/expr/functions.h"

namespace actderiv {

Program::Program(const Expr& e, const EvalContext& context) { emit(e, context, 0); }

// Post-order: arguments first, then the operation; `depth` is the stack height before e.
void Program::emit(const Expr& e, const EvalContext& context, std::size_t depth) {
  switch (e->op) {
    case Op::Number: case Op::Parameter: case Op::Constant:
      code_.push_back({Op::Number, evaluate(e, 0, context), 0, nullptr});
      break;
    case Op::Self:
      code_.push_back({Op::Number, std::nan(""), 0, nullptr});
      break;
    case Op::IndexSum:
      throw std::invalid_argument(kIndexSumHasNoValue);
    case Op::Pow:
      if (e->args[0]->op == Op::Constant && e->args[0]->name == "e") {  // e^x is exp(x)
        emit(e->args[1], context, depth);
        code_.push_back({Op::Call, 0, 1, &function("exp")});
        break;
      }
      [[fallthrough]];
    default:
      for (std::size_t i = 0; i < e->args.size(); ++i) emit(e->args[i], context, depth + i);
      code_.push_back({e->op, 0, e->args.size(), e->function});
  }
  stack_size_ = std::max(stack_size_, depth + 1);
}

double Program::run(double z, double* stack) const {
  std::size_t top = 0;  // number of values on the stack
  for (const Instruction& in : code_) {
    if (in.op == Op::Number) { stack[top++] = in.number; continue; }
    if (in.op == Op::Variable) { stack[top++] = z; continue; }
    double* a = stack + top - in.count;  // the arguments; the result goes to a[0]
    switch (in.op) {
      case Op::Number: case Op::Variable: case Op::Parameter: case Op::Constant: case Op::Self:
      case Op::IndexSum:
        break;  // handled above, bound at compile time or refused by emit()
      case Op::Neg: a[0] = -a[0]; break;
      case Op::Add: a[0] = a[0] + a[1]; break;
      case Op::Sub: a[0] = a[0] - a[1]; break;
      case Op::Mul: a[0] = a[0] * a[1]; break;
      case Op::Div: a[0] = a[0] / a[1]; break;
      case Op::Pow: a[0] = power(a[0], a[1]); break;
      case Op::Call: a[0] = in.function->value(a); break;
      case Op::Less: a[0] = a[0] < a[1] ? 1.0 : 0.0; break;
      case Op::LessEq: a[0] = a[0] <= a[1] ? 1.0 : 0.0; break;
      case Op::Greater: a[0] = a[0] > a[1] ? 1.0 : 0.0; break;
      case Op::GreaterEq: a[0] = a[0] >= a[1] ? 1.0 : 0.0; break;
      case Op::Piecewise: {
        double chosen = std::nan("");
        for (std::size_t i = 0; i + 1 < in.count; i += 2)
          if (a[i] != 0) { chosen = a[i + 1]; break; }
        a[0] = chosen;
        break;
      }
    }
    top -= in.count - 1;
  }
  return stack[0];
}

}  // namespace actderiv
