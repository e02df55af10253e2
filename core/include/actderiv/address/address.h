// The page address read as state: the query parsed as browsers parse it, one grammar for typed and
// linked numbers, and the readers that turn query values into settings or into sentences saying why
// a value was ignored. Nothing here trusts the address: any bytes give values or notices.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "actderiv/catalogue/activation.h"

namespace actderiv {

// A query's (name, value) pairs in order, each well-formed UTF-8; a name may repeat.
using QueryEntries = std::vector<std::pair<std::string, std::string>>;

// The WHATWG application/x-www-form-urlencoded parser (what URLSearchParams does with a string): one
// leading '?' dropped, split on '&' with empty pieces skipped, each split at its first '=', '+' read
// as a space, %XX decoded (any other '%' kept), then UTF-8 decoded with U+FFFD for invalid sequences.
QueryEntries parse_query(std::string_view query);

// The value of the first entry named `name`, as URLSearchParams.get; nullopt when there is none.
std::optional<std::string> query_get(const QueryEntries& entries, std::string_view name);

// A number read from text: its value, or the sentence saying why it was refused (then value is empty).
struct NumberReading {
  std::optional<double> value;
  std::string error;
};

// The number written in `text` (UTF-8, or WTF-8 carrying a broken surrogate pair from JavaScript):
// surrounding JavaScript white space ignored, U+2212 read as a minus, then decimal or exponent form
// ([+-]? digits with an optional point, optional e[+-]digits). `what` names the field in the error:
// empty, not a number (the entry quoted back), too large, or too close to 0 to store.
NumberReading parse_number(std::string_view text, std::string_view what);

// A reader's entry quoted back in a message, in curly quotes: invisible characters named (⟨U+202E⟩),
// anything past 40 characters cut, with the entry's length in characters (code points) after it.
std::string quote_entry(std::string_view text);

// The code point `c` as a message shows it: itself in UTF-8, or "⟨U+202E⟩" for a character that shows
// as nothing or reorders the text around it (the set the expression parser names too).
std::string visible_character(char32_t c);

// `value` as JavaScript's String(value) writes it: the shortest digits that read back as `value`,
// in plain or exponent form by the same rule ("0.1", "1e+21", "1e-7", "-0" as "0").
std::string number_text(double value);

// number_text with its first '-' made a typographic minus (U+2212), for labels and messages: "−2",
// "1e−7" (as the page wrote them before: String(value).replace('-', '−')).
std::string format_setting(double value);

// One setting a lab keeps in the address: its key, what messages call it, and what it accepts.
struct Setting {
  enum class Kind { Number, Choice, List };
  Kind kind = Kind::Number;
  std::string key;                // e.g. "depth.L"
  std::string what;               // e.g. "the depth"
  double min = 0, max = 0;        // Number: the accepted range, inclusive
  bool whole = false;             // Number: whole numbers only
  std::vector<std::string> ids;   // Choice: one of these; List: comma-separated, distinct, from these
};

// A setting's value read from text: a number, an id (Choice) or ids (List), or the refusal's sentence.
struct SettingReading {
  bool ok = false;
  double number = 0;
  std::vector<std::string> ids;   // the chosen id (one), or the listed ids in order without repeats
  std::string error;
};

// `text` read as `setting`'s value.
SettingReading read_setting(const Setting& setting, std::string_view text);

// The settings present in a query: readings[i] for settings[i] (nullopt where its key is absent or
// its value was refused), and a notice "Ignored key=value from the address: why" per refusal.
struct SettingsReading {
  std::vector<std::optional<SettingReading>> readings;
  std::vector<std::string> notices;
};

// Reads every one of `settings` from `query` (see parse_query).
SettingsReading read_settings(std::string_view query, const std::vector<Setting>& settings);

// What the address asks of one activation's section when fn= names it.
struct ActivationView {
  bool named = false;                               // fn= names this activation; else nothing is read
  ParamValues params;                               // accepted parameter values, in its param order
  std::size_t step = 0;                             // the derivation step shown, counted from 0
  bool all_steps = false;                           // step=all
  std::vector<std::pair<std::string, std::string>> param_notices;  // (parameter id, notice)
  std::vector<std::string> section_notices;         // parameters it lacks, then a refused step
};

// Parameter ids of every activation in the registry, sorted, without repeats: the bare query keys
// that belong to activation views (alpha=, beta=, ...).
const std::vector<std::string>& parameter_keys();

// How many steps `activation`'s walkthrough has (derive.h), computed once per activation.
std::size_t step_count(const Activation& activation);

// The view `query` asks of `activation`: its parameters by id (each within its range), step=N
// (1 to step_count) or step=all; a notice for each value refused and each parameter key that
// another activation has but this one lacks.
ActivationView read_activation_view(std::string_view query, const Activation& activation);

// The parameters of a typed expression (expression_params()) read from expr.alpha=, expr.beta=:
// every parameter's value (its default where absent or refused) and a sentence per refusal.
struct ExpressionParams {
  ParamValues values;
  std::vector<std::pair<std::string, std::string>> refused;  // (parameter id, sentence)
};

ExpressionParams read_expression_params(std::string_view query);

}  // namespace actderiv
