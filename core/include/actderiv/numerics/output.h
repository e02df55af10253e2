// The output layer, computed carefully: a sigmoid unit's loss against a target y (binary
// cross-entropy or half squared error) and its gradient in the logit z; softmax and its Jacobian;
// cross-entropy after softmax and its gradient. Every value is taken from the logits, never from a
// probability already rounded: log(sigmoid(z)) is -inf at z = -746, the naive softmax NaN at a
// logit of 710, and 1 - s rounds to 0 long before s reaches 1. Each result is within a few ULP of the
// correctly rounded value (tests/reference/output_generate.py), and finite wherever that is.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace actderiv {

// The most logits softmax() and softmax_cross_entropy() take (the Jacobian has k^2 entries).
constexpr std::size_t kMaxLogits = 1024;

// The losses sigmoid_loss() knows.
enum class SigmoidLoss {
  CrossEntropy,  // "bce": -y log a - (1 - y) log(1 - a), a = sigma(z)
  HalfSquared,   // "mse": (a - y)^2 / 2
};

// The loss named `name` ("bce" or "mse"); throws std::invalid_argument naming it and the known ones.
SigmoidLoss sigmoid_loss_named(const std::string& name);

struct LossAndGradient {
  double loss;
  double gradient;  // dL/dz
};

// The loss of a = sigma(z) against y and dL/dz: for cross-entropy, from the logit as
// max(z, 0) - z y + log1p(e^-|z|) (written so that nothing cancels) and a - y; for half squared
// error, (a - y)^2 / 2 and (a - y) a (1 - a), with a (1 - a) from e^-|z| and a - y in double-double. y must be a
// finite number from 0 to 1 (throws std::invalid_argument otherwise); z may be any double (±inf
// give the limits, NaN gives NaN).
LossAndGradient sigmoid_loss(SigmoidLoss loss, double z, double y);

struct Softmax {
  std::vector<double> value;     // s_i = e^{z_i / T} / sum_k e^{z_k / T}
  std::vector<double> jacobian;  // k x k, row-major: entry i k + j is ds_i/dz_j = s_i (delta_ij - s_j) / T
};

// softmax(z / T) and its Jacobian in z. Throws std::invalid_argument for no logits, more than
// kMaxLogits, a logit that is not finite, or a temperature that is not a positive finite number,
// saying which.
Softmax softmax(const std::vector<double>& logits, double temperature = 1.0);

struct CrossEntropy {
  double loss;                   // -log s_target = logsumexp(z) - z_target
  std::vector<double> gradient;  // dL/dz_j = s_j - [j = target]
};

// Cross-entropy after softmax against the class `target` (0-based; a double, so that a caller's
// number out of range is named as given). Throws std::invalid_argument as softmax() does, and for a
// target that is not a whole number from 0 to k - 1.
CrossEntropy softmax_cross_entropy(const std::vector<double>& logits, double target);

}  // namespace actderiv
