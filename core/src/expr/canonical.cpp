// The canonical form (canonical.h): an expression is read into a sum of terms, each a coefficient
// (an exact fraction, or a decimal where one was typed) times powers of bases; the stages enabled
// collect and rewrite them; the result is written back in one order.
#include "actderiv/expr/canonical.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <optional>
#include <vector>

#include "actderiv/expr/functions.h"
#include "expr/rational.h"

namespace actderiv {

namespace {

using namespace rational;

constexpr Int kMaxPower = 64;            // the largest integer power multiplied out
// Bounds on the rewrites that try alternatives, so that a long typed expression cannot make
// simplification slow: sums longer than this are collected but not multiplied out, searched for
// cosh^2 - sinh^2 or factored; a power of a sum is multiplied out only into this many terms at most.
constexpr std::size_t kMaxSearchedTerms = 48;
constexpr std::size_t kMaxExpandedTerms = 64;

int compare_values(double a, double b) { return a < b ? -1 : a > b ? 1 : 0; }

// ---- exponents, factors, terms, sums -----------------------------------------------------------

// A power's exponent: a number, or an expression (z, alpha, -z^2/2) in `general`.
struct Exponent {
  Q q = integer_q(1);
  Expr general;
  bool numeric() const { return !general; }
  bool is(Int n) const { return numeric() && q.integer() && q.p == n; }
};

Exponent numeric_exponent(const Q& q) {
  Exponent x;
  x.q = q;
  return x;
}

struct Factor {
  Expr base;
  Exponent exponent;
};

struct Term {
  Q coef = integer_q(1);
  std::vector<Factor> factors;
};

struct Sum {
  Q constant = integer_q(0);
  std::vector<Term> terms;
};

bool is_constant(const Expr& e, const char* name) { return e->op == Op::Constant && e->name == name; }

bool is_sum(const Expr& e) { return e->op == Op::Add || e->op == Op::Sub; }

// The number of terms of a canonical sum, which is written left to right: ((a + b) - c) + d.
std::size_t summands(const Expr& e) { return is_sum(e) ? summands(e->args[0]) + 1 : 1; }

// ---- the order of the canonical form -----------------------------------------------------------

int rank(Op op) {
  switch (op) {
    case Op::Number: return 0;
    case Op::Constant: return 1;
    case Op::Parameter: return 2;
    case Op::Variable: return 3;
    case Op::Call: return 4;
    case Op::Self: return 5;
    case Op::Pow: return 6;
    case Op::Mul: return 7;
    case Op::Div: return 8;
    case Op::Neg: return 9;
    case Op::Add: return 10;
    case Op::Sub: return 11;
    case Op::Less: return 12;
    case Op::LessEq: return 13;
    case Op::Greater: return 14;
    case Op::GreaterEq: return 15;
    case Op::Piecewise: return 16;
    case Op::IndexSum: return 17;
  }
  return 18;
}

int compare(const Expr& a, const Expr& b) {
  if (a == b) return 0;
  if (const int c = compare_values(rank(a->op), rank(b->op))) return c;
  if (a->op == Op::Number)
    if (const int c = compare_values(a->number, b->number)) return c;
  if (const int c = a->name.compare(b->name)) return c < 0 ? -1 : 1;
  if (a->op == Op::Call)
    if (const int c = std::strcmp(a->function->name, b->function->name)) return c < 0 ? -1 : 1;
  if (const int c = compare_values(a->args.size(), b->args.size())) return c;
  for (std::size_t i = 0; i < a->args.size(); ++i)
    if (const int c = compare(a->args[i], b->args[i])) return c;
  return 0;
}

int compare(const Exponent& a, const Exponent& b) {
  if (a.numeric() != b.numeric()) return a.numeric() ? -1 : 1;
  if (!a.numeric()) return compare(a.general, b.general);
  if (const int c = compare_values(a.q.value(), b.q.value())) return c;
  return a.q.exact == b.q.exact ? 0 : a.q.exact ? -1 : 1;
}

// Factors are written numbers and constants first, then parameters, z, functions, sums and
// exponentials, as in 2 alpha z sigma(z) (1 - z^2) e^u, and a sum over an index last.
int group(const Factor& f) {
  switch (f.base->op) {
    case Op::Number: return 0;
    case Op::Constant: return is_constant(f.base, "e") && !f.exponent.numeric() ? 6 : 1;
    case Op::Parameter: return 2;
    case Op::Variable: return 3;
    case Op::Add: case Op::Sub: return 5;
    case Op::IndexSum: return 7;  // last, as \sum_k extends to the right
    default: return 4;
  }
}

int compare(const Factor& a, const Factor& b) {
  if (const int c = compare_values(group(a), group(b))) return c;
  if (const int c = compare(a.base, b.base)) return c;
  return compare(a.exponent, b.exponent);
}

int compare_factors(const Term& a, const Term& b) {
  for (std::size_t i = 0; i < a.factors.size() && i < b.factors.size(); ++i)
    if (const int c = compare(a.factors[i], b.factors[i])) return c;
  return compare_values(a.factors.size(), b.factors.size());
}

bool term_less(const Term& a, const Term& b) {
  if (const int c = compare_factors(a, b)) return c < 0;
  return a.coef.value() < b.coef.value();
}

// ---- the normaliser ----------------------------------------------------------------------------

class Normaliser {
 public:
  Normaliser(Simplification last, bool exp_as_power) : last_(last), exp_as_power_(exp_as_power) {
    static unsigned long long passes = 0;  // the core runs on one thread
    pass_ = ++passes;
  }

