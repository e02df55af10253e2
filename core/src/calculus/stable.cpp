// Stable forms (stable.h): identities applied bottom-up, each where its pattern appears, until
// none applies. Sums are read as signed terms, each a numeric coefficient times the rest; products
// as a coefficient times powers of factors, so that a pattern is found whatever the order and
// grouping the canonical form or the student chose.
#include "actderiv/calculus/stable.h"

#include <cmath>
#include <cstddef>

#include "actderiv/calculus/accuracy.h"
#include "actderiv/calculus/notes.h"
#include "actderiv/expr/canonical.h"
#include "actderiv/expr/functions.h"
#include "calculus/checks.h"

namespace actderiv {

namespace {

// The rule names, each a section of rules.md.
constexpr const char* kOneMinusSigmoid = "one minus a sigmoid";
constexpr const char* kOneMinusTwoSigmoid = "one minus twice a sigmoid";
constexpr const char* kOneMinusTanhSquared = "one minus tanh squared";
constexpr const char* kOnePlusTanh = "one plus tanh";
constexpr const char* kOnePlusErf = "one plus erf";
constexpr const char* kExpMinusOne = "exponential minus one";
constexpr const char* kExponentialPair = "a pair of exponentials";
constexpr const char* kSigmoidFromExponentials = "sigmoid from exponentials";
constexpr const char* kTanhFromExponentials = "tanh from exponentials";
constexpr const char* kSech = "sech for one over cosh";
constexpr const char* kSplitFraction = "split the fraction";
constexpr const char* kSoftplus = "softplus for log of one plus an exponential";
constexpr const char* kLog1p = "log1p for log of one plus";
constexpr const char* kLogSigmoid = "log of a sigmoid";
constexpr const char* kLogCosh = "log of cosh";
constexpr const char* kRootOfSquare = "square root of a square";
constexpr const char* kLogOfExp = "log of an exponential";

// A term of a sum: `coefficient` (a number) times `rest` (null for a number alone); `value` is the
// coefficient's value, for matching.
struct Term {
  Expr coefficient;
  double value;
  Expr rest;
};

bool is_number(const Expr& e) { return e->op == Op::Number; }

// The exponent u of exp(u) or e^u, else null.
Expr exp_argument(const Expr& e) {
  if (is_call(e, "exp")) return e->args[0];
  if (e->op == Op::Pow && e->args[0]->op == Op::Constant && e->args[0]->name == "e") return e->args[1];
  return nullptr;
}

// The argument of a call of `name`, else null.
Expr argument(const Expr& e, const char* name) { return is_call(e, name) ? e->args[0] : nullptr; }

// A new function argument (-u, 2u, u/2) with its numbers collected: tanh(z), not tanh(2 z/2).
Expr tidy(const Expr& e) { return canonical(e, Simplification::Terms); }

Expr times(const Expr& a, const Expr& b) { return !a ? b : !b ? a : mul(a, b); }

// e as a numeric coefficient times the rest.
Term split(const Expr& e) {
  if (is_number(e)) return {e, e->number, nullptr};
  if (e->op == Op::Neg) {
    const Term t = split(e->args[0]);
    return {neg(t.coefficient), -t.value, t.rest};
  }
  if (e->op == Op::Mul) {
    const Term a = split(e->args[0]), b = split(e->args[1]);
    return {mul(a.coefficient, b.coefficient), a.value * b.value, times(a.rest, b.rest)};
  }
  if (e->op == Op::Div && is_number(e->args[1]) && e->args[1]->number != 0) {
    const Term a = split(e->args[0]);
    return {div(a.coefficient, e->args[1]), a.value / e->args[1]->number, a.rest};
  }
  return {num(1), 1, e};
}

Expr rejoin(const Term& t) { return t.rest ? mul(t.coefficient, t.rest) : t.coefficient; }

// The signed terms of a sum (a single term for anything else).
void flatten_sum(const Expr& e, bool negative, std::vector<Term>& out) {
  if (e->op == Op::Add || e->op == Op::Sub) {
    flatten_sum(e->args[0], negative, out);
    flatten_sum(e->args[1], e->op == Op::Sub ? !negative : negative, out);
    return;
  }
  if (e->op == Op::Neg) return flatten_sum(e->args[0], !negative, out);
  Term t = split(e);
  if (negative) t = {neg(t.coefficient), -t.value, t.rest};
  out.push_back(t);
}

std::vector<Term> terms(const Expr& e) {
  std::vector<Term> out;
  flatten_sum(e, false, out);
  return out;
}

Expr sum(const std::vector<Term>& parts) {
  Expr result = num(0);
  for (const auto& t : parts) result = add(result, rejoin(t));
  return result;
}

// u when e is 1 + e^u (in any order), else null.
Expr one_plus_exp(const Expr& e) {
  const auto t = terms(e);
  if (t.size() != 2) return nullptr;
  for (int i = 0; i < 2; ++i) {
    const Term& n = t[i];
    const Term& x = t[1 - i];
    if (!n.rest && n.value == 1 && x.rest && x.value == 1)
      if (Expr u = exp_argument(x.rest)) return u;
  }
  return nullptr;
}

// A factor of a product: base^power.
struct Factor {
  Expr base;
  double power;
};

// e as a numeric coefficient times powers of factors; integer powers of products are expanded.
void flatten_product(const Expr& e, double power, Expr& coefficient, std::vector<Factor>& out) {
  if (is_number(e)) {
    coefficient = mul(coefficient, power == 1 ? e : pow(e, num(power)));
    return;
  }
  const bool integral = power == std::nearbyint(power);
  if (e->op == Op::Neg && integral) {
    if (std::fmod(power, 2) != 0) coefficient = neg(coefficient);
    return flatten_product(e->args[0], power, coefficient, out);
  }
  if (e->op == Op::Mul && integral) {
    flatten_product(e->args[0], power, coefficient, out);
    return flatten_product(e->args[1], power, coefficient, out);
  }
  if (e->op == Op::Div && integral) {
    flatten_product(e->args[0], power, coefficient, out);
    return flatten_product(e->args[1], -power, coefficient, out);
  }
  if (e->op == Op::Pow && is_number(e->args[1]) && !exp_argument(e)) {
    const double p = e->args[1]->number;
    if (p == std::nearbyint(p)) return flatten_product(e->args[0], power * p, coefficient, out);
  }
  out.push_back({e, power});
}

// The total k of the factors e^(m w), 1 <= m <= n, among `f` but for its factor `skip` (0 when there
// are none); `used`, if given, receives their indices.
double exp_powers(const std::vector<Factor>& f, const Expr& w, double n, std::size_t skip,
                  std::vector<std::size_t>* used = nullptr) {
  double k = 0;
  for (std::size_t j = 0; j < f.size(); ++j) {
    const Expr v = exp_argument(f[j].base);
    if (j == skip || !v) continue;
    for (double m = 1; m <= n; ++m)
      if (same_canonical(v, mul(num(m), w))) {
        k += m * f[j].power;
        if (used) used->push_back(j);
        break;
      }
  }
  return k;
}

// The same for the product e.
double exp_power(const Expr& e, const Expr& w, double n) {
  Expr coefficient = num(1);
  std::vector<Factor> f;
  flatten_product(e, 1, coefficient, f);
  return exp_powers(f, w, n, f.size());
}

Expr product(const Expr& coefficient, const std::vector<Factor>& factors) {
  Expr numerator = coefficient, denominator = num(1);
  for (const auto& f : factors) {
    if (f.power == 0) continue;
    const Expr p = std::fabs(f.power) == 1 ? f.base : pow(f.base, num(std::fabs(f.power)));
    if (f.power > 0) numerator = mul(numerator, p);
    else denominator = mul(denominator, p);
  }
  return div(numerator, denominator);
}

// Records each rewrite it makes.
class Rewriter {
 public:
  explicit Rewriter(std::vector<DerivationStep>& steps) : steps_(steps) {}

