// Resolving the parameters a caller gives against a parameter table (params.h).
#include "actderiv/expr/params.h"

#include <cmath>
#include <stdexcept>

#include "text/format.h"

namespace actderiv {

std::vector<double> resolve_params(const std::vector<Param>& params, const std::string& owner,
                                   const ParamValues& given) {
  std::vector<double> values;
  for (const auto& p : params) values.push_back(p.default_value);
  for (const auto& [id, value] : given) {
    std::size_t i = 0;
    while (i < params.size() && params[i].id != id) ++i;
    if (i == params.size()) {
      std::vector<std::string> known;
      for (const auto& p : params) known.push_back(p.id);
      throw std::invalid_argument(format::unknown_id("parameter", id, known, " for " + owner));
    }
    const Param& p = params[i];
    if (!std::isfinite(value))
      throw std::invalid_argument("parameter '" + id + "' of " + owner +
                                  " must be a finite number, not " + format::number_text(value));
    if (value < p.min || value > p.max)
      throw std::invalid_argument(format::range_error("parameter '" + id + "' of " + owner, p.min, p.max, value));
    values[i] = value;
  }
  return values;
}

}  // namespace actderiv
