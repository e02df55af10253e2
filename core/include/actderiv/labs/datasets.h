// Two-class toy data sets in the plane for the dead-neurons lab, generated from a seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace actderiv {

// Points (x[i], y[i]) with labels 0 or 1, all three of one length.
struct Dataset {
  std::vector<double> x;
  std::vector<double> y;
  std::vector<int> label;
};

// One kind of data set the generator knows.
struct DatasetKind {
  std::string id;    // e.g. "moons"
  std::string name;  // display name, e.g. "Two moons"
};

// The kinds generate_dataset() accepts: moons, circles, xor, spiral.
const std::vector<DatasetKind>& dataset_kinds();

// n points of `kind` within about [-1.5, 1.5]^2 before noise, point i labelled i % 2 (balanced to
// within one), each coordinate perturbed by normal noise of standard deviation `noise`. The same
// arguments give the same points on every platform. Throws std::invalid_argument, naming the problem,
// for an unknown kind, or n or noise outside its limit in training_limits() (limits.h).
Dataset generate_dataset(const std::string& kind, std::size_t n, double noise, std::uint32_t seed);

}  // namespace actderiv