  // e with its arguments rewritten, then itself, until no identity applies.
  Expr rewrite(const Expr& e) {
    if (e->args.empty()) return e;
    std::vector<Expr> args;
    bool changed = false;
    for (const auto& a : e->args) {
      args.push_back(rewrite(a));
      changed = changed || args.back() != a;
    }
    Expr current = changed ? rebuild(e, std::move(args)) : e;
    for (int round = 0; round < 16; ++round) {
      Expr next = once(current);
      if (!next) break;
      current = rewrite(next);
    }
    return current;
  }

 private:
  Expr record(const char* rule, const Expr& before, const Expr& after) {
    DerivationStep s;
    s.rule = rule;
    s.rewrite = true;
    s.before = before;
    s.after = after;
    s.note = note(rule);
    steps_.push_back(std::move(s));
    return after;
  }

  // One identity applied to e itself, or null.
  Expr once(const Expr& e) {
    if (e->op == Op::Add || e->op == Op::Sub) return in_sum(e);
    if (e->op == Op::Mul || e->op == Op::Div || e->op == Op::Pow) return in_product(e);
    if (e->op == Op::Call) return in_call(e);
    // A factory may put a minus sign on top of a quotient it was given: -(expm1(u)/(1 + e^u)).
    if (e->op == Op::Neg)
      if (Expr inner = once(e->args[0])) return neg(inner);
    return nullptr;
  }

