// The labs' limits (limits.h): each row is what the core's own check of that setting refuses, in the
// row's sentence, and the presets lie within them.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/labs/datasets.h"
#include "actderiv/labs/depth.h"
#include "actderiv/labs/limits.h"
#include "actderiv/labs/mlp.h"
#include "actderiv/labs/presets.h"

namespace {

using actderiv::Limit;

std::string refusal(const std::function<void()>& call) {
  try {
    call();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// The values just past each end of `row` (the next whole number, or the next double).
std::vector<double> outside(const Limit& row) {
  if (row.whole) return {row.min - 1, row.max + 1};
  return {std::nextafter(row.min, -INFINITY), std::nextafter(row.max, INFINITY)};
}

// Runs a check of `row` with `value`, returning its refusal ("" if accepted); `apply` sets the value.
void expect_checked(const Limit& row, const std::function<std::string(double)>& check) {
  for (double value : {row.min, row.max}) EXPECT_EQ(check(value), "") << row.key << " = " << value;
  for (double value : outside(row)) {
    if (row.whole && value < 0) continue;  // a count below 0 cannot be given to the core's unsigned fields
    EXPECT_EQ(check(value), actderiv::limit_error(row, value)) << row.key << " = " << value;
  }
}

TEST(Limits, DepthChecksReadTheTable) {
  const std::map<std::string, void (*)(actderiv::DepthConfig&, double)> set = {
      {"L", [](actderiv::DepthConfig& c, double v) { c.max_depth = static_cast<std::size_t>(v); }},
      {"mu", [](actderiv::DepthConfig& c, double v) { c.mean = v; }},
      {"sd", [](actderiv::DepthConfig& c, double v) { c.spread = v; }},
      {"samples", [](actderiv::DepthConfig& c, double v) { c.samples = static_cast<std::size_t>(v); }},
      {"lowerQuantile", [](actderiv::DepthConfig& c, double v) { c.lower_quantile = v; }},
      {"upperQuantile", [](actderiv::DepthConfig& c, double v) { c.upper_quantile = v; }},
  };
  ASSERT_EQ(actderiv::depth_limits().size(), set.size());
  for (const Limit& row : actderiv::depth_limits()) {
    expect_checked(row, [&](double value) {
      actderiv::DepthConfig config;
      config.max_depth = 2;
      config.samples = 5;
      set.at(row.key)(config, value);
      return refusal([&] { actderiv::depth_products({{"tanh", {}}}, config); });
    });
  }
}

TEST(Limits, TrainingChecksReadTheTable) {
  const actderiv::Dataset points = actderiv::generate_dataset("moons", 500, 0.1, 1);
  const std::map<std::string, void (*)(actderiv::MlpConfig&, double)> set = {
      {"layers", [](actderiv::MlpConfig& c, double v) { c.hidden.assign(static_cast<std::size_t>(v), 2); }},
      {"width", [](actderiv::MlpConfig& c, double v) { c.hidden = {2, static_cast<std::size_t>(v)}; }},
      {"lr", [](actderiv::MlpConfig& c, double v) { c.learning_rate = v; }},
      {"bias", [](actderiv::MlpConfig& c, double v) { c.initial_bias = v; }},
      {"batch", [](actderiv::MlpConfig& c, double v) { c.batch_size = static_cast<std::size_t>(v); }},
  };
  for (const auto& [key, apply] : set) {
    expect_checked(actderiv::limit(actderiv::training_limits(), key), [&](double value) {
      actderiv::MlpConfig config;
      apply(config, value);
      return refusal([&] { actderiv::Trainer(config, points); });
    });
  }
  for (const char* key : {"n", "noise"}) {
    const Limit& row = actderiv::limit(actderiv::training_limits(), key);
    expect_checked(row, [&](double value) {
      const bool n = row.key == "n";
      return refusal([&] {
        actderiv::generate_dataset("moons", n ? static_cast<std::size_t>(value) : 100, n ? 0.1 : value, 1);
      });
    });
  }
}

TEST(Limits, PresetsLieWithinTheTrainingLimits) {
  const auto& limits = actderiv::training_limits();
  const auto within = [&](const char* key, double value) {
    EXPECT_EQ(actderiv::limit_error(actderiv::limit(limits, key), value), "") << key;
  };
  for (const auto& p : actderiv::presets()) {
    within("n", static_cast<double>(p.points));
    within("noise", p.noise);
    within("dseed", p.data_seed);
    within("layers", static_cast<double>(p.config.hidden.size()));
    for (std::size_t width : p.config.hidden) within("width", static_cast<double>(width));
    within("lr", p.config.learning_rate);
    within("bias", p.config.initial_bias);
    within("batch", static_cast<double>(p.config.batch_size));
    within("seed", p.config.seed);
    within("epochs", static_cast<double>(p.epochs));
  }
}

TEST(Limits, SentencesSayWhyAValueIsRefused) {
  const Limit depth{"L", "the depth", 1, 50, true};
  const Limit mean{"mu", "the mean", -5, 5, false};
  struct Case {
    const Limit& row;
    double value;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {depth, 2.5, "the depth must be a whole number, not 2.5"},
      {depth, 99, "the depth must be from 1 to 50, not 99"},
      {depth, NAN, "the depth must be a whole number, not NaN"},
      {depth, 50, ""},
      {mean, -6, "the mean must be from \xE2\x88\x92" "5 to 5, not \xE2\x88\x92" "6"},
      {mean, NAN, "the mean must be from \xE2\x88\x92" "5 to 5, not NaN"},
      {mean, 1e-7, ""},
  };
  for (const Case& c : cases) EXPECT_EQ(actderiv::limit_error(c.row, c.value), c.expected) << c.value;
  EXPECT_THROW(actderiv::limit(actderiv::depth_limits(), "depth"), std::logic_error);
}

}  // namespace