  // The stages that changed something, a bit per stage (1 << stage).
  unsigned applied() const { return applied_; }

  Expr norm(const Expr& e) {
    if (e->canonical_pass == pass_) return e;
    switch (e->op) {
      case Op::Number: return keep(number_expr(number_q(e->number)));
      case Op::Variable: case Op::Parameter: case Op::Constant: return e;
      case Op::Neg: case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Pow: {
        Sum s;
        sum_of(e, integer_q(1), s);
        return sum_expr(std::move(s));
      }
      case Op::Call: return call_norm(e);
      case Op::Self: case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq:
      case Op::Piecewise: {
        std::vector<Expr> args;
        for (const auto& a : e->args) args.push_back(norm(a));
        return keep(make(e->op, std::move(args)));
      }
      case Op::IndexSum: return keep(index_sum(e->name, norm(e->args[0])));
    }
    return e;
  }

 private:
  bool on(Simplification stage) const { return static_cast<int>(stage) <= static_cast<int>(last_); }
  void applied(Simplification stage) { applied_ |= 1u << static_cast<unsigned>(stage); }

  // Marks a node as canonical for this normalisation, so that reading it again costs nothing.
  Expr keep(Expr e) {
    e->canonical_pass = pass_;
    return e;
  }

  // exp, sqrt and sech are read as powers (e^u, u^(1/2), cosh(u)^-1) once their stage is on.
  bool as_power(const Expr& e) const {
    if (e->op != Op::Call) return false;
    if (is_call(e, "exp") || is_call(e, "sqrt")) return on(Simplification::Factors);
    return is_call(e, "sech") && on(Simplification::Identities);
  }

  Expr call_norm(const Expr& e) {
    std::vector<Expr> args;
    for (const auto& a : e->args) args.push_back(norm(a));
    if (e->function->simplify)
      if (Expr shorter = e->function->simplify(args)) return norm(shorter);
    Expr c = call(*e->function, std::move(args));
    if (as_power(c)) {
      Sum s;
      s.terms.push_back(term_of(c));
      return sum_expr(std::move(s));
    }
    return keep(c);
  }

  // ---- reading: expression -> sum, term --------------------------------------------------------

  // Adds scale * e to s.
  void sum_of(const Expr& e, const Q& scale, Sum& s) {
    switch (e->op) {
      case Op::Add:
        sum_of(e->args[0], scale, s);
        sum_of(e->args[1], scale, s);
        return;
      case Op::Sub:
        sum_of(e->args[0], scale, s);
        sum_of(e->args[1], -scale, s);
        return;
      case Op::Neg:
        if (scale.negative()) applied(Simplification::Numbers);  // two minus signs cancel
        sum_of(e->args[0], -scale, s);
        return;
      case Op::Number:
        if (!s.constant.zero() || !(scale.one() || (-scale).one())) applied(Simplification::Numbers);
        s.constant = s.constant + scale * number_q(e->number);
        return;
      default: break;
    }
    Term t = term_of(e);
    if (!scale.one() && !t.coef.one()) applied(Simplification::Numbers);
    t.coef = t.coef * scale;
    add_term(std::move(t), s);
  }

  // Adds t to s; true if t, (a + b) or -(a + b), was read as its terms (not yet finished).
  bool add_term(Term t, Sum& s) {
    if (t.coef.zero()) {
      applied(Simplification::Numbers);
      return false;
    }
    if (t.factors.empty()) {
      if (!s.constant.zero()) applied(Simplification::Numbers);
      s.constant = s.constant + t.coef;
    } else if (t.factors.size() == 1 && is_sum(t.factors[0].base) && t.factors[0].exponent.is(1) &&
               (t.coef.one() || (-t.coef).one())) {
      sum_of(t.factors[0].base, t.coef, s);
      return true;
    } else {
      s.terms.push_back(std::move(t));
    }
    return false;
  }

  Term term_of(const Expr& e) {
    Term t;
    switch (e->op) {
      case Op::Number: t.coef = number_q(e->number); return t;
      case Op::Neg:
        t = term_of(e->args[0]);
        if (t.coef.negative()) applied(Simplification::Numbers);
        t.coef = -t.coef;
        return t;
      case Op::Mul:
        t = term_of(e->args[0]);
        multiply(t, term_of(e->args[1]));
        return t;
      case Op::Div:
        t = term_of(e->args[0]);
        multiply(t, reciprocal(term_of(e->args[1])));
        return t;
      case Op::Pow: return power_term(e->args[0], e->args[1]);
      default: break;
    }
    if (as_power(e)) {
      const Expr u = norm(e->args[0]);
      if (is_call(e, "exp")) return factor_term(constant("e"), exponent_of(u));
      if (is_call(e, "sqrt")) return power_by(term_of(u), fraction_q(1, 2));
      applied(Simplification::Identities);
      return factor_term(norm(call("cosh", u)), numeric_exponent(integer_q(-1)));  // sech u = 1/cosh u
    }
    const Expr n = norm(e);
    if (n != e) return term_of(n);
    return factor_term(n, numeric_exponent(integer_q(1)));
  }

