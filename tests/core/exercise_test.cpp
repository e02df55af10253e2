// Exercises generated from a seed (catalogue/exercise.h): reproducible, varied, each one a target the
// engine derives and the checker accepts its own derivative for, and refuses the classic slip on.
#include <gtest/gtest.h>

#include <cstdint>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/catalogue/engine.h"
#include "actderiv/catalogue/exercise.h"
#include "actderiv/expr/expr.h"

namespace {

using actderiv::Exercise;
using actderiv::make_exercise;

constexpr std::uint64_t kSeeds = 200;

// A target with every number replaced by #: the template it was filled from.
std::string shape(const std::string& target) {
  static const std::regex number("[0-9]+(\\.[0-9]+)?");
  return std::regex_replace(target, number, "#");
}

// Pinned exercises: a seed kept in an address or an LMS record must give the same exercise after
// any change, and the built module must agree (tests/wasm/exercise.test.js holds the same table).
// 9007199254740991 is JavaScript's largest safe integer, the largest seed the JS API takes.
TEST(Exercise, PinnedSeedsGiveThePinnedExercises) {
  struct Case {
    const char* family;
    std::uint64_t seed;
    const char* target;
    actderiv::ParamValues params;
  };
  const std::vector<Case> cases = {
      {"sigmoid", 0, "sigmoid(4*z)", {}},
      {"sigmoid", 1, "sigmoid(z - 3)", {}},
      {"sigmoid", 9007199254740991ULL, "sigmoid(z - 2)", {}},
      {"tanh", 0, "0.5*tanh(3*z)", {}},
      {"tanh", 1, "tanh(z)^2", {}},
      {"tanh", 9007199254740991ULL, "tanh(z)^3", {}},
      {"relu", 0, "relu(z - 3)", {}},
      {"relu", 42, "relu(2*z) + 3", {}},
      {"relu", 9007199254740991ULL, "relu(3*z) + 2", {}},
      {"leaky_relu", 0, "piecewise(z > 0, z, z <= 0, alpha*z)", {{"alpha", 0.1}}},
      {"leaky_relu", 42, "max(0.1*z, z)", {}},
      {"leaky_relu", 9007199254740991ULL, "max(alpha*z, z)", {{"alpha", 0.2}}},
  };
  for (const Case& c : cases) {
    const Exercise e = make_exercise(c.family, c.seed);
    EXPECT_EQ(e.family, c.family);
    EXPECT_EQ(e.seed, c.seed);
    EXPECT_EQ(e.target, c.target) << c.family << " " << c.seed;
    EXPECT_EQ(e.params, c.params) << c.family << " " << c.seed;
    EXPECT_EQ(e.text, "g(z) = " + std::string(c.target));
  }
  EXPECT_EQ(make_exercise("tanh", 0).latex, "g(z) = 0.5 \\tanh(3 z)");
  EXPECT_EQ(make_exercise("leaky_relu", 9007199254740991ULL).latex, "g(z) = \\max(\\alpha z, z)");
}

TEST(Exercise, TheSameSeedGivesTheSameExercise) {
  for (const auto& family : actderiv::exercise_families()) {
    for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
      const Exercise a = make_exercise(family, seed);
      const Exercise b = make_exercise(family, seed);
      EXPECT_EQ(a.target, b.target);
      EXPECT_EQ(a.params, b.params);
      EXPECT_EQ(a.latex, b.latex);
      EXPECT_EQ(a.text, b.text);
    }
  }
}

// Seeds 0..199 reach at least four templates of each family, and more than one filling of some.
TEST(Exercise, EachFamilyHasAtLeastFourTemplates) {
  EXPECT_EQ(actderiv::exercise_families(), (std::vector<std::string>{"sigmoid", "tanh", "relu", "leaky_relu"}));
  for (const auto& family : actderiv::exercise_families()) {
    std::set<std::string> shapes, targets;
    for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
      const Exercise e = make_exercise(family, seed);
      shapes.insert(shape(e.target));
      targets.insert(e.target);
    }
    EXPECT_GE(shapes.size(), 4u) << family;
    EXPECT_GT(targets.size(), shapes.size()) << family;
  }
}

