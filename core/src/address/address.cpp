// The page address as state: the query parser, the number grammar and the readers (address.h).
#include "actderiv/address/address.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "actderiv/catalogue/engine.h"
#include "actderiv/catalogue/walkthrough.h"
#include "text/format.h"
#include "text/unicode.h"

namespace actderiv {

namespace {

constexpr std::size_t kQuotedLength = 40;  // characters of an entry quoted back by quote_entry
constexpr std::size_t kShownLength = 40;   // UTF-16 units of an address value shown in a notice
const char* const kEllipsis = "\xE2\x80\xA6";

// The value of a hex digit, or -1.
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One name or value of a query: '+' as a space, %XX as that byte, then UTF-8 decoded.
std::string form_decode(std::string_view text) {
  std::string bytes;
  bytes.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      bytes += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
      bytes += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      bytes += c;
    }
  }
  return unicode::well_formed_utf8(bytes);
}

// Code points back to UTF-8 (a surrogate, from WTF-8 input, in its three-byte form).
std::string encode(const std::vector<char32_t>& text) {
  std::string out;
  for (char32_t c : text) unicode::append_utf8(out, c);
  return out;
}

// `text` without the white space String.prototype.trim removes from both ends.
std::vector<char32_t> js_trim(std::vector<char32_t> text) {
  const auto space = [](char32_t c) { return unicode::js_space(c); };
  text.erase(std::find_if_not(text.rbegin(), text.rend(), space).base(), text.end());
  text.erase(text.begin(), std::find_if_not(text.begin(), text.end(), space));
  return text;
}

// quote_entry of decoded characters.
std::string quote(const std::vector<char32_t>& characters) {
  std::string shown = "\xE2\x80\x9C";  // “
  for (std::size_t i = 0; i < characters.size() && i < kQuotedLength; ++i)
    shown += unicode::visible_character(characters[i]);
  if (characters.size() <= kQuotedLength) return shown + "\xE2\x80\x9D";  // ”
  return shown + kEllipsis + "\xE2\x80\x9D (" + std::to_string(characters.size()) + " characters)";
}

// The first `limit` UTF-16 units of `text`, as JavaScript's text.slice(0, limit); a pair cut in half
// leaves its first half, which is written as U+FFFD (what a browser shows for it).
std::string utf16_prefix(std::string_view text, std::size_t limit, bool* cut) {
  std::string out;
  std::size_t units = 0;
  *cut = false;
  for (char32_t c : unicode::decode_utf8(text, true)) {
    if (units + unicode::utf16_length(c) > limit) {
      if (units < limit) unicode::append_utf8(out, unicode::kReplacement);
      *cut = true;
      break;
    }
    units += unicode::utf16_length(c);
    unicode::append_utf8(out, c);
  }
  return out;
}

// An address value as a notice shows it: past 40 UTF-16 units, cut and followed by "…".
std::string shown_value(std::string_view text) {
  bool cut = false;
  std::string shown = utf16_prefix(text, kShownLength, &cut);
  return cut ? shown + kEllipsis : shown;
}

// The notice for a refused value: "Ignored key=value from the address: reason".
std::string ignored(std::string_view key, std::string_view text, const std::string& reason) {
  return "Ignored " + std::string(key) + "=" + shown_value(text) + " from the address: " + reason;
}

// decimal := [+-]? (digits '.'? digits? | '.' digits) ([eE] [+-]? digits)?
bool decimal(const std::string& s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (digits() > 0) {
    if (i < s.size() && s[i] == '.') ++i, digits();
  } else {
    if (i >= s.size() || s[i] != '.') return false;
    ++i;
    if (digits() == 0) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// Number.isInteger.
bool whole(double value) { return std::isfinite(value) && std::floor(value) == value; }

}  // namespace

QueryEntries parse_query(std::string_view query) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  QueryEntries entries;
  while (!query.empty()) {
    const std::size_t end = std::min(query.find('&'), query.size());
    const std::string_view piece = query.substr(0, end);
    query.remove_prefix(std::min(end + 1, query.size()));
    if (piece.empty()) continue;
    const std::size_t equals = piece.find('=');
    if (equals == std::string_view::npos) entries.emplace_back(form_decode(piece), std::string());
    else entries.emplace_back(form_decode(piece.substr(0, equals)), form_decode(piece.substr(equals + 1)));
  }
  return entries;
}

