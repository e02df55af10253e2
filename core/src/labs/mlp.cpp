// The perceptron's forward pass, backpropagation and minibatch SGD, with every buffer sized once.
#include "actderiv/labs/mlp.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "actderiv/labs/limits.h"
#include "actderiv/numerics/numerics.h"

namespace actderiv {

namespace {

constexpr std::size_t kMaxHidden = kMaxHiddenLayers;
constexpr std::size_t kMaxWidth = kMaxLayerWidth;
constexpr std::size_t kMaxGrid = 1000;

void validate(const MlpConfig& c, const Dataset& data) {
  const std::size_t n = data.x.size();
  if (n == 0) throw std::invalid_argument("the training set is empty");
  if (data.y.size() != n || data.label.size() != n)
    throw std::invalid_argument("the training set's x, y and label lists differ in length");
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(data.x[i]) || !std::isfinite(data.y[i]))
      throw std::invalid_argument("training point " + std::to_string(i) + " is not finite");
    if (data.label[i] != 0 && data.label[i] != 1)
      throw std::invalid_argument("the label of training point " + std::to_string(i) +
                                  " must be 0 or 1, not " + std::to_string(data.label[i]));
  }
  const auto& limits = training_limits();
  check_limit(limit(limits, "layers"), static_cast<double>(c.hidden.size()));
  for (std::size_t width : c.hidden) check_limit(limit(limits, "width"), static_cast<double>(width));
  check_limit(limit(limits, "lr"), c.learning_rate);
  check_limit(limit(limits, "bias"), c.initial_bias);
  check_limit(limit(limits, "batch"), static_cast<double>(c.batch_size));
  if (c.batch_size > n)
    throw std::invalid_argument("the batch size must be from 1 to the " + std::to_string(n) +
                                " training points, not " + std::to_string(c.batch_size));
}

// The three kernels of a layer. Their pointers are __restrict (the buffers never overlap) so that the
// compiler keeps values in registers and vectorises without run-time overlap checks, which on these
// short rows cost a third of the speed in WebAssembly.

// z = bias + W x, with W stored input by input (columns[i * n_out + j] = W[j][i]): the n_out sums are
// independent chains the compiler vectorises, each still adding the bias, then inputs 0, 1, ... in order.
void affine(const double* __restrict columns, const double* __restrict bias, const double* __restrict x,
            std::size_t n_in, std::size_t n_out, double* __restrict z) {
  for (std::size_t j = 0; j < n_out; ++j) z[j] = bias[j];
  for (std::size_t i = 0; i < n_in; ++i) {
    const double xi = x[i];
    const double* __restrict column = columns + i * n_out;
    for (std::size_t j = 0; j < n_out; ++j) z[j] += column[j] * xi;
  }
}

// g += delta x^T for the row-major n_out-by-n_in weight gradient g: d loss / d W[j][i] = delta[j] x[i].
void add_outer(const double* __restrict delta, const double* __restrict x, std::size_t n_out,
               std::size_t n_in, double* __restrict g) {
  for (std::size_t j = 0; j < n_out; ++j) {
    const double dj = delta[j];
    double* __restrict row = g + j * n_in;
    for (std::size_t i = 0; i < n_in; ++i) row[i] += dj * x[i];
  }
}

// below = (W^T delta) * slope elementwise, the signal for the layer beneath, with W row-major
// n_out-by-n_in, accumulated output by output over contiguous rows.
void back_through(const double* __restrict rows, const double* __restrict delta,
                  const double* __restrict slope, std::size_t n_out, std::size_t n_in,
                  double* __restrict below) {
  for (std::size_t i = 0; i < n_in; ++i) below[i] = 0;
  for (std::size_t j = 0; j < n_out; ++j) {
    const double dj = delta[j];
    const double* __restrict row = rows + j * n_in;
    for (std::size_t i = 0; i < n_in; ++i) below[i] += row[i] * dj;
  }
  for (std::size_t i = 0; i < n_in; ++i) below[i] *= slope[i];
}

}  // namespace

// Activations of one example: a[0] is the input, a[l + 1] hidden layer l's output; z[l] holds layer l's
// pre-activations (the output layer's logit last) and d[l] hidden layer l's g'(z); delta is the
// backward signal of the layer being processed.
struct Trainer::Workspace {
  double a[kMaxHidden + 1][kMaxWidth];
  double z[kMaxHidden + 1][kMaxWidth];
  double d[kMaxHidden][kMaxWidth];
  double delta[kMaxWidth];
  double delta_below[kMaxWidth];
};

