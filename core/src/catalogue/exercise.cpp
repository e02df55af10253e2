// Exercises from a seed: one table of templates per tutorial family, filled with nice numbers.
#include "actderiv/catalogue/exercise.h"

#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/expr/expr.h"
#include "actderiv/numerics/random.h"
#include "calculus/typed.h"
#include "text/format.h"

namespace actderiv {

namespace {

// A number a template draws, named in its pattern as {name}, from nice values: positive decimals, so
// that each stays one factor wherever the pattern puts it (z/{d}, -{k}*z) and prints as written. A slot named after an expression parameter (alpha) is not written into the pattern: the
// pattern names the parameter and the drawn value becomes the exercise's parameter value.
struct Slot {
  const char* name;
  std::vector<const char*> choices;
};

// One kind of exercise: the typed expression with {name} where each slot's number goes.
struct Template {
  const char* pattern;
  std::vector<Slot> slots;
};

struct Family {
  const char* id;
  std::vector<Template> templates;
};

// Leaky ReLU's negative slopes: PyTorch's default 0.01, tf.nn.leaky_relu's 0.2, Keras's 0.3, and between.
const std::vector<const char*> kSlopes = {"0.01", "0.05", "0.1", "0.2", "0.3"};

// Each family's templates vary the activation the way a textbook exercise does: scaled, shifted,
// written out, and in small compositions that need the chain or product rule; softplus(k z)/k is the
// ReLU smoothed. A multiplicative slot never draws 1 (the exercise would read 1*z).
const std::vector<Family>& families() {
  static const std::vector<Family> table = {
      {"sigmoid",
       {
           {"sigmoid({k}*z)", {{"k", {"2", "3", "4", "0.5", "0.2"}}}},
           {"{a}*sigmoid(z) - {b}", {{"a", {"2", "3", "4"}}, {"b", {"1", "2", "0.5"}}}},
           {"sigmoid(z - {c})", {{"c", {"1", "2", "3", "0.5"}}}},
           {"1/(1 + e^(-{k}*z))", {{"k", {"2", "3", "0.5", "0.25"}}}},
           {"z*sigmoid({k}*z)", {{"k", {"2", "3", "0.5"}}}},
       }},
      {"tanh",
       {
           {"{a}*tanh({b}*z)", {{"a", {"2", "3", "0.5"}}, {"b", {"2", "3", "0.5"}}}},
           {"tanh(z/{d})", {{"d", {"2", "3", "4"}}}},
           {"tanh(z)^{n}", {{"n", {"2", "3"}}}},
           {"tanh(z - {c})", {{"c", {"1", "2", "0.5"}}}},
           {"z*tanh({k}*z)", {{"k", {"2", "3", "0.5"}}}},
       }},
      {"relu",
       {
           {"relu(z - {c})", {{"c", {"1", "2", "3", "0.5"}}}},
           {"{c}*relu(z)", {{"c", {"2", "3", "5", "0.5"}}}},
           {"relu({k}*z) + {b}", {{"k", {"2", "3", "0.5"}}, {"b", {"1", "2", "3"}}}},
           {"softplus({k}*z)/{k}", {{"k", {"2", "3", "4", "10"}}}},
           {"min(relu(z), {c})", {{"c", {"1", "2", "6"}}}},
       }},
      {"leaky_relu",
       {
           {"max({a}*z, z)", {{"a", kSlopes}}},
           {"max(alpha*z, z)", {{"alpha", kSlopes}}},
           {"piecewise(z > 0, z, z <= 0, alpha*z)", {{"alpha", kSlopes}}},
           {"{c}*max({a}*z, z)", {{"c", {"2", "3", "0.5"}}, {"a", kSlopes}}},
           {"max({a}*(z - {c}), z - {c})", {{"a", kSlopes}, {"c", {"1", "2", "0.5"}}}},
           {"relu(z) - {a}*relu(-z)", {{"a", kSlopes}}},
       }},
  };
  return table;
}

bool is_parameter(const std::string& name) {
  for (const auto& id : expression_parameter_ids())
    if (id == name) return true;
  return false;
}

// `pattern` with every {name} replaced by `number`.
std::string fill(std::string pattern, const std::string& name, const std::string& number) {
  const std::string slot = "{" + name + "}";
  for (auto at = pattern.find(slot); at != std::string::npos; at = pattern.find(slot, at + number.size()))
    pattern.replace(at, slot.size(), number);
  return pattern;
}

}  // namespace

const std::vector<std::string>& exercise_families() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const Family& f : families()) out.push_back(f.id);
    return out;
  }();
  return ids;
}

Exercise make_exercise(const std::string& family, std::uint64_t seed) {
  const Family* found = nullptr;
  for (const Family& f : families())
    if (family == f.id) found = &f;
  if (!found) throw std::invalid_argument(format::unknown_id("exercise family", family, exercise_families()));

  Rng rng(seed);
  const Template& t = found->templates[rng.below(found->templates.size())];
  Exercise out;
  out.family = family;
  out.seed = seed;
  std::string typed = t.pattern;
  for (const Slot& slot : t.slots) {
    const std::string number = slot.choices[rng.below(slot.choices.size())];
    // The value as the expression language reads it, exactly as a typed 0.05 or 1/2 would be.
    if (is_parameter(slot.name)) out.params.emplace_back(slot.name, evaluate(parse(number), 0, {}));
    else typed = fill(typed, slot.name, number);
  }
  const Expr expr = parse(typed, expression_parameter_ids());
  out.target = to_text(expr);
  out.latex = "g(z) = " + to_latex(expr);
  out.text = "g(z) = " + out.target;
  return out;
}

}  // namespace actderiv