  static Term factor_term(const Expr& base, const Exponent& exponent) {
    Term t;
    t.factors.push_back({base, exponent});
    return t;
  }

  void multiply(Term& t, const Term& u) {
    if (!t.coef.one() && !u.coef.one()) applied(Simplification::Numbers);
    t.coef = t.coef * u.coef;
    t.factors.reserve(t.factors.size() + u.factors.size());
    t.factors.insert(t.factors.end(), u.factors.begin(), u.factors.end());
  }

  Term reciprocal(Term t) {
    if (t.coef.zero()) return factor_term(num(0), numeric_exponent(integer_q(-1)));  // 1/0 stays visible
    t.coef = inverse(t.coef);
    for (auto& f : t.factors) f.exponent = scaled(f.exponent, integer_q(-1));
    return t;
  }

  Exponent exponent_of(const Expr& x) {
    if (x->op == Op::Number) return numeric_exponent(number_q(x->number));
    if (x->op == Op::Neg) {
      Exponent inner = exponent_of(x->args[0]);
      if (inner.numeric()) return numeric_exponent(-inner.q);
    }
    if (x->op == Op::Div && x->args[0]->op == Op::Number && x->args[1]->op == Op::Number) {
      const Q p = number_q(x->args[0]->number), q = number_q(x->args[1]->number);
      if (p.integer() && q.integer() && !q.zero()) return numeric_exponent(p * inverse(q));
    }
    Exponent general;
    general.general = x;
    return general;
  }

  Expr exponent_expr(const Exponent& x) { return x.numeric() ? keep(number_expr(x.q)) : x.general; }

  Exponent plus(const Exponent& a, const Exponent& b) {
    if (a.numeric() && b.numeric()) return numeric_exponent(a.q + b.q);
    return exponent_of(norm(make(Op::Add, {exponent_expr(a), exponent_expr(b)})));
  }

  Exponent scaled(const Exponent& a, const Q& n) {
    if (a.numeric()) return numeric_exponent(a.q * n);
    return exponent_of(norm(make(Op::Mul, {keep(number_expr(n)), a.general})));
  }

  // base^exponent as a term.
  Term power_term(const Expr& base, const Expr& exponent) {
    const Exponent x = exponent_of(norm(exponent));
    if (!on(Simplification::Factors)) {
      // Numbers only: a number to a small integer power is multiplied out; any other power stays.
      const Expr b = norm(base);
      if (x.numeric() && x.q.integer() && std::llabs(x.q.p) <= kMaxPower && b->op == Op::Number) {
        const Q value = number_q(b->number);
        if (value.exact && !(value.zero() && x.q.p < 0)) {
          Term t;
          t.coef = power(value, x.q.p);
          applied(Simplification::Numbers);
          return t;
        }
      }
      return factor_term(b, x);
    }
    if (is_constant(base, "e")) return factor_term(base, x);
    Term inner = term_of(base);
    if (x.numeric()) return power_by(std::move(inner), x.q);
    // (e^a)^x = e^(a x); any other base keeps its power whole.
    if (inner.coef.one() && inner.factors.size() == 1 && is_constant(inner.factors[0].base, "e")) {
      Term t = inner;
      t.factors[0].exponent = exponent_of(norm(make(Op::Mul, {exponent_expr(inner.factors[0].exponent), x.general})));
      applied(Simplification::Factors);
      return t;
    }
    return factor_term(norm(base), x);
  }

  // A factor that cannot be negative where it is defined: its power may be distributed.
  static bool positive(const Factor& f) {
    const Expr& b = f.base;
    if (f.exponent.numeric() && !f.exponent.q.integer()) return true;  // u^(1/2) >= 0
    if (b->op == Op::Number) return b->number > 0;
    if (b->op == Op::Constant) return true;
    return is_call(b, "abs") || is_call(b, "exp") || is_call(b, "sigmoid") || is_call(b, "cosh") ||
           is_call(b, "softplus") || is_call(b, "sqrt");
  }

  // t^n: an integer power multiplies every exponent; any other goes on the factors that are not
  // negative (and on |u| for u^2k), the rest keeping the power whole.
  Term power_by(Term t, const Q& n) {
    if (!t.coef.one() || t.factors.size() != 1 || !t.factors[0].exponent.is(1)) applied(Simplification::Factors);
    if (n.integer() && std::llabs(n.p) <= kMaxPower) {
      if (t.coef.zero() && n.p < 0) return factor_term(num(0), numeric_exponent(n));
      t.coef = power(t.coef, n.p);
      for (auto& f : t.factors) f.exponent = scaled(f.exponent, n);
      return t;
    }
    Term r;
    Term rest;
    const Q c = abs(t.coef);
    if (c.exact) {
      if (c.p != 1) r.factors.push_back({num(static_cast<double>(c.p)), numeric_exponent(n)});
      if (c.q != 1) r.factors.push_back({num(static_cast<double>(c.q)), numeric_exponent(-n)});
    } else {
      r.factors.push_back({num(c.x), numeric_exponent(n)});
    }
    if (t.coef.negative()) rest.coef = integer_q(-1);
    for (auto& f : t.factors) {
      if (positive(f)) {
        f.exponent = scaled(f.exponent, n);
        r.factors.push_back(f);
      } else if (f.exponent.numeric() && f.exponent.q.integer() && f.exponent.q.p % 2 == 0) {
        r.factors.push_back({norm(call("abs", f.base)), scaled(f.exponent, n)});  // (u^2)^(1/2) = |u|
      } else {
        rest.factors.push_back(f);
      }
    }
    if (!rest.factors.empty() || rest.coef.negative()) {
      finish_term(rest);
      r.factors.push_back({term_expr(rest), numeric_exponent(n)});
    }
    return r;
  }

