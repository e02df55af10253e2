// A small deterministic random number generator, for the labs and the seeded exercises: the same seed
// gives the same stream on every platform (native and WebAssembly), unlike the standard library's
// distributions, whose algorithms vary by library.
#pragma once

#include <cstddef>
#include <cstdint>

namespace actderiv {

// xoshiro256** (Blackman & Vigna, 2018), its state filled from the seed by splitmix64.
class Rng {
 public:
  // The stream for `seed`; every seed, 0 included, gives a valid state.
  explicit Rng(std::uint64_t seed);

  // The next 64 random bits.
  std::uint64_t next();

  // Uniform on [0, 1), a multiple of 2^-53.
  double uniform();

  // Uniform on [lo, hi).
  double uniform(double lo, double hi);

  // Uniform integer in [0, n) without modulo bias; n must be at least 1.
  std::uint64_t below(std::uint64_t n);

  // Standard normal, by Marsaglia's polar method (the second value of each pair is kept for the next call).
  double normal();

  // Normal with this mean and standard deviation (spread >= 0; spread 0 gives the mean).
  double normal(double mean, double spread);

 private:
  std::uint64_t state_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

// Fisher-Yates shuffle of items[0..n) drawing from `rng`.
void shuffle(std::size_t* items, std::size_t n, Rng& rng);

}  // namespace actderiv
