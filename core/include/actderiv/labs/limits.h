// The labs' numeric settings and their limits, written once: the core's own checks, the address
// readers and the page's controls all read these tables, so a limit and the sentence refusing a value
// outside it read the same wherever the value was given.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace actderiv {

// The network's largest shape (training_limits' layers and width): the trainer sizes its buffers by it.
constexpr std::size_t kMaxHiddenLayers = 4;
constexpr std::size_t kMaxLayerWidth = 16;

// The values one numeric setting accepts.
struct Limit {
  std::string key;   // the lab's name for it, as the address writes it after "depth." or "train.": "L"
  std::string what;  // how sentences name it, e.g. "the depth"
  double min;        // the smallest value accepted (inclusive)
  double max;        // the largest value accepted (inclusive)
  bool whole;        // whole numbers only
};

// The depth lab's (depth.h): L, the depth; mu and sd, the mean and spread of z; the samples and the
// band's quantiles, which the page fixes.
const std::vector<Limit>& depth_limits();

// The training lab's (datasets.h, mlp.h): n, noise and dseed make its data set; layers, width, lr,
// bias, batch and seed its network and training; epochs is how long the page trains.
const std::vector<Limit>& training_limits();

// The softmax section's (numerics/output.h): k, how many logits it shows; z, each logit's range; T,
// the temperature; big, the logit pushed past the overflow of e^z.
const std::vector<Limit>& softmax_limits();

// The row of `table` whose key is `key`; throws std::logic_error when there is none.
const Limit& limit(const std::vector<Limit>& table, std::string_view key);

// Why `limit` refuses `value` ("the depth must be a whole number, not 2.5", "the depth must be from 1
// to 50, not 99"), or "" when it accepts it.
std::string limit_error(const Limit& limit, double value);

// Throws std::invalid_argument with limit_error(limit, value) when `limit` refuses `value`.
void check_limit(const Limit& limit, double value);

}  // namespace actderiv
