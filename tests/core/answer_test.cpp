// The practice checker (calculus/answer.h, catalogue/engine.h check_derivative): right answers in
// other forms are accepted, wrong ones refused with a real counterexample, and the classic mistakes
// named.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/catalogue/engine.h"
#include "actderiv/expr/expr.h"
#include "actderiv/numerics/numerics.h"
#include "actderiv/text/content.h"
#include "reference.h"

namespace {

// One row of tests/reference/answers.csv: an answer to check, right or wrong, and the mistake a wrong
// one makes when it is a classic one ("" when not). The same table runs through the built module
// (tests/wasm/practice.test.js).
struct Row {
  std::string target, answer, verdict, mistake;
};

const std::vector<Row>& rows() {
  static const std::vector<Row> table = [] {
    std::vector<Row> out;
    for (const auto& f : actderiv_test::read_table("answers.csv", "target,answer,verdict,mistake")) {
      if (f.size() != 4 || (f[2] != "right" && f[2] != "wrong")) throw std::runtime_error("malformed row: " + f[0]);
      out.push_back({f[0], f[1], f[2], f[3]});
    }
    return out;
  }();
  return table;
}

std::string describe(const actderiv::AnswerCheck& r) {
  if (!r.counterexample) return "";
  std::ostringstream out;
  out << " at z = " << r.counterexample->z << ", expected " << r.counterexample->expected << ", got "
      << r.counterexample->got;
  return out.str();
}

TEST(Answer, TheTableHoldsSixtyRightAndSixtyWrongAcrossTheFourFunctions) {
  for (const char* verdict : {"right", "wrong"}) {
    int tutorial = 0;
    for (const auto& r : rows())
      tutorial += r.verdict == verdict &&
                  (r.target == "sigmoid" || r.target == "tanh" || r.target == "relu" || r.target == "leaky_relu");
    EXPECT_GE(tutorial, 55) << verdict;
    EXPECT_GE(std::count_if(rows().begin(), rows().end(), [&](const Row& r) { return r.verdict == verdict; }), 60)
        << verdict;
  }
}

// Right answers, in the form the walkthrough reaches and in others, some that cancel in doubles or
// overflow in the tails: accepted, with no counterexample and no mistake.
TEST(Answer, RightAnswersInOtherFormsAreAccepted) {
  for (const auto& c : rows()) {
    if (c.verdict != "right") continue;
    const auto r = actderiv::check_derivative(c.target, c.answer, {});
    EXPECT_TRUE(r.equivalent) << c.target << ": " << c.answer << " refused" << describe(r);
    EXPECT_FALSE(r.mistake) << c.answer;
  }
  // The form the walkthrough reaches is proved, not only sampled.
  EXPECT_TRUE(actderiv::check_derivative("z^3", "3*z^2", {}).proved);
}

// Wrong answers: refused with a point where they differ (both values there, and different), and
// the mistake named where it is a classic one.
TEST(Answer, WrongAnswersAreRefusedWithACounterexampleAndTheMistakeNamed) {
  for (const auto& c : rows()) {
    if (c.verdict != "wrong") continue;
    const auto r = actderiv::check_derivative(c.target, c.answer, {});
    EXPECT_FALSE(r.equivalent) << c.target << ": " << c.answer << " accepted";
    ASSERT_TRUE(r.counterexample) << c.answer;
    EXPECT_TRUE(std::isfinite(r.counterexample->z)) << c.answer;
    EXPECT_NE(r.counterexample->expected, r.counterexample->got) << c.answer;
    if (!c.mistake.empty()) {
      ASSERT_TRUE(r.mistake) << c.target << ": " << c.answer << " should be '" << c.mistake << "'";
      EXPECT_EQ(r.mistake->id, c.mistake) << c.answer;
      EXPECT_FALSE(r.mistake->message.empty());
    } else {
      EXPECT_FALSE(r.mistake) << c.answer << " named '" << (r.mistake ? r.mistake->id : "") << "'";
    }
  }
}

// The counterexample is a point a student can find on the plot: a round z where the two differ
// plainly, rather than the far end of the check points.
TEST(Answer, TheCounterexampleIsARoundPointWhereTheyDifferPlainly) {
  const auto at = [](const char* target, const char* answer) {
    const auto r = actderiv::check_derivative(target, answer, {});
    EXPECT_TRUE(r.counterexample) << answer;
    return r.counterexample ? r.counterexample->z : NAN;
  };
  EXPECT_EQ(at("sigmoid", "g(z)*(1 + g(z))"), 1);
  EXPECT_EQ(at("leaky_relu", "1"), -1);                   // the same on every z < 0: the round one
  EXPECT_EQ(at("relu(z - 3)", "piecewise(z > 3, 1, z <= 3, 1)"), 2);  // one step left of the kink
  EXPECT_EQ(at("tanh", "1 - g(z)"), -1);  // at z = 1 they differ by 0.18 only, at z = -1 by 1.3
}

// At a kink either one-sided slope is accepted, and nothing else; the counterexample is the kink.
TEST(Answer, AtAKinkEitherOneSidedSlope) {
  EXPECT_TRUE(actderiv::check_derivative("relu", "piecewise(z >= 0, 1, z < 0, 0)", {}).equivalent);
  const auto half = actderiv::check_derivative("relu", "piecewise(z > 0, 1, z < 0, 0, z >= 0, 0.5)", {});
  EXPECT_FALSE(half.equivalent);
  ASSERT_TRUE(half.counterexample);
  EXPECT_EQ(half.counterexample->z, 0);
  // The parameters given are the ones checked against, kinks included.
  EXPECT_TRUE(actderiv::check_derivative("leaky_relu", "piecewise(z > 0, 1, z <= 0, 0.3)", {{"alpha", 0.3}}).equivalent);
  EXPECT_FALSE(actderiv::check_derivative("leaky_relu", "piecewise(z > 0, 1, z <= 0, 0.3)", {}).equivalent);
}

// The mistake's sentence names the step of the derivation that shows it.
TEST(Answer, TheMistakeNamesItsStep) {
  const auto chain = actderiv::check_derivative("tanh(2*z)", "1 - tanh(2*z)^2", {});
  ASSERT_TRUE(chain.mistake);
  EXPECT_NE(chain.mistake->message.find("the step \"chain rule"), std::string::npos) << chain.mistake->message;
  const auto form = actderiv::check_derivative("sigmoid", "g(z)*(1 + g(z))", {});
  ASSERT_TRUE(form.mistake);
  EXPECT_NE(form.mistake->message.find("in terms of g"), std::string::npos) << form.mistake->message;
}

// Every mistake of mistakes.md is one the checker can name (each appears in answers.csv).
TEST(Answer, EveryMistakeHasProseAndACase) {
  const auto& file = actderiv::content_file("mistakes.md");
  for (const auto& section : file.sections) {
    bool tested = false;
    for (const auto& c : rows()) tested = tested || section.key == c.mistake;
    EXPECT_TRUE(tested) << "no case names the mistake '" << section.key << "'";
  }
}

TEST(Answer, MalformedAnswersThrowWithTheirColumn) {
  try {
    actderiv::check_derivative("sigmoid", "g(z)*(1 - ", {});
    FAIL() << "no error";
  } catch (const actderiv::ParseError& e) {
    EXPECT_EQ(e.column(), 11u);
  }
  EXPECT_THROW(actderiv::check_derivative("sigmoid", "g(g(z))", {}), std::invalid_argument);
  EXPECT_THROW(actderiv::check_derivative("nosuch(z)", "1", {}), actderiv::ParseError);
}

// The curve the page draws for an answer: as the checker evaluates it, carefully (a right answer in
// the form that cancels keeps its digits at z = 40), and a wrong one off the derivative.
TEST(Answer, TheAnswersCurveIsEvaluatedAsTheCheckerEvaluatesIt) {
  const std::vector<double> z = {-40, -3, 0, 0.5, 40};
  const auto right = actderiv::evaluate_answer("sigmoid", "g(z)*(1-g(z))", {}, z.data(), z.size());
  const auto wrong = actderiv::evaluate_answer("sigmoid", "g(z)*(1+g(z))", {}, z.data(), z.size());
  ASSERT_EQ(right.size(), z.size());
  for (std::size_t i = 0; i < z.size(); ++i) {
    const double truth = actderiv::sigmoid_derivative(z[i]);
    EXPECT_NEAR(right[i], truth, 1e-15 * truth) << "z = " << z[i];
    // g(1 + g) exceeds g(1 - g) by 2g^2, below the last digit once g is tiny (z = -40).
    EXPECT_NEAR(wrong[i] - truth, 2 * std::pow(1 / (1 + std::exp(-z[i])), 2), 1e-15) << "z = " << z[i];
  }
  const std::vector<double> at = {-1, 1};
  const auto leaky = actderiv::evaluate_answer("leaky_relu", "alpha", {{"alpha", 0.2}}, at.data(), at.size());
  EXPECT_EQ(leaky, (std::vector<double>{0.2, 0.2}));
  EXPECT_THROW(actderiv::evaluate_answer("sigmoid", "g(z)*(1 - ", {}, at.data(), at.size()), actderiv::ParseError);
}

}  // namespace