  // A number n and a term matched against it in a sum.
  Expr in_sum(const Expr& e) {
    std::vector<Term> t = terms(e);
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (!t[i].rest) continue;
      const Expr& r = t[i].rest;
      const double c = t[i].value;
      // e^u + e^-u = 2 cosh u, e^u - e^-u = 2 sinh u.
      if (const Expr u = exp_argument(r)) {
        for (std::size_t j = 0; j < t.size(); ++j) {
          if (j == i || !t[j].rest) continue;
          const Expr v = exp_argument(t[j].rest);
          if (!v || std::fabs(t[j].value) != std::fabs(c) || !same_canonical(v, neg(u))) continue;
          const char* name = t[j].value == c ? "cosh" : "sinh";
          const Term pair{mul(num(2), t[i].coefficient), 2 * c, call(name, u)};
          const Expr before = add(rejoin(t[i]), rejoin(t[j]));
          return replace(t, {i, j}, pair, kExponentialPair, before);
        }
      }
      for (std::size_t j = 0; j < t.size(); ++j) {
        if (t[j].rest || t[j].value == 0) continue;
        const double n = t[j].value;
        const Expr& nc = t[j].coefficient;
        const Expr before = add(rejoin(t[j]), rejoin(t[i]));
        Expr u;
        // n - n sigma(u) = n sigma(-u); n - 2n sigma(u) = -n tanh(u/2).
        if ((u = argument(r, "sigmoid"))) {
          if (c == -n) return replace(t, {i, j}, {nc, n, call("sigmoid", tidy(neg(u)))}, kOneMinusSigmoid, before);
          if (c == -2 * n)
            return replace(t, {i, j}, {neg(nc), -n, call("tanh", tidy(div(u, num(2))))}, kOneMinusTwoSigmoid, before);
        }
        // n - n tanh(u)^2 = n sech(u)^2.
        if (r->op == Op::Pow && is_number(r->args[1]) && r->args[1]->number == 2 && c == -n &&
            (u = argument(r->args[0], "tanh")))
          return replace(t, {i, j}, {nc, n, pow(call("sech", u), num(2))}, kOneMinusTanhSquared, before);
        // n (1 + tanh u) = 2n sigma(2u); n (1 - tanh u) = 2n sigma(-2u).
        if ((u = argument(r, "tanh")) && std::fabs(c) == std::fabs(n)) {
          const Expr v = tidy(mul(num(2), c == n ? u : neg(u)));
          return replace(t, {i, j}, {mul(num(2), nc), 2 * n, call("sigmoid", v)}, kOnePlusTanh, before);
        }
        // n (1 + erf u) = n erfc(-u); n (1 - erf u) = n erfc(u).
        if ((u = argument(r, "erf")) && std::fabs(c) == std::fabs(n))
          return replace(t, {i, j}, {nc, n, call("erfc", c == n ? tidy(neg(u)) : u)}, kOnePlusErf, before);
        // c e^u - c = c expm1(u).
        if ((u = exp_argument(r)) && c == -n)
          return replace(t, {i, j}, {t[i].coefficient, c, call("expm1", u)}, kExpMinusOne, before);
      }
    }
    return nullptr;
  }

