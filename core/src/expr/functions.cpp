// The function table: one row per function of the expression language (functions.h). To add a
// function, add its row here and its tests (README, "Adding a function").
#include "actderiv/expr/functions.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "actderiv/expr/written.h"
#include "actderiv/numerics/batch.h"
#include "actderiv/numerics/numerics.h"
#include "actderiv/numerics/precise.h"

namespace actderiv {

namespace {

namespace w = written;

bool is_number(const Expr& e, double value) { return e->op == Op::Number && e->number == value; }

// f of an argument whose sign does not matter: f(-u) = f(u).
Expr even(const char* name, const Expr& u) { return u->op == Op::Neg ? call(name, u->args[0]) : nullptr; }

// piecewise(a first b, then, a second b, otherwise): a derivative that picks a branch.
Expr cases(Op first, Op second, const Expr& a, const Expr& b, const Expr& then, const Expr& otherwise) {
  return make(Op::Piecewise, {make(first, {a, b}), then, make(second, {a, b}), otherwise});
}

// out[i] = g(u[i]) by g's batch kernel (batch.h), which computes g' too: the derivative of an
// expression is evaluated from its own stable form, so the kernel's is set aside.
void kernel_values(BatchFn kernel, const double* u, std::size_t n, double* out) {
  constexpr std::size_t kChunk = 256;
  double unused[kChunk];
  for (std::size_t start = 0; start < n; start += kChunk)
    kernel(u + start, std::min(kChunk, n - start), nullptr, out + start, unused);
}

// a and b, equal but perhaps for their signs (0 and -0), with the sign bits and-ed (0 from 0 and -0)
// or or-ed (-0).
double join_signs(double a, double b, bool and_signs) {
  std::uint64_t x, y;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  x = and_signs ? x & y : x | y;
  std::memcpy(&a, &x, sizeof a);
  return a;
}

// max(a, b) and min(a, b): NaN if either is (a + b is then NaN), and of 0 and -0, 0 for max and -0
// for min, as std::fmax and std::fmin give them in the WebAssembly build. Selects, not branches, so
// the batch forms' loops vectorise; the value and the batch form are the same code.
inline double max_of(double a, double b) {
  return a > b ? a : b > a ? b : a == b ? join_signs(a, b, true) : a + b;
}
inline double min_of(double a, double b) {
  return a < b ? a : b < a ? b : a == b ? join_signs(a, b, false) : a + b;
}

// The row of `name`, appended to `table`, with the fields every row sets.
Function& row(std::vector<Function>& table, const char* name, std::size_t arity, const char* rule) {
  Function f;
  f.name = name;
  f.arity = arity;
  f.rule = rule;
  table.push_back(f);
  return table.back();
}

std::vector<Function> build() {
  std::vector<Function> table;

  {
    Function& f = row(table, "exp", 1, "exponential rule");
    f.value = [](const double* x) { return std::exp(x[0]); };
    f.precise = [](const DoubleDouble* x) { return exp_dd(x[0]); };
    f.dual = [](const Dual* x) { const double v = std::exp(x[0].value); return Dual{v, v * x[0].derivative}; };
    f.derivative = [](const Expr& u) { return call("exp", u); };
    f.latex_form = LatexForm::Exponential;
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(1) : nullptr; };
  }
  {
    Function& f = row(table, "log", 1, "logarithm rule");
    f.alias = "ln";
    f.value = [](const double* x) { return std::log(x[0]); };
    f.precise = [](const DoubleDouble* x) { return log_dd(x[0]); };
    f.dual = [](const Dual* x) { return Dual{std::log(x[0].value), x[0].derivative / x[0].value}; };
    f.derivative = [](const Expr& u) { return w::div(num(1), u); };
    f.latex = "\\ln";
    // log(e^u) = u for every real u (and the right side cannot overflow).
    f.simplify = [](const std::vector<Expr>& a) -> Expr {
      if (is_number(a[0], 1)) return num(0);
      if (is_call(a[0], "exp")) return a[0]->args[0];
      if (a[0]->op == Op::Pow && a[0]->args[0]->op == Op::Constant && a[0]->args[0]->name == "e")
        return a[0]->args[1];
      return nullptr;
    };
  }
  {
    Function& f = row(table, "sqrt", 1, "square-root rule");
    f.value = [](const double* x) { return std::sqrt(x[0]); };
    f.precise = [](const DoubleDouble* x) { return sqrt_dd(x[0]); };
    f.dual = [](const Dual* x) {
      const double v = std::sqrt(x[0].value);
      return Dual{v, x[0].derivative / (2 * v)};
    };
    f.derivative = [](const Expr& u) { return w::div(num(1), w::mul(num(2), call("sqrt", u))); };
    f.latex_form = LatexForm::Root;
    // sqrt(u^2) = |u| for every real u.
    f.simplify = [](const std::vector<Expr>& a) -> Expr {
      if (is_number(a[0], 0) || is_number(a[0], 1)) return a[0];
      if (a[0]->op == Op::Pow && is_number(a[0]->args[1], 2)) return call("abs", a[0]->args[0]);
      return nullptr;
    };
  }
  {
    Function& f = row(table, "abs", 1, "absolute-value rule");
    f.value = [](const double* x) { return std::fabs(x[0]); };
    f.precise = [](const DoubleDouble* x) { return x[0].hi < 0 ? -x[0] : x[0]; };
    f.dual = [](const Dual* x) {
      const double sign = x[0].value > 0 ? 1.0 : x[0].value < 0 ? -1.0 : 0.0;
      return Dual{std::fabs(x[0].value), sign * x[0].derivative};
    };
    f.derivative = [](const Expr& u) { return w::div(u, call("abs", u)); };
    f.latex_form = LatexForm::Bars;
    f.kink_switch = Switch::Argument;
    f.branch = [](const std::vector<Expr>& a, bool positive) { return positive ? a[0] : w::neg(a[0]); };
    f.simplify = [](const std::vector<Expr>& a) -> Expr {
      if (a[0]->op == Op::Number) return num(std::fabs(a[0]->number));
      if (is_call(a[0], "abs")) return a[0];
      return even("abs", a[0]);
    };
  }
  {
    Function& f = row(table, "tanh", 1, "tanh rule");
    f.value = [](const double* x) { return std::tanh(x[0]); };
    f.precise = [](const DoubleDouble* x) { return tanh_dd(x[0]); };
    f.batch = [](const double* const* x, std::size_t n, double* out) {
      kernel_values(tanh_batch, x[0], n, out);
    };
    f.batch_ulp = kBatchUlp;
    f.dual = [](const Dual* x) {
      return Dual{std::tanh(x[0].value), tanh_derivative(x[0].value) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) { return w::sub(num(1), w::pow(call("tanh", u), num(2))); };
    f.latex_form = LatexForm::Named;
    f.latex = "\\tanh";
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(0) : nullptr; };
  }
  {
    Function& f = row(table, "sinh", 1, "sinh rule");
    f.value = [](const double* x) { return std::sinh(x[0]); };
    f.precise = [](const DoubleDouble* x) { return sinh_dd(x[0]); };
    f.dual = [](const Dual* x) {
      return Dual{std::sinh(x[0].value), std::cosh(x[0].value) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) { return call("cosh", u); };
    f.latex_form = LatexForm::Named;
    f.latex = "\\sinh";
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(0) : nullptr; };
  }
  {
    Function& f = row(table, "cosh", 1, "cosh rule");
    f.value = [](const double* x) { return std::cosh(x[0]); };
    f.precise = [](const DoubleDouble* x) { return cosh_dd(x[0]); };
    f.dual = [](const Dual* x) {
      return Dual{std::cosh(x[0].value), std::sinh(x[0].value) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) { return call("sinh", u); };
    f.latex_form = LatexForm::Named;
    f.latex = "\\cosh";
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(1) : even("cosh", a[0]); };
  }
  {
    Function& f = row(table, "sech", 1, "sech rule");
    f.value = [](const double* x) { return sech(x[0]); };
    f.precise = [](const DoubleDouble* x) { return sech_dd(x[0]); };
    f.batch = [](const double* const* x, std::size_t n, double* out) { sech_batch(x[0], n, out); };
    f.batch_ulp = kBatchUlp;
    // sech' = -sech tanh; tanh(x) is exactly +-1 where sech underflows, so nothing cancels.
    f.dual = [](const Dual* x) {
      const double s = sech(x[0].value);
      return Dual{s, -s * std::tanh(x[0].value) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) { return w::neg(w::mul(call("sech", u), call("tanh", u))); };
    f.latex_form = LatexForm::Named;
    f.latex = "\\operatorname{sech}";
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(1) : even("sech", a[0]); };
  }
  {
    Function& f = row(table, "sigmoid", 1, "sigmoid rule");
    f.value = [](const double* x) { return sigmoid(x[0]); };
    f.precise = [](const DoubleDouble* x) { return sigmoid_dd(x[0]); };
    f.batch = [](const double* const* x, std::size_t n, double* out) {
      kernel_values(sigmoid_batch, x[0], n, out);
    };
    f.batch_ulp = kBatchUlp;
    f.dual = [](const Dual* x) {
      return Dual{sigmoid(x[0].value), sigmoid_derivative(x[0].value) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) {
      return w::mul(call("sigmoid", u), w::sub(num(1), call("sigmoid", u)));
    };
    f.latex = "\\sigma";
  }
  {
    Function& f = row(table, "softplus", 1, "softplus rule");
    f.value = [](const double* x) { return softplus(x[0]); };
    f.precise = [](const DoubleDouble* x) { return softplus_dd(x[0]); };
    f.dual = [](const Dual* x) {
      return Dual{softplus(x[0].value), sigmoid(x[0].value) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) { return call("sigmoid", u); };
    f.latex = "\\operatorname{softplus}";
  }
  {
    Function& f = row(table, "relu", 1, "ReLU rule");
    f.value = [](const double* x) { return relu(x[0]); };
    f.precise = [](const DoubleDouble* x) { return x[0].hi > 0 ? x[0] : x[0].hi <= 0 ? dd(0) : x[0]; };
    f.batch = [](const double* const* x, std::size_t n, double* out) {
      kernel_values(relu_batch, x[0], n, out);
    };
    f.dual = [](const Dual* x) {
      return Dual{relu(x[0].value), relu_derivative(x[0].value) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) {
      return cases(Op::Greater, Op::LessEq, u, num(0), num(1), num(0));
    };
    f.latex = "\\operatorname{ReLU}";
    f.kink_switch = Switch::Argument;
    f.branch = [](const std::vector<Expr>& a, bool positive) { return positive ? a[0] : num(0); };
    f.simplify = [](const std::vector<Expr>& a) { return is_call(a[0], "relu") ? a[0] : nullptr; };
  }
  {
    Function& f = row(table, "erf", 1, "erf rule");
    f.value = [](const double* x) { return std::erf(x[0]); };
    f.precise = [](const DoubleDouble* x) { return erf_dd(x[0]); };
    f.dual = [](const Dual* x) {
      const double v = x[0].value;
      return Dual{std::erf(v), 2 / std::sqrt(M_PI) * std::exp(-v * v) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) {
      return w::mul(w::div(num(2), call("sqrt", constant("pi"))),
                    w::pow(constant("e"), w::neg(w::pow(u, num(2)))));
    };
    f.latex = "\\operatorname{erf}";
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(0) : nullptr; };
  }
  {
    Function& f = row(table, "erfc", 1, "erfc rule");
    f.value = [](const double* x) { return std::erfc(x[0]); };
    f.precise = [](const DoubleDouble* x) { return erfc_dd(x[0]); };
    f.dual = [](const Dual* x) {
      const double v = x[0].value;
      return Dual{std::erfc(v), -2 / std::sqrt(M_PI) * std::exp(-v * v) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) {
      return w::neg(w::mul(w::div(num(2), call("sqrt", constant("pi"))),
                           w::pow(constant("e"), w::neg(w::pow(u, num(2))))));
    };
    f.latex = "\\operatorname{erfc}";
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(1) : nullptr; };
  }
  // The careful forms the engine rewrites into (calculus/stable.h), also there to be typed:
  // e^u - 1, log(1 + u) and log(cosh u) without their cancellation or overflow.
  {
    Function& f = row(table, "expm1", 1, "expm1 rule");
    f.value = [](const double* x) { return std::expm1(x[0]); };
    f.precise = [](const DoubleDouble* x) { return expm1_dd(x[0]); };
    f.dual = [](const Dual* x) {
      return Dual{std::expm1(x[0].value), std::exp(x[0].value) * x[0].derivative};
    };
    f.derivative = [](const Expr& u) { return call("exp", u); };
    f.latex = "\\operatorname{expm1}";
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(0) : nullptr; };
  }
  {
    Function& f = row(table, "log1p", 1, "log1p rule");
    f.value = [](const double* x) { return std::log1p(x[0]); };
    f.precise = [](const DoubleDouble* x) { return log1p_any_dd(x[0]); };
    f.dual = [](const Dual* x) { return Dual{std::log1p(x[0].value), x[0].derivative / (1 + x[0].value)}; };
    f.derivative = [](const Expr& u) { return w::div(num(1), w::add(num(1), u)); };
    f.latex = "\\operatorname{log1p}";
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(0) : nullptr; };
  }
  {
    Function& f = row(table, "logcosh", 1, "log-cosh rule");
    f.value = [](const double* x) { return logcosh(x[0]); };
    f.precise = [](const DoubleDouble* x) { return logcosh_dd(x[0]); };
    f.dual = [](const Dual* x) { return Dual{logcosh(x[0].value), std::tanh(x[0].value) * x[0].derivative}; };
    f.derivative = [](const Expr& u) { return call("tanh", u); };
    f.latex = "\\operatorname{logcosh}";
    f.simplify = [](const std::vector<Expr>& a) { return is_number(a[0], 0) ? num(0) : even("logcosh", a[0]); };
  }
  // max and min: at a tie the first argument's derivative is used, so max(0, z) gives ReLU's
  // convention g'(0) = 0, and max(alpha z, z) Leaky ReLU's alpha.
  for (const bool is_max : {true, false}) {
    Function& f = row(table, is_max ? "max" : "min", 2, is_max ? "maximum rule" : "minimum rule");
    f.value = is_max ? +[](const double* x) { return max_of(x[0], x[1]); }
                     : +[](const double* x) { return min_of(x[0], x[1]); };
    f.batch = is_max ? +[](const double* const* x, std::size_t n, double* out) {
      for (std::size_t i = 0; i < n; ++i) out[i] = max_of(x[0][i], x[1][i]);
    } : +[](const double* const* x, std::size_t n, double* out) {
      for (std::size_t i = 0; i < n; ++i) out[i] = min_of(x[0][i], x[1][i]);
    };
    f.precise = is_max ? +[](const DoubleDouble* x) {
      if (std::isnan(x[0].hi) || std::isnan(x[1].hi)) return dd(std::nan(""));
      return x[0].hi > x[1].hi || (x[0].hi == x[1].hi && x[0].lo >= x[1].lo) ? x[0] : x[1];
    } : +[](const DoubleDouble* x) {
      if (std::isnan(x[0].hi) || std::isnan(x[1].hi)) return dd(std::nan(""));
      return x[0].hi < x[1].hi || (x[0].hi == x[1].hi && x[0].lo <= x[1].lo) ? x[0] : x[1];
    };
    f.dual = is_max ? +[](const Dual* x) {
      if (std::isnan(x[0].value) || std::isnan(x[1].value)) return Dual{std::nan(""), std::nan("")};
      return x[0].value >= x[1].value ? x[0] : x[1];
    } : +[](const Dual* x) {
      if (std::isnan(x[0].value) || std::isnan(x[1].value)) return Dual{std::nan(""), std::nan("")};
      return x[0].value <= x[1].value ? x[0] : x[1];
    };
    f.combine = is_max ? +[](const Expr& a, const Expr& b, const Expr& da, const Expr& db) {
      return cases(Op::GreaterEq, Op::Less, a, b, da, db);
    } : +[](const Expr& a, const Expr& b, const Expr& da, const Expr& db) {
      return cases(Op::LessEq, Op::Greater, a, b, da, db);
    };
    f.latex = is_max ? "\\max" : "\\min";
    f.kink_switch = Switch::Difference;
    // The switch is a - b: positive picks a for max, b for min.
    f.branch = is_max ? +[](const std::vector<Expr>& a, bool positive) { return positive ? a[0] : a[1]; }
                      : +[](const std::vector<Expr>& a, bool positive) { return positive ? a[1] : a[0]; };
    f.simplify = is_max ? +[](const std::vector<Expr>& a) -> Expr {
      if (a[0]->op == Op::Number && a[1]->op == Op::Number) return num(std::fmax(a[0]->number, a[1]->number));
      return equal(a[0], a[1]) ? a[0] : nullptr;
    } : +[](const std::vector<Expr>& a) -> Expr {
      if (a[0]->op == Op::Number && a[1]->op == Op::Number) return num(std::fmin(a[0]->number, a[1]->number));
      return equal(a[0], a[1]) ? a[0] : nullptr;
    };
  }
  return table;
}

}  // namespace

const std::vector<Function>& functions() {
  static const std::vector<Function> table = build();
  return table;
}

const Function* find_function(const std::string& spelling) {
  for (const Function& f : functions())
    if (spelling == f.name || (f.alias && spelling == f.alias)) return &f;
  return nullptr;
}

const Function& function(const char* name) {
  for (const Function& f : functions())
    if (std::strcmp(f.name, name) == 0) return f;
  throw std::logic_error(std::string("no function '") + name + "' in the table");
}

Expr call(const Function& f, std::vector<Expr> args) {
  if (args.size() != f.arity) throw std::logic_error(std::string(f.name) + ": wrong number of arguments");
  auto node = std::make_shared<Node>();
  node->op = Op::Call;
  node->function = &f;
  node->args = std::move(args);
  return node;
}

Expr call(const char* name, std::vector<Expr> args) { return call(function(name), std::move(args)); }

Expr call(const char* name, const Expr& u) { return call(function(name), std::vector<Expr>{u}); }

bool is_call(const Expr& e, const char* name) {
  return e->op == Op::Call && std::strcmp(e->function->name, name) == 0;
}

const std::vector<std::string>& function_spellings() {
  static const std::vector<std::string> spellings = [] {
    std::vector<std::string> all;
    const auto insert = [&all](const char* spelling) {
      all.insert(std::lower_bound(all.begin(), all.end(), spelling), spelling);
    };
    for (const Function& f : functions()) {
      insert(f.name);
      if (f.alias) insert(f.alias);
    }
    return all;
  }();
  return spellings;
}

}  // namespace actderiv
