#include "actderiv/numerics/output.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "actderiv/numerics/double_double.h"
#include "actderiv/numerics/numerics.h"
#include "actderiv/numerics/precise.h"
#include "text/format.h"

namespace actderiv {
namespace {

using format::display_number;

// Below this, e^x is 0 in doubles (e^-745.2 is the smallest subnormal, halved).
constexpr double kExpUnderflow = -746;

void check_logits(const std::vector<double>& logits) {
  if (logits.empty()) throw std::invalid_argument("softmax needs at least one logit, and there are none");
  if (logits.size() > kMaxLogits) {
    throw std::invalid_argument("softmax takes at most " + std::to_string(kMaxLogits) + " logits, not " +
                                std::to_string(logits.size()));
  }
  for (std::size_t i = 0; i < logits.size(); ++i) {
    if (!std::isfinite(logits[i])) {
      throw std::invalid_argument("logit " + std::to_string(i) + " is " + display_number(logits[i]) +
                                  ": every logit must be a finite number");
    }
  }
}

// The exponentials of one softmax: e_i = e^{(z_i - m) / T} with m the largest logit (so e at the
// largest is 1 and none overflows), the difference z_i - m kept exactly as a double-double and its
// low part applied as e^lo = 1 + lo: a rounded difference of two logits near 700 would cost
// hundreds of ULP. `top` is the first largest logit's index; `rest` the sum of every other e_j, added
// directly (1 - s_top computed as rest / sum never cancels); `sum` = 1 + rest as a double-double.
struct Exponentials {
  std::vector<double> e;
  std::size_t top = 0;
  DoubleDouble rest;
  DoubleDouble sum;
};

Exponentials exponentials(const std::vector<double>& z, double temperature) {
  Exponentials x;
  for (std::size_t i = 1; i < z.size(); ++i)
    if (z[i] > z[x.top]) x.top = i;
  const double m = z[x.top];
  x.e.resize(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) {
    const DoubleDouble d = two_sum(z[i], -m);  // exact unless it overflows
    const double q = d.hi / temperature;
    if (!std::isfinite(d.hi) || q < kExpUnderflow) {
      x.e[i] = 0;
    } else {
      // (d.hi + d.lo) / T = q + q_lo, the remainder of the division found exactly.
      const DoubleDouble p = two_prod(q, temperature);
      const double q_lo = ((d.hi - p.hi) - p.lo + d.lo) / temperature;
      x.e[i] = std::exp(q) * (1.0 + q_lo);
    }
    if (i != x.top) x.rest = sloppy_add(x.rest, dd(x.e[i]));
  }
  x.sum = sloppy_add(dd(1.0), x.rest);
  return x;
}

// sum - e_i, the sum of the other exponentials: `rest` for the largest, else the difference, which
// keeps its accuracy because e_i is at most half the sum there.
DoubleDouble others(const Exponentials& x, std::size_t i) {
  return i == x.top ? x.rest : x.sum - dd(x.e[i]);
}

// The probabilities e_i / sum.
std::vector<double> probabilities(const Exponentials& x) {
  std::vector<double> s(x.e.size());
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = divide_to_double(dd(x.e[i]), x.sum);
  return s;
}

}  // namespace

SigmoidLoss sigmoid_loss_named(const std::string& name) {
  if (name == "bce") return SigmoidLoss::CrossEntropy;
  if (name == "mse") return SigmoidLoss::HalfSquared;
  throw std::invalid_argument(format::unknown_id("loss", name, {"bce", "mse"}));
}

LossAndGradient sigmoid_loss(SigmoidLoss loss, double z, double y) {
  if (!(y >= 0 && y <= 1)) {
    throw std::invalid_argument(format::range_error("the target y", 0, 1, y));
  }
  if (std::isnan(z)) return {z, z};
  // a - y in double-double, rounded once: near its zero (a close to y) the difference of two doubles
  // would keep only the digits they do not share. For z >= 0 it is (1 - y) - sigma(-z), so that a
  // close to 1 is never rounded to 1 first.
  const DoubleDouble exact = z >= 0 ? two_sum(1.0, -y) - sigmoid_dd(dd(-z)) : sigmoid_dd(dd(z)) - dd(y);
  const double difference = exact.hi;
  if (loss == SigmoidLoss::HalfSquared) return {0.5 * difference * difference, difference * sigmoid_derivative(z)};
  // max(z, 0) - z y + log1p(e^-|z|) with the first two terms as z (1 - y) or -z y, both >= 0: the sum
  // never cancels. A zero factor keeps its term 0 at an infinite z.
  const double linear = z >= 0 ? (y == 1 ? 0.0 : z * (1.0 - y)) : (y == 0 ? 0.0 : -z * y);
  return {linear + std::log1p(std::exp(-std::fabs(z))), difference};
}

Softmax softmax(const std::vector<double>& logits, double temperature) {
  check_logits(logits);
  if (!(std::isfinite(temperature) && temperature > 0)) {
    throw std::invalid_argument("the temperature must be a positive finite number, not " + display_number(temperature));
  }
  const Exponentials x = exponentials(logits, temperature);
  const std::size_t k = logits.size();
  Softmax result{probabilities(x), std::vector<double>(k * k)};
  const auto& s = result.value;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      // s_i (1 - s_i) with 1 - s_i = (sum - e_i) / sum, never 1 minus a rounded s_i.
      const double entry = i == j ? s[i] * divide_to_double(others(x, i), x.sum) : -(s[i] * s[j]);
      result.jacobian[i * k + j] = entry / temperature;
    }
  }
  return result;
}

CrossEntropy softmax_cross_entropy(const std::vector<double>& logits, double target_class) {
  check_logits(logits);
  const double last = static_cast<double>(logits.size() - 1);
  if (!(target_class >= 0 && target_class <= last)) {
    throw std::invalid_argument(format::range_error("the target class", 0, last, target_class) + " (there are " +
                                std::to_string(logits.size()) + " logits, numbered from 0)");
  }
  if (target_class != std::floor(target_class)) throw std::invalid_argument(format::whole_error("the target class", target_class));
  const auto target = static_cast<std::size_t>(target_class);
  const Exponentials x = exponentials(logits, 1.0);
  // -log s_t = (m - z_t) + log(sum), log(sum) as log1p(rest): both terms >= 0, m - z_t exact in two parts.
  const DoubleDouble gap = two_sum(logits[x.top], -logits[target]);
  const double log_sum = std::log1p(x.rest.hi + x.rest.lo);
  CrossEntropy result{gap.hi + (log_sum + gap.lo), probabilities(x)};
  // s_t - 1 = -(sum - e_t) / sum.
  result.gradient[target] = -divide_to_double(others(x, target), x.sum);
  return result;
}

}  // namespace actderiv
