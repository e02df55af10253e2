// Block programs (block.h): the expressions' nodes compiled once into slots of a block of points each,
// one instruction per distinct node, run as one loop per instruction for every block of points.
#include "actderiv/expr/block.h"

#include <algorithm>
#include <cmath>

#include "actderiv/expr/functions.h"

namespace actderiv {

namespace {

bool is_exp_power(const Expr& e) {
  return e->op == Op::Pow && e->args[0]->op == Op::Constant && e->args[0]->name == "e";
}

// out[i] = a[i]^exponent as power() computes it, for one exponent: repeated multiplication is then a
// loop per factor over the block rather than a branch per point.
void power_block(const double* a, double exponent, std::size_t n, double* out) {
  if (exponent == std::trunc(exponent) && std::fabs(exponent) <= 16) {
    std::fill(out, out + n, 1.0);
    for (int k = static_cast<int>(std::fabs(exponent)); k > 0; --k)
      for (std::size_t i = 0; i < n; ++i) out[i] *= a[i];
    if (exponent < 0)
      for (std::size_t i = 0; i < n; ++i) out[i] = 1 / out[i];
    return;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = std::pow(a[i], exponent);
}

// piecewise(c0, v0, c1, v1, ...): the value of the first condition that is not 0, else NaN. Taken
// from the last pair to the first, so the first true one is the last written: selects, no branch.
void piecewise_block(const double* const* slots, const std::vector<std::size_t>& args, std::size_t n,
                     double* out) {
  std::fill(out, out + n, std::nan(""));
  for (std::size_t k = args.size() / 2; k-- > 0;) {
    const double* condition = slots[args[2 * k]];
    const double* value = slots[args[2 * k + 1]];
    for (std::size_t i = 0; i < n; ++i) {
      const double then = value[i], otherwise = out[i];  // both read: a select, which vectorises
      out[i] = condition[i] != 0 ? then : otherwise;
    }
  }
}

// A function without a batch form: its value, point by point.
void call_block(const Function& f, const double* const* a, std::size_t n, double* out) {
  double x[kMaxArity];
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < f.arity; ++k) x[k] = a[k][i];
    out[i] = f.value(x);
  }
}

}  // namespace

BlockProgram::BlockProgram(const std::vector<Expr>& roots, const EvalContext& context) {
  for (const Expr& root : roots) roots_.push_back(slot_of(root, context));
}

std::size_t BlockProgram::add_slot(const Expr& e) {
  slot_exprs_.push_back(e);
  return slot_exprs_.size() - 1;
}

// The slot holding e, after the instructions that fill it; an expression met before reuses its slot.
std::size_t BlockProgram::slot_of(const Expr& e, const EvalContext& context) {
  for (std::size_t s = 0; s < slot_exprs_.size(); ++s)
    if (equal(slot_exprs_[s], e)) return s;
  switch (e->op) {
    case Op::Number: case Op::Parameter: case Op::Constant: {
      const double value = evaluate(e, 0, context);  // throws for a parameter without a value
      const std::size_t s = add_slot(e);
      constants_.push_back({s, value});
      return s;
    }
    case Op::Self: {
      const std::size_t s = add_slot(e);
      constants_.push_back({s, std::nan("")});
      return s;
    }
    case Op::Variable: {
      const std::size_t s = add_slot(e);
      variables_.push_back(s);
      return s;
    }
    case Op::IndexSum:
      throw std::invalid_argument(kIndexSumHasNoValue);
    default:
      break;
  }
  Instruction in{e->op, e->function, 0, false, 0, {}};
  if (is_exp_power(e)) {  // e^x is exp(x), as accurate as exp (as evaluate() has it)
    in.op = Op::Call;
    in.function = &function("exp");
    in.args.push_back(slot_of(e->args[1], context));
  } else if (e->op == Op::Pow && e->args[1]->op == Op::Number) {
    in.constant_exponent = true;
    in.exponent = e->args[1]->number;
    in.args.push_back(slot_of(e->args[0], context));
  } else {
    for (const Expr& a : e->args) in.args.push_back(slot_of(a, context));
  }
  in.result = add_slot(e);
  code_.push_back(std::move(in));
  return code_.back().result;
}

void BlockProgram::execute(const Instruction& in, double* const* slots, std::size_t n) const {
  const double* a[kMaxArity];  // the arguments of any instruction but a piecewise
  for (std::size_t k = 0; k < in.args.size() && k < kMaxArity; ++k) a[k] = slots[in.args[k]];
  double* out = slots[in.result];
  switch (in.op) {
    case Op::Number: case Op::Variable: case Op::Parameter: case Op::Constant: case Op::Self:
    case Op::IndexSum:
      break;  // slots filled by run(), or refused by slot_of()
    case Op::Neg: for (std::size_t i = 0; i < n; ++i) out[i] = -a[0][i]; break;
    case Op::Add: for (std::size_t i = 0; i < n; ++i) out[i] = a[0][i] + a[1][i]; break;
    case Op::Sub: for (std::size_t i = 0; i < n; ++i) out[i] = a[0][i] - a[1][i]; break;
    case Op::Mul: for (std::size_t i = 0; i < n; ++i) out[i] = a[0][i] * a[1][i]; break;
    case Op::Div: for (std::size_t i = 0; i < n; ++i) out[i] = a[0][i] / a[1][i]; break;
    case Op::Pow:
      if (in.constant_exponent) power_block(a[0], in.exponent, n, out);
      else for (std::size_t i = 0; i < n; ++i) out[i] = power(a[0][i], a[1][i]);
      break;
    case Op::Call:
      if (in.function->batch) in.function->batch(a, n, out);
      else call_block(*in.function, a, n, out);
      break;
    case Op::Less: for (std::size_t i = 0; i < n; ++i) out[i] = a[0][i] < a[1][i] ? 1.0 : 0.0; break;
    case Op::LessEq: for (std::size_t i = 0; i < n; ++i) out[i] = a[0][i] <= a[1][i] ? 1.0 : 0.0; break;
    case Op::Greater: for (std::size_t i = 0; i < n; ++i) out[i] = a[0][i] > a[1][i] ? 1.0 : 0.0; break;
    case Op::GreaterEq: for (std::size_t i = 0; i < n; ++i) out[i] = a[0][i] >= a[1][i] ? 1.0 : 0.0; break;
    case Op::Piecewise: piecewise_block(slots, in.args, n, out); break;
  }
}

void BlockProgram::run(const double* z, std::size_t n, double* const* out) const {
  std::vector<double> storage(slot_exprs_.size() * kBlock);
  std::vector<double*> slots(slot_exprs_.size());
  for (std::size_t s = 0; s < slots.size(); ++s) slots[s] = storage.data() + s * kBlock;
  for (const auto& [s, value] : constants_) std::fill(slots[s], slots[s] + kBlock, value);
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t m = std::min(kBlock, n - start);
    for (std::size_t s : variables_) std::copy(z + start, z + start + m, slots[s]);
    for (const Instruction& in : code_) execute(in, slots.data(), m);
    for (std::size_t r = 0; r < roots_.size(); ++r)
      std::copy(slots[roots_[r]], slots[roots_[r]] + m, out[r] + start);
  }
}

}  // namespace actderiv