  // ---- collecting a term -----------------------------------------------------------------------

  // Merges, folds and orders t's factors; false if t is 0.
  bool finish_term(Term& t) {
    if (t.coef.zero()) return false;
    if (on(Simplification::Factors)) merge_like_factors(t);
    std::vector<Factor> kept;
    for (auto& f : t.factors) {
      if (f.exponent.numeric() && f.exponent.q.zero()) {
        applied(Simplification::Numbers);
        continue;
      }
      if (f.base->op == Op::Number && !fold_number(f, t.coef)) continue;
      if (t.coef.zero()) return false;
      kept.push_back(f);
    }
    t.factors = std::move(kept);
    if (on(Simplification::Identities)) {
      absolute_values(t);
      tangents(t);
    }
    std::sort(t.factors.begin(), t.factors.end(), [](const Factor& a, const Factor& b) { return compare(a, b) < 0; });
    return !t.coef.zero();
  }

  void merge_like_factors(Term& t) {
    std::sort(t.factors.begin(), t.factors.end(),
              [](const Factor& a, const Factor& b) { return compare(a.base, b.base) < 0; });
    std::vector<Factor> merged;
    merged.reserve(t.factors.size());
    for (auto& f : t.factors) {
      if (!merged.empty() && equal(merged.back().base, f.base)) {
        merged.back().exponent = plus(merged.back().exponent, f.exponent);
        applied(Simplification::Factors);
      } else {
        merged.push_back(f);
      }
    }
    t.factors = std::move(merged);
  }

  // A numeric base b^k: an integer power goes into the coefficient; a radical keeps a power in
  // (-1, 1), taking a factor b from the coefficient when that brings it there (2/√2 = √2). False
  // when nothing is left of the factor.
  bool fold_number(Factor& f, Q& coef) {
    const Q b = number_q(f.base->number);
    if (!f.exponent.numeric() || !b.exact) return true;
    Q k = f.exponent.q;
    if (b.zero()) {
      if (!k.negative()) coef = integer_q(0);
      return k.negative();
    }
    if (b.one()) return false;
    if (k.integer()) {
      if (std::llabs(k.p) > kMaxPower) return true;
      coef = coef * power(b, k.p);
      applied(Simplification::Numbers);
      return false;
    }
    if (!on(Simplification::Factors) || b.negative() || !k.exact) return true;
    if (coef.exact) {
      if (k.negative() && coef.p % b.p == 0) {
        coef = coef * inverse(b);
        k = k + integer_q(1);
        applied(Simplification::Factors);
      } else if (!k.negative() && coef.q % b.p == 0) {
        coef = coef * b;
        k = k - integer_q(1);
        applied(Simplification::Factors);
      }
    }
    const Int whole = k.p / k.q;  // toward 0
    if (whole != 0 && std::llabs(whole) <= kMaxPower) {
      coef = coef * power(b, whole);
      k = k - integer_q(whole);
      applied(Simplification::Factors);
    }
    f.exponent.q = k;
    return !k.zero();
  }

  // |u|^m u^n: an even power of u is a power of |u| (z^2 = |z|^2), so z^2/|z| = |z|; an even power of
  // |u| that is left is written as a power of u.
  void absolute_values(Term& t) {
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < t.factors.size() && !changed; ++i) {
        Factor& a = t.factors[i];
        if (!is_call(a.base, "abs") || !a.exponent.numeric() || !a.exponent.q.integer()) continue;
        const Expr u = a.base->args[0];
        for (std::size_t j = 0; j < t.factors.size(); ++j) {
          Factor& f = t.factors[j];
          if (j == i || !equal(f.base, u) || !f.exponent.numeric() || !f.exponent.q.integer()) continue;
          const Int n = f.exponent.q.p;
          if (n % 2 == 0) {
            a.exponent.q = a.exponent.q + integer_q(n);
            f.exponent.q = integer_q(0);
            applied(Simplification::Identities);
          } else if (std::llabs(n) >= 3) {
            const Int odd = n > 0 ? 1 : -1;
            a.exponent.q = a.exponent.q + integer_q(n - odd);
            f.exponent.q = integer_q(odd);
            applied(Simplification::Identities);
          }
        }
        if (a.exponent.q.p % 2 == 0 && a.exponent.q.p != 0) {
          a.base = u;  // |u|^2k = u^2k
          applied(Simplification::Identities);
          merge_like_factors(t);
          changed = true;
        }
      }
    }
    drop_zero_powers(t);
  }