  // The sum `t` with terms `drop` removed and `added` in the first one's place.
  Expr replace(std::vector<Term> t, std::vector<std::size_t> drop, const Term& added, const char* rule,
               const Expr& before) {
    record(rule, before, rejoin(added));
    std::vector<Term> out;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (k == drop[0]) out.push_back(added);
      else if (k != drop[1]) out.push_back(t[k]);
    }
    return sum(out);
  }

  Expr in_product(const Expr& e) {
    Expr coefficient = num(1);
    std::vector<Factor> f;
    flatten_product(e, 1, coefficient, f);
    for (std::size_t i = 0; i < f.size(); ++i) {
      const double n = -f[i].power;
      if (n <= 0 || n != std::nearbyint(n)) continue;
      const Expr w = one_plus_exp(f[i].base);
      if (!w) continue;
      // (a + b) / (1 + e^w)^n = a / (1 + e^w)^n + b / (1 + e^w)^n, when a part holds a power of
      // e^w and each part then becomes sigmoids.
      for (std::size_t j = 0; j < f.size(); ++j) {
        if (j == i || f[j].power != 1) continue;
        const auto parts = terms(f[j].base);
        if (parts.size() < 2) continue;
        bool holds_exp = false;
        for (const auto& p : parts) holds_exp = holds_exp || (p.rest && exp_power(p.rest, w, n) != 0);
        if (!holds_exp) continue;
        std::vector<Factor> rest;
        for (std::size_t k2 = 0; k2 < f.size(); ++k2)
          if (k2 != j) rest.push_back(f[k2]);
        const Expr others = product(coefficient, rest);
        Expr split_sum = num(0);
        for (const auto& p : parts) split_sum = add(split_sum, mul(rejoin(p), others));
        std::vector<DerivationStep> trial;
        Rewriter inner(trial);
        const Expr tried = inner.rewrite(split_sum);
        const Expr& base = f[i].base;
        if (any_node(tried, [&base](const Expr& n) { return equal(n, base); })) continue;
        record(kSplitFraction, e, split_sum);
        for (auto& step : trial) steps_.push_back(std::move(step));
        return tried;
      }
      // expm1(w) / (1 + e^w) = tanh(w/2).
      for (std::size_t j = 0; j < f.size() && n == 1; ++j) {
        const Expr v = argument(f[j].base, "expm1");
        if (!v || f[j].power != 1 || !same_canonical(v, w)) continue;
        std::vector<Factor> out;
        for (std::size_t k2 = 0; k2 < f.size(); ++k2)
          if (k2 != i && k2 != j) out.push_back(f[k2]);
        const Expr after = call("tanh", tidy(div(w, num(2))));
        record(kTanhFromExponentials, product(num(1), {f[j], f[i]}), after);
        out.push_back({after, 1});
        return product(coefficient, out);
      }
      // e^(kw) / (1 + e^w)^n = sigma(w)^k sigma(-w)^(n - k), for 0 <= k <= n.
      std::vector<std::size_t> used;
      const double k = exp_powers(f, w, n, i, &used);
      if (k >= 0 && k <= n && k == std::nearbyint(k)) {
        std::vector<Factor> out;
        std::vector<Factor> before_factors{f[i]};
        for (std::size_t j = 0; j < f.size(); ++j) {
          bool drop = j == i;
          for (std::size_t u : used) drop = drop || u == j;
          if (!drop) out.push_back(f[j]);
          else if (j != i) before_factors.push_back(f[j]);
        }
        const Expr s = pow(call("sigmoid", w), num(k));
        const Expr s_neg = pow(call("sigmoid", tidy(neg(w))), num(n - k));
        const Expr after = mul(s, s_neg);
        record(kSigmoidFromExponentials, product(num(1), before_factors), after);
        out.push_back({after, 1});
        return product(coefficient, out);
      }
    }
    // sinh(u)^k / cosh(u)^k = tanh(u)^k, then 1/cosh(u)^n = sech(u)^n.
    for (std::size_t i = 0; i < f.size(); ++i) {
      const Expr u = argument(f[i].base, "cosh");
      if (!u || f[i].power >= 0) continue;
      for (std::size_t j = 0; j < f.size(); ++j) {
        const Expr v = argument(f[j].base, "sinh");
        if (!v || f[j].power != -f[i].power || !equal(u, v)) continue;
        std::vector<Factor> out;
        for (std::size_t k = 0; k < f.size(); ++k)
          if (k != i && k != j) out.push_back(f[k]);
        const Expr after = pow(call("tanh", u), num(f[j].power));
        record(kTanhFromExponentials, product(num(1), {f[j], f[i]}), after);
        out.push_back({after, 1});
        return product(coefficient, out);
      }
      std::vector<Factor> out = f;
      out[i] = {call("sech", u), -f[i].power};
      record(kSech, product(num(1), {f[i]}), product(num(1), {out[i]}));
      return product(coefficient, out);
    }
    return nullptr;
  }

