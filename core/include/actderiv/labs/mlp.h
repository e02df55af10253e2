// The dead-neurons lab: a small multilayer perceptron on a 2-D data set, trained in slices so the page
// can run a few batches per animation frame and show the decision region, the loss and the dead units.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "actderiv/catalogue/activation.h"
#include "actderiv/labs/datasets.h"
#include "actderiv/numerics/random.h"

namespace actderiv {

// The network and how it is trained; each number within its row of training_limits() (limits.h),
// named there by the key after it here.
struct MlpConfig {
  std::string activation = "relu";          // registry id, used by every hidden layer
  ParamValues params;                        // the activation's parameters by name; defaults for the rest
  std::vector<std::size_t> hidden = {8, 8};  // units per hidden layer (layers, width)
  double learning_rate = 0.03;               // SGD step (lr)
  double initial_bias = 0;                   // every hidden unit's starting bias (bias)
  std::size_t batch_size = 10;               // examples per step (batch), at most the number of points
  std::uint32_t seed = 1;                    // drives the initial weights and the order of examples
};

// A perceptron 2 -> hidden layers (one activation g) -> 1 sigmoid output, trained by minibatch SGD on
// the mean binary cross-entropy, computed from the logit as softplus(+-logit) (no log of a rounded
// probability). Initial weights: He-normal, N(0, 2/fan_in), in the hidden layers; Glorot-normal,
// N(0, 2/(fan_in + 1)), at the output; biases: config.initial_bias in the hidden layers, 0 at the
// output. Each epoch visits the examples in a fresh shuffled order; the last batch of an epoch takes
// what remains. Everything is determined by the config and the data. No allocation while training.
class Trainer {
 public:
  // Validates and initialises. Throws std::invalid_argument naming what is wrong: an unknown activation
  // or parameter, a value out of its range, or a malformed data set (lengths, labels, non-finite points).
  Trainer(const MlpConfig& config, const Dataset& data);

  // Trains `batches` minibatches, then returns.
  void step(std::size_t batches);

  // Completed passes over the training set.
  std::size_t epoch() const { return epoch_; }

  // Examples trained on so far, counting repeats.
  std::size_t samples_seen() const { return samples_seen_; }

  // Minibatches in one epoch: ceil(points / batch size).
  std::size_t batches_per_epoch() const;

  // Mean binary cross-entropy over the training set (natural log; ln 2 = 0.693 for a coin flip).
  double loss() const;

  // Share of training points on the right side of p = 1/2 (p = 1/2 counts as class 1).
  double accuracy() const;

  // Per hidden layer, the share of its units that are dead: g'(pre-activation) is exactly 0 on every
  // training example, so no gradient reaches the unit's weights and it can never change. Leaky ReLU
  // with alpha > 0 has no such units by definition, unless training diverged (a NaN g' counts as 0).
  std::vector<double> dead_fraction_per_layer() const;

  // Per hidden layer, the share of units whose pre-activation is <= 0 on every training example: the
  // condition that kills a ReLU unit. A Leaky ReLU unit there still passes gradient alpha and can recover.
  std::vector<double> inactive_fraction_per_layer() const;

  // The same two shares over all hidden units together.
  double dead_fraction() const;
  double inactive_fraction() const;

  // True once a weight or bias is no longer finite (the learning rate was too high); training on
  // cannot recover, and loss() is then NaN or infinite.
  bool diverged() const;

  // The predicted probability of class 1 at (x, y).
  double predict(double x, double y) const;

  // Probabilities on an nx-by-ny grid, row-major from (x0, y0): entry j*nx + i is at
  // (x0 + (x1-x0) i/(nx-1), y0 + (y1-y0) j/(ny-1)) (a single column or row sits at x0 or y0).
  // Throws std::invalid_argument unless 1 <= nx, ny <= 1000 and the corners are finite.
  std::vector<double> grid_predictions(std::size_t nx, std::size_t ny, double x0, double x1, double y0,
                                       double y1) const;

  // Every weight and bias, layer by layer (each layer's weights row-major by output unit, then its biases).
  const std::vector<double>& parameters() const { return theta_; }

  // Replaces the parameters (same length as parameters(), else std::invalid_argument).
  void set_parameters(const std::vector<double>& theta);

  // d loss() / d parameters() by backpropagation over the whole training set, in parameters() order.
  std::vector<double> loss_gradient() const;

 private:
  struct Layer {
    std::size_t in, out;      // widths
    std::size_t weights;      // offset of the out-by-in weights in theta_
    std::size_t biases;       // offset of the out biases in theta_
  };
  struct Workspace;
  struct Stats {
    bool fresh = false;
    double loss = 0, accuracy = 0;
    std::vector<double> dead, inactive;  // per hidden layer
    double dead_all = 0, inactive_all = 0;
  };

  void refresh_by_input();
  double forward(double x, double y, Workspace& w) const;
  void backward(Workspace& w, double dlogit, double* grad) const;
  const Stats& stats() const;

  std::vector<Layer> layers_;  // the hidden layers, then the output layer
  const Activation* activation_;  // an entry of the registry's table, which lives for the program
  std::vector<double> params_;
  std::vector<double> x_, y_, target_;
  double learning_rate_;
  std::size_t batch_size_;
  std::vector<double> theta_, grad_;
  std::vector<double> by_input_;  // theta_ with each layer's weights column-major, for forward()
  std::vector<std::size_t> order_;
  std::size_t position_ = 0, epoch_ = 0, samples_seen_ = 0;
  Rng rng_;
  mutable Stats stats_;  // one pass over the data serves loss, accuracy and both fractions until the next step
};

}  // namespace actderiv
