// Bisection on the ordering of doubles, for locating exactly where a predicate switches. Internal to
// the core: used by the lesson's facts (lesson.cpp) and the computed properties (properties.cpp).
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>

namespace actderiv {

// The double's position on the number line as an integer (+0 and -0 both 0): neighbours differ by 1.
inline std::int64_t ordinal(double x) {
  std::int64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits >= 0 ? bits : -(bits & std::numeric_limits<std::int64_t>::max());
}

// The double at an ordinal (0 gives +0).
inline double from_ordinal(std::int64_t o) {
  const std::int64_t bits = o >= 0 ? o : ((-o) | std::numeric_limits<std::int64_t>::min());
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// Two neighbouring doubles: the last at which a predicate holds and the next one, at which it does not.
struct Crossing {
  double last_in;
  double first_out;
};

// Where `inside` stops holding between `in` and `out`, given inside(in), !inside(out) and one switch
// (neither end is evaluated): bisection on the ordinals, 64 steps at most, so the answer is exact.
template <class Predicate>
Crossing bisect(double in, double out, Predicate inside) {
  std::int64_t a = ordinal(in), b = ordinal(out);
  while (a - b > 1 || b - a > 1) {
    const std::int64_t mid = a + (b - a) / 2;
    if (inside(from_ordinal(mid))) a = mid;
    else b = mid;
  }
  return {from_ordinal(a), from_ordinal(b)};
}

}  // namespace actderiv