  // Removes the factors whose power an identity has made 0.
  static void drop_zero_powers(Term& t) {
    t.factors.erase(std::remove_if(t.factors.begin(), t.factors.end(),
                                   [](const Factor& f) { return f.exponent.numeric() && f.exponent.q.zero(); }),
                    t.factors.end());
  }

  // sinh(u)^n / cosh(u)^n = tanh(u)^n.
  void tangents(Term& t) {
    for (auto& f : t.factors) {
      if (!is_call(f.base, "sinh") || !f.exponent.numeric() || !f.exponent.q.integer()) continue;
      for (auto& g : t.factors) {
        if (!is_call(g.base, "cosh") || !equal(g.base->args[0], f.base->args[0]) || !g.exponent.numeric() ||
            !(g.exponent.q == -f.exponent.q))
          continue;
        f.base = keep(call("tanh", f.base->args[0]));
        g.exponent.q = integer_q(0);
        applied(Simplification::Identities);
      }
    }
    drop_zero_powers(t);
  }

  // ---- collecting a sum ------------------------------------------------------------------------

  // The finished terms of s: like terms combined (Terms on), numbers into the constant.
  void finish_terms(Sum& s) {
    std::vector<Term> terms = std::move(s.terms);
    s.terms.clear();
    s.terms.reserve(terms.size());
    for (auto& t : terms) {
      if (!finish_term(t)) continue;
      const std::size_t before = s.terms.size();
      // A term that became (a + b) after its factors merged is read back as its terms: finish them.
      if (add_term(std::move(t), s))
        for (std::size_t k = before; k < s.terms.size(); ++k) finish_term(s.terms[k]);
    }
    if (on(Simplification::Terms)) combine_like_terms(s);  // which leaves them in order
    else std::sort(s.terms.begin(), s.terms.end(), term_less);
  }

  // Sorts s's terms and adds those that differ only in their coefficient.
  void combine_like_terms(Sum& s) {
    std::sort(s.terms.begin(), s.terms.end(), term_less);
    std::vector<Term> combined;
    for (auto& t : s.terms) {
      if (t.factors.empty()) {
        s.constant = s.constant + t.coef;
        applied(Simplification::Terms);
      } else if (!combined.empty() && compare_factors(combined.back(), t) == 0) {
        combined.back().coef = combined.back().coef + t.coef;
        if (combined.back().coef.zero()) combined.pop_back();
        applied(Simplification::Terms);
      } else {
        combined.push_back(t);
      }
    }
    s.terms = std::move(combined);
  }

  static std::size_t parts(const Sum& s) { return s.terms.size() + (s.constant.zero() ? 0 : 1); }

  static Term without(const Term& t, std::size_t j) {
    Term r = t;
    r.factors.erase(r.factors.begin() + static_cast<std::ptrdiff_t>(j));
    return r;
  }

  // The index of t's factor that is a sum to a power from 1 to 3, or t.factors.size().
  static std::size_t expandable(const Term& t) {
    for (std::size_t j = 0; j < t.factors.size(); ++j) {
      const Factor& f = t.factors[j];
      if (!is_sum(f.base) || !(f.exponent.is(1) || f.exponent.is(2) || f.exponent.is(3))) continue;
      std::size_t terms = 1;
      for (Int k = 0; k < f.exponent.q.p; ++k) terms *= summands(f.base);
      if (terms <= kMaxExpandedTerms) return j;
    }
    return t.factors.size();
  }

  // t with its factor `which`, a power of a sum, multiplied out, added to `into`.
  void expand_into(const Term& t, std::size_t which, Sum& into) {
    Term rest = without(t, which);
    const Sum inner = expanded_power(t.factors[which].base, t.factors[which].exponent.q.p);
    if (!inner.constant.zero()) {
      Term part = rest;
      part.coef = part.coef * inner.constant;
      into.terms.push_back(part);
    }
    for (const auto& u : inner.terms) {
      Term part = rest;
      multiply(part, u);
      into.terms.push_back(part);
    }
  }

  // Could term i, with its factor `which` multiplied out, combine with another term? Only if some
  // other term has every other factor of it (or, when it has none, always).
  static bool may_combine(const Sum& s, std::size_t i, std::size_t which) {
    const Term& t = s.terms[i];
    if (t.factors.size() == 1) return true;
    for (std::size_t k = 0; k < s.terms.size(); ++k) {
      if (k == i) continue;
      bool all = true;
      for (std::size_t j = 0; j < t.factors.size() && all; ++j) {
        if (j == which) continue;
        bool found = false;
        for (const auto& g : s.terms[k].factors) found = found || equal(g.base, t.factors[j].base);
        all = found;
      }
      if (all) return true;
    }
    return false;
  }

