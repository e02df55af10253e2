// Named settings of the dead-neurons lab that reproduce an effect, with the outcome they are known to
// reach; tests/core/mlp_test.cpp trains each one and checks that outcome.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "actderiv/labs/mlp.h"

namespace actderiv {

// A closed interval [min, max] an outcome lands in.
struct Bounds {
  double min;
  double max;
};

// One preset: a data set, a network, how long to train, and what happens.
struct Preset {
  std::string id;            // e.g. "relu_dies"
  std::string name;          // display name
  std::string dataset;       // generate_dataset() kind
  std::size_t points;        // training points
  double noise;              // data set noise
  std::uint32_t data_seed;   // data set seed
  MlpConfig config;          // the network and its training (config.seed: weights and order)
  std::size_t epochs;        // how long the outcome below takes
  std::string compare_with;  // a preset identical but for the activation, or "" if none
  Bounds dead;               // Trainer::dead_fraction() after `epochs`
  Bounds inactive;           // Trainer::inactive_fraction() after `epochs`
  Bounds loss;               // Trainer::loss() after `epochs`
};

// All presets, in the order the page lists them.
const std::vector<Preset>& presets();

// The preset with this id; throws std::invalid_argument naming the id and the known ids.
const Preset& find_preset(const std::string& id);

// The preset's training set: generate_dataset(dataset, points, noise, data_seed).
Dataset preset_dataset(const Preset& preset);

}  // namespace actderiv