Trainer::Trainer(const MlpConfig& config, const Dataset& data)
    : rng_(config.seed) {
  validate(config, data);
  activation_ = &find_activation(config.activation);
  params_ = resolve_params(*activation_, config.params);
  learning_rate_ = config.learning_rate;
  batch_size_ = config.batch_size;
  x_ = data.x;
  y_ = data.y;
  target_.assign(data.label.begin(), data.label.end());

  std::size_t in = 2, offset = 0;
  for (std::size_t l = 0; l <= config.hidden.size(); ++l) {
    const std::size_t out = l < config.hidden.size() ? config.hidden[l] : 1;
    layers_.push_back(Layer{in, out, offset, offset + out * in});
    offset += out * in + out;
    in = out;
  }
  theta_.assign(offset, 0.0);
  grad_.assign(offset, 0.0);
  by_input_.assign(offset, 0.0);
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const Layer& layer = layers_[l];
    const bool output = l + 1 == layers_.size();
    const double fan_in = static_cast<double>(layer.in);
    const double spread = std::sqrt(output ? 2 / (fan_in + 1) : 2 / fan_in);
    for (std::size_t k = 0; k < layer.out * layer.in; ++k) theta_[layer.weights + k] = spread * rng_.normal();
    for (std::size_t j = 0; j < layer.out; ++j) theta_[layer.biases + j] = output ? 0 : config.initial_bias;
  }
  refresh_by_input();
  order_.resize(x_.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  shuffle(order_.data(), order_.size(), rng_);
  stats_.dead.resize(config.hidden.size());
  stats_.inactive.resize(config.hidden.size());
}

void Trainer::refresh_by_input() {
  for (const Layer& layer : layers_)
    for (std::size_t j = 0; j < layer.out; ++j)
      for (std::size_t i = 0; i < layer.in; ++i)
        by_input_[layer.weights + i * layer.out + j] = theta_[layer.weights + j * layer.in + i];
}

// Kept out of step() ([[gnu::noinline]] here and on backward()): inlined there, the training loop
// runs about 15% slower in WebAssembly.
[[gnu::noinline]] double Trainer::forward(double x, double y, Workspace& w) const {
  w.a[0][0] = x;
  w.a[0][1] = y;
  const ScalarFn value = activation_->value, derivative = activation_->derivative;
  const double* p = params_.data();
  const std::size_t hidden = layers_.size() - 1;
  for (std::size_t l = 0; l <= hidden; ++l) {
    const Layer& layer = layers_[l];
    affine(&by_input_[layer.weights], &theta_[layer.biases], w.a[l], layer.in, layer.out, w.z[l]);
    if (l == hidden) break;
    // A vectorised kernel (batch.h) does the whole layer at once where the activation has one.
    if (activation_->batch) {
      activation_->batch(w.z[l], layer.out, p, w.a[l + 1], w.d[l]);
      continue;
    }
    // Otherwise unit by unit rather than through evaluate(): a loop in this function keeps the two
    // function pointers in registers, about 15% faster in WebAssembly than a call per layer.
    for (std::size_t j = 0; j < layer.out; ++j) {
      w.a[l + 1][j] = value(w.z[l][j], p);
      w.d[l][j] = derivative(w.z[l][j], p);
    }
  }
  return w.z[hidden][0];
}

[[gnu::noinline]] void Trainer::backward(Workspace& w, double dlogit, double* grad) const {
  double* delta = w.delta;
  double* below = w.delta_below;
  delta[0] = dlogit;
  for (std::size_t l = layers_.size(); l-- > 0;) {
    const Layer& layer = layers_[l];
    add_outer(delta, w.a[l], layer.out, layer.in, grad + layer.weights);
    for (std::size_t j = 0; j < layer.out; ++j) grad[layer.biases + j] += delta[j];
    if (l == 0) break;
    back_through(&theta_[layer.weights], delta, w.d[l - 1], layer.out, layer.in, below);
    std::swap(delta, below);
  }
}

void Trainer::step(std::size_t batches) {
  Workspace w;
  const std::size_t n = order_.size();
  const std::size_t size = theta_.size();
  double* theta = theta_.data();
  double* grad = grad_.data();
  for (std::size_t b = 0; b < batches; ++b) {
    const std::size_t count = std::min(batch_size_, n - position_);
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t i = order_[position_ + k];
      // d/dlogit of softplus(+-logit), the cross-entropy of a sigmoid output, is sigmoid(logit) - target.
      backward(w, sigmoid(forward(x_[i], y_[i], w)) - target_[i], grad);
    }
    const double scale = learning_rate_ / static_cast<double>(count);
    for (std::size_t k = 0; k < size; ++k) {
      theta[k] -= scale * grad[k];
      grad[k] = 0;
    }
    refresh_by_input();
    position_ += count;
    samples_seen_ += count;
    if (position_ == n) {
      position_ = 0;
      ++epoch_;
      shuffle(order_.data(), n, rng_);
    }
  }
  if (batches > 0) stats_.fresh = false;
}

