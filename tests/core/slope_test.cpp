// The slope explorer's tangents, half-tangents at kinks, snapping and secants.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "actderiv/catalogue/engine.h"
#include "actderiv/catalogue/activation.h"
#include "actderiv/numerics/numerics.h"
#include "actderiv/calculus/slope.h"

namespace {

using actderiv::slope_view;

const std::vector<double> kZ = {-2, -1, 0, 1, 2};

actderiv::SlopeView builtin(const char* id, double z0, double h, double snap, actderiv::ParamValues given = {}) {
  const auto& activation = actderiv::find_activation(id);
  return slope_view(activation, actderiv::resolve_params(activation, given), z0, h, snap, kZ.data(), kZ.size());
}

TEST(Slope, TangentOfTheSigmoidAtZero) {
  const auto v = builtin("sigmoid", 0, 0, 0);
  EXPECT_EQ(v.value, 0.5);
  EXPECT_EQ(v.slope, 0.25);
  EXPECT_FALSE(v.kink);
  EXPECT_EQ(v.tangent, (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
  for (double y : v.left_tangent) EXPECT_TRUE(std::isnan(y));
  for (double y : v.secant) EXPECT_TRUE(std::isnan(y));
  EXPECT_TRUE(std::isnan(v.secant_slope));
}

TEST(Slope, SecantTurnsIntoTheTangentAsHShrinks) {
  double previous = INFINITY;
  for (double h : {1.0, 0.1, 0.01, 0.001}) {
    const auto v = builtin("tanh", 0.5, h, 0);
    const double gap = std::fabs(v.secant_slope - v.slope);
    EXPECT_LT(gap, previous) << h;
    previous = gap;
    EXPECT_DOUBLE_EQ(v.secant[3], v.value + v.secant_slope * 0.5);
  }
  EXPECT_LT(previous, 1e-3);
  const auto one = builtin("sigmoid", 0, 1, 0);
  EXPECT_DOUBLE_EQ(one.secant_slope, actderiv::sigmoid(1) - 0.5);
}

TEST(Slope, SnapsOntoAKinkAndDrawsBothHalfTangents) {
  const auto v = builtin("relu", 0.003, 0, 0.01);
  EXPECT_EQ(v.z0, 0);
  EXPECT_TRUE(v.kink);
  EXPECT_EQ(v.left_slope, 0);
  EXPECT_EQ(v.right_slope, 1);
  EXPECT_EQ(v.slope, 0);  // the frameworks' convention
  for (double y : v.tangent) EXPECT_TRUE(std::isnan(y));
  EXPECT_EQ(v.left_tangent[0], 0);
  EXPECT_EQ(v.left_tangent[2], 0);
  EXPECT_TRUE(std::isnan(v.left_tangent[3]));
  EXPECT_TRUE(std::isnan(v.right_tangent[1]));
  EXPECT_EQ(v.right_tangent[4], 2);

  const auto away = builtin("relu", 0.5, 0, 0.01);
  EXPECT_EQ(away.z0, 0.5);
  EXPECT_FALSE(away.kink);
  EXPECT_EQ(away.tangent[4], 2);

  const auto leaky = builtin("leaky_relu", -0.004, 0, 0.01, {{"alpha", 0.2}});
  EXPECT_EQ(leaky.z0, 0);
  EXPECT_TRUE(leaky.kink);
  EXPECT_EQ(leaky.left_slope, 0.2);
  EXPECT_EQ(leaky.right_slope, 1);
  EXPECT_DOUBLE_EQ(leaky.left_tangent[0], -0.4);

  const auto relu6 = builtin("relu6", 5.995, 0, 0.01);
  EXPECT_EQ(relu6.z0, 6);
  EXPECT_EQ(relu6.left_slope, 1);
  EXPECT_EQ(relu6.right_slope, 0);
}

TEST(Slope, TypedExpressionsGetTheSameTreatment) {
  const auto v = slope_view("abs(z)", {}, 0.002, 0, 0.01, kZ.data(), kZ.size());
  EXPECT_EQ(v.z0, 0);
  EXPECT_TRUE(v.kink);
  EXPECT_EQ(v.left_slope, -1);
  EXPECT_EQ(v.right_slope, 1);
  EXPECT_EQ(v.left_tangent[0], 2);
  const auto swish = slope_view("z*sigmoid(z)", {}, 0, 0.5, 0, kZ.data(), kZ.size());
  EXPECT_EQ(swish.value, 0);
  EXPECT_DOUBLE_EQ(swish.slope, 0.5);
  EXPECT_FALSE(swish.kink);
  const auto log = slope_view("log(z)", {}, -1, 0, 0, kZ.data(), kZ.size());
  EXPECT_TRUE(std::isnan(log.value));
  EXPECT_FALSE(log.kink);
}

TEST(Slope, RefusesNonFiniteInput) {
  EXPECT_THROW(builtin("sigmoid", NAN, 0, 0), std::invalid_argument);
  EXPECT_THROW(builtin("sigmoid", 0, INFINITY, 0), std::invalid_argument);
  EXPECT_THROW(builtin("sigmoid", 0, 0, -1), std::invalid_argument);
}

}  // namespace
