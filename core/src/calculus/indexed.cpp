// The softmax's derivations in index notation (indexed.h).
#include "actderiv/calculus/indexed.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "actderiv/calculus/notes.h"
#include "actderiv/expr/canonical.h"
#include "actderiv/expr/functions.h"
#include "actderiv/expr/written.h"
#include "actderiv/numerics/output.h"
#include "calculus/differentiate.h"
#include "calculus/indices.h"

namespace actderiv {

namespace {

namespace w = written;

bool is_e(const Expr& e) { return e->op == Op::Constant && e->name == "e"; }

// e^{z_k}, as the softmax writes it.
Expr exp_of(const Expr& x) { return w::pow(constant("e"), x); }

// sum_k e^{z_k}: the softmax's denominator, over the index k.
Expr denominator(const std::string& k) { return index_sum(k, exp_of(var("z_" + k))); }

// Is e a sum over an index of e^{z_index}, the softmax's denominator?
bool is_denominator(const Expr& e) {
  if (e->op != Op::IndexSum) return false;
  const Expr& body = e->args[0];
  return body->op == Op::Pow && is_e(body->args[0]) && body->args[1]->op == Op::Variable &&
         body->args[1]->name == "z_" + e->name;
}

// The indices a of an exponential e^{z_a} or e^{z_a + z_b + ...}; empty for another factor.
std::vector<std::string> exponential_indices(const Expr& e) {
  Expr exponent;
  if (e->op == Op::Pow && is_e(e->args[0])) exponent = e->args[1];
  if (is_call(e, "exp")) exponent = e->args[0];
  if (!exponent) return {};
  std::vector<std::string> indices;
  std::vector<Expr> pending{exponent};
  while (!pending.empty()) {
    const Expr x = pending.back();
    pending.pop_back();
    if (x->op == Op::Add) {
      pending.push_back(x->args[1]);
      pending.push_back(x->args[0]);
    } else if (x->op == Op::Variable && x->name.rfind("z_", 0) == 0) {
      indices.push_back(x->name.substr(2));
    } else {
      return {};
    }
  }
  return indices;
}

// Each term's exponentials e^{z_a} over as many powers of the denominator written s_a: the
// definition of the softmax, read backwards.
Expr with_softmax(const Expr& e) {
  std::vector<IndexedTerm> terms = terms_of(e);
  for (auto& t : terms) {
    int over = 0;
    std::vector<std::string> indices;
    std::vector<std::pair<Expr, int>> rest;
    for (const auto& [base, power] : t.factors) {
      if (is_denominator(base) && power < 0) {
        over -= power;
        continue;
      }
      const auto found = power == 1 ? exponential_indices(base) : std::vector<std::string>{};
      if (found.empty()) rest.emplace_back(base, power);
      indices.insert(indices.end(), found.begin(), found.end());
    }
    if (over == 0 || static_cast<int>(indices.size()) != over) continue;
    for (const auto& a : indices) rest.emplace_back(var("s_" + a), 1);
    t.factors = std::move(rest);
  }
  return from_terms(terms);
}

DerivationStep rewrite(const char* rule, const Expr& before, const Expr& after, const NoteSlots& slots = {}) {
  DerivationStep s;
  s.rule = rule;
  s.rewrite = true;
  s.before = before;
  s.after = after;
  s.note = note(rule, slots);
  return s;
}

// log(e^{z_k} / sum_m e^{z_m}) = z_k - log sum_m e^{z_m}, wherever it appears in e.
Expr log_softmax(const Expr& e) {
  if (is_call(e, "log") && e->args[0]->op == Op::Div && is_denominator(e->args[0]->args[1])) {
    const auto indices = exponential_indices(e->args[0]->args[0]);
    if (indices.size() == 1) return w::sub(var("z_" + indices[0]), call("log", e->args[0]->args[1]));
  }
  std::vector<Expr> args;
  for (const auto& a : e->args) args.push_back(log_softmax(a));
  return e->op == Op::Call ? call(*e->function, std::move(args)) : rebuild(e, std::move(args));
}

// The root of a derivation: the rules, then each rewrite in turn.
IndexedDerivation derivation(const char* quantity, const Expr& input, const Expr& differentiated,
                             std::vector<DerivationStep> before) {
  IndexedDerivation d;
  d.quantity = quantity;
  d.input = input;
  d.variable = "z_j";
  DerivationStep root;
  root.rule = "derivative";
  root.before = input;
  root.variable = d.variable;
  root.note = note("derivative in index notation");
  for (auto& s : before) root.children.push_back(std::move(s));
  DerivationStep main = differentiate(differentiated, d.variable);
  Expr current = main.after;
  root.children.push_back(std::move(main));
  // A quotient with a sum over it: one fraction per term, so that each can be read as softmaxes.
  if (current->op == Op::Div && (current->args[0]->op == Op::Add || current->args[0]->op == Op::Sub)) {
    const Expr split = from_terms(terms_of(current));
    root.children.push_back(rewrite("split the fraction", current, split));
    current = split;
  }
  DerivationStep simplified = simplification(current);
  if (!simplified.children.empty()) {
    current = simplified.after;
    root.children.push_back(std::move(simplified));
  }
  const Expr s = with_softmax(current);
  root.children.push_back(rewrite("write with the softmax", current, s));
  current = s;
  DerivationStep tidied = simplification(current);
  if (!tidied.children.empty()) {
    current = tidied.after;
    root.children.push_back(std::move(tidied));
  }
  root.after = current;
  d.result = current;
  d.steps = std::move(root);
  return d;
}

// The result where i = j (j renamed i, delta_ii = 1) and where i != j (delta_ij = 0).
void add_cases(IndexedDerivation& d) {
  const Expr equal_case = canonical(rename_index(d.result, 'j', 'i'));
  const auto zero_delta = [](const Expr& e, const auto& self) -> Expr {
    if (e->op == Op::Parameter && e->name == "delta_ij") return num(0);
    std::vector<Expr> args;
    for (const auto& a : e->args) args.push_back(self(a, self));
    return rebuild(e, std::move(args));
  };
  const Expr other_case = canonical(zero_delta(d.result, zero_delta));
  d.cases = {{"i = j", equal_case}, {"i \\neq j", other_case}};
  d.steps.children.push_back(rewrite("the case i = j", d.result, equal_case));
  d.steps.children.push_back(rewrite("the case i differs from j", d.result, other_case));
}

// Logits to check with, k = 2 to 6: ordinary, spread, equal and far apart.
std::vector<std::vector<double>> check_logits() {
  return {{0.5, -1.25}, {2, 0, -3}, {1, 1, 1, 1}, {-0.3, 4.5, 0.25, -7, 1.5}, {30, -20, 0.125, 3, -0.75, 12}};
}

// Which entries a check compares: every (i, j), those with i = j, or those with i != j.
enum class Entries { All, Diagonal, OffDiagonal };

// What `e` should be for the logits z, at indices i and j, for the one-hot target t.
using Expected = std::function<double(const std::vector<double>& z, std::size_t i, std::size_t j, std::size_t t)>;

// Compares `e` with `expected` at every check logit, target and entry, into d's error and count.
void check(IndexedDerivation& d, const Expr& e, Entries entries, const Expected& expected) {
  for (const auto& logits : check_logits()) {
    IndexValues v;
    v.z = logits;
    v.s = softmax(logits).value;
    const std::size_t k = logits.size();
    for (std::size_t t = 0; t < k; ++t) {
      v.y.assign(k, 0.0);
      v.y[t] = 1;
      for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j) {
          if ((entries == Entries::Diagonal && i != j) || (entries == Entries::OffDiagonal && i == j)) continue;
          v.at = {{'i', i}, {'j', j}};
          const double want = expected(logits, i, j, t);
          const double got = evaluate_indexed(e, v);
          const double error = std::isfinite(got) ? std::fabs(got - want) / std::max(1.0, std::fabs(want)) : INFINITY;
          d.max_rel_error = std::max(d.max_rel_error, error);
          ++d.points;
        }
    }
  }
}

}  // namespace

