// Timing of actderiv::evaluate (value and derivative) over n evenly spaced points, for bench/batch.mjs,
// built natively and with Emscripten (then run by Node: the WebAssembly core without the JS API).
// Usage: batch_bench N LO HI REPEATS ID... Prints one JSON object:
// {"points": N, "lo": LO, "hi": HI, "results": {"<id>": {"ms": [...]}}}, or "missing": true for an
// id the registry does not have.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/catalogue/activation.h"

namespace {

constexpr int kWarmUp = 5;  // untimed calls first; under Node they also let V8 tier the kernels up

// Milliseconds each of `repeats` calls takes, after kWarmUp untimed ones. Default parameters.
std::vector<double> time_evaluate(const actderiv::Activation& activation,
                                  const std::vector<double>& z, int repeats) {
  const std::vector<double> params = actderiv::resolve_params(activation, {});
  std::vector<double> value(z.size()), derivative(z.size());
  std::vector<double> samples;
  volatile double sink = 0;  // keeps the results observable
  for (int i = 0; i < kWarmUp + repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    actderiv::evaluate(activation, params, z.data(), z.size(), value.data(), derivative.data());
    const auto stop = std::chrono::steady_clock::now();
    sink = sink + value[z.size() / 3] + derivative[z.size() / 3];
    if (i >= kWarmUp) samples.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  return samples;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s N LO HI REPEATS ID...\n", argv[0]);
    return 2;
  }
  const std::size_t n = std::strtoull(argv[1], nullptr, 10);
  const double lo = std::strtod(argv[2], nullptr);
  const double hi = std::strtod(argv[3], nullptr);
  const int repeats = std::atoi(argv[4]);
  // The same points as bench/batch.mjs: lo + (hi - lo) * i / n.
  std::vector<double> z(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = lo + ((hi - lo) * static_cast<double>(i)) / static_cast<double>(n);

  std::printf("{\"points\": %zu, \"lo\": %.17g, \"hi\": %.17g, \"results\": {", n, lo, hi);
  for (int a = 5; a < argc; ++a) {
    std::printf("%s\"%s\": ", a == 5 ? "" : ", ", argv[a]);
    const actderiv::Activation* activation = nullptr;
    try {
      activation = &actderiv::find_activation(argv[a]);
    } catch (const std::invalid_argument&) {
      std::printf("{\"missing\": true}");
      continue;
    }
    const std::vector<double> ms = time_evaluate(*activation, z, repeats);
    std::printf("{\"ms\": [");
    for (std::size_t i = 0; i < ms.size(); ++i) std::printf("%s%.4f", i ? ", " : "", ms[i]);
    std::printf("]}");
  }
  std::printf("}}\n");
  return 0;
}