  // c (a + b)^n among other terms is multiplied out when that lets terms combine: 2 (z + 1) - 2 z = 2,
  // (a + b)^2 - (a - b)^2 = 4 a b. One term at a time, then all of them at once.
  void distribute(Sum& s) {
    if (parts(s) < 2 || parts(s) > kMaxSearchedTerms) return;
    for (int round = 0; round < 8; ++round) {
      bool changed = false;
      for (std::size_t i = 0; i < s.terms.size() && !changed; ++i) {
        const std::size_t which = expandable(s.terms[i]);
        if (which == s.terms[i].factors.size() || !may_combine(s, i, which)) continue;
        Sum candidate;
        candidate.constant = s.constant;
        for (std::size_t k = 0; k < s.terms.size(); ++k)
          if (k != i) candidate.terms.push_back(s.terms[k]);
        expand_into(s.terms[i], which, candidate);
        finish_terms(candidate);
        if (parts(candidate) < parts(s)) {
          s = std::move(candidate);
          changed = true;
          applied(Simplification::Terms);
        }
      }
      if (!changed) break;
    }
    // All at once only for terms that are a power of a sum and nothing more, (a + b)^2 - (a - b)^2:
    // a term with other factors too would have combined on its own above.
    std::size_t expandable_terms = 0;
    for (const auto& t : s.terms) {
      if (expandable(t) == t.factors.size()) continue;
      if (t.factors.size() != 1) return;
      ++expandable_terms;
    }
    if (expandable_terms < 2) return;
    if (auto all = all_expanded(s); all && parts(*all) < parts(s)) {
      s = std::move(*all);
      applied(Simplification::Terms);
    }
  }

  // s with every term that has a sum among its factors multiplied out, collected; nothing when fewer
  // than two terms have one.
  std::optional<Sum> all_expanded(const Sum& s) {
    Sum all;
    all.constant = s.constant;
    std::size_t expanded = 0;
    for (const auto& t : s.terms) {
      const std::size_t which = expandable(t);
      if (which == t.factors.size()) {
        all.terms.push_back(t);
      } else {
        expand_into(t, which, all);
        ++expanded;
      }
    }
    if (expanded < 2) return std::nullopt;
    finish_terms(all);
    return all;
  }

  // Every term with a sum among its factors multiplied out at once, kept when the result has no more
  // terms and is written shorter: sigma (1 - y) - y (1 - sigma) = sigma - y, where no term alone
  // combines with another (a polynomial in sigma with more terms is left to factoring).
  void distribute_all(Sum& s) {
    if (parts(s) < 2 || parts(s) > kMaxSearchedTerms) return;
    if (auto all = all_expanded(s); all && parts(*all) <= parts(s) && size(write_sum(*all)) < size(write_sum(s))) {
      s = std::move(*all);
      applied(Simplification::Terms);
    }
  }

  // (a + b + ...)^n multiplied out, for a small n.
  Sum expanded_power(const Expr& sum, Int n) {
    Sum base;
    sum_of(sum, integer_q(1), base);
    Sum result;
    result.constant = integer_q(1);
    for (Int k = 0; k < n; ++k) {
      Sum next;
      const auto times = [&](const Q& c, const Term* t) {
        if (!result.constant.zero()) {
          Term p;
          p.coef = result.constant * c;
          if (t) multiply(p, *t);
          next.terms.push_back(p);
        }
        for (const auto& r : result.terms) {
          Term p = r;
          p.coef = p.coef * c;
          if (t) multiply(p, *t);
          next.terms.push_back(p);
        }
      };
      if (!base.constant.zero()) times(base.constant, nullptr);
      for (const auto& t : base.terms) times(integer_q(1), &t);
      finish_terms(next);
      result = std::move(next);
    }
    return result;
  }

  // The index of t's factor f(u)^2 (a call of `name`), or t.factors.size().
  static std::size_t squared_call(const Term& t, const char* name) {
    for (std::size_t j = 0; j < t.factors.size(); ++j)
      if (is_call(t.factors[j].base, name) && t.factors[j].exponent.is(2)) return j;
    return t.factors.size();
  }

  // c R cosh(u)^2 - c R sinh(u)^2 = c R.
  bool hyperbolic_identity(Sum& s) {
    if (s.terms.size() > kMaxSearchedTerms) return false;
    for (std::size_t i = 0; i < s.terms.size(); ++i) {
      const std::size_t a = squared_call(s.terms[i], "cosh");
      if (a == s.terms[i].factors.size()) continue;
      const Term rest = without(s.terms[i], a);
      const Expr u = s.terms[i].factors[a].base->args[0];
      for (std::size_t k = 0; k < s.terms.size(); ++k) {
        const std::size_t b = squared_call(s.terms[k], "sinh");
        if (k == i || b == s.terms[k].factors.size() || !equal(s.terms[k].factors[b].base->args[0], u)) continue;
        const Term other = without(s.terms[k], b);
        if (!(other.coef == -rest.coef) || compare_factors(other, rest) != 0) continue;
        Sum next;
        next.constant = s.constant;
        for (std::size_t m = 0; m < s.terms.size(); ++m)
          if (m != i && m != k) next.terms.push_back(s.terms[m]);
        add_term(rest, next);
        finish_terms(next);
        s = std::move(next);
        applied(Simplification::Identities);
        return true;
      }
    }
    return false;
  }

