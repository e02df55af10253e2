// libFuzzer target: parse -> print -> re-parse -> derive -> evaluate, on arbitrary bytes.
// A finding is a crash, a sanitizer report, a hang, or one of the invariants below failing.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "actderiv/calculus/accuracy.h"
#include "actderiv/calculus/answer.h"
#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/dual.h"
#include "actderiv/expr/expr.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> params{"alpha", "beta", "y"};
  actderiv::Expr input;
  try {
    input = actderiv::parse(text, params);
  } catch (const actderiv::ParseError& e) {
    // Every error points inside the input or just past its end.
    if (e.column() < 1 || e.column() > actderiv::kMaxInputLength + 1) __builtin_trap();
    return 0;
  }
  // The plain-text printer writes what the parser reads back as the same tree (unless the printed
  // form, with its added parentheses, passes the length or nesting limit).
  try {
    if (!actderiv::equal(actderiv::parse(actderiv::to_text(input), params), input)) __builtin_trap();
  } catch (const actderiv::ParseError& e) {
    const std::string message = e.what();
    if (message.find("longer than") == std::string::npos &&
        message.find("nested more than") == std::string::npos)
      __builtin_trap();
  }
  (void)actderiv::to_latex(input);
  actderiv::EvalContext context;
  context.params = {{"alpha", 0.1}, {"beta", 1.0}};
  try {
    const auto d = actderiv::derive(input, context);
    (void)actderiv::to_latex(d.derivative);
    const double inf = std::numeric_limits<double>::infinity();
    for (double z : {-3.5, -0.0, 0.25, 7.0, 1e300, -inf, std::nan("")}) {
      (void)actderiv::evaluate(d.derivative, z, context);
      (void)actderiv::evaluate_dual(input, z, context);
    }
    // The stable forms print, and the accuracy report (double-double reference, bisection) ends.
    (void)actderiv::to_latex(d.stable_derivative);
    const double grid[] = {-800, -40, -1e-300, 0, 0.5, 40, 800};
    (void)actderiv::accuracy(d, {{"alpha", 0.1}, {"beta", 1.0}}, grid, 7);
    // The practice checker, with the input itself as the answer (g(...) written out included), and
    // with g(z) (the function for its derivative).
    (void)actderiv::check_answer(d, text, params, context);
    (void)actderiv::check_answer(d, "g(z)", params, context);
  } catch (const std::invalid_argument&) {
  } catch (const std::length_error&) {
  }
  return 0;
}
