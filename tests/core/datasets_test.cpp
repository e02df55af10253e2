// The toy data sets: sizes, balance, shapes (checked against the defining curves with the C library's
// trigonometry), reproducibility, and the messages for bad arguments.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/labs/datasets.h"

namespace {

using actderiv::Dataset;
using actderiv::generate_dataset;

constexpr double kPi = 3.14159265358979312;

std::string error_of(const std::string& kind, std::size_t n, double noise) {
  try {
    generate_dataset(kind, n, noise, 1);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Dataset, KindsAreTheFourOfTheIssue) {
  std::vector<std::string> ids;
  for (const auto& k : actderiv::dataset_kinds()) {
    ids.push_back(k.id);
    EXPECT_FALSE(k.name.empty());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"moons", "circles", "xor", "spiral"}));
}

TEST(Dataset, SizedBalancedAndInTheBox) {
  for (const auto& kind : actderiv::dataset_kinds()) {
    for (std::size_t n : {20u, 21u, 500u}) {
      const Dataset d = generate_dataset(kind.id, n, 0, 3);
      ASSERT_EQ(d.x.size(), n);
      ASSERT_EQ(d.y.size(), n);
      ASSERT_EQ(d.label.size(), n);
      int ones = 0;
      for (std::size_t i = 0; i < n; ++i) {
        EXPECT_TRUE(d.label[i] == 0 || d.label[i] == 1);
        ones += d.label[i];
        EXPECT_LE(std::fabs(d.x[i]), 1.5 + 1e-12) << kind.id;
        EXPECT_LE(std::fabs(d.y[i]), 1.5 + 1e-12) << kind.id;
      }
      EXPECT_EQ(ones, static_cast<int>(n / 2)) << kind.id;
    }
  }
}

// Without noise every point lies on its class's curve: this also checks the generator's own sine and
// cosine against the C library's.
TEST(Dataset, PointsLieOnTheirCurvesWithoutNoise) {
  const double tol = 1e-13;
  const Dataset moons = generate_dataset("moons", 400, 0, 11);
  for (std::size_t i = 0; i < 400; ++i) {
    // Label 0: the upper half of the unit circle about (-0.5, -0.25); label 1: the lower half about (0.5, 0.25).
    const double cx = moons.label[i] == 0 ? -0.5 : 0.5, cy = moons.label[i] == 0 ? -0.25 : 0.25;
    const double dx = moons.x[i] - cx, dy = moons.y[i] - cy;
    EXPECT_NEAR(dx * dx + dy * dy, 1, tol);
    EXPECT_GE(moons.label[i] == 0 ? dy : -dy, -tol);
  }
  const Dataset circles = generate_dataset("circles", 400, 0, 11);
  for (std::size_t i = 0; i < 400; ++i)
    EXPECT_NEAR(std::hypot(circles.x[i], circles.y[i]), circles.label[i] == 1 ? 0.6 : 1.3, tol);
  const Dataset quadrants = generate_dataset("xor", 400, 0, 11);
  for (std::size_t i = 0; i < 400; ++i) {
    EXPECT_GE(std::fabs(quadrants.x[i]), 0.1);
    EXPECT_GE(std::fabs(quadrants.y[i]), 0.1);
    EXPECT_EQ(quadrants.label[i], (quadrants.x[i] > 0) != (quadrants.y[i] > 0) ? 1 : 0);
  }
  const Dataset spiral = generate_dataset("spiral", 400, 0, 11);
  for (std::size_t i = 0; i < 400; ++i) {
    // Radius 1.4 t at angle 3.5 pi t (+ pi for label 1).
    const double t = std::hypot(spiral.x[i], spiral.y[i]) / 1.4;
    const double angle = 3.5 * kPi * t + (spiral.label[i] == 1 ? kPi : 0);
    EXPECT_NEAR(spiral.x[i], 1.4 * t * std::cos(angle), 1e-12);
    EXPECT_NEAR(spiral.y[i], 1.4 * t * std::sin(angle), 1e-12);
  }
}

TEST(Dataset, NoiseHasTheRequestedSpread) {
  const Dataset clean = generate_dataset("circles", 500, 0, 5);
  const Dataset noisy = generate_dataset("circles", 500, 0.2, 5);
  double squares = 0;
  for (std::size_t i = 0; i < 500; ++i) {
    const double r = std::hypot(noisy.x[i], noisy.y[i]) - (noisy.label[i] == 1 ? 0.6 : 1.3);
    squares += r * r;
  }
  // Radial error of 2-D normal noise of spread 0.2 on a circle: about 0.2 for these radii.
  EXPECT_NEAR(std::sqrt(squares / 500), 0.2, 0.02);
  EXPECT_NE(clean.x, noisy.x);
}

TEST(Dataset, SameSeedSamePointsOtherSeedOtherPoints) {
  for (const auto& kind : actderiv::dataset_kinds()) {
    const Dataset a = generate_dataset(kind.id, 100, 0.1, 9);
    const Dataset b = generate_dataset(kind.id, 100, 0.1, 9);
    const Dataset c = generate_dataset(kind.id, 100, 0.1, 10);
    EXPECT_EQ(a.x, b.x);
    EXPECT_EQ(a.y, b.y);
    EXPECT_EQ(a.label, b.label);
    EXPECT_NE(a.x, c.x);
  }
}

TEST(Dataset, ErrorsNameTheProblem) {
  struct Case {
    std::string kind;
    std::size_t n;
    double noise;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"swirl", 100, 0.1, "unknown data set 'swirl' (known: moons, circles, xor, spiral)"},
      {"moons", 19, 0.1, "the number of points must be from 20 to 500, not 19"},
      {"moons", 501, 0.1, "the number of points must be from 20 to 500, not 501"},
      {"moons", 100, -0.1, "the noise must be from 0 to 1, not \xE2\x88\x92" "0.1"},
      {"moons", 100, NAN, "the noise must be from 0 to 1, not NaN"},
  };
  for (const Case& c : cases) EXPECT_EQ(error_of(c.kind, c.n, c.noise), c.expected);
}

}  // namespace
