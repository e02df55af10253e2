// Parameters: the tunable constants of an activation (Leaky ReLU's alpha) or of a typed expression,
// each with a default and a range, and the values a caller gives for them by name.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace actderiv {

// A tunable parameter, e.g. Leaky ReLU's slope alpha.
struct Param {
  std::string id;        // identifier used in the API and in expressions, e.g. "alpha"
  std::string name;      // display label, e.g. "negative slope α" (from the content file)
  double default_value;  // used when the caller does not give one
  double min;            // smallest allowed value (inclusive)
  double max;            // largest allowed value (inclusive)
};

// Parameter values given by name, as a caller supplies them.
using ParamValues = std::vector<std::pair<std::string, double>>;

// The defaults of `params` overridden by `given`, in the table's order; `owner` names what they
// belong to in error messages. Throws std::invalid_argument for an unknown parameter id, a
// non-finite value, or a value outside [min, max], naming which.
std::vector<double> resolve_params(const std::vector<Param>& params, const std::string& owner,
                                   const ParamValues& given);

}  // namespace actderiv