  Expr in_call(const Expr& e) {
    const Expr& a = e->args[0];
    Expr u;
    if (is_call(e, "log")) {
      if ((u = one_plus_exp(a))) return record(kSoftplus, e, call("softplus", u));
      if ((u = argument(a, "sigmoid"))) return record(kLogSigmoid, e, neg(call("softplus", tidy(neg(u)))));
      if ((u = argument(a, "cosh"))) return record(kLogCosh, e, call("logcosh", u));
      // log(k cosh u) = log k + logcosh(u), for a number k > 0 (e^u + e^-u = 2 cosh u).
      if (a->op == Op::Mul && is_number(a->args[0]) && a->args[0]->number > 0 && (u = argument(a->args[1], "cosh")))
        return record(kLogCosh, e, add(call("log", a->args[0]), call("logcosh", u)));
      if ((u = exp_argument(a))) return record(kLogOfExp, e, u);
      const auto t = terms(a);
      if (t.size() >= 2) {
        for (std::size_t i = 0; i < t.size(); ++i) {
          if (t[i].rest || t[i].value != 1) continue;
          std::vector<Term> others;
          for (std::size_t j = 0; j < t.size(); ++j)
            if (j != i) others.push_back(t[j]);
          return record(kLog1p, e, call("log1p", sum(others)));
        }
      }
    }
    if (is_call(e, "sqrt") && a->op == Op::Pow && is_number(a->args[1]) && a->args[1]->number == 2)
      return record(kRootOfSquare, e, call("abs", a->args[0]));
    return nullptr;
  }

  std::vector<DerivationStep>& steps_;
};

// Does `form` agree with `original`? At every third check point (|z| <= 8), to 1e-6 of the largest
// terms either sums (a sum that cancels in the original, such as 1 + erf(-5.6), is only as accurate
// as its terms: the tolerance scales with the condition number), with the form finite wherever the
// original is. A guard against a wrong rewrite, which would be off by the size of its terms; each
// identity is checked far more closely in double-double by tests/core/stable_test.cpp.
bool agrees(const Expr& original, const Expr& form, const EvalContext& context) {
  const auto& points = check_points();
  for (std::size_t i = 0; i < points.size(); i += 3) {
    double kx = 1, ky = 1;
    const double x = evaluate_conditioned(original, points[i], context, &kx);
    const double y = evaluate_conditioned(form, points[i], context, &ky);
    if (!std::isfinite(x)) continue;
    if (!std::isfinite(y) || !close_to_terms(x, kx, y, ky, 1e-6)) return false;
  }
  return true;
}

}  // namespace

const std::vector<const char*>& stable_rules() {
  static const std::vector<const char*> rules = {
      kOneMinusSigmoid, kOneMinusTwoSigmoid, kOneMinusTanhSquared, kOnePlusTanh, kOnePlusErf,
      kExpMinusOne, kExponentialPair, kSigmoidFromExponentials, kTanhFromExponentials, kSech,
      kSplitFraction, kSoftplus, kLog1p, kLogSigmoid, kLogCosh, kRootOfSquare, kLogOfExp,
  };
  return rules;
}

Stabilised stabilise(const Expr& e, const EvalContext& context) {
  Stabilised result;
  Rewriter rewriter(result.rewrites);
  result.form = rewriter.rewrite(e);
  if (result.rewrites.empty() || !agrees(e, result.form, context)) return {e, {}};
  return result;
}

}  // namespace actderiv
