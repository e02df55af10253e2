// Where a derivative jumps: found from the expression's switches, not from the derivative's samples.
#include "actderiv/calculus/kinks.h"

#include <algorithm>
#include <cmath>

#include "actderiv/expr/functions.h"

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

}  // namespace

// Zeros of the switch quantities (sign changes on a grid, refined by bisection) where the
// derivative's one-sided limits differ.
std::vector<KinkPoint> find_kinks(const Expr& input, const Expr& derivative, const EvalContext& context) {
  std::vector<Expr> switches;
  collect_switches(input, switches);
  std::vector<double> roots;
  constexpr int kGrid = 2000;
  for (const auto& s : switches) {
    if (!depends_on_z(s)) continue;
    const auto f = [&](double z) { return evaluate(s, z, context); };
    double a = -kKinkRange, fa = f(a);
    for (int i = 1; i <= kGrid; ++i) {
      const double b = -kKinkRange + 2 * kKinkRange * i / kGrid, fb = f(b);
      if (fa == 0) roots.push_back(a);
      else if (std::isfinite(fa) && std::isfinite(fb) && (fa < 0) != (fb < 0) && fb != 0) {
        double lo = a, hi = b, flo = fa;
        for (int k = 0; k < 60; ++k) {
          const double mid = 0.5 * (lo + hi), fm = f(mid);
          if (fm == 0) { lo = hi = mid; break; }
          if ((fm < 0) == (flo < 0)) lo = mid, flo = fm;
          else hi = mid;
        }
        roots.push_back(0.5 * (lo + hi));
      }
      a = b, fa = fb;
    }
    if (fa == 0) roots.push_back(a);
  }
  std::sort(roots.begin(), roots.end());
  std::vector<KinkPoint> kinks;
  for (double z : roots) {
    if (!kinks.empty() && std::fabs(z - kinks.back().z) < 1e-9 * std::fmax(1.0, std::fabs(z))) continue;
    const double h = 1e-7 * std::fmax(1.0, std::fabs(z));
    const double left = evaluate(derivative, z - h, context);
    const double right = evaluate(derivative, z + h, context);
    if (!std::isfinite(left) || !std::isfinite(right)) continue;
    if (std::fabs(left - right) <= 1e-5 * std::fmax(1.0, std::fmax(std::fabs(left), std::fabs(right))))
      continue;  // the slope is continuous here: no kink
    // A root found by bisection is within rounding of the true one: snap tiny values to 0.
    const double at = std::fabs(z) < 1e-12 ? 0.0 : z;
    kinks.push_back({at, left, right, evaluate(derivative, at, context)});
  }
  return kinks;
}


}  // namespace actderiv
