// The derivation engine's notes: the sentence under each step, from content/<locale>/rules.md (one
// section per rule, or per case of a rule, such as "constant multiple: factor"), with slots such as
// {{u}} filled with the LaTeX of the step's parts. The engine asks only for the keys listed here.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "actderiv/expr/functions.h"

namespace actderiv {

// The content file of the engine's notes, relative to the locale's folder.
constexpr const char* kRulesContent = "rules.md";

// A key of rules.md the engine asks for, and the slots it fills in that note.
struct NoteKey {
  const char* key;
  std::vector<const char*> slots;
};

// Every fixed key (a function's own note is keyed by its rule instead: function_note()).
const std::vector<NoteKey>& note_keys();

// Slot values by name: {"u", "2 z"}.
using NoteSlots = std::vector<std::pair<std::string, std::string>>;

// The note `key` with its slots filled. Throws std::logic_error for a key note_keys() does not list,
// ContentError (text/content.h) if rules.md lacks it or it uses a slot not given.
std::string note(const std::string& key, const NoteSlots& slots = {});

// The note of function f's rule (rules.md's section named f.rule, with slots a and b for a function
// of two arguments), or "" when rules.md has none for it.
std::string function_note(const Function& f, const NoteSlots& slots = {});

}  // namespace actderiv
