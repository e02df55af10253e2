// The labs' limits (limits.h): one table per lab, and the one sentence for a value outside a limit.
#include "actderiv/labs/limits.h"

#include <cmath>
#include <stdexcept>

#include "text/format.h"

namespace actderiv {

namespace {

constexpr double kMaxSeed = 4294967295.0;  // seeds are 32-bit (random.h)

}  // namespace

const std::vector<Limit>& depth_limits() {
  static const std::vector<Limit> table = {
      {"L", "the depth", 1, 50, true},
      {"mu", "the mean", -5, 5, false},
      {"sd", "the spread", 0, 5, false},
      {"samples", "the number of samples", 1, 20000, true},
      {"lowerQuantile", "the lower quantile", 0, 0.5, false},
      {"upperQuantile", "the upper quantile", 0.5, 1, false},
  };
  return table;
}

const std::vector<Limit>& training_limits() {
  static const std::vector<Limit> table = {
      {"n", "the number of points", 20, 500, true},
      {"noise", "the noise", 0, 1, false},
      {"dseed", "the data seed", 0, kMaxSeed, true},
      {"layers", "the number of hidden layers", 1, kMaxHiddenLayers, true},
      {"width", "the units per layer", 1, kMaxLayerWidth, true},
      {"lr", "the learning rate", 1e-6, 10, false},
      {"bias", "the initial bias", -10, 10, false},
      // At most the largest data set: the trainer also keeps it within the points it is given.
      {"batch", "the batch size", 1, 500, true},
      {"seed", "the seed", 0, kMaxSeed, true},
      {"epochs", "the number of epochs", 1, 10000, true},
  };
  return table;
}

const std::vector<Limit>& softmax_limits() {
  static const std::vector<Limit> table = {
      {"k", "the number of logits", 2, 6, true},
      {"z", "a logit", -20, 20, false},
      {"T", "the temperature", 0.1, 10, false},
      // Past 709.78 e^z overflows: the lesson's logit goes well beyond.
      {"big", "the large logit", 0, 1000, false},
  };
  return table;
}

const Limit& limit(const std::vector<Limit>& table, std::string_view key) {
  for (const Limit& row : table)
    if (row.key == key) return row;
  throw std::logic_error("no limit is called '" + std::string(key) + "'");
}

std::string limit_error(const Limit& limit, double value) {
  // Number.isInteger: NaN and the infinities are not whole.
  if (limit.whole && !(std::isfinite(value) && std::floor(value) == value))
    return format::whole_error(limit.what, value);
  if (!(value >= limit.min && value <= limit.max)) return format::range_error(limit.what, limit.min, limit.max, value);
  return "";
}

void check_limit(const Limit& limit, double value) {
  const std::string error = limit_error(limit, value);
  if (!error.empty()) throw std::invalid_argument(error);
}

}  // namespace actderiv
