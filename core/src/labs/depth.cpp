// Monte Carlo of log10 |prod g'(z_l)| through depth, and its closed form at a fixed z.
#include "actderiv/labs/depth.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "actderiv/labs/limits.h"
#include "actderiv/numerics/random.h"

namespace actderiv {

namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();
constexpr double kLog10E = 0.43429448190325182;  // log10(e)

void validate(const std::vector<DepthActivation>& list, const DepthConfig& c) {
  if (list.empty()) throw std::invalid_argument("choose at least one activation");
  const auto& limits = depth_limits();
  check_limit(limit(limits, "L"), static_cast<double>(c.max_depth));
  check_limit(limit(limits, "samples"), static_cast<double>(c.samples));
  check_limit(limit(limits, "mu"), c.mean);
  check_limit(limit(limits, "sd"), c.spread);
  check_limit(limit(limits, "lowerQuantile"), c.lower_quantile);
  check_limit(limit(limits, "upperQuantile"), c.upper_quantile);
}

// Rearranges `values` so that values[k] and values[k + 1] are the k-th and (k + 1)-th smallest for
// every k in `ranks` (ascending, distinct): selections over shrinking ranges, then the minimum of what
// lies between. Linear on average, where a full sort was most of the run time.
void select_ranks(std::vector<double>& values, const std::vector<std::size_t>& ranks) {
  for (std::size_t r = 0; r < ranks.size(); ++r) {
    const auto from = values.begin() + (r == 0 ? 0 : ranks[r - 1] + 1);
    std::nth_element(from, values.begin() + ranks[r], values.end());
  }
  for (std::size_t r = 0; r < ranks.size(); ++r) {
    const auto after = values.begin() + ranks[r] + 1;
    const auto until = r + 1 < ranks.size() ? values.begin() + ranks[r + 1] : values.end();
    if (after < until) std::iter_swap(after, std::min_element(after, until));
  }
}

// Type-7 quantile from values prepared by select_ranks(); -infinity minus infinity would be NaN, so a
// -infinity neighbour gives -infinity.
double quantile(const std::vector<double>& values, double q) {
  const double h = (static_cast<double>(values.size()) - 1) * q;
  const std::size_t i = static_cast<std::size_t>(h);
  const double low = values[i];
  if (i + 1 == values.size() || low == kMinusInf) return low;
  return low + (h - static_cast<double>(i)) * (values[i + 1] - low);
}

// One activation's curve from the shared pre-activations z (depth-major: z[l * samples + s]), its
// quantiles still -infinity where the products are exactly 0. `sum` and `row` are scratch of `samples`.
DepthCurve run_one(const DepthActivation& which, const DepthConfig& c, const std::vector<double>& z,
                   std::vector<double>& sum, std::vector<double>& row) {
  const Activation& activation = find_activation(which.id);
  const std::vector<double> params = resolve_params(activation, which.params);
  const std::size_t samples = c.samples;
  // The order statistics a type-7 quantile reads: floor(h), h = (n - 1) q, and the one after it.
  std::vector<std::size_t> ranks;
  for (double q : {c.lower_quantile, 0.5, c.upper_quantile})
    ranks.push_back(static_cast<std::size_t>((static_cast<double>(samples) - 1) * q));
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  DepthCurve curve{which.id, {}, {}, {}, {}};
  std::fill(sum.begin(), sum.end(), 0.0);
  for (std::size_t l = 0; l < c.max_depth; ++l) {
    const double* layer = &z[l * samples];
    // Natural logs, converted once per quantile: scaling by log10(e) > 0 keeps the order.
    for (std::size_t s = 0; s < samples; ++s)
      sum[s] += std::log(std::fabs(activation.derivative(layer[s], params.data())));
    row = sum;
    const auto zeros = std::count(row.begin(), row.end(), kMinusInf);
    curve.zero_fraction.push_back(static_cast<double>(zeros) / static_cast<double>(samples));
    select_ranks(row, ranks);
    curve.median.push_back(kLog10E * quantile(row, 0.5));
    curve.lower.push_back(kLog10E * quantile(row, c.lower_quantile));
    curve.upper.push_back(kLog10E * quantile(row, c.upper_quantile));
  }
  return curve;
}

}  // namespace

DepthResult depth_products(const std::vector<DepthActivation>& activations, const DepthConfig& config) {
  validate(activations, config);
  // Drawn once, depth by depth: every activation sees the same z_l, and a deeper run extends a
  // shallower one instead of reshuffling it.
  std::vector<double> z(config.max_depth * config.samples);
  Rng rng(config.seed);
  for (double& v : z) v = rng.normal(config.mean, config.spread);
  std::vector<double> sum(config.samples), row(config.samples);
  DepthResult result{{}, 0};
  double lowest = 0;
  for (const auto& which : activations) {
    result.curves.push_back(run_one(which, config, z, sum, row));
    for (const auto* series : {&result.curves.back().median, &result.curves.back().lower,
                               &result.curves.back().upper})
      for (double v : *series)
        if (v != kMinusInf) lowest = std::min(lowest, v);
  }
  result.floor = std::floor(lowest) - 1;
  for (auto& curve : result.curves)
    for (auto* series : {&curve.median, &curve.lower, &curve.upper})
      for (double& v : *series)
        if (v == kMinusInf) v = result.floor;
  return result;
}

double depth_product_at_fixed_z(const DepthActivation& which, double mean, std::size_t depth) {
  const Activation& activation = find_activation(which.id);
  const std::vector<double> params = resolve_params(activation, which.params);
  return static_cast<double>(depth) * std::log10(std::fabs(activation.derivative(mean, params.data())));
}

}  // namespace actderiv