std::optional<std::string> query_get(const QueryEntries& entries, std::string_view name) {
  for (const auto& [key, value] : entries)
    if (key == name) return value;
  return std::nullopt;
}

std::string visible_character(char32_t c) { return unicode::visible_character(c); }

std::string quote_entry(std::string_view text) { return quote(unicode::decode_utf8(text, true)); }

NumberReading parse_number(std::string_view text, std::string_view what) {
  const std::string name(what);
  const std::vector<char32_t> trimmed = js_trim(unicode::decode_utf8(text, true));
  std::string cleaned;  // ASCII, or the text is not a number
  bool ascii = true;
  for (char32_t c : trimmed) {
    if (c == 0x2212) c = '-';
    ascii = ascii && c < 0x80;
    cleaned += static_cast<char>(c);
  }
  if (cleaned.empty()) return {std::nullopt, name + " is empty; enter a number."};
  if (!ascii || !decimal(cleaned))
    return {std::nullopt, name + ": " + quote(trimmed) + " is not a number (try 2.5 or -1e-3)."};
  const double value = std::strtod(cleaned.c_str(), nullptr);
  if (!std::isfinite(value)) return {std::nullopt, name + ": that number is too large."};
  // 1e-400 reads as 0: say so rather than use a 0 the reader did not write.
  const std::string mantissa = cleaned.substr(0, cleaned.find_first_of("eE"));
  if (value == 0 && mantissa.find_first_of("123456789") != std::string::npos)
    return {std::nullopt, name + ": " + quote(trimmed) + " is too close to 0 to store; enter 0 if you mean 0."};
  return {value, ""};
}

std::string number_text(double value) { return format::number_text(value); }

std::string format_setting(double value) { return format::display_number(value); }

SettingReading read_setting(const Setting& setting, std::string_view text) {
  SettingReading reading;
  const std::string& what = setting.what;
  switch (setting.kind) {
    case Setting::Kind::Number: {
      const NumberReading number = parse_number(text, what);
      if (!number.value) {
        reading.error = number.error;
      } else if (setting.whole && !whole(*number.value)) {
        reading.error = format::whole_error(what, *number.value) + ".";
      } else if (*number.value < setting.min || *number.value > setting.max) {
        reading.error = format::range_error(what, setting.min, setting.max, *number.value) + ".";
      } else {
        reading.ok = true;
        reading.number = *number.value;
      }
      return reading;
    }
    case Setting::Kind::Choice: {
      if (std::find(setting.ids.begin(), setting.ids.end(), text) == setting.ids.end()) {
        reading.error = what + " must be one of ";
        for (std::size_t i = 0; i < setting.ids.size(); ++i) reading.error += (i ? ", " : "") + setting.ids[i];
        reading.error += ".";
      } else {
        reading.ok = true;
        reading.ids = {std::string(text)};
      }
      return reading;
    }
    case Setting::Kind::List: {
      std::vector<std::string> list;
      for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        const std::string id = encode(js_trim(unicode::decode_utf8(text.substr(start, end - start), true)));
        if (!id.empty()) list.push_back(id);
        start = end + 1;
      }
      for (const auto& id : list) {
        if (std::find(setting.ids.begin(), setting.ids.end(), id) != setting.ids.end()) continue;
        bool cut = false;
        reading.error = what + ": no activation is called \xE2\x80\x9C" + utf16_prefix(id, kShownLength, &cut) +
                        "\xE2\x80\x9D.";
        return reading;
      }
      if (list.empty()) {
        reading.error = what + " lists no activation.";
        return reading;
      }
      for (const auto& id : list)
        if (std::find(reading.ids.begin(), reading.ids.end(), id) == reading.ids.end()) reading.ids.push_back(id);
      reading.ok = true;
      return reading;
    }
  }
  return reading;
}

