// The softmax's derivations in index notation (calculus/indexed.h): the engine's steps, their
// results and cases, and the check of each against the careful numerics of numerics/output.h.
#include "actderiv/calculus/indexed.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "actderiv/expr/program.h"

namespace actderiv {
namespace {

// The rules of the steps, depth first.
void rules(const DerivationStep& s, std::vector<std::string>& out) {
  out.push_back(s.rule);
  for (const auto& c : s.children) rules(c, out);
}

std::vector<std::string> rules(const IndexedDerivation& d) {
  std::vector<std::string> out;
  rules(d.steps, out);
  return out;
}

// The step with this rule, depth first (the first one).
const DerivationStep* find(const DerivationStep& s, const std::string& rule) {
  if (s.rule == rule) return &s;
  for (const auto& c : s.children)
    if (const DerivationStep* found = find(c, rule)) return found;
  return nullptr;
}

TEST(Indexed, TheJacobianIsDerivedByTheQuotientRuleToSiTimesDeltaMinusSj) {
  const IndexedDerivation& d = softmax_jacobian_derivation();
  EXPECT_EQ(d.quantity, "s_{i}");
  EXPECT_EQ(to_latex(d.input), "\\frac{e^{z_{i}}}{\\sum_{k} e^{z_{k}}}");
  EXPECT_EQ(before_latex(d.steps), "\\frac{\\partial}{\\partial z_{j}}\\left[\\frac{e^{z_{i}}}{\\sum_{k} e^{z_{k}}}\\right]");
  EXPECT_EQ(to_latex(d.result), "s_{i} (\\delta_{ij} - s_{j})");
  EXPECT_EQ(to_latex(d.steps.after), to_latex(d.result));
  const std::vector<std::string> expected = {
      "derivative", "quotient rule", "chain rule", "index rule", "sum over an index", "chain rule", "index rule",
      "the delta picks out one term", "split the fraction", "simplify", "collect like factors",
      "write with the softmax", "simplify", "factor out", "the case i = j", "the case i differs from j"};
  EXPECT_EQ(rules(d), expected);
  // The quotient rule's pieces, as the engine wrote them.
  const DerivationStep* quotient = find(d.steps, "quotient rule");
  ASSERT_NE(quotient, nullptr);
  EXPECT_EQ(to_latex(quotient->children[0].after), "\\delta_{ij} e^{z_{i}}");
  EXPECT_EQ(to_latex(quotient->children[1].after), "e^{z_{j}}");
  EXPECT_EQ(to_latex(find(d.steps, "the delta picks out one term")->before), "\\sum_{k} \\delta_{kj} e^{z_{k}}");
  EXPECT_EQ(to_latex(find(d.steps, "write with the softmax")->after), "\\delta_{ij} s_{i} - s_{i} s_{j}");
}

TEST(Indexed, TheJacobiansCasesAreTheDiagonalAndTheRest) {
  const IndexedDerivation& d = softmax_jacobian_derivation();
  ASSERT_EQ(d.cases.size(), 2u);
  EXPECT_EQ(d.cases[0].condition, "i = j");
  EXPECT_EQ(to_latex(d.cases[0].result), "s_{i} (1 - s_{i})");
  EXPECT_EQ(d.cases[1].condition, "i \\neq j");
  EXPECT_EQ(to_latex(d.cases[1].result), "-s_{i} s_{j}");
}

TEST(Indexed, CrossEntropyAfterSoftmaxIsDerivedToSMinusY) {
  const IndexedDerivation& d = softmax_cross_entropy_derivation();
  EXPECT_EQ(d.quantity, "L");
  EXPECT_EQ(to_latex(d.input), "-\\sum_{k} y_{k} \\ln\\left(\\frac{e^{z_{k}}}{\\sum_{m} e^{z_{m}}}\\right)");
  EXPECT_EQ(to_latex(d.result), "s_{j} - y_{j}");
  EXPECT_TRUE(d.cases.empty());
  const auto r = rules(d);
  EXPECT_EQ(r.front(), "derivative");
  EXPECT_EQ(r[1], "the log of a softmax");
  EXPECT_EQ(r.back(), "write with the softmax");
  const DerivationStep* logs = find(d.steps, "the log of a softmax");
  EXPECT_EQ(to_latex(logs->after), "-\\sum_{k} y_{k} \\left(z_{k} - \\ln\\left(\\sum_{m} e^{z_{m}}\\right)\\right)");
  // Both sums collapse: the inner one by its delta, the outer one by its delta and sum_k y_k = 1.
  const DerivationStep* targets = find(d.steps, "the targets add up to 1");
  ASSERT_NE(targets, nullptr);
  EXPECT_EQ(to_latex(targets->before), "y_{j} - \\frac{e^{z_{j}} \\sum_{k} y_{k}}{\\sum_{m} e^{z_{m}}}");
  EXPECT_EQ(to_latex(targets->after), "y_{j} - \\frac{e^{z_{j}}}{\\sum_{m} e^{z_{m}}}");
  int picks = 0;
  for (const auto& rule : r) picks += rule == "the delta picks out one term";
  EXPECT_EQ(picks, 2);
}

TEST(Indexed, EveryStepHasItsNote) {
  for (const IndexedDerivation* d : {&softmax_jacobian_derivation(), &softmax_cross_entropy_derivation()}) {
    std::vector<const DerivationStep*> pending{&d->steps};
    while (!pending.empty()) {
      const DerivationStep* s = pending.back();
      pending.pop_back();
      EXPECT_FALSE(s->note.empty()) << s->rule;
      for (const auto& c : s->children) pending.push_back(&c);
    }
  }
}

// The results agree with softmax() and softmax_cross_entropy() at 2 to 6 logits, every entry and
// target: 5 logit vectors, 20 targets, 90 (i, j) per target for the result, 20 and 70 for the cases.
TEST(Indexed, TheResultsAgreeWithTheCarefulNumerics) {
  const IndexedDerivation& j = softmax_jacobian_derivation();
  EXPECT_EQ(j.points, 880u);
  EXPECT_LT(j.max_rel_error, 4 * std::numeric_limits<double>::epsilon());
  const IndexedDerivation& ce = softmax_cross_entropy_derivation();
  EXPECT_EQ(ce.points, 180u);  // the gradient at every j, and the loss as written, for each target
  EXPECT_LT(ce.max_rel_error, 4 * std::numeric_limits<double>::epsilon());
}

TEST(Indexed, ASumOverAnIndexHasNoValueAtOneZ) {
  const Expr sum = index_sum("k", pow(constant("e"), var("z_k")));
  EXPECT_THROW(evaluate(sum, 0.5, {}), std::invalid_argument);
  EXPECT_THROW(Program(sum, {}), std::invalid_argument);
  EXPECT_EQ(to_text(sum), "sum_k(e^z_k)");
}

}  // namespace
}  // namespace actderiv
