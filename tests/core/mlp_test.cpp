// The dead-neurons lab's trainer: backpropagation against central differences, determinism, slicing,
// the dead-unit count, the config messages; and every preset reaching the outcome its table states.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/labs/datasets.h"
#include "actderiv/labs/mlp.h"
#include "actderiv/labs/presets.h"

namespace {

using actderiv::Dataset;
using actderiv::MlpConfig;
using actderiv::Trainer;

Dataset small_moons(std::size_t n = 40) { return actderiv::generate_dataset("moons", n, 0.2, 5); }

std::string error_of(const MlpConfig& config, const Dataset& data) {
  try {
    Trainer trainer(config, data);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

// Backpropagation against central differences of loss(), after some training so that no parameter
// sits at its initial value, for smooth activations and Leaky ReLU (whose kink no pre-activation of
// this fixed seed lies within h of), at one to four hidden layers.
TEST(Mlp, GradientMatchesCentralDifferences) {
  struct Case {
    std::string activation;
    actderiv::ParamValues params;
    std::vector<std::size_t> hidden;
  };
  const std::vector<Case> cases = {
      {"sigmoid", {}, {5}},
      {"tanh", {}, {5, 4}},
      {"elu", {{"alpha", 0.7}}, {4, 6}},
      {"softplus", {{"beta", 2}}, {3, 4, 5}},
      {"leaky_relu", {{"alpha", 0.1}}, {6, 5}},
      {"selu", {}, {3, 3, 3, 3}},
      {"softsign", {}, {4, 4}},
  };
  const Dataset data = small_moons();
  for (const Case& c : cases) {
    MlpConfig config;
    config.activation = c.activation;
    config.params = c.params;
    config.hidden = c.hidden;
    config.learning_rate = 0.1;
    config.initial_bias = 0.1;
    config.batch_size = 8;
    config.seed = 4;
    Trainer trainer(config, data);
    trainer.step(15);
    const std::vector<double> theta = trainer.parameters();
    const std::vector<double> gradient = trainer.loss_gradient();
    ASSERT_EQ(gradient.size(), theta.size());
    const double h = 1e-5;
    double largest = 0;
    for (std::size_t k = 0; k < theta.size(); ++k) {
      std::vector<double> shifted = theta;
      shifted[k] = theta[k] + h;
      trainer.set_parameters(shifted);
      const double up = trainer.loss();
      shifted[k] = theta[k] - h;
      trainer.set_parameters(shifted);
      const double down = trainer.loss();
      const double numeric = (up - down) / (2 * h);
      EXPECT_NEAR(gradient[k], numeric, 1e-8 + 1e-6 * std::fabs(numeric))
          << c.activation << " parameter " << k;
      largest = std::max(largest, std::fabs(gradient[k]));
    }
    EXPECT_GT(largest, 1e-3) << c.activation << ": a vanishing gradient would pass trivially";
    trainer.set_parameters(theta);
  }
}

TEST(Mlp, SameSeedSameTrainingOtherSeedOtherTraining) {
  const Dataset data = small_moons();
  MlpConfig config;
  config.seed = 12;
  Trainer a(config, data), b(config, data);
  a.step(40);
  b.step(40);
  EXPECT_EQ(a.parameters(), b.parameters());
  config.seed = 13;
  Trainer c(config, data);
  c.step(40);
  EXPECT_NE(a.parameters(), c.parameters());
}

// The page trains a few batches per frame: any slicing gives the same network.
TEST(Mlp, TrainingInSlicesEqualsTrainingAtOnce) {
  const Dataset data = small_moons(50);
  MlpConfig config;
  config.batch_size = 8;  // 50 points: six batches of 8 and one of 2 per epoch
  Trainer whole(config, data), sliced(config, data);
  EXPECT_EQ(whole.batches_per_epoch(), 7u);
  whole.step(20);
  sliced.step(3);
  sliced.step(0);
  sliced.step(4);
  EXPECT_EQ(sliced.epoch(), 1u);
  EXPECT_EQ(sliced.samples_seen(), 50u);
  sliced.step(13);
  EXPECT_EQ(whole.parameters(), sliced.parameters());
  EXPECT_EQ(whole.epoch(), 2u);
  EXPECT_EQ(whole.samples_seen(), 2 * 50u + 6 * 8u);
}

// All-zero parameters give logit 0 everywhere: loss ln 2, p = 1/2 (counted as class 1), so accuracy
// is the share of class 1.
TEST(Mlp, LossAndAccuracyFollowTheirDefinitions) {
  const Dataset data = small_moons(40);
  Trainer trainer(MlpConfig{}, data);
  trainer.set_parameters(std::vector<double>(trainer.parameters().size(), 0.0));
  EXPECT_NEAR(trainer.loss(), std::log(2.0), 1e-15);
  EXPECT_EQ(trainer.accuracy(), 0.5);
  EXPECT_EQ(trainer.predict(0.3, -0.2), 0.5);
}

// A logit of 1000 must give a loss of 1000 on class 0, not infinity: the loss is softplus(+-logit).
TEST(Mlp, LossIsStableForHugeLogits) {
  const Dataset data = small_moons(40);
  Trainer trainer(MlpConfig{}, data);
  std::vector<double> theta(trainer.parameters().size(), 0.0);
  theta.back() = 1000;  // the output bias
  trainer.set_parameters(theta);
  EXPECT_NEAR(trainer.loss(), 0.5 * 1000, 1e-9);
  EXPECT_EQ(trainer.predict(0, 0), 1.0);
}

// One hidden layer of three ReLU units set by hand: weights (0, 0) and bias -1 (z = -1 everywhere:
// dead), bias +1 (alive), weights (1, 0) and bias 0 (alive where x > 0).
TEST(Mlp, DeadAndInactiveUnitsAreCountedExactly) {
  const Dataset data = small_moons(40);
  MlpConfig config;
  config.hidden = {3};
  // Layout: 3x2 weights, 3 biases, then 1x3 output weights and the output bias.
  const std::vector<double> theta = {0, 0, 0, 0, 1, 0, -1, 1, 0, 0.5, 0.5, 0.5, 0};
  for (const char* id : {"relu", "leaky_relu"}) {
    config.activation = id;
    Trainer trainer(config, data);
    trainer.set_parameters(theta);
    const bool relu = std::string(id) == "relu";
    EXPECT_EQ(trainer.dead_fraction_per_layer(), std::vector<double>{relu ? 1.0 / 3 : 0.0}) << id;
    EXPECT_EQ(trainer.inactive_fraction_per_layer(), std::vector<double>{1.0 / 3}) << id;
    EXPECT_EQ(trainer.dead_fraction(), relu ? 1.0 / 3 : 0.0);
  }
}

// What "dead" means: a dead first-layer unit's weights and bias never change again, while a Leaky ReLU
// unit in the same place does change.
TEST(Mlp, DeadUnitsNeverChange) {
  const Dataset data = small_moons(40);
  MlpConfig config;
  config.hidden = {3};
  const std::vector<double> theta = {0, 0, 0, 0, 1, 0, -1, 1, 0, 0.5, 0.5, 0.5, 0};
  for (const char* id : {"relu", "leaky_relu"}) {
    config.activation = id;
    Trainer trainer(config, data);
    trainer.set_parameters(theta);
    trainer.step(200);
    const std::vector<double>& after = trainer.parameters();
    const bool unchanged = after[0] == 0 && after[1] == 0 && after[6] == -1;
    EXPECT_EQ(unchanged, std::string(id) == "relu") << id;
  }
}

TEST(Mlp, GridPredictionsAreRowMajorFromTheFirstCorner) {
  const Dataset data = small_moons(40);
  Trainer trainer(MlpConfig{}, data);
  trainer.step(10);
  const std::vector<double> grid = trainer.grid_predictions(3, 2, -1, 1, -0.5, 0.5);
  ASSERT_EQ(grid.size(), 6u);
  for (std::size_t j = 0; j < 2; ++j)
    for (std::size_t i = 0; i < 3; ++i)
      EXPECT_EQ(grid[j * 3 + i], trainer.predict(-1.0 + 1.0 * i, -0.5 + 1.0 * j));
  EXPECT_EQ(trainer.grid_predictions(1, 1, 0.25, 9, -0.75, 9)[0], trainer.predict(0.25, -0.75));
  EXPECT_THROW(trainer.grid_predictions(0, 5, 0, 1, 0, 1), std::invalid_argument);
  EXPECT_THROW(trainer.grid_predictions(5, 1001, 0, 1, 0, 1), std::invalid_argument);
  EXPECT_THROW(trainer.grid_predictions(5, 5, 0, NAN, 0, 1), std::invalid_argument);
}

TEST(Mlp, DivergenceIsReported) {
  const Dataset data = small_moons(40);
  Trainer trainer(MlpConfig{}, data);
  EXPECT_FALSE(trainer.diverged());
  std::vector<double> theta = trainer.parameters();
  theta[0] = std::numeric_limits<double>::infinity();
  trainer.set_parameters(theta);
  EXPECT_TRUE(trainer.diverged());
  EXPECT_THROW(trainer.set_parameters({1, 2}), std::invalid_argument);
}

TEST(Mlp, ConfigErrorsNameTheProblem) {
  const Dataset data = small_moons(40);
  struct Case {
    void (*change)(MlpConfig&, Dataset&);
    std::string expected;
  };
  const std::vector<Case> cases = {
      {[](MlpConfig& c, Dataset&) { c.hidden = {}; }, "the number of hidden layers must be from 1 to 4, not 0"},
      {[](MlpConfig& c, Dataset&) { c.hidden = {2, 2, 2, 2, 2}; }, "the number of hidden layers must be from 1 to 4, not 5"},
      {[](MlpConfig& c, Dataset&) { c.hidden = {4, 17}; }, "the units per layer must be from 1 to 16, not 17"},
      {[](MlpConfig& c, Dataset&) { c.hidden = {0}; }, "the units per layer must be from 1 to 16, not 0"},
      {[](MlpConfig& c, Dataset&) { c.learning_rate = 0; }, "the learning rate must be from 0.000001 to 10, not 0"},
      {[](MlpConfig& c, Dataset&) { c.learning_rate = NAN; }, "the learning rate must be from 0.000001 to 10, not NaN"},
      {[](MlpConfig& c, Dataset&) { c.initial_bias = -11; }, "the initial bias must be from \xE2\x88\x92" "10 to 10, not \xE2\x88\x92" "11"},
      {[](MlpConfig& c, Dataset&) { c.batch_size = 0; }, "the batch size must be from 1 to 500, not 0"},
      {[](MlpConfig& c, Dataset&) { c.batch_size = 41; }, "the batch size must be from 1 to the 40 training points, not 41"},
      {[](MlpConfig& c, Dataset&) { c.activation = "relux"; }, "unknown activation 'relux'"},
      {[](MlpConfig& c, Dataset&) { c.activation = "leaky_relu"; c.params = {{"alpha", 3}}; },
       "parameter 'alpha' of leaky_relu must be from 0 to 1, not 3"},
      {[](MlpConfig&, Dataset& d) { d.label[3] = 2; }, "the label of training point 3 must be 0 or 1, not 2"},
      {[](MlpConfig&, Dataset& d) { d.y[5] = NAN; }, "training point 5 is not finite"},
      {[](MlpConfig&, Dataset& d) { d.y.pop_back(); }, "the training set's x, y and label lists differ in length"},
      {[](MlpConfig&, Dataset& d) { d = Dataset{}; }, "the training set is empty"},
  };
  for (const Case& c : cases) {
    MlpConfig config;
    Dataset d = data;
    c.change(config, d);
    const std::string message = error_of(config, d);
    EXPECT_EQ(message.substr(0, c.expected.size()), c.expected);
  }
}

// Each preset, trained for its epochs, lands in the bounds its table row states.
TEST(LabPresets, ReachTheirStatedOutcome) {
  for (const actderiv::Preset& p : actderiv::presets()) {
    Trainer trainer(p.config, actderiv::preset_dataset(p));
    trainer.step(p.epochs * trainer.batches_per_epoch());
    EXPECT_EQ(trainer.epoch(), p.epochs);
    EXPECT_FALSE(trainer.diverged()) << p.id;
    const double dead = trainer.dead_fraction(), inactive = trainer.inactive_fraction(), loss = trainer.loss();
    std::cout << p.id << ": dead " << dead << ", inactive " << inactive << ", loss " << loss
              << ", accuracy " << trainer.accuracy() << "\n";
    EXPECT_GE(dead, p.dead.min) << p.id;
    EXPECT_LE(dead, p.dead.max) << p.id;
    EXPECT_GE(inactive, p.inactive.min) << p.id;
    EXPECT_LE(inactive, p.inactive.max) << p.id;
    EXPECT_GE(loss, p.loss.min) << p.id;
    EXPECT_LE(loss, p.loss.max) << p.id;
  }
}

// A comparison is honest only if the two presets differ in one setting: the activation (with its
// parameters), or one training setting.
TEST(LabPresets, PairsDifferInOneSetting) {
  for (const actderiv::Preset& p : actderiv::presets()) {
    if (p.compare_with.empty()) continue;
    const actderiv::Preset& q = actderiv::find_preset(p.compare_with);
    EXPECT_EQ(q.compare_with, p.id);
    EXPECT_EQ(p.dataset, q.dataset);
    EXPECT_EQ(p.points, q.points);
    EXPECT_EQ(p.noise, q.noise);
    EXPECT_EQ(p.data_seed, q.data_seed);
    EXPECT_EQ(p.epochs, q.epochs);
    EXPECT_EQ(p.config.seed, q.config.seed);
    EXPECT_EQ(p.config.hidden, q.config.hidden);
    const int differences = (p.config.activation != q.config.activation || p.config.params != q.config.params) +
                            (p.config.learning_rate != q.config.learning_rate) +
                            (p.config.initial_bias != q.config.initial_bias) +
                            (p.config.batch_size != q.config.batch_size);
    EXPECT_EQ(differences, 1) << p.id << " vs " << q.id;
  }
}

// Each pair's claim holds for every seed from 1 to 16, not only the preset's: the effect is the settings',
// not a lucky draw. The dying pair: ReLU loses most units and learns less; Leaky ReLU from the same start
// has none dead, fewer units on the negative side than it started with (they recovered), and a lower loss.
TEST(LabPresets, EffectsHoldForEverySeed) {
  struct Outcome {
    double dead, inactive, inactive_at_start, loss;
  };
  struct Claim {
    std::string first, second;
    bool (*holds)(const Outcome& first, const Outcome& second);
  };
  const std::vector<Claim> claims = {
      {"relu_dies", "leaky_survives",
       [](const Outcome& relu, const Outcome& leaky) {
         return relu.dead >= 0.7 && leaky.dead == 0 && leaky.inactive <= leaky.inactive_at_start - 0.1 &&
                leaky.loss < relu.loss;
       }},
      {"relu_dies_fast", "relu_lives_slow",
       [](const Outcome& fast, const Outcome& slow) {
         return fast.dead >= 0.5 && slow.dead <= 0.15 && slow.loss < fast.loss;
       }},
      {"sigmoid_vanishes", "tanh_learns",
       [](const Outcome& sigmoid, const Outcome& tanh) { return sigmoid.loss >= 0.35 && tanh.loss < sigmoid.loss; }},
  };
  const auto train = [](const actderiv::Preset& p, std::uint32_t seed) {
    MlpConfig config = p.config;
    config.seed = seed;
    Trainer trainer(config, actderiv::preset_dataset(p));
    const double inactive_at_start = trainer.inactive_fraction();
    trainer.step(p.epochs * trainer.batches_per_epoch());
    return Outcome{trainer.dead_fraction(), trainer.inactive_fraction(), inactive_at_start, trainer.loss()};
  };
  for (const Claim& claim : claims) {
    const actderiv::Preset& first = actderiv::find_preset(claim.first);
    const actderiv::Preset& second = actderiv::find_preset(claim.second);
    ASSERT_EQ(first.compare_with, second.id);
    for (std::uint32_t seed = 1; seed <= 16; ++seed) {
      const Outcome a = train(first, seed), b = train(second, seed);
      EXPECT_TRUE(claim.holds(a, b)) << claim.first << " vs " << claim.second << ", seed " << seed << ": dead "
                                     << a.dead << " / " << b.dead << ", inactive " << a.inactive << " / "
                                     << b.inactive << " (from " << b.inactive_at_start << "), loss " << a.loss
                                     << " / " << b.loss;
    }
  }
}

TEST(LabPresets, UnknownPresetIsNamed) {
  try {
    actderiv::find_preset("relu_lives_forever");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("unknown preset 'relu_lives_forever' (known: relu_dies,"), std::string::npos);
  }
}

}  // namespace
