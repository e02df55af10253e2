// Exercises generated from a seed (issue 16, "Another like this"): a variant of one of the tutorial's
// four activations, with nice numbers, for the student to differentiate and check_derivative to
// check. The same family and seed give the same exercise on every platform (native and WebAssembly).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "actderiv/expr/params.h"

namespace actderiv {

// One generated exercise: differentiate g(z) = target.
struct Exercise {
  std::string family;  // the tutorial activation it varies: sigmoid, tanh, relu or leaky_relu
  std::uint64_t seed = 0;
  std::string target;  // the expression in the page's typed syntax, as check_derivative takes it
  ParamValues params;  // the parameters target uses (alpha) with their values, for check_derivative
  std::string latex;   // "g(z) = ..." with the expression typeset by to_latex
  std::string text;    // "g(z) = ..." in plain text, target as to_text writes it
};

// The families make_exercise knows, in the tutorial's order.
const std::vector<std::string>& exercise_families();

// The exercise of `family` for `seed`: one of the family's templates filled with nice numbers, both
// drawn by an Rng seeded with `seed`. Throws std::invalid_argument for an unknown family, naming it
// and the known ones.
Exercise make_exercise(const std::string& family, std::uint64_t seed);

}  // namespace actderiv
