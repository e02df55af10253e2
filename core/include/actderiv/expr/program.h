// A compiled expression: postfix instructions with parameters and constants bound, so evaluating
// it over many points does no parsing, no name lookup and no allocation per point.
#pragma once

#include <cstddef>
#include <vector>

#include "actderiv/expr/expr.h"

namespace actderiv {

class Program {
 public:
  // Compiles `e` with the parameter values in `context` (Self nodes evaluate to NaN).
  Program(const Expr& e, const EvalContext& context);

  // The value at z, equal to evaluate(e, z, context); `stack` must hold stack_size() doubles.
  double run(double z, double* stack) const;

  // The number of stack slots run() needs.
  std::size_t stack_size() const { return stack_size_; }

 private:
  struct Instruction {
    Op op;
    double number;              // for Number
    std::size_t count;          // arguments taken from the stack
    const Function* function;   // for Call
  };
  void emit(const Expr& e, const EvalContext& context, std::size_t depth);

  std::vector<Instruction> code_;
  std::size_t stack_size_ = 0;
};

}  // namespace actderiv
