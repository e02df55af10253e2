// The toy data sets: one generator per kind in a table, each placing a point of a given class from
// the shared random stream; noise is added afterwards, the same way for every kind.
#include "actderiv/labs/datasets.h"

#include <cmath>
#include <stdexcept>

#include "actderiv/labs/limits.h"
#include "actderiv/numerics/random.h"
#include "text/format.h"

namespace actderiv {

namespace {

constexpr double kPi = 3.14159265358979312;

struct Point {
  double x;
  double y;
};

// (cos a, sin a) for |a| <= 64, within about 1e-15. Written out because C libraries' sin and cos
// may differ in the last bit, and the data sets must be the same native and in WebAssembly.
Point unit_vector(double a) {
  const double k = std::floor(a * (2 / kPi) + 0.5);
  const double r = a - k * (kPi / 2);  // |r| <= pi/4, where Taylor series to r^17 reach 1e-19
  const double r2 = r * r;
  double sin_r = 1, cos_r = 1;  // Horner form: r (1 - r^2/(2*3) (1 - r^2/(4*5) (...))) and likewise
  for (int n = 17; n >= 3; n -= 2) sin_r = 1 - r2 / (n * (n - 1)) * sin_r;
  for (int n = 16; n >= 2; n -= 2) cos_r = 1 - r2 / (n * (n - 1)) * cos_r;
  const double s = r * sin_r, c = cos_r;
  switch (static_cast<long>(k) & 3) {
    case 0: return {c, s};
    case 1: return {-s, c};
    case 2: return {-c, -s};
    default: return {s, -c};
  }
}

// Two interleaved half circles (scikit-learn's make_moons), centred on the origin.
Point moon(int label, Rng& rng) {
  const Point u = unit_vector(kPi * rng.uniform());
  if (label == 0) return {u.x - 0.5, u.y - 0.25};
  return {0.5 - u.x, 0.25 - u.y};
}

// A ring of radius 0.6 (label 1) inside a ring of radius 1.3 (label 0).
Point circle(int label, Rng& rng) {
  const double radius = label == 1 ? 0.6 : 1.3;
  const Point u = unit_vector(2 * kPi * rng.uniform());
  return {radius * u.x, radius * u.y};
}

// Uniform in the four quadrants of [-1.5, 1.5]^2, kept 0.1 off the axes; label 1 where the signs differ.
Point xor_quadrant(int label, Rng& rng) {
  const double sx = rng.uniform() < 0.5 ? -1 : 1;
  const double sy = label == 1 ? -sx : sx;
  return {sx * rng.uniform(0.1, 1.5), sy * rng.uniform(0.1, 1.5)};
}

// Two arms of an Archimedean spiral, 1.75 turns each, the second the first turned by pi.
Point spiral(int label, Rng& rng) {
  const double t = rng.uniform();
  const Point u = unit_vector(1.75 * 2 * kPi * t + (label == 1 ? kPi : 0));
  const double radius = 1.4 * t;
  return {radius * u.x, radius * u.y};
}

struct Generator {
  DatasetKind kind;
  Point (*place)(int label, Rng& rng);
};

const std::vector<Generator>& generators() {
  static const std::vector<Generator> table = {
      {{"moons", "Two moons"}, moon},
      {{"circles", "Circles"}, circle},
      {{"xor", "XOR"}, xor_quadrant},
      {{"spiral", "Spiral"}, spiral},
  };
  return table;
}

}  // namespace

const std::vector<DatasetKind>& dataset_kinds() {
  static const std::vector<DatasetKind> kinds = [] {
    std::vector<DatasetKind> out;
    for (const auto& g : generators()) out.push_back(g.kind);
    return out;
  }();
  return kinds;
}

Dataset generate_dataset(const std::string& kind, std::size_t n, double noise, std::uint32_t seed) {
  const Generator* generator = nullptr;
  for (const auto& g : generators())
    if (g.kind.id == kind) generator = &g;
  if (generator == nullptr) {
    std::vector<std::string> known;
    for (const auto& g : generators()) known.push_back(g.kind.id);
    throw std::invalid_argument(format::unknown_id("data set", kind, known));
  }
  check_limit(limit(training_limits(), "n"), static_cast<double>(n));
  check_limit(limit(training_limits(), "noise"), noise);

  Rng rng(seed);
  Dataset data;
  data.x.resize(n);
  data.y.resize(n);
  data.label.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int label = static_cast<int>(i % 2);
    const Point p = generator->place(label, rng);
    data.x[i] = p.x + noise * rng.normal();
    data.y[i] = p.y + noise * rng.normal();
    data.label[i] = label;
  }
  return data;
}

}  // namespace actderiv
