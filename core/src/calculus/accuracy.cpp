// Accuracy of a typed expression's plain and stable forms against a double-double reference.
#include "actderiv/calculus/accuracy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "actderiv/expr/functions.h"
#include "actderiv/expr/program.h"
#include "actderiv/numerics/precise.h"
#include "calculus/typed.h"
#include "numerics/bisect.h"

namespace actderiv {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMinNormal = std::numeric_limits<double>::min();

// The arithmetic of an evaluation with a condition number: in double-double (the reference) or in
// doubles (as a program runs, for the stable forms' quick check).
struct InDoubleDouble {
  using T = DoubleDouble;
  // Where the double-double arithmetic leaves its range (a part overflows or turns NaN: inf/inf,
  // a product past 2^996, whose split overflows), the double result stands in: the reference is
  // then as good as a double there.
  static T guard(T r, double plain) { return std::isfinite(r.hi) && std::isfinite(r.lo) ? r : dd(plain); }
  static T add(T a, T b) { return guard(a + b, a.hi + b.hi); }
  static T mul(T a, T b) { return guard(a * b, a.hi * b.hi); }
  static T div(T a, T b) { return guard(a / b, a.hi / b.hi); }
  static T from(double x) { return dd(x); }
  static double high(T x) { return x.hi; }
  static T pi() { return pi_dd(); }
  static T e() { return e_dd(); }
  static T exp(T x) { return guard(exp_dd(x), std::exp(x.hi)); }
  static T pow(T a, T b) { return guard(pow_dd(a, b), power(a.hi, b.hi)); }
  static bool less(T a, T b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }
  static T call(const Function& f, const T* x) {
    double v[kMaxArity];
    for (std::size_t i = 0; i < f.arity; ++i) v[i] = x[i].hi;
    const double plain = f.value(v);
    return f.precise ? guard(f.precise(x), plain) : dd(plain);
  }
};

struct InDoubles {
  using T = double;
  static T add(T a, T b) { return a + b; }
  static T mul(T a, T b) { return a * b; }
  static T div(T a, T b) { return a / b; }
  static T from(double x) { return x; }
  static double high(T x) { return x; }
  static T pi() { return M_PI; }
  static T e() { return std::exp(1.0); }
  static T exp(T x) { return std::exp(x); }
  static T pow(T a, T b) { return power(a, b); }
  static bool less(T a, T b) { return a < b; }
  static T call(const Function& f, const T* x) { return f.value(x); }
};

template <class A>
struct Conditioned {
  using T = typename A::T;
  double z;
  const EvalContext& context;
  double condition = 1;

