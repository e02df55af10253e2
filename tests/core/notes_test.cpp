// The derivation engine's notes (actderiv/calculus/notes.h, content/en/rules.md): every key the
// engine asks for has a section that uses only the slots the engine fills, every section is a key
// or a function's rule (no orphans), and every key is reached by some derivation.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/indexed.h"
#include "actderiv/calculus/notes.h"
#include "actderiv/expr/functions.h"
#include "actderiv/text/content.h"

namespace {

const actderiv::ContentFile& rules() { return actderiv::content_file(actderiv::kRulesContent); }

// The slots `key`'s section may use: the engine's list for a fixed key, a and b for a function of
// two arguments, none for one of one; false for a key that is neither.
bool allowed_slots(const std::string& key, std::set<std::string>& slots) {
  for (const auto& k : actderiv::note_keys())
    if (key == k.key) {
      slots.insert(k.slots.begin(), k.slots.end());
      return true;
    }
  for (const auto& f : actderiv::functions())
    if (key == f.rule) {
      if (f.arity == 2) slots = {"a", "b"};
      return true;
    }
  return false;
}

TEST(Notes, EveryKeyHasASection) {
  for (const auto& k : actderiv::note_keys())
    EXPECT_NE(rules().find(k.key), nullptr) << "content/en/rules.md has no '## " << k.key << "'";
  // A function of two arguments has no generic sentence: its section is the whole note.
  for (const auto& f : actderiv::functions())
    if (f.arity == 2) EXPECT_NE(rules().find(f.rule), nullptr) << "content/en/rules.md has no '## " << f.rule << "'";
}

TEST(Notes, EverySectionIsAKeyOrAFunctionsRuleAndUsesOnlyItsSlots) {
  for (const auto& section : rules().sections) {
    std::set<std::string> slots;
    EXPECT_TRUE(allowed_slots(section.key, slots))
        << "content/en/rules.md:" << section.line << ": '## " << section.key
        << "' is neither a note the engine asks for nor the rule of a function";
    for (const auto& slot : actderiv::slots_in(section.text))
      EXPECT_TRUE(slots.count(slot.name)) << "content/en/rules.md:" << section.line << ": '" << section.key
                                          << "' uses {{" << slot.name << "}}, which the engine does not fill";
  }
}

TEST(Notes, AnUnlistedKeyIsALogicError) {
  EXPECT_THROW(actderiv::note("no such rule"), std::logic_error);
}

// Each note as a pattern, its slots matching anything: "$(uv)' = u'v + uv'$ with $u = .* ...".
std::regex pattern_of(const actderiv::NoteKey& key) {
  actderiv::NoteSlots slots;
  for (const char* name : key.slots) slots.emplace_back(name, std::string("\x01") + name + "\x01");
  const std::string text = actderiv::note(key.key, slots);
  std::string pattern;
  bool in_slot = false;
  for (char c : text) {
    if (c == '\x01') {
      if (!in_slot) pattern += ".*";
      in_slot = !in_slot;
    } else if (!in_slot) {
      if (std::string("\\^$.|?*+()[]{}").find(c) != std::string::npos) pattern += '\\';
      pattern += c;
    }
  }
  return std::regex(pattern);
}

void collect(const actderiv::DerivationStep& step, std::vector<std::string>& notes) {
  notes.push_back(step.note);
  for (const auto& child : step.children) collect(child, notes);
}

// Expressions whose derivations, together, take every key: the keys are reached, not only listed.
TEST(Notes, EveryKeyIsReachedByADerivation) {
  const char* expressions[] = {
      "z^2 + 3 - (-z) - pi",   // sum, difference, power, constant, minus sign
      "2*sigmoid(z)",          // constant multiple (factor), function rule
      "tanh(2*z)/3",           // divisor, chain rule of a function
      "1/(1 + e^-z)",          // reciprocal, chain rule of e^u
      "(z + 1)^3 * z",         // product, chain rule of a power
      "z/(1 + abs(z))",        // quotient
      "e^z + 2^z + z^z",       // e^z, a^u, general power
      "piecewise(z > 0, z, z <= 0, 0)",
      "log(1 + e^z)",          // the simplify step
      "z^2 + z*z",             // collect like factors, collect like terms
      "sigmoid(z)",            // in terms of g
      "log(1 + e^z) + 0",      // recognise the sigmoid
      "z",                     // variable
      // The stable forms' rewrites (stable.h), of the input or the derivative:
      "sigmoid(z)*(1 - sigmoid(z))",  // one minus a sigmoid, one minus twice a sigmoid
      "z*tanh(z)",                    // one minus tanh squared
      "z*(1 + tanh(z))",              // one plus tanh
      "z*(1 + erf(z))",               // one plus erf
      "exp(z) - 1",                   // exponential minus one
      "(exp(z)-exp(-z))/(exp(z)+exp(-z))",  // a pair of exponentials, tanh from exponentials, sech
      "z/(1 + exp(-z))",              // sigmoid from exponentials, split the fraction
      "log(sigmoid(z)) + log(1 + z^2) + log(cosh(z)) + sqrt(z^2) + log(exp(z))",
  };
  std::vector<std::string> notes;
  for (const char* e : expressions) {
    const auto d = actderiv::derive(e, {});
    collect(d.steps, notes);
    for (const auto& s : d.input_rewrites) collect(s, notes);
    for (const auto& s : d.derivative_rewrites) collect(s, notes);
  }
  // The index rules and the softmax's rewrites (indexed.h).
  collect(actderiv::softmax_jacobian_derivation().steps, notes);
  collect(actderiv::softmax_cross_entropy_derivation().steps, notes);
  for (const auto& key : actderiv::note_keys()) {
    const std::regex pattern = pattern_of(key);
    bool reached = false;
    for (const auto& n : notes) reached = reached || std::regex_search(n, pattern);
    EXPECT_TRUE(reached) << "no derivation above shows the note '" << key.key << "'";
  }
}

}  // namespace