SettingsReading read_settings(std::string_view query, const std::vector<Setting>& settings) {
  const QueryEntries entries = parse_query(query);
  SettingsReading result;
  for (const Setting& setting : settings) {
    const std::optional<std::string> text = query_get(entries, setting.key);
    SettingReading reading = text ? read_setting(setting, *text) : SettingReading{};
    if (text && !reading.ok) result.notices.push_back(ignored(setting.key, *text, reading.error));
    result.readings.push_back(reading.ok ? std::optional<SettingReading>(std::move(reading)) : std::nullopt);
  }
  return result;
}

const std::vector<std::string>& parameter_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> ids;
    for (const Activation& activation : activations())
      for (const Param& param : activation.params) ids.push_back(param.id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }();
  return keys;
}

std::size_t step_count(const Activation& activation) {
  return walkthrough(activation, derive(activation)).size();  // the derivation is kept (engine.h)
}

ActivationView read_activation_view(std::string_view query, const Activation& activation) {
  const QueryEntries entries = parse_query(query);
  ActivationView view;
  if (query_get(entries, "fn") != activation.id) return view;
  view.named = true;
  for (const Param& param : activation.params) {
    const std::optional<std::string> text = query_get(entries, param.id);
    if (!text) continue;
    const std::string bounds = "from " + format_setting(param.min) + " to " + format_setting(param.max);
    const std::string fallback = "; using " + format_setting(param.default_value) + ".";
    const NumberReading number = parse_number(*text, param.id);
    if (!number.value)
      view.param_notices.emplace_back(param.id, ignored(param.id, *text, param.id + " must be a number " + bounds + fallback));
    else if (*number.value < param.min || *number.value > param.max)
      view.param_notices.emplace_back(
          param.id, ignored(param.id, *text, format::range_error(param.id, param.min, param.max, *number.value) + fallback));
    else
      view.params.emplace_back(param.id, *number.value);
  }
  const auto owns = [&](const std::string& key) {
    return std::any_of(activation.params.begin(), activation.params.end(),
                       [&](const Param& param) { return param.id == key; });
  };
  for (const std::string& key : parameter_keys()) {
    const std::optional<std::string> text = query_get(entries, key);
    if (text && !owns(key))
      view.section_notices.push_back(ignored(key, *text, activation.name + " has no parameter " + key + "."));
  }
  if (const std::optional<std::string> text = query_get(entries, "step")) {
    const std::size_t count = step_count(activation);
    if (*text == "all") {
      view.all_steps = true;
    } else if (const NumberReading number = parse_number(*text, "step");
               number.value && whole(*number.value) && *number.value >= 1 && *number.value <= count) {
      view.step = static_cast<std::size_t>(*number.value) - 1;
    } else {
      const std::string n = std::to_string(count);
      view.section_notices.push_back(ignored("step", *text, "the " + activation.name + " derivation has " + n +
                                                                " steps: use 1 to " + n + ", or all; showing step 1."));
    }
  }
  return view;
}

ExpressionParams read_expression_params(std::string_view query) {
  const QueryEntries entries = parse_query(query);
  ExpressionParams result;
  for (const Param& param : expression_params()) {
    double value = param.default_value;
    const std::string key = "expr." + param.id;
    if (const std::optional<std::string> text = query_get(entries, key)) {
      const std::string what = key + " in the link";
      const std::string fallback = format::display_number(param.default_value);
      const NumberReading number = parse_number(*text, what);
      if (!number.value)
        result.refused.emplace_back(param.id, number.error + " Using " + fallback + ".");
      else if (*number.value < param.min || *number.value > param.max)
        result.refused.emplace_back(
            param.id, format::range_error(what, param.min, param.max, *number.value) + "; using " + fallback + ".");
      else
        value = *number.value;
    }
    result.values.emplace_back(param.id, value);
  }
  return result;
}

}  // namespace actderiv