// Every exercise is well formed: the target reads back as written, the LaTeX is the printer's, the
// parameters are those a typed expression may use, and the engine derives it; the checker accepts
// the engine's own derivative (proved by canonical form) and refuses the function for it.
TEST(Exercise, EveryTargetDerivesAndItsDerivativeChecks) {
  const std::vector<std::string> parameters = {"alpha", "beta"};
  for (const auto& family : actderiv::exercise_families()) {
    for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
      const Exercise e = make_exercise(family, seed);
      const auto expr = actderiv::parse(e.target, parameters);
      EXPECT_EQ(actderiv::to_text(expr), e.target);
      EXPECT_EQ(e.latex, "g(z) = " + actderiv::to_latex(expr));
      EXPECT_EQ(e.text, "g(z) = " + e.target);
      for (const auto& [id, value] : e.params) {
        EXPECT_EQ(id, "alpha") << e.target;
        EXPECT_TRUE(value >= 0.01 && value <= 0.3) << e.target;
      }
      const auto d = actderiv::derive(e.target, e.params);
      EXPECT_LT(d.max_rel_error, 1e-9) << e.target;
      const auto right = actderiv::check_derivative(e.target, actderiv::to_text(d.derivative), e.params);
      EXPECT_TRUE(right.equivalent) << family << " " << seed << ": " << e.target;
      EXPECT_TRUE(right.proved) << e.target;
      const auto itself = actderiv::check_derivative(e.target, e.target, e.params);
      EXPECT_FALSE(itself.equivalent) << e.target;
    }
  }
}

// The first seed whose exercise has `wanted` as its shape.
Exercise first_of_shape(const std::string& family, const std::string& wanted) {
  for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
    Exercise e = make_exercise(family, seed);
    if (shape(e.target) == wanted) return e;
  }
  throw std::runtime_error("no " + family + " exercise of the shape " + wanted);
}

// The chain rule's inner factor forgotten, on a scaled sigmoid and tanh: refused, and named.
TEST(Exercise, TheDerivativeWithoutItsChainFactorIsRefused) {
  const Exercise sigmoid = first_of_shape("sigmoid", "sigmoid(#*z)");
  const std::string inner = sigmoid.target.substr(8, sigmoid.target.size() - 9);  // k*z
  const auto r = actderiv::check_derivative(
      sigmoid.target, "sigmoid(" + inner + ")*(1 - sigmoid(" + inner + "))", sigmoid.params);
  EXPECT_FALSE(r.equivalent) << sigmoid.target;
  ASSERT_TRUE(r.mistake) << sigmoid.target;
  EXPECT_EQ(r.mistake->id, "the chain rule's inner derivative dropped");

  const Exercise tanh = first_of_shape("tanh", "#*tanh(#*z)");
  const auto star = tanh.target.find("*tanh(");
  const std::string a = tanh.target.substr(0, star);
  const std::string u = tanh.target.substr(star + 6, tanh.target.size() - star - 7);
  const auto t = actderiv::check_derivative(tanh.target, a + "*(1 - tanh(" + u + ")^2)", tanh.params);
  EXPECT_FALSE(t.equivalent) << tanh.target;
  ASSERT_TRUE(t.mistake) << tanh.target;
  EXPECT_EQ(t.mistake->id, "the chain rule's inner derivative dropped");
}

// With alpha a parameter, the checker compares at the exercise's alpha: its value written as a
// number is right there and wrong at another alpha, and alpha dropped is the classic mistake.
TEST(Exercise, ALeakyReLUWithAlphaIsCheckedAtItsAlpha) {
  const Exercise e = first_of_shape("leaky_relu", "max(alpha*z, z)");
  ASSERT_EQ(e.params.size(), 1u);
  const double alpha = e.params[0].second;
  std::ostringstream written;
  written << "piecewise(z > 0, 1, z <= 0, " << alpha << ")";
  EXPECT_TRUE(actderiv::check_derivative(e.target, written.str(), e.params).equivalent) << written.str();
  const double other = alpha == 0.3 ? 0.2 : 0.3;
  EXPECT_FALSE(actderiv::check_derivative(e.target, written.str(), {{"alpha", other}}).equivalent);
  const auto forgotten = actderiv::check_derivative(e.target, "piecewise(z > 0, 1, z <= 0, 0)", e.params);
  EXPECT_FALSE(forgotten.equivalent);
  ASSERT_TRUE(forgotten.mistake);
  EXPECT_EQ(forgotten.mistake->id, "a parameter forgotten");
}

TEST(Exercise, AnUnknownFamilyThrowsNamingItAndTheKnownOnes) {
  try {
    make_exercise("softmax", 0);
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "unknown exercise family 'softmax' (known: sigmoid, tanh, relu, leaky_relu)");
  }
  EXPECT_THROW(make_exercise("", 0), std::invalid_argument);
  EXPECT_THROW(make_exercise("Sigmoid", 0), std::invalid_argument);
}

}  // namespace