  // The sum pulled apart as common factors times an inner sum, or null when no factor is common.
  Expr factored(const Sum& s) {
    if (!s.constant.zero() || s.terms.size() < 2 || s.terms.size() > kMaxSearchedTerms) return nullptr;
    std::vector<Factor> common;
    // A factor is common if every term has its base with the same power (e^u), or with numeric
    // powers, the least of which is pulled out: z^2 and z^3 share z^2, u^(1/2) and u^(-1/2) share
    // u^(-1/2).
    const auto shared = [](const Factor& f, const Factor& g, Exponent& least) {
      if (!equal(g.base, f.base)) return false;
      if (!f.exponent.numeric() || !g.exponent.numeric()) return compare(f.exponent, g.exponent) == 0;
      if (g.exponent.q.value() < least.q.value()) least = g.exponent;
      return true;
    };
    for (const auto& f : s.terms[0].factors) {
      Exponent least = f.exponent;
      bool everywhere = true;
      for (std::size_t k = 1; k < s.terms.size() && everywhere; ++k) {
        everywhere = false;
        for (const auto& g : s.terms[k].factors) everywhere = everywhere || shared(f, g, least);
      }
      if (everywhere) common.push_back({f.base, least});
    }
    if (common.empty()) return nullptr;
    Sum inner;
    for (Term t : s.terms) {
      std::vector<Factor> left;
      for (auto& f : t.factors) {
        for (const auto& c : common) {
          if (!equal(f.base, c.base)) continue;
          f.exponent = c.exponent.numeric() ? numeric_exponent(f.exponent.q - c.exponent.q)
                                            : numeric_exponent(integer_q(0));
        }
        if (!(f.exponent.numeric() && f.exponent.q.zero())) left.push_back(f);
      }
      t.factors = std::move(left);
      inner.terms.push_back(std::move(t));
    }
    Term outer;
    outer.factors = common;
    multiply(outer, term_of(sum_expr(std::move(inner))));
    finish_term(outer);
    return term_expr(outer);
  }

  // Some terms share a factor the others lack: z e^-z + e^-z + 1 = (1 + z) e^-z + 1. The grouping that
  // is shortest, if one is shorter than `limit` nodes.
  Expr partly_factored(const Sum& s, std::size_t limit) {
    if (parts(s) < 3 || s.terms.size() < 2 || s.terms.size() > 8) return nullptr;
    const auto has = [](const Term& t, const Factor& f) {
      for (const auto& g : t.factors)
        if (equal(g.base, f.base) && compare(g.exponent, f.exponent) == 0) return true;
      return false;
    };
    Expr best;
    for (std::size_t i = 0; i < s.terms.size(); ++i) {
      for (const auto& f : s.terms[i].factors) {
        if (f.base->op == Op::Number) continue;
        bool earlier = false;
        for (std::size_t k = 0; k < i && !earlier; ++k) earlier = has(s.terms[k], f);
        if (earlier) continue;  // tried from the first term that has it
        Sum group, rest;
        rest.constant = s.constant;
        for (const auto& t : s.terms) (has(t, f) ? group : rest).terms.push_back(t);
        if (group.terms.size() < 2 || parts(rest) == 0) continue;
        const Expr grouped = factored(group);
        if (!grouped) continue;
        Term together = term_of(grouped);
        finish_term(together);
        rest.terms.push_back(std::move(together));
        std::sort(rest.terms.begin(), rest.terms.end(), term_less);
        Expr candidate = write_sum(rest);
        const std::size_t n = size(candidate);
        if (n < limit) {
          best = std::move(candidate);
          limit = n;
        }
      }
    }
    return best;
  }

  Expr sum_expr(Sum s) {
    finish_terms(s);
    if (on(Simplification::Terms)) {
      distribute(s);
      distribute_all(s);
    }
    if (on(Simplification::Identities))
      while (hyperbolic_identity(s)) {
      }
    Expr expanded = write_sum(s);
    if (on(Simplification::Factoring)) {
      const std::size_t n = size(expanded);
      if (Expr f = factored(s); f && size(f) < n) {
        applied(Simplification::Factoring);
        return f;
      }
      if (Expr f = partly_factored(s, n)) {
        applied(Simplification::Factoring);
        return f;
      }
    }
    return expanded;
  }

  // ---- writing ---------------------------------------------------------------------------------

  Expr number_expr(const Q& q) {
    if (!q.exact || terminating(q)) return num(q.value());
    if (q.q == 1) return num(static_cast<double>(q.p));
    const Expr fraction = keep(make(Op::Div, {num(static_cast<double>(q.p < 0 ? -q.p : q.p)), num(static_cast<double>(q.q))}));
    return q.p < 0 ? make(Op::Neg, {fraction}) : fraction;
  }

  Expr factor_expr(const Factor& f) {
    const Exponent& x = f.exponent;
    if (is_constant(f.base, "e") && !x.numeric())
      return keep(exp_as_power_ ? make(Op::Pow, {f.base, x.general}) : call("exp", {x.general}));
    if (x.is(1)) return f.base;
    if (x.numeric() && x.q.half()) return keep(call("sqrt", {f.base}));
    return keep(make(Op::Pow, {f.base, exponent_expr(x)}));
  }

  Expr product(const std::vector<Expr>& factors) {
    if (factors.empty()) return num(1);
    Expr p = factors[0];
    for (std::size_t i = 1; i < factors.size(); ++i) p = keep(make(Op::Mul, {p, factors[i]}));
    return p;
  }

  static bool radical(const Factor& f) {
    return (f.base->op == Op::Number || f.base->op == Op::Constant) && f.exponent.numeric() &&
           f.exponent.q.exact && f.exponent.q.q == 2 && std::llabs(f.exponent.q.p) == 1;
  }