const IndexedDerivation& softmax_jacobian_derivation() {
  static const IndexedDerivation d = [] {
    const Expr input = w::div(exp_of(var("z_i")), denominator("k"));
    IndexedDerivation r = derivation("s_{i}", input, input, {});
    add_cases(r);
    const Expected jacobian = [](const std::vector<double>& z, std::size_t i, std::size_t j, std::size_t) {
      return softmax(z).jacobian[i * z.size() + j];
    };
    check(r, r.result, Entries::All, jacobian);
    check(r, r.cases[0].result, Entries::Diagonal, jacobian);
    check(r, r.cases[1].result, Entries::OffDiagonal, jacobian);
    return r;
  }();
  return d;
}

const IndexedDerivation& softmax_cross_entropy_derivation() {
  static const IndexedDerivation d = [] {
    const Expr s_k = w::div(exp_of(var("z_k")), denominator("m"));
    const Expr input = w::neg(index_sum("k", w::mul(parameter("y_k"), call("log", s_k))));
    const Expr logits = log_softmax(input);
    std::vector<DerivationStep> before;
    before.push_back(rewrite("the log of a softmax", input, logits));
    IndexedDerivation r = derivation("L", input, logits, std::move(before));
    check(r, r.result, Entries::Diagonal, [](const std::vector<double>& z, std::size_t, std::size_t j, std::size_t t) {
      return softmax_cross_entropy(z, static_cast<double>(t)).gradient[j];
    });
    // The loss as written, before any rewrite: -sum_k y_k log s_k against -log s_t.
    check(r, input, Entries::Diagonal, [](const std::vector<double>& z, std::size_t, std::size_t, std::size_t t) {
      return softmax_cross_entropy(z, static_cast<double>(t)).loss;
    });
    return r;
  }();
  return d;
}

}  // namespace actderiv
