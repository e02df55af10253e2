// The output layer (numerics/output.h) against correctly rounded references (tests/reference/
// output.csv, output_generate.py): the sigmoid's losses and their gradients, softmax and its
// Jacobian, cross-entropy after softmax; at ordinary and extreme logits, within a few ULP; and the
// errors for what they cannot take.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/numerics/output.h"
#include "reference.h"
#include "refusal.h"

namespace {

using actderiv_test::parse_double;
using actderiv_test::refusal;
using actderiv_test::ulp_distance;

constexpr std::uint64_t kMaxUlp = 4;

std::vector<double> numbers(const std::string& field) {
  std::vector<double> out;
  std::istringstream in(field);
  for (std::string word; in >> word;) out.push_back(parse_double(word));
  return out;
}

// What the core gives for one row of output.csv, in the row's order.
std::vector<double> computed(const std::string& function, const std::vector<double>& in) {
  if (function == "bce" || function == "mse") {
    const auto r = actderiv::sigmoid_loss(actderiv::sigmoid_loss_named(function), in[0], in[1]);
    return {r.loss, r.gradient};
  }
  const std::vector<double> logits(in.begin() + 1, in.end());
  if (function == "softmax") {
    auto r = actderiv::softmax(logits, in[0]);
    r.value.insert(r.value.end(), r.jacobian.begin(), r.jacobian.end());
    return r.value;
  }
  const auto r = actderiv::softmax_cross_entropy(logits, in[0]);
  std::vector<double> out{r.loss};
  out.insert(out.end(), r.gradient.begin(), r.gradient.end());
  return out;
}

TEST(Output, WithinFourUlpOfTheReferencesAtOrdinaryAndExtremeLogits) {
  int rows = 0;
  std::uint64_t worst = 0;
  for (const auto& row : actderiv_test::read_table("output.csv", "function,input,output")) {
    ASSERT_EQ(row.size(), 3u);
    const auto in = numbers(row[1]);
    const auto want = numbers(row[2]);
    const auto got = computed(row[0], in);
    ASSERT_EQ(got.size(), want.size()) << row[0] << " " << row[1];
    for (std::size_t i = 0; i < got.size(); ++i) {
      const std::uint64_t d = ulp_distance(got[i], want[i]);
      worst = std::max(worst, d);
      EXPECT_LE(d, kMaxUlp) << row[0] << "(" << row[1] << ") result " << i << ": " << got[i] << ", want " << want[i];
    }
    ++rows;
  }
  EXPECT_GE(rows, 200);
  std::cout << "worst " << worst << " ULP over " << rows << " cases\n";
}

// Where the textbook formulas fail, these stay finite: log(sigmoid(z)) is -inf from z = -746, the
// naive softmax is NaN once e^710 overflows, 1 - s is 0 once s rounds to 1.
TEST(Output, NoInfinityOrNaNAtTheLogitsThatBreakTheTextbookFormulas) {
  for (double z : {-1000.0, 1000.0}) {
    for (double y : {0.0, 1.0}) {
      for (auto loss : {actderiv::SigmoidLoss::CrossEntropy, actderiv::SigmoidLoss::HalfSquared}) {
        const auto r = actderiv::sigmoid_loss(loss, z, y);
        EXPECT_TRUE(std::isfinite(r.loss) && std::isfinite(r.gradient)) << z << " " << y;
      }
    }
  }
  // Confidently wrong: cross-entropy's gradient stays at -1, squared error's vanishes.
  EXPECT_EQ(actderiv::sigmoid_loss(actderiv::SigmoidLoss::CrossEntropy, -1000, 1).gradient, -1);
  EXPECT_EQ(actderiv::sigmoid_loss(actderiv::SigmoidLoss::HalfSquared, -1000, 1).gradient, 0);
  const auto s = actderiv::softmax({710, 0});
  EXPECT_EQ(s.value[0], 1);
  EXPECT_GT(s.value[1], 0);  // e^-710, not lost
  EXPECT_GT(s.jacobian[0], 0);
  const auto ce = actderiv::softmax_cross_entropy({1000, -1000}, 1);
  EXPECT_EQ(ce.loss, 2000);
  EXPECT_EQ(ce.gradient[1], -1);
  // Infinite z gives the limits.
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(actderiv::sigmoid_loss(actderiv::SigmoidLoss::CrossEntropy, inf, 1).loss, 0);
  EXPECT_EQ(actderiv::sigmoid_loss(actderiv::SigmoidLoss::CrossEntropy, -inf, 1).loss, inf);
  EXPECT_TRUE(std::isnan(actderiv::sigmoid_loss(actderiv::SigmoidLoss::CrossEntropy, NAN, 1).loss));
}

TEST(Output, RefusesWhatItCannotTakeSayingWhich) {
  EXPECT_EQ(refusal([] { actderiv::softmax({}); }), "softmax needs at least one logit, and there are none");
  EXPECT_EQ(refusal([] { actderiv::softmax({1, NAN}); }), "logit 1 is NaN: every logit must be a finite number");
  EXPECT_EQ(refusal([] { actderiv::softmax({-INFINITY}); }), "logit 0 is \u2212Infinity: every logit must be a finite number");
  EXPECT_EQ(refusal([] { actderiv::softmax(std::vector<double>(actderiv::kMaxLogits + 1)); }),
            "softmax takes at most 1024 logits, not 1025");
  EXPECT_EQ(refusal([] { actderiv::softmax({1, 2}, 0); }), "the temperature must be a positive finite number, not 0");
  EXPECT_EQ(refusal([] { actderiv::softmax_cross_entropy({1, 2}, 2); }),
            "the target class must be from 0 to 1, not 2 (there are 2 logits, numbered from 0)");
  EXPECT_EQ(refusal([] { actderiv::softmax_cross_entropy({1, 2, 3}, 0.5); }),
            "the target class must be a whole number, not 0.5");
  EXPECT_EQ(refusal([] { actderiv::softmax_cross_entropy({1, 2}, -1); }),
            "the target class must be from 0 to 1, not \u22121 (there are 2 logits, numbered from 0)");
  EXPECT_EQ(refusal([] { actderiv::softmax_cross_entropy({NAN}, 0); }), "logit 0 is NaN: every logit must be a finite number");
  EXPECT_EQ(refusal([] { actderiv::sigmoid_loss_named("hinge"); }), "unknown loss 'hinge' (known: bce, mse)");
  EXPECT_EQ(refusal([] { actderiv::sigmoid_loss(actderiv::SigmoidLoss::CrossEntropy, 0, 1.5); }),
            "the target y must be from 0 to 1, not 1.5");
  EXPECT_EQ(refusal([] { actderiv::sigmoid_loss(actderiv::SigmoidLoss::HalfSquared, 0, NAN); }),
            "the target y must be from 0 to 1, not NaN");
}

}  // namespace
