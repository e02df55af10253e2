// How the core writes numbers and names in its sentences (internal to the core): one way to write a
// number, one way to say that an id is unknown, one way to say that a number is out of its range.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace actderiv::format {

// `value` as JavaScript's String(value) writes it: the shortest digits that read back as `value`,
// in plain or exponent form by the same rule ("0.1", "1e+21", "1e-7", "NaN", "-0" as "0").
std::string number_text(double value);

// number_text with its first '-' made a typographic minus (U+2212), as a student reads it: "−2", "1e−7".
std::string display_number(double value);

// "unknown <what> '<id>'<where> (known: a, b, c)", "(known: none)" when `known` is empty; e.g.
// unknown_id("parameter", "beta", {"alpha"}, " for leaky_relu").
std::string unknown_id(std::string_view what, std::string_view id, const std::vector<std::string>& known,
                       std::string_view where = "");

// "<what> must be from <min> to <max>, not <value>", each number by display_number.
std::string range_error(std::string_view what, double min, double max, double value);

// "<what> must be a whole number, not <value>", the number by display_number.
std::string whole_error(std::string_view what, double value);

}  // namespace actderiv::format
