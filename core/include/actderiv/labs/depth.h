// The vanishing/exploding-gradient lab: how the product of L activation derivatives g'(z_1) ... g'(z_L)
// is distributed when the pre-activations z_l are drawn independently from a normal distribution.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "actderiv/catalogue/activation.h"

namespace actderiv {

// One activation to follow through depth, with its parameters given by name.
struct DepthActivation {
  std::string id;     // registry id, e.g. "sigmoid"
  ParamValues params; // defaults for the rest
};

// The Monte Carlo set-up shared by every activation in one run; each field within its row of
// depth_limits() (limits.h), named there by the key after it here.
struct DepthConfig {
  std::size_t max_depth = 30;   // L from 1 to max_depth (L)
  std::size_t samples = 2000;   // chains per activation (samples)
  double mean = 0;              // the z_l are normal(mean, spread) (mu)
  double spread = 1;            // standard deviation (sd)
  double lower_quantile = 0.1;  // the band's edges (lowerQuantile, upperQuantile)
  double upper_quantile = 0.9;
  std::uint32_t seed = 1;
};

// log10 |g'(z_1) ... g'(z_L)| over the samples, for L = 1 .. max_depth (index L - 1).
struct DepthCurve {
  std::string id;                    // the activation's registry id
  std::vector<double> median;        // the median, or DepthResult::floor where it is -infinity
  std::vector<double> lower;         // the lower_quantile, likewise
  std::vector<double> upper;         // the upper_quantile, likewise
  std::vector<double> zero_fraction; // share of samples whose product is exactly 0 (log10 = -infinity)
};

// Curves for several activations from the same pre-activations (common random numbers, so the
// curves differ only through g').
struct DepthResult {
  std::vector<DepthCurve> curves;  // in the order asked for
  // A whole number at least one decade below every finite quantile of every curve (and below 0),
  // reported in place of a quantile that is -infinity; zero_fraction says how many products are 0.
  double floor;
};

// Runs the Monte Carlo. The z_l come from one Rng(seed), depth by depth (all samples of z_1, then of
// z_2, ...), so a deeper run extends a shallower one. The log of the product is accumulated as a sum of
// logs of |g'(z_l)|, so it never underflows; it is -infinity only when some factor is exactly 0.
// Quantiles interpolate linearly between order statistics (R's type 7), -infinity where either
// neighbour is. Throws std::invalid_argument naming the problem: an unknown activation or parameter,
// an empty list, or a config value outside its limit (limit_error's sentence).
DepthResult depth_products(const std::vector<DepthActivation>& activations, const DepthConfig& config);

// The closed form for spread 0, where every z_l equals `mean`: log10 |g'(mean)^L| = L log10 |g'(mean)|.
double depth_product_at_fixed_z(const DepthActivation& activation, double mean, std::size_t depth);

}  // namespace actderiv