  // |coef| times the factors, as a fraction: positive powers over negative ones; square roots of
  // constants gathered under one root, sqrt(2/pi). The sign is the caller's.
  Expr magnitude_expr(const Term& t) {
    std::vector<Expr> over, under, root_over, root_under;
    const Q c = abs(t.coef);
    if (c.exact && !terminating(c)) {
      if (c.p != 1) over.push_back(num(static_cast<double>(c.p)));
      if (c.q != 1) under.push_back(num(static_cast<double>(c.q)));
    } else if (!c.one()) {
      over.push_back(num(c.value()));
    }
    std::vector<Expr> rest_over, rest_under;
    for (const auto& f : t.factors) {
      if (radical(f)) {
        (f.exponent.q.p > 0 ? root_over : root_under).push_back(f.base);
      } else if (f.exponent.numeric() && f.exponent.q.negative()) {
        rest_under.push_back(factor_expr({f.base, numeric_exponent(-f.exponent.q)}));
      } else {
        rest_over.push_back(factor_expr(f));
      }
    }
    if (!root_over.empty() && !root_under.empty()) {
      over.push_back(keep(call("sqrt", {keep(make(Op::Div, {product(root_over), product(root_under)}))})));
    } else if (!root_over.empty()) {
      over.push_back(keep(call("sqrt", {product(root_over)})));
    } else if (!root_under.empty()) {
      under.push_back(keep(call("sqrt", {product(root_under)})));
    }
    over.insert(over.end(), rest_over.begin(), rest_over.end());
    under.insert(under.end(), rest_under.begin(), rest_under.end());
    const Expr top = product(over);
    return under.empty() ? top : keep(make(Op::Div, {top, product(under)}));
  }

  Expr term_expr(const Term& t) {
    const Expr m = magnitude_expr(t);
    return t.coef.negative() ? keep(make(Op::Neg, {m})) : m;
  }

  // The constant first, then the terms in order; a sum does not open with a minus sign when a term
  // is positive (z - 1, not -1 + z).
  Expr write_sum(const Sum& s) {
    struct Part {
      bool negative;
      Expr magnitude;
    };
    std::vector<Part> written;
    if (!s.constant.zero()) written.push_back({s.constant.negative(), keep(number_expr(abs(s.constant)))});
    for (const auto& t : s.terms) written.push_back({t.coef.negative(), magnitude_expr(t)});
    if (written.empty()) return num(0);
    if (s.terms.empty()) return keep(number_expr(s.constant));  // -1 is the number -1
    if (written[0].negative)
      for (std::size_t i = 1; i < written.size(); ++i)
        if (!written[i].negative) {
          std::rotate(written.begin(), written.begin() + static_cast<std::ptrdiff_t>(i),
                      written.begin() + static_cast<std::ptrdiff_t>(i) + 1);
          break;
        }
    Expr e = written[0].negative ? keep(make(Op::Neg, {written[0].magnitude})) : written[0].magnitude;
    for (std::size_t i = 1; i < written.size(); ++i)
      e = keep(make(written[i].negative ? Op::Sub : Op::Add, {e, written[i].magnitude}));
    return keep(e);
  }

  Simplification last_;
  bool exp_as_power_;
  unsigned applied_ = 0;
  unsigned long long pass_ = 0;
};

// Does e write an exponential as a power (e^u), as a call (exp(u))?
void exponentials(const Expr& e, bool& powers, bool& calls) {
  if (e->op == Op::Pow && is_constant(e->args[0], "e")) powers = true;
  if (is_call(e, "exp")) calls = true;
  for (const auto& a : e->args) exponentials(a, powers, calls);
}

}  // namespace

const char* simplification_rule(Simplification stage) {
  switch (stage) {
    case Simplification::Numbers: return "collect numbers";
    case Simplification::Factors: return "collect like factors";
    case Simplification::Terms: return "collect like terms";
    case Simplification::Identities: return "use an identity";
    case Simplification::Factoring: return "factor out";
  }
  return "";
}

Expr canonical(const Expr& e, Simplification last, unsigned* applied) {
  // Exponentials are written as the reader wrote them: e^u if every one was typed so, else exp(u).
  bool powers = false, calls = false;
  exponentials(e, powers, calls);
  Normaliser normaliser(last, powers && !calls);
  Expr result = normaliser.norm(e);
  if (applied) *applied = normaliser.applied();
  return result;
}

bool same_as_printed(const Expr& a, const Expr& b) {
  // -(c) for a number c prints as the number -c.
  const auto negative_number = [](const Expr& e, double& value) {
    if (e->op == Op::Number && e->number < 0) return value = e->number, true;
    if (e->op == Op::Neg && e->args[0]->op == Op::Number) return value = -e->args[0]->number, true;
    return false;
  };
  double x = 0, y = 0;
  if (negative_number(a, x) && negative_number(b, y)) return x == y;
  if (a->op != b->op || a->number != b->number || a->name != b->name || a->function != b->function ||
      a->args.size() != b->args.size())
    return false;
  for (std::size_t i = 0; i < a->args.size(); ++i)
    if (!same_as_printed(a->args[i], b->args[i])) return false;
  return true;
}

bool same_canonical(const Expr& a, const Expr& b) { return equal(canonical(a), canonical(b)); }

}  // namespace actderiv
