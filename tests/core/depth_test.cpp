// The depth lab's Monte Carlo against closed forms: spread 0 (every z_l equal), the sigmoid's 4^-L
// bound, ReLU's probability of a zero product, and Leaky ReLU's binomial count of alpha factors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/labs/depth.h"
#include "actderiv/numerics/random.h"

namespace {

using actderiv::DepthActivation;
using actderiv::DepthConfig;
using actderiv::DepthResult;
using actderiv::depth_products;

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

std::string error_of(const std::vector<DepthActivation>& list, const DepthConfig& config) {
  try {
    depth_products(list, config);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

// With spread 0 the product is g'(mean)^L for every sample, so all three quantiles equal the closed form.
TEST(Depth, SpreadZeroMatchesTheClosedForm) {
  struct Case {
    DepthActivation activation;
    double mean;
  };
  const std::vector<Case> cases = {
      {{"sigmoid", {}}, 0.0},   {{"sigmoid", {}}, 2.0},       {{"tanh", {}}, 0.5},
      {{"relu", {}}, 1.0},      {{"leaky_relu", {{"alpha", 0.1}}}, -1.0},
      {{"elu", {}}, -0.5},      {{"softplus", {{"beta", 2}}}, 0.3}, {{"selu", {}}, 1.0},
  };
  for (const Case& c : cases) {
    DepthConfig config;
    config.max_depth = 50;
    config.samples = 11;
    config.mean = c.mean;
    config.spread = 0;
    const DepthResult r = depth_products({c.activation}, config);
    ASSERT_EQ(r.curves.size(), 1u);
    const auto& curve = r.curves[0];
    for (std::size_t L = 1; L <= 50; ++L) {
      const double exact = actderiv::depth_product_at_fixed_z(c.activation, c.mean, L);
      const double tol = 1e-13 * L * (1 + std::fabs(exact / L));
      EXPECT_NEAR(curve.median[L - 1], exact, tol) << c.activation.id << " L=" << L;
      EXPECT_NEAR(curve.lower[L - 1], exact, tol);
      EXPECT_NEAR(curve.upper[L - 1], exact, tol);
      EXPECT_EQ(curve.zero_fraction[L - 1], 0);
    }
  }
  // The sigmoid at 0 is the best it gets: 4^-L exactly.
  EXPECT_NEAR(actderiv::depth_product_at_fixed_z({"sigmoid", {}}, 0, 10), -10 * std::log10(4.0), 1e-14);
}

// sigma' <= 1/4 everywhere, so even the 90th percentile stays at or below -L log10 4.
TEST(Depth, SigmoidNeverBeatsAQuarterPerLayer) {
  DepthConfig config;
  config.max_depth = 50;
  config.mean = 0;
  config.spread = 2;
  const DepthResult r = depth_products({{"sigmoid", {}}}, config);
  for (std::size_t L = 1; L <= 50; ++L) {
    EXPECT_LE(r.curves[0].upper[L - 1], -static_cast<double>(L) * std::log10(4.0) + 1e-12);
    EXPECT_LE(r.curves[0].median[L - 1], r.curves[0].upper[L - 1]);
    EXPECT_LE(r.curves[0].lower[L - 1], r.curves[0].median[L - 1]);
  }
}

// A ReLU product is 1 when every z_l > 0 (probability p^L, p = Phi(mean/spread)) and exactly 0 otherwise.
TEST(Depth, ReluZeroShareIsOneMinusPToTheL) {
  DepthConfig config;
  config.max_depth = 20;
  config.samples = 20000;
  config.mean = 0.5;
  config.spread = 1;
  config.seed = 3;
  const DepthResult r = depth_products({{"relu", {}}}, config);
  const double p = normal_cdf(0.5);
  for (std::size_t L = 1; L <= 20; ++L) {
    const double expected = 1 - std::pow(p, static_cast<double>(L));
    const double se = std::sqrt(expected * (1 - expected) / config.samples);
    EXPECT_NEAR(r.curves[0].zero_fraction[L - 1], expected, 4 * se + 1e-12) << "L=" << L;
    // Every nonzero product is exactly 1, so the median is 0 or, past half zeros, the floor.
    EXPECT_EQ(r.curves[0].median[L - 1], r.curves[0].zero_fraction[L - 1] < 0.5 ? 0.0 : r.floor);
  }
}

// Leaky ReLU's product is alpha^K with K ~ Binomial(L, q), q = P(z <= 0); a binomial median lies within
// one of its mean L q, so the sample median of log10 |product| / log10 alpha does too.
TEST(Depth, LeakyMedianIsTheBinomialMedian) {
  DepthConfig config;
  config.max_depth = 40;
  config.samples = 19999;  // odd: the median is one order statistic, an integer count
  config.mean = 0.3;
  config.spread = 1;
  const DepthResult r = depth_products({{"leaky_relu", {{"alpha", 0.1}}}}, config);
  const double q = 1 - normal_cdf(0.3);
  for (std::size_t L = 1; L <= 40; ++L) {
    const double k = r.curves[0].median[L - 1] / std::log10(0.1);
    EXPECT_NEAR(k, std::round(k), 1e-9);
    EXPECT_LE(std::fabs(k - L * q), 1.0 + 1e-9) << "L=" << L;
    EXPECT_EQ(r.curves[0].zero_fraction[L - 1], 0);
  }
}

// Exact zeros: the binary step has g' = 0 everywhere, so every product is 0 and every quantile is the floor.
TEST(Depth, ExactZerosAreReportedAndDrawnAtTheFloor) {
  DepthConfig config;
  config.max_depth = 5;
  const DepthResult r = depth_products({{"binary_step", {}}, {"sigmoid", {}}}, config);
  ASSERT_EQ(r.curves.size(), 2u);
  EXPECT_EQ(r.curves[0].id, "binary_step");
  for (std::size_t L = 0; L < 5; ++L) {
    EXPECT_EQ(r.curves[0].zero_fraction[L], 1);
    EXPECT_EQ(r.curves[0].median[L], r.floor);
    EXPECT_EQ(r.curves[0].lower[L], r.floor);
    EXPECT_EQ(r.curves[0].upper[L], r.floor);
  }
  EXPECT_TRUE(std::isfinite(r.floor));
  EXPECT_EQ(r.floor, std::floor(r.floor));
  for (double v : r.curves[1].lower) EXPECT_LE(r.floor, v - 1);
}

// Every activation sees the same z_l: a curve does not depend on which others are asked for.
TEST(Depth, CurvesUseCommonRandomNumbers) {
  DepthConfig config;
  config.max_depth = 12;
  config.samples = 500;
  config.seed = 9;
  const DepthResult alone = depth_products({{"tanh", {}}}, config);
  const DepthResult together = depth_products({{"sigmoid", {}}, {"tanh", {}}}, config);
  EXPECT_EQ(alone.curves[0].median, together.curves[1].median);
  EXPECT_EQ(alone.curves[0].upper, together.curves[1].upper);
  config.seed = 10;
  const DepthResult other = depth_products({{"tanh", {}}}, config);
  EXPECT_NE(alone.curves[0].median, other.curves[0].median);
}

// The selection-based quantiles against a full sort of the same products, recomputed here from the
// documented draw order (one Rng(seed), depth by depth, sample by sample), at odd and edge quantiles.
TEST(Depth, QuantilesMatchAFullSort) {
  struct Case {
    std::string id;
    std::size_t samples;
    double lower, upper;
  };
  const std::vector<Case> cases = {
      {"tanh", 257, 0.1, 0.9}, {"sigmoid", 1000, 0.25, 0.75}, {"elu", 31, 0, 1}, {"relu", 100, 0.5, 0.5},
  };
  for (const Case& c : cases) {
    DepthConfig config;
    config.max_depth = 7;
    config.samples = c.samples;
    config.mean = 0.2;
    config.spread = 1.5;
    config.lower_quantile = c.lower;
    config.upper_quantile = c.upper;
    config.seed = 21;
    const DepthResult r = depth_products({{c.id, {}}}, config);
    const actderiv::Activation& g = actderiv::find_activation(c.id);
    const std::vector<double> params = actderiv::resolve_params(g, {});
    actderiv::Rng rng(config.seed);
    std::vector<double> z(config.max_depth * c.samples);
    for (double& v : z) v = rng.normal(config.mean, config.spread);
    std::vector<double> sum(c.samples, 0.0);
    const auto reference = [](std::vector<double> v, double q) {
      std::sort(v.begin(), v.end());
      const double h = (v.size() - 1) * q;
      const std::size_t i = static_cast<std::size_t>(h);
      if (i + 1 == v.size() || std::isinf(v[i])) return v[i];
      return v[i] + (h - i) * (v[i + 1] - v[i]);
    };
    for (std::size_t l = 0; l < config.max_depth; ++l) {
      for (std::size_t s = 0; s < c.samples; ++s)
        sum[s] += std::log10(std::fabs(g.derivative(z[l * c.samples + s], params.data())));
      const auto drawn = [&](double v) { return std::isinf(v) ? r.floor : v; };
      EXPECT_NEAR(r.curves[0].median[l], drawn(reference(sum, 0.5)), 1e-12) << c.id << " L=" << l + 1;
      EXPECT_NEAR(r.curves[0].lower[l], drawn(reference(sum, c.lower)), 1e-12) << c.id << " L=" << l + 1;
      EXPECT_NEAR(r.curves[0].upper[l], drawn(reference(sum, c.upper)), 1e-12) << c.id << " L=" << l + 1;
    }
  }
}

// Raising the depth slider extends the curves; it does not redraw the shallower part.
TEST(Depth, ADeeperRunExtendsAShallowerOne) {
  DepthConfig config;
  config.samples = 300;
  config.max_depth = 10;
  const DepthResult shallow = depth_products({{"tanh", {}}}, config);
  config.max_depth = 30;
  const DepthResult deep = depth_products({{"tanh", {}}}, config);
  for (std::size_t l = 0; l < 10; ++l) {
    EXPECT_EQ(shallow.curves[0].median[l], deep.curves[0].median[l]);
    EXPECT_EQ(shallow.curves[0].upper[l], deep.curves[0].upper[l]);
  }
}

TEST(Depth, ErrorsNameTheProblem) {
  DepthConfig ok;
  EXPECT_EQ(error_of({}, ok), "choose at least one activation");
  struct Case {
    void (*change)(DepthConfig&);
    std::string expected;
  };
  const std::vector<Case> cases = {
      {[](DepthConfig& c) { c.max_depth = 0; }, "the depth must be from 1 to 50, not 0"},
      {[](DepthConfig& c) { c.max_depth = 51; }, "the depth must be from 1 to 50, not 51"},
      {[](DepthConfig& c) { c.samples = 0; }, "the number of samples must be from 1 to 20000, not 0"},
      {[](DepthConfig& c) { c.mean = 6; }, "the mean must be from \xE2\x88\x92" "5 to 5, not 6"},
      {[](DepthConfig& c) { c.spread = -1; }, "the spread must be from 0 to 5, not \xE2\x88\x92" "1"},
      {[](DepthConfig& c) { c.spread = NAN; }, "the spread must be from 0 to 5, not NaN"},
      {[](DepthConfig& c) { c.lower_quantile = 0.6; }, "the lower quantile must be from 0 to 0.5, not 0.6"},
      {[](DepthConfig& c) { c.upper_quantile = 0.4; }, "the upper quantile must be from 0.5 to 1, not 0.4"},
  };
  for (const Case& c : cases) {
    DepthConfig config;
    c.change(config);
    EXPECT_EQ(error_of({{"relu", {}}}, config), c.expected);
  }
  EXPECT_NE(error_of({{"relux", {}}}, ok).find("unknown activation 'relux'"), std::string::npos);
  EXPECT_NE(error_of({{"leaky_relu", {{"alpha", 2}}}}, ok).find("alpha"), std::string::npos);
}

}  // namespace
