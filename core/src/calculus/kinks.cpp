// Where a derivative jumps: found from the expression's switches, not from the derivative's samples,
// and its one-sided slopes read from the branches that apply on each side.
#include "actderiv/calculus/kinks.h"

#include <algorithm>
#include <cmath>

#include "actderiv/expr/functions.h"
#include "actderiv/expr/program.h"
#include "numerics/bisect.h"

namespace actderiv {

namespace {

// The quantities whose sign decides which branch applies: each function's switch (its row says which)
// and each piecewise condition.
void collect_switches(const Expr& e, std::vector<Expr>& out) {
  switch (e->op) {
    case Op::Call:
      if (e->function->kink_switch == Switch::Argument) out.push_back(e->args[0]);
      if (e->function->kink_switch == Switch::Difference) out.push_back(sub(e->args[0], e->args[1]));
      break;
    case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq:
      out.push_back(sub(e->args[0], e->args[1]));
      break;
    default: break;
  }
  for (const auto& a : e->args) collect_switches(a, out);
}

// The zeros of s in [-kKinkRange, kKinkRange]: sign changes on a grid, each located to adjacent
// doubles by bisection (bisect.h) and placed at the one where |s| is smaller (exactly 0 at -3 for
// (z + 3)/6, so a corner prints as -3, not -2.9999999999999996).
void add_zeros(const Program& s, std::vector<double>& stack, std::vector<double>& roots) {
  constexpr int kGrid = 2000;
  const auto f = [&](double z) { return s.run(z, stack.data()); };
  double a = -kKinkRange, fa = f(a);
  for (int i = 1; i <= kGrid; ++i) {
    const double b = -kKinkRange + 2 * kKinkRange * i / kGrid, fb = f(b);
    if (fa == 0) {
      roots.push_back(a);
    } else if (std::isfinite(fa) && std::isfinite(fb) && (fa < 0) != (fb < 0) && fb != 0) {
      const bool negative = fa < 0;
      const Crossing c = bisect(a, b, [&](double z) { return (f(z) < 0) == negative; });
      roots.push_back(std::fabs(f(c.last_in)) <= std::fabs(f(c.first_out)) ? c.last_in : c.first_out);
    }
    a = b, fa = fb;
  }
  if (fa == 0) roots.push_back(a);
}

// e with every switch decided as it is at z: a piecewise replaced by the value its conditions pick,
// a function with a switch by its branch (abs(u) by u or -u).
Expr branches_at(const Expr& e, double z, const EvalContext& context) {
  if (e->op == Op::Piecewise) {
    for (std::size_t i = 0; i + 1 < e->args.size(); i += 2)
      if (evaluate(e->args[i], z, context) != 0) return branches_at(e->args[i + 1], z, context);
    return e;
  }
  if (e->op == Op::Call && e->function->branch) {
    const Expr& a = e->args[0];
    const double s = e->function->kink_switch == Switch::Difference
                         ? evaluate(a, z, context) - evaluate(e->args[1], z, context)
                         : evaluate(a, z, context);
    std::vector<Expr> args;
    for (const auto& arg : e->args) args.push_back(branches_at(arg, z, context));
    return e->function->branch(args, s > 0);
  }
  if (e->args.empty()) return e;
  std::vector<Expr> args;
  for (const auto& arg : e->args) args.push_back(branches_at(arg, z, context));
  if (e->op == Op::Call) return call(*e->function, std::move(args));
  return make(e->op, std::move(args));
}

// e with z replaced by the number `at`.
Expr substitute(const Expr& e, double at) {
  if (e->op == Op::Variable) return num(at);
  if (e->args.empty()) return e;
  std::vector<Expr> args;
  for (const auto& arg : e->args) args.push_back(substitute(arg, at));
  if (e->op == Op::Call) return call(*e->function, std::move(args));
  return make(e->op, std::move(args));
}

// The derivative's slope on one side of z (side -1 or 1): the branches that apply just there,
// simplified (u/u is 1) and then taken at z itself. Null when that is not a finite number (a
// branch undefined at z); the caller then measures the limit numerically.
Expr one_sided(const Expr& derivative, double z, int side, const EvalContext& context) {
  const double h = 1e-7 * std::fmax(1.0, std::fabs(z));
  const Expr slope = simplify(substitute(simplify(branches_at(derivative, z + side * h, context)), z));
  return std::isfinite(evaluate(slope, z, context)) ? slope : nullptr;
}

bool differs(double left, double right, double tolerance) {
  return std::fabs(left - right) > tolerance * std::fmax(1.0, std::fmax(std::fabs(left), std::fabs(right)));
}

}  // namespace

std::vector<KinkPoint> find_kinks(const Expr& input, const Expr& derivative, const EvalContext& context) {
  std::vector<Expr> switches;
  collect_switches(input, switches);
  std::vector<double> roots;
  for (const auto& s : switches) {
    if (!depends_on_z(s)) continue;
    const Program program(s, context);
    std::vector<double> stack(program.stack_size());
    add_zeros(program, stack, roots);
  }
  std::sort(roots.begin(), roots.end());
  std::vector<KinkPoint> kinks;
  for (double z : roots) {
    if (!kinks.empty() && std::fabs(z - kinks.back().z) < 1e-9 * std::fmax(1.0, std::fabs(z))) continue;
    KinkPoint k{z == 0 ? 0.0 : z, 0, 0, evaluate(derivative, z, context), one_sided(derivative, z, -1, context),
                one_sided(derivative, z, 1, context)};
    const double h = 1e-7 * std::fmax(1.0, std::fabs(z));
    k.left = k.left_slope ? evaluate(k.left_slope, z, context) : evaluate(derivative, z - h, context);
    k.right = k.right_slope ? evaluate(k.right_slope, z, context) : evaluate(derivative, z + h, context);
    if (!std::isfinite(k.left) || !std::isfinite(k.right)) continue;
    // Exact slopes from the branches are compared to rounding; measured ones to their step's error.
    const bool exact = k.left_slope && k.right_slope;
    if (!differs(k.left, k.right, exact ? 1e-12 : 1e-5)) continue;  // the slope is continuous here
    if (!k.left_slope) k.left_slope = num(k.left);
    if (!k.right_slope) k.right_slope = num(k.right);
    kinks.push_back(std::move(k));
  }
  return kinks;
}

std::string kink_latex(const KinkPoint& kink) {
  const std::string at = to_latex(num(kink.z));
  const std::string left = to_latex(kink.left_slope), right = to_latex(kink.right_slope);
  const bool ascending = kink.left <= kink.right;
  return "g'_-(" + at + ") = " + left + ",\\quad g'_+(" + at + ") = " + right + ",\\quad \\partial g(" + at +
         ") = [" + (ascending ? left : right) + ", " + (ascending ? right : left) + "]";
}

}  // namespace actderiv
