// The practice checker (calculus/answer.h, catalogue/engine.h check_derivative): right answers in
// other forms are accepted, wrong ones refused with a real counterexample, and the classic mistakes
// named.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "actderiv/catalogue/engine.h"
#include "actderiv/expr/expr.h"
#include "actderiv/text/content.h"

namespace {

struct Case {
  const char* target;
  const char* answer;
};

// Right answers, in the form the walkthrough reaches and in others, some that cancel in doubles.
const Case kRight[] = {
    {"sigmoid", "g(z)*(1 - g(z))"},
    {"sigmoid", "sigmoid(z)*(1 - sigmoid(z))"},
    {"sigmoid", "sigmoid(z)*sigmoid(-z)"},
    {"sigmoid", "exp(-z)/(1 + exp(-z))^2"},
    {"sigmoid", "exp(z)/(1 + exp(z))^2"},
    {"sigmoid", "1/(exp(z/2) + exp(-z/2))^2"},
    {"sigmoid", "sech(z/2)^2/4"},
    {"sigmoid", "(1 - tanh(z/2)^2)/4"},
    {"sigmoid", "g(z) - g(z)^2"},
    {"sigmoid", "1/(2 + exp(z) + exp(-z))"},
    {"sigmoid", "g(z)*g(-z)"},
    {"tanh", "1 - g(z)^2"},
    {"tanh", "1 - tanh(z)^2"},
    {"tanh", "sech(z)^2"},
    {"tanh", "1/cosh(z)^2"},
    {"tanh", "4/(exp(z) + exp(-z))^2"},
    {"tanh", "(1 - g(z))*(1 + g(z))"},
    {"tanh", "4*sigmoid(2*z)*sigmoid(-2*z)"},
    {"tanh", "4*exp(2*z)/(1 + exp(2*z))^2"},
    {"relu", "piecewise(z > 0, 1, z <= 0, 0)"},
    {"relu", "piecewise(z >= 0, 1, z < 0, 0)"},
    {"relu", "piecewise(z < 0, 0, z >= 0, 1)"},
    {"relu", "(1 + z/abs(z))/2"},
    {"relu", "max(0, z)/z"},
    {"leaky_relu", "piecewise(z > 0, 1, z <= 0, alpha)"},
    {"leaky_relu", "piecewise(z > 0, 1, z <= 0, 0.01)"},
    {"leaky_relu", "piecewise(z >= 0, 1, z < 0, alpha)"},
    {"leaky_relu", "(1 + alpha)/2 + (1 - alpha)*z/(2*abs(z))"},
    {"z^3", "3z^2"},
    {"z*sigmoid(z)", "sigmoid(z) + z*sigmoid(z)*(1 - sigmoid(z))"},
    {"log(1+exp(z))", "1/(1 + exp(-z))"},
    {"log(1+exp(z))", "sigmoid(z)"},
};

TEST(Answer, RightAnswersInOtherFormsAreAccepted) {
  for (const auto& c : kRight) {
    const auto r = actderiv::check_derivative(c.target, c.answer, {});
    EXPECT_TRUE(r.equivalent) << c.target << ": " << c.answer << " refused"
                              << (r.counterexample ? " at z = " + std::to_string(r.counterexample->z) + ", expected " +
                                                         std::to_string(r.counterexample->expected) + ", got " +
                                                         std::to_string(r.counterexample->got)
                                                   : "");
    EXPECT_FALSE(r.counterexample) << c.answer;
    EXPECT_FALSE(r.mistake) << c.answer;
  }
  // The form the walkthrough reaches is proved, not only sampled.
  EXPECT_TRUE(actderiv::check_derivative("z^3", "3*z^2", {}).proved);
}

// Wrong answers: refused with a point where they differ (both values real and different there), and
// the mistake named where it is a classic one.
const struct {
  const char* target;
  const char* answer;
  const char* mistake;  // null: wrong, but no classic mistake
} kWrong[] = {
    {"sigmoid", "-g(z)*(1 - g(z))", "the derivative's sign lost"},
    {"sigmoid", "g(z)", "the function for its derivative"},
    {"sigmoid", "1/(1 + exp(-z))", "the function for its derivative"},
    {"sigmoid", "g(z)*(1 + g(z))", "g(1 + g) for g(1 - g)"},
    {"sigmoid", "-1/(1 + exp(-z))^2", "the chain rule's inner derivative dropped"},
    {"sigmoid", "g(z)^2", nullptr},
    {"sigmoid", "exp(-z)/(1 + exp(-z))", nullptr},
    {"tanh", "1 - g(z)", "1 - g for 1 - g squared"},
    {"tanh", "1 - tanh(z)", "1 - g for 1 - g squared"},
    {"tanh", "g(z)^2 - 1", "the derivative's sign lost"},
    {"tanh", "tanh(z)", "the function for its derivative"},
    {"tanh", "1 + tanh(z)^2", nullptr},
    {"tanh", "sech(z)", nullptr},
    {"relu", "piecewise(z > 0, 0, z <= 0, 1)", "the slopes of the two sides swapped"},
    {"relu", "relu(z)", "the function for its derivative"},
    {"relu", "max(0, z)", "the function for its derivative"},
    {"relu", "1", nullptr},
    {"relu", "piecewise(z > 0, 1, z <= 0, 0.5)", nullptr},
    {"leaky_relu", "piecewise(z > 0, 1, z <= 0, 0)", "a parameter forgotten"},
    {"leaky_relu", "piecewise(z > 0, alpha, z <= 0, 1)", "the slopes of the two sides swapped"},
    {"leaky_relu", "piecewise(z > 0, z, z <= 0, alpha*z)", "the function for its derivative"},
    {"leaky_relu", "piecewise(z > 0, 1, z <= 0, -alpha)", nullptr},
    {"tanh(2*z)", "1 - tanh(2*z)^2", "the chain rule's inner derivative dropped"},
    {"exp(3*z)", "exp(3*z)", "the function for its derivative"},
    {"sigmoid(z)", "sigmoid(z)*(1 - sigmoid(z)) + 1e-3", nullptr},
};

TEST(Answer, WrongAnswersAreRefusedWithACounterexampleAndTheMistakeNamed) {
  for (const auto& c : kWrong) {
    const auto r = actderiv::check_derivative(c.target, c.answer, {});
    EXPECT_FALSE(r.equivalent) << c.target << ": " << c.answer << " accepted";
    ASSERT_TRUE(r.counterexample) << c.answer;
    EXPECT_TRUE(std::isfinite(r.counterexample->z)) << c.answer;
    EXPECT_NE(r.counterexample->expected, r.counterexample->got) << c.answer;
    if (c.mistake) {
      ASSERT_TRUE(r.mistake) << c.target << ": " << c.answer << " should be '" << c.mistake << "'";
      EXPECT_EQ(r.mistake->id, c.mistake) << c.answer;
      EXPECT_FALSE(r.mistake->message.empty());
    } else {
      EXPECT_FALSE(r.mistake) << c.answer << " named '" << (r.mistake ? r.mistake->id : "") << "'";
    }
  }
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

// Every mistake of mistakes.md is one the checker can name (each appears in kWrong above).
TEST(Answer, EveryMistakeHasProseAndACase) {
  const auto& file = actderiv::content_file("mistakes.md");
  for (const auto& section : file.sections) {
    bool tested = false;
    for (const auto& c : kWrong) tested = tested || (c.mistake && section.key == c.mistake);
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

}  // namespace
