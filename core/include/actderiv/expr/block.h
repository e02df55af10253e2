// Expressions compiled for many points at once. Program (program.h) runs its postfix code once per
// point, a dispatch per instruction per point; here each instruction is one loop over a block of
// points, which the compiler vectorises, a subexpression the expressions share (sigmoid(z) in a
// value and its derivative) is computed once, and a function with a batch form (functions.h) runs
// its vectorised kernel over the block.
#pragma once

#include <cstddef>
#include <vector>

#include "actderiv/expr/expr.h"

namespace actderiv {

class BlockProgram {
 public:
  // Points per block: each slot's block stays in the L1 cache while the instructions sweep it.
  static constexpr std::size_t kBlock = 256;

  // Compiles `roots` with the parameter values in `context` (Self nodes evaluate to NaN). Throws
  // std::invalid_argument for a sum over an index, which has no value at a point.
  BlockProgram(const std::vector<Expr>& roots, const EvalContext& context);

  // out[r][i] = roots[r] at z[i] for i < n, as evaluate() computes it, except that a function with
  // a batch form gives that form's result (within its kernel's 4 ULP of the function's value).
  void run(const double* z, std::size_t n, double* const* out) const;

 private:
  struct Instruction {
    Op op;
    const Function* function;     // for Call
    double exponent;              // for Pow with a number for exponent (args[1] is then unused)
    bool constant_exponent;
    std::size_t result;           // the slot written
    std::vector<std::size_t> args;  // the slots read
  };
  std::size_t slot_of(const Expr& e, const EvalContext& context);
  std::size_t add_slot(const Expr& e);
  void execute(const Instruction& in, double* const* slots, std::size_t n) const;

  std::vector<Instruction> code_;
  std::vector<Expr> slot_exprs_;                            // what each slot holds
  std::vector<std::pair<std::size_t, double>> constants_;  // slots filled once per run
  std::vector<std::size_t> variables_;                      // slots that read the points themselves
  std::vector<std::size_t> roots_;                          // the slot of each root
};

}  // namespace actderiv