  T operator()(const Expr& e) {
    const auto& a = e->args;
    switch (e->op) {
      case Op::Number: return A::from(e->number);
      case Op::Variable: return A::from(z);
      case Op::Constant: return e->name == "pi" ? A::pi() : A::e();
      case Op::Parameter:
        for (const auto& [name, value] : context.params)
          if (name == e->name) return A::from(value);
        throw std::invalid_argument("no value for the parameter " + e->name);
      case Op::Neg: return -(*this)(a[0]);
      case Op::Add: case Op::Sub: {
        const T x = (*this)(a[0]);
        const T y = e->op == Op::Add ? (*this)(a[1]) : -(*this)(a[1]);
        const T s = A::add(x, y);
        const double total = std::fabs(A::high(x)) + std::fabs(A::high(y));
        if (std::isfinite(total) && total > 0)
          condition = std::fmax(condition, A::high(s) == 0 ? kInf : total / std::fabs(A::high(s)));
        return s;
      }
      case Op::Mul: return A::mul((*this)(a[0]), (*this)(a[1]));
      case Op::Div: return A::div((*this)(a[0]), (*this)(a[1]));
      case Op::Pow:
        if (a[0]->op == Op::Constant && a[0]->name == "e") return A::exp((*this)(a[1]));
        return A::pow((*this)(a[0]), (*this)(a[1]));
      case Op::Call: {
        T x[kMaxArity];
        for (std::size_t i = 0; i < a.size(); ++i) x[i] = (*this)(a[i]);
        // A function amplifies its argument's rounding by |x f'(x) / f(x)| (2x^2 for erfc in
        // its tail): part of the condition number, which no rewrite of the expression lowers.
        const double u = A::high(x[0]);
        if (a.size() == 1 && std::isfinite(u) && u != 0) {
          const Dual d = e->function->dual(std::array<Dual, 1>{Dual{u, 1}}.data());
          const double amplification = std::fabs(u * d.derivative / d.value);
          if (std::isfinite(amplification)) condition = std::fmax(condition, amplification);
        }
        return A::call(*e->function, x);
      }
      case Op::Self: return A::from(kNaN);
      case Op::Less: return A::from(A::less((*this)(a[0]), (*this)(a[1])) ? 1 : 0);
      case Op::LessEq: return A::from(A::less((*this)(a[1]), (*this)(a[0])) ? 0 : 1);
      case Op::Greater: return A::from(A::less((*this)(a[1]), (*this)(a[0])) ? 1 : 0);
      case Op::GreaterEq: return A::from(A::less((*this)(a[0]), (*this)(a[1])) ? 0 : 1);
      case Op::Piecewise:
        for (std::size_t i = 0; i + 1 < a.size(); i += 2)
          if (A::high((*this)(a[i])) != 0) return (*this)(a[i + 1]);
        return A::from(kNaN);
      case Op::IndexSum: throw std::invalid_argument(kIndexSumHasNoValue);
    }
    return A::from(kNaN);
  }
};

// Where `form` breaks down going out from 0 towards `end`, between grid points `ok` (not lost) and
// `lost`: bisection on the doubles, which ends on a pair of neighbours.
Breakdown locate(const Program& form, const Expr& reference_form, const EvalContext& context,
                 double ok, double lost, std::vector<double>& stack) {
  const auto is_ok = [&](double z) {
    return !is_lost(form.run(z, stack.data()), evaluate_precise(reference_form, z, context));
  };
  const double z = bisect(ok, lost, is_ok).first_out;
  return {z, form.run(z, stack.data()), evaluate_precise(reference_form, z, context).hi};
}

FormAccuracy measure(const Expr& plain, const Expr& careful, const EvalContext& context, const double* z,
                     std::size_t n, const std::vector<double>* defined_by) {
  FormAccuracy out;
  const Program p(plain, context), c(careful, context);
  std::vector<double> stack(std::max(p.stack_size(), c.stack_size()));
  std::vector<DoubleDouble> reference(n);
  for (std::size_t i = 0; i < n; ++i) {
    // Where f is undefined, so is f' (as evaluate_derivation() has it).
    const bool undefined = defined_by && std::isnan((*defined_by)[i]);
    double kappa = 1;
    reference[i] = undefined ? dd(kNaN) : evaluate_precise(careful, z[i], context, &kappa);
    out.plain.push_back(undefined ? kNaN : p.run(z[i], stack.data()));
    out.careful.push_back(undefined ? kNaN : c.run(z[i], stack.data()));
    out.plain_ulp.push_back(ulp_error(out.plain[i], reference[i]));
    out.careful_ulp.push_back(ulp_error(out.careful[i], reference[i]));
    out.condition.push_back(kappa);
    out.plain_lost += is_lost(out.plain[i], reference[i]);
    out.careful_lost += is_lost(out.careful[i], reference[i]);
    out.worst_plain_ulp = std::fmax(out.worst_plain_ulp, out.plain_ulp[i]);
    if (out.careful_ulp[i] > out.worst_careful_ulp) {
      out.worst_careful_ulp = out.careful_ulp[i];
      out.worst_careful_ulp_z = z[i];
    }
    if (kappa > out.worst_condition) {
      out.worst_condition = kappa;
      out.worst_condition_z = z[i];
    }
  }
  // Going out from the point nearest 0, each way, to the first point where the plain form is lost.
  std::size_t centre = 0;
  for (std::size_t i = 1; i < n; ++i)
    if (std::fabs(z[i]) < std::fabs(z[centre])) centre = i;
  if (n > 0 && is_lost(out.plain[centre], reference[centre])) {
    out.breakdowns.push_back({z[centre], out.plain[centre], reference[centre].hi});
    return out;
  }
  for (const int step : {-1, 1}) {
    std::size_t previous = centre;
    for (std::size_t i = centre; i < n; i += step) {
      if (is_lost(out.plain[i], reference[i])) {
        out.breakdowns.push_back(locate(p, careful, context, z[previous], z[i], stack));
        break;
      }
      previous = i;
      if (i == 0 && step < 0) break;
    }
  }
  return out;
}

}  // namespace

double evaluate_conditioned(const Expr& e, double z, const EvalContext& context, double* condition) {
  Conditioned<InDoubles> evaluator{z, context};
  const double result = evaluator(e);
  if (condition) *condition = evaluator.condition;
  return result;
}

DoubleDouble evaluate_precise(const Expr& e, double z, const EvalContext& context, double* condition) {
  Conditioned<InDoubleDouble> evaluator{z, context};
  const DoubleDouble result = evaluator(e);
  if (condition) *condition = evaluator.condition;
  return result;
}

bool close_to_terms(double x, double kx, double y, double ky, double tolerance) {
  const double scale = std::fmax(std::fabs(x), std::fabs(y)) * std::fmax(kx, ky);
  return !(std::fabs(x - y) > tolerance * scale + 1e-300);
}

double ulp_error(double x, DoubleDouble reference) {
  const double r = reference.hi;
  if (std::isnan(x) || std::isnan(r)) return std::isnan(x) && std::isnan(r) ? 0 : kInf;
  if (std::isinf(x) || std::isinf(r)) return x == r ? 0 : kInf;
  const double spacing = std::nextafter(std::fabs(r), kInf) - std::fabs(r);
  const DoubleDouble difference = dd(x) - reference;
  return std::fabs(difference.hi) / spacing;
}

bool is_lost(double x, DoubleDouble reference) {
  const double r = reference.hi;
  if (std::isnan(r)) return false;  // undefined: nothing to lose
  if (!std::isfinite(x)) return x != r;
  if (!std::isfinite(r) || std::fabs(r) < kMinNormal) return false;
  return x == 0 || std::fabs((dd(x) - reference).hi) > 1e-6 * std::fabs(r);
}

Accuracy accuracy(const Derivation& derivation, const ParamValues& params, const double* z,
                  std::size_t n) {
  const EvalContext context = expression_context(params);
  Accuracy result;
  result.value = measure(derivation.input, derivation.stable_input, context, z, n, nullptr);
  result.derivative = measure(derivation.derivative, derivation.stable_derivative, context, z, n,
                              &result.value.careful);
  return result;
}

}  // namespace actderiv
