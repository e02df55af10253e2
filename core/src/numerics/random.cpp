// xoshiro256** with splitmix64 seeding, and the samplers built on it. Only integer operations and
// correctly rounded IEEE operations are used (no C-library log), so every platform gives the same
// bits, provided floating-point contraction is off (core/CMakeLists.txt sets -ffp-contract=off).
#include "actderiv/numerics/random.h"

#include <cmath>

namespace actderiv {

namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// ln x for finite x > 0, within a few ULP. Written out because C libraries' log may differ in the
// last bit, and one bit here changes every normal sample downstream.
double portable_log(double x) {
  int exponent = 0;
  double m = std::frexp(x, &exponent);  // exact: x = m 2^exponent, m in [1/2, 1)
  if (m < 0.70710678118654752) {
    m *= 2;
    --exponent;
  }
  // ln m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) with |s| <= 0.172, so terms to s^21 reach 1e-17.
  // The coefficients 1/21, 1/19, ..., 1/1 are folded at compile time, to the same correctly rounded bits.
  constexpr double kInverseOdd[] = {1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15, 1.0 / 13, 1.0 / 11,
                                    1.0 / 9,  1.0 / 7,  1.0 / 5,  1.0 / 3,  1.0};
  const double s = (m - 1) / (m + 1);
  const double s2 = s * s;
  double series = 0;
  for (double c : kInverseOdd) series = series * s2 + c;
  return exponent * 0.69314718055994531 + 2 * s * series;
}

}  // namespace

Rng::Rng(std::uint64_t seed) {
  // splitmix64 never yields four zero words in a row, the one state xoshiro cannot leave.
  for (auto& word : state_) word = splitmix64(seed);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

std::uint64_t Rng::below(std::uint64_t n) {
  // Reject the lowest 2^64 mod n values so that every residue is equally likely.
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t x = next();
    if (x >= threshold) return x % n;
  }
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // The polar method needs no sin or cos, only a logarithm.
  double u, v, s;
  do {
    u = 2 * uniform() - 1;
    v = 2 * uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const double factor = std::sqrt(-2 * portable_log(s) / s);
  spare_ = v * factor;
  has_spare_ = true;
  return u * factor;
}

double Rng::normal(double mean, double spread) { return mean + spread * normal(); }

void shuffle(std::size_t* items, std::size_t n, Rng& rng) {
  for (std::size_t i = n; i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(rng.below(i));
    const std::size_t t = items[i - 1];
    items[i - 1] = items[j];
    items[j] = t;
  }
}

}  // namespace actderiv
