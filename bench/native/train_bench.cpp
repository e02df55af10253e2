// Native training throughput of actderiv::Trainer for bench/train-js.mjs's comparison: a 2-16-16-1
// network on 500 two-moons points (noise 0.1, seed 1), batch size 32, learning rate 0.05.
// Build: a target beside batch_bench in bench/native/CMakeLists.txt (add_executable(train_bench
// train_bench.cpp), linked to actderiv_core), or g++ -std=c++17 -O3 -Icore/include
// bench/native/train_bench.cpp build-labs/core/libactderiv_core.a -o train_bench.
// Usage: train_bench EPOCHS REPEATS ID... Prints one JSON object:
// {"network": "2-16-16-1", "points": 500, "batch": 32, "epochs": E,
//  "results": {"<id>": {"samples_per_s": [...], "loss": L}}}.
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "actderiv/labs/datasets.h"
#include "actderiv/labs/mlp.h"

namespace {

// Samples per second of each of `repeats` runs of `epochs` epochs from a fresh network, after one
// untimed warm-up run; `loss` receives the final training loss, for a sanity check.
std::vector<double> time_training(const char* id, std::size_t epochs, int repeats, double& loss) {
  const actderiv::Dataset data = actderiv::generate_dataset("moons", 500, 0.1, 1);
  actderiv::MlpConfig config;
  config.activation = id;
  config.hidden = {16, 16};
  config.learning_rate = 0.05;
  config.batch_size = 32;
  config.seed = 1;
  std::vector<double> rates;
  for (int r = -1; r < repeats; ++r) {
    actderiv::Trainer trainer(config, data);
    const std::size_t batches = epochs * trainer.batches_per_epoch();
    const auto start = std::chrono::steady_clock::now();
    trainer.step(batches);
    const auto stop = std::chrono::steady_clock::now();
    loss = trainer.loss();
    if (r >= 0)
      rates.push_back(static_cast<double>(trainer.samples_seen()) /
                      std::chrono::duration<double>(stop - start).count());
  }
  return rates;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s EPOCHS REPEATS ID...\n", argv[0]);
    return 2;
  }
  const std::size_t epochs = std::strtoull(argv[1], nullptr, 10);
  const int repeats = std::atoi(argv[2]);
  std::printf("{\"network\": \"2-16-16-1\", \"points\": 500, \"batch\": 32, \"epochs\": %zu, \"results\": {",
              epochs);
  for (int a = 3; a < argc; ++a) {
    double loss = 0;
    const std::vector<double> rates = time_training(argv[a], epochs, repeats, loss);
    std::printf("%s\"%s\": {\"samples_per_s\": [", a == 3 ? "" : ", ", argv[a]);
    for (std::size_t i = 0; i < rates.size(); ++i) std::printf("%s%.0f", i ? ", " : "", rates[i]);
    std::printf("], \"loss\": %.6g}", loss);
  }
  std::printf("}}\n");
  return 0;
}
