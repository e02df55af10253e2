// The presets of the dead-neurons lab: data, not code. The bounds are what tests/core/mlp_test.cpp
// checks each preset reaches; it also checks that each pair's claim holds for seeds 1 to 16.
#include "actderiv/labs/presets.h"

#include <stdexcept>

#include "text/format.h"

namespace actderiv {

namespace {

// Every preset trains on the same 200 two-moons points from the same seed; the two presets of a pair
// differ in one setting, so the page compares like with like. Fields: id, name, data set, points, noise, data seed,
//   {activation, params, hidden, learning rate, initial bias, batch size, seed},
//   epochs, compare with, dead, inactive, loss.
const std::vector<Preset>& table() {
  static const std::vector<Preset> rows = {
      {"relu_dies", "ReLU dies: negative initial bias", "moons", 200, 0.1, 7,
       {"relu", {}, {16, 16}, 1.0, -2.0, 10, 10}, 200, "leaky_survives",
       {0.7, 1}, {0.7, 1}, {0.65, 0.8}},
      {"leaky_survives", "Leaky ReLU survives: same bias", "moons", 200, 0.1, 7,
       {"leaky_relu", {{"alpha", 0.1}}, {16, 16}, 1.0, -2.0, 10, 10}, 200, "relu_dies",
       {0, 0}, {0, 0.7}, {0, 0.05}},
      {"relu_dies_fast", "ReLU dies: learning rate too high", "moons", 200, 0.1, 7,
       {"relu", {}, {16, 16}, 0.4, 0.0, 1, 10}, 100, "relu_lives_slow",
       {0.5, 1}, {0.5, 1}, {0.3, 0.8}},
      {"relu_lives_slow", "ReLU lives: small learning rate", "moons", 200, 0.1, 7,
       {"relu", {}, {16, 16}, 0.05, 0.0, 1, 10}, 100, "relu_dies_fast",
       {0, 0.15}, {0, 0.15}, {0, 0.01}},
      {"sigmoid_vanishes", "Sigmoid vanishes: four layers deep", "moons", 200, 0.1, 7,
       {"sigmoid", {}, {8, 8, 8, 8}, 0.1, 0.0, 10, 10}, 50, "tanh_learns",
       {0, 0}, {0, 1}, {0.6, 0.75}},
      {"tanh_learns", "Tanh learns: same depth", "moons", 200, 0.1, 7,
       {"tanh", {}, {8, 8, 8, 8}, 0.1, 0.0, 10, 10}, 50, "sigmoid_vanishes",
       {0, 0}, {0, 1}, {0, 0.1}},
  };
  return rows;
}

}  // namespace

const std::vector<Preset>& presets() { return table(); }

const Preset& find_preset(const std::string& id) {
  for (const auto& p : presets())
    if (p.id == id) return p;
  std::vector<std::string> known;
  for (const auto& p : presets()) known.push_back(p.id);
  throw std::invalid_argument(format::unknown_id("preset", id, known));
}

Dataset preset_dataset(const Preset& preset) {
  return generate_dataset(preset.dataset, preset.points, preset.noise, preset.data_seed);
}

}  // namespace actderiv