std::size_t Trainer::batches_per_epoch() const { return (order_.size() + batch_size_ - 1) / batch_size_; }

const Trainer::Stats& Trainer::stats() const {
  if (stats_.fresh) return stats_;
  Workspace w;
  const std::size_t hidden = layers_.size() - 1;
  bool alive[kMaxHidden][kMaxWidth] = {};
  bool active[kMaxHidden][kMaxWidth] = {};
  double loss = 0;
  std::size_t correct = 0;
  for (std::size_t i = 0; i < x_.size(); ++i) {
    const double logit = forward(x_[i], y_[i], w);
    const bool positive = target_[i] > 0.5;
    loss += softplus(positive ? -logit : logit);
    correct += (logit >= 0) == positive;
    for (std::size_t l = 0; l < hidden; ++l)
      for (std::size_t j = 0; j < layers_[l].out; ++j) {
        // fabs(d) > 0 is false for NaN too: a diverged unit passes no usable gradient either.
        alive[l][j] = alive[l][j] || std::fabs(w.d[l][j]) > 0;
        active[l][j] = active[l][j] || w.z[l][j] > 0;
      }
  }
  const double n = static_cast<double>(x_.size());
  stats_.loss = loss / n;
  stats_.accuracy = static_cast<double>(correct) / n;
  std::size_t dead_all = 0, inactive_all = 0, units = 0;
  for (std::size_t l = 0; l < hidden; ++l) {
    std::size_t dead = 0, inactive = 0;
    for (std::size_t j = 0; j < layers_[l].out; ++j) {
      dead += !alive[l][j];
      inactive += !active[l][j];
    }
    stats_.dead[l] = static_cast<double>(dead) / static_cast<double>(layers_[l].out);
    stats_.inactive[l] = static_cast<double>(inactive) / static_cast<double>(layers_[l].out);
    dead_all += dead;
    inactive_all += inactive;
    units += layers_[l].out;
  }
  stats_.dead_all = static_cast<double>(dead_all) / static_cast<double>(units);
  stats_.inactive_all = static_cast<double>(inactive_all) / static_cast<double>(units);
  stats_.fresh = true;
  return stats_;
}

double Trainer::loss() const { return stats().loss; }

double Trainer::accuracy() const { return stats().accuracy; }

std::vector<double> Trainer::dead_fraction_per_layer() const { return stats().dead; }

std::vector<double> Trainer::inactive_fraction_per_layer() const { return stats().inactive; }

double Trainer::dead_fraction() const { return stats().dead_all; }

double Trainer::inactive_fraction() const { return stats().inactive_all; }

bool Trainer::diverged() const {
  for (double t : theta_)
    if (!std::isfinite(t)) return true;
  return false;
}

double Trainer::predict(double x, double y) const {
  Workspace w;
  return sigmoid(forward(x, y, w));
}

std::vector<double> Trainer::grid_predictions(std::size_t nx, std::size_t ny, double x0, double x1,
                                              double y0, double y1) const {
  if (nx < 1 || nx > kMaxGrid || ny < 1 || ny > kMaxGrid)
    throw std::invalid_argument("the grid must be 1 to 1000 cells each way, not " + std::to_string(nx) +
                                " by " + std::to_string(ny));
  if (!std::isfinite(x0) || !std::isfinite(x1) || !std::isfinite(y0) || !std::isfinite(y1))
    throw std::invalid_argument("the grid's corners must be finite");
  std::vector<double> out(nx * ny);
  Workspace w;
  const double dx = nx > 1 ? (x1 - x0) / static_cast<double>(nx - 1) : 0;
  const double dy = ny > 1 ? (y1 - y0) / static_cast<double>(ny - 1) : 0;
  for (std::size_t j = 0; j < ny; ++j)
    for (std::size_t i = 0; i < nx; ++i)
      out[j * nx + i] = sigmoid(forward(x0 + dx * static_cast<double>(i), y0 + dy * static_cast<double>(j), w));
  return out;
}

void Trainer::set_parameters(const std::vector<double>& theta) {
  if (theta.size() != theta_.size())
    throw std::invalid_argument("the network has " + std::to_string(theta_.size()) + " parameters, not " +
                                std::to_string(theta.size()));
  theta_ = theta;
  refresh_by_input();
  stats_.fresh = false;
}

std::vector<double> Trainer::loss_gradient() const {
  std::vector<double> grad(theta_.size(), 0.0);
  Workspace w;
  for (std::size_t i = 0; i < x_.size(); ++i)
    backward(w, sigmoid(forward(x_[i], y_[i], w)) - target_[i], grad.data());
  for (double& g : grad) g /= static_cast<double>(x_.size());
  return grad;
}

}  // namespace actderiv
