// Index notation: indexed leaves, the Kronecker delta, multiplying out and collapsing sums.
#include "calculus/indices.h"

#include <cmath>
#include <stdexcept>

#include "actderiv/calculus/notes.h"
#include "actderiv/expr/written.h"

namespace actderiv {

namespace {

bool is_indexed(const Expr& e) {
  return (e->op == Op::Variable || e->op == Op::Parameter) && e->name.find('_') != std::string::npos;
}

bool is_delta(const Expr& e) { return e->op == Op::Parameter && e->name.rfind("delta_", 0) == 0; }

bool mentions(const Expr& e, char index) {
  return any_node(e, [index](const Expr& n) { return is_indexed(n) && index_of(n).find(index) != std::string::npos; });
}

IndexedTerm product_of(const IndexedTerm& a, const IndexedTerm& b) {
  IndexedTerm t{a.negative != b.negative, a.factors};
  t.factors.insert(t.factors.end(), b.factors.begin(), b.factors.end());
  return t;
}

Expr product(const std::vector<std::pair<Expr, int>>& factors, bool numerator) {
  Expr p = num(1);
  for (const auto& [base, power] : factors)
    if ((power > 0) == numerator) p = written::mul(p, written::pow(base, num(numerator ? power : -power)));
  return p;
}

Expr term_expr(const IndexedTerm& t) {
  const Expr denominator = product(t.factors, false);
  const Expr numerator = product(t.factors, true);
  const Expr q = denominator->op == Op::Number ? numerator : written::div(numerator, denominator);
  return t.negative ? written::neg(q) : q;
}

}  // namespace

std::string index_of(const Expr& e) {
  if (!is_indexed(e)) return "";
  return e->name.substr(e->name.find('_') + 1);
}

Expr delta(const std::string& a, const std::string& b) { return a == b ? num(1) : parameter("delta_" + a + b); }

Expr rename_index(const Expr& e, char from, char to) {
  if (is_indexed(e)) {
    std::string index = index_of(e);
    for (char& c : index)
      if (c == from) c = to;
    if (is_delta(e)) return delta(index.substr(0, 1), index.substr(1));
    const std::string head = e->name.substr(0, e->name.find('_'));
    return e->op == Op::Variable ? var(head + "_" + index) : parameter(head + "_" + index);
  }
  std::vector<Expr> args;
  for (const auto& a : e->args) args.push_back(rename_index(a, from, to));
  return rebuild(e, std::move(args));
}

std::vector<IndexedTerm> terms_of(const Expr& e) {
  const auto& a = e->args;
  switch (e->op) {
    case Op::Add: case Op::Sub: {
      auto terms = terms_of(a[0]);
      for (auto t : terms_of(a[1])) {
        if (e->op == Op::Sub) t.negative = !t.negative;
        terms.push_back(std::move(t));
      }
      return terms;
    }
    case Op::Neg: {
      auto terms = terms_of(a[0]);
      for (auto& t : terms) t.negative = !t.negative;
      return terms;
    }
    case Op::Mul: case Op::Div: {
      std::vector<IndexedTerm> right = terms_of(a[1]);
      if (e->op == Op::Div) {
        // A denominator that is one term is its factors to opposite powers; a sum stays whole.
        if (right.size() != 1) right = {IndexedTerm{false, {{a[1], -1}}}};
        for (auto& [base, power] : right[0].factors) power = -power;
      }
      std::vector<IndexedTerm> out;
      for (const auto& l : terms_of(a[0]))
        for (const auto& r : right) out.push_back(product_of(l, r));
      return out;
    }
    case Op::Pow:
      if (a[1]->op == Op::Number && a[1]->number == static_cast<int>(a[1]->number) && a[0]->op == Op::IndexSum)
        return {IndexedTerm{false, {{a[0], static_cast<int>(a[1]->number)}}}};
      break;
    case Op::Number:
      if (e->number < 0) return {IndexedTerm{true, {{num(-e->number), 1}}}};
      break;
    default: break;
  }
  return {IndexedTerm{false, {{e, 1}}}};
}

Expr from_terms(const std::vector<IndexedTerm>& terms) {
  Expr sum = num(0);
  for (const auto& t : terms) {
    IndexedTerm positive = t;
    positive.negative = false;
    sum = t.negative ? written::sub(sum, term_expr(positive)) : written::add(sum, term_expr(t));
  }
  return sum;
}

std::vector<DerivationStep> collapse_sum(const Expr& sum, char by) {
  const char k = sum->name.at(0);
  const Expr& body = sum->args[0];
  std::vector<IndexedTerm> picked;   // the terms with delta_kj, at k = j
  std::vector<IndexedTerm> summed;   // the others: factors without k, times sum_k (those with k)
  bool any_delta = false;
  for (const auto& t : terms_of(body)) {
    bool has_delta = false;
    for (const auto& [base, power] : t.factors)
      has_delta = has_delta || (is_delta(base) && index_of(base) == std::string{k, by});
    any_delta = any_delta || has_delta;
    if (has_delta) {
      IndexedTerm renamed{t.negative, {}};
      for (const auto& [base, power] : t.factors) renamed.factors.emplace_back(rename_index(base, k, by), power);
      picked.push_back(std::move(renamed));
      continue;
    }
    IndexedTerm outside{t.negative, {}}, inside;
    for (const auto& f : t.factors) (mentions(f.first, k) ? inside : outside).factors.push_back(f);
    outside.factors.emplace_back(index_sum(sum->name, term_expr(inside)), 1);
    summed.push_back(std::move(outside));
  }
  std::vector<DerivationStep> steps;
  if (!any_delta) return steps;
  std::vector<IndexedTerm> all = picked;
  all.insert(all.end(), summed.begin(), summed.end());
  DerivationStep pick;
  pick.rule = "the delta picks out one term";
  pick.rewrite = true;
  pick.before = sum;
  pick.after = from_terms(all);
  pick.note = note(pick.rule, {{"k", std::string{k}}, {"j", std::string{by}}});
  steps.push_back(pick);
  // sum_k y_k = 1: the targets are a one-hot vector, or a distribution.
  bool targets = false;
  for (auto& t : summed)
    for (auto& [base, power] : t.factors)
      if (base->op == Op::IndexSum && base->args[0]->op == Op::Parameter && base->args[0]->name == "y_" + sum->name) {
        base = num(1);
        targets = true;
      }
  if (!targets) return steps;
  all = picked;
  all.insert(all.end(), summed.begin(), summed.end());
  DerivationStep one;
  one.rule = "the targets add up to 1";
  one.rewrite = true;
  one.before = pick.after;
  one.after = from_terms(all);
  one.note = note(one.rule, {{"k", std::string{k}}});
  steps.push_back(one);
  return steps;
}

double evaluate_indexed(const Expr& e, IndexValues& v) {
  const auto& a = e->args;
  const auto arg = [&](std::size_t i) { return evaluate_indexed(a[i], v); };
  const auto at = [&](char index) {
    const auto found = v.at.find(index);
    if (found == v.at.end()) throw std::logic_error(std::string("no position for the index ") + index);
    return found->second;
  };
  switch (e->op) {
    case Op::Number: return e->number;
    case Op::Constant: return e->name == "pi" ? M_PI : std::exp(1.0);
    case Op::Variable: case Op::Parameter: {
      const std::string index = index_of(e);
      if (is_delta(e)) return at(index.at(0)) == at(index.at(1)) ? 1.0 : 0.0;
      const std::string head = index.empty() ? "" : e->name.substr(0, e->name.find('_'));
      const std::vector<double>* values = head == "z" ? &v.z : head == "y" ? &v.y : head == "s" ? &v.s : nullptr;
      if (!values || index.size() != 1) throw std::logic_error("no value for " + e->name);
      return values->at(at(index[0]));
    }
    case Op::Neg: return -arg(0);
    case Op::Add: return arg(0) + arg(1);
    case Op::Sub: return arg(0) - arg(1);
    case Op::Mul: return arg(0) * arg(1);
    case Op::Div: return arg(0) / arg(1);
    case Op::Pow: return a[0]->op == Op::Constant && a[0]->name == "e" ? std::exp(arg(1)) : power(arg(0), arg(1));
    case Op::Call: {
      if (a.size() != 1) break;
      const double x = arg(0);
      return e->function->value(&x);
    }
    case Op::IndexSum: {
      const char k = e->name.at(0);
      const auto saved = v.at.find(k) == v.at.end() ? std::size_t(-1) : v.at[k];
      double total = 0;
      for (std::size_t n = 0; n < v.z.size(); ++n) {
        v.at[k] = n;
        total += arg(0);
      }
      if (saved == std::size_t(-1)) v.at.erase(k); else v.at[k] = saved;
      return total;
    }
    default: break;
  }
  throw std::logic_error("an indexed expression cannot hold " + to_text(e));
}

}  // namespace actderiv
