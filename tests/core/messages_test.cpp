// The sentences the core's refusals share: an unknown id is named with the ids that are known, in one
// wording whatever it names, and numbers in messages are written as JavaScript writes them.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/catalogue/activation.h"
#include "actderiv/labs/datasets.h"
#include "actderiv/labs/presets.h"
#include "actderiv/numerics/lesson.h"
#include "refusal.h"

namespace {

using actderiv_test::refusal;

TEST(Messages, UnknownIdsNameWhatIsKnown) {
  const double z = 1;
  const auto& leaky = actderiv::find_activation("leaky_relu");
  const auto& relu = actderiv::find_activation("relu");
  struct Case {
    std::function<void()> call;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {[] { actderiv::find_activation("sigmoidd"); },
       "unknown activation 'sigmoidd' (known: sigmoid, tanh, relu, leaky_relu, identity, binary_step, softsign, "
       "hardtanh, relu6, elu, softplus, prelu, hard_sigmoid, hard_swish, log_sigmoid, selu, celu, silu, gelu, "
       "gelu_tanh, mish)"},
      {[&] { actderiv::resolve_params(leaky, {{"beta", 1}}); },
       "unknown parameter 'beta' for leaky_relu (known: alpha)"},
      {[&] { actderiv::resolve_params(relu, {{"alpha", 1}}); }, "unknown parameter 'alpha' for relu (known: none)"},
      {[] { actderiv::generate_dataset("rings", 100, 0.1, 1); },
       "unknown data set 'rings' (known: moons, circles, xor, spiral)"},
      {[&] { actderiv::lesson_errors("nope", &z, 1); },
       "unknown lesson case 'nope' (known: sigmoid_derivative, tanh_derivative, softplus)"},
  };
  for (const Case& c : cases) EXPECT_EQ(refusal(c.call), c.expected);
  EXPECT_EQ(refusal([] { actderiv::find_preset("nope"); }).rfind("unknown preset 'nope' (known: relu_dies, ", 0), 0u);
}

TEST(Messages, NumbersReadAsJavaScriptWritesThem) {
  const auto& leaky = actderiv::find_activation("leaky_relu");
  const double far = 2e6;
  EXPECT_EQ(refusal([&] { actderiv::resolve_params(leaky, {{"alpha", NAN}}); }),
            "parameter 'alpha' of leaky_relu must be a finite number, not NaN");
  EXPECT_EQ(refusal([&] { actderiv::resolve_params(leaky, {{"alpha", -INFINITY}}); }),
            "parameter 'alpha' of leaky_relu must be a finite number, not -Infinity");
  EXPECT_EQ(refusal([&] { actderiv::lesson_errors("softplus", &far, 1); }),
            "lesson points must be finite with |z| <= 1e6, got 2000000");
}

}  // namespace
