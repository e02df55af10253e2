// libFuzzer target: the page address (actderiv/address.h) on arbitrary bytes, as a query or as typed
// text. A finding is a crash, a sanitizer report, a hang, or one of the invariants below failing.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "actderiv/address/address.h"
#include "actderiv/calculus/derive.h"

namespace {

// Longest a notice may be: the key, a value shown cut to 40 UTF-16 units, and a reason that quotes at
// most 40 characters (each at most "⟨U+10FFFF⟩") or names ids the table itself holds.
constexpr std::size_t kMaxNotice = 1200;
// Longest a number's error may be besides the field's name: 40 quoted characters at most
// "⟨U+10FFFF⟩" (14 bytes) each, the count of characters, and the sentence around them.
constexpr std::size_t kMaxQuotedError = 700;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// Well-formed UTF-8: no invalid, overlong or surrogate sequence reaches the page.
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3
                  : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    const unsigned second = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0x80;
    if ((b == 0xE0 && second < 0xA0) || (b == 0xED && second > 0x9F) || (b == 0xF0 && second < 0x90) ||
        (b == 0xF4 && second > 0x8F))
      return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// The entries as a query that the form parser reads back as them: unreserved bytes as they are,
// spaces as '+', every other byte as %XX (the encoder of application/x-www-form-urlencoded).
std::string encode(const actderiv::QueryEntries& entries) {
  const auto bytes = [](const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c == '*' || c == '-' || c == '.' || c == '_') {
        out += static_cast<char>(c);
      } else if (c == ' ') {
        out += '+';
      } else {
        const char* hex = "0123456789ABCDEF";
        out += '%', out += hex[c >> 4], out += hex[c & 15];
      }
    }
    return out;
  };
  std::string query;
  for (const auto& [name, value] : entries) query += (query.empty() ? "" : "&") + bytes(name) + "=" + bytes(value);
  return query;
}

// A notice about key=...: says so first, is well-formed and bounded.
void check_notice(const std::string& notice, const std::string& key) {
  check(starts_with(notice, "Ignored " + key + "="));
  check(notice.find(" from the address: ") != std::string::npos);
  check(valid_utf8(notice));
  check(notice.size() <= kMaxNotice);
}

// A number's reading of a field called `what`: a finite value and no error, or an error and no value;
// the error names the field first and quotes at most 40 characters of the entry (however long `what`
// is: a query name can be); an accepted value is written by number_text in a form the grammar reads
// back as the same number.
void check_number(const actderiv::NumberReading& reading, const std::string& what) {
  check(reading.value.has_value() != !reading.error.empty());
  if (!reading.value) {
    check(starts_with(reading.error, what));
    check(valid_utf8(reading.error));
    check(reading.error.size() <= what.size() + kMaxQuotedError);
    return;
  }
  check(std::isfinite(*reading.value));
  const std::string text = actderiv::number_text(*reading.value);
  const auto again = actderiv::parse_number(text, what);
  check(again.value.has_value() && *again.value == *reading.value);
}

// The labs' kinds of settings, over the registry's ids.
const std::vector<actderiv::Setting>& settings() {
  static const std::vector<actderiv::Setting> table = [] {
    std::vector<std::string> ids;
    for (const auto& a : actderiv::activations()) ids.push_back(a.id);
    using Kind = actderiv::Setting::Kind;
    std::vector<actderiv::Setting> t(5);
    t[0].kind = Kind::Number, t[0].key = "depth.L", t[0].what = "the depth", t[0].min = 1, t[0].max = 50;
    t[0].whole = true;
    t[1].kind = Kind::Number, t[1].key = "depth.mu", t[1].what = "the mean", t[1].min = -3, t[1].max = 3;
    t[2].kind = Kind::Number, t[2].key = "train.lr", t[2].what = "the learning rate", t[2].min = 1e-4, t[2].max = 2;
    t[3].kind = Kind::Choice, t[3].key = "train.fn", t[3].what = "train.fn", t[3].ids = ids;
    t[4].kind = Kind::List, t[4].key = "depth.fn", t[4].what = "depth.fn", t[4].ids = ids;
    return t;
  }();
  return table;
}

// An accepted value lies within its setting's limits: a number in [min, max] (whole if it must be),
// an id from the list, or a non-empty list of distinct ids from it.
void check_reading(const actderiv::Setting& setting, const actderiv::SettingReading& reading) {
  check(reading.ok && reading.error.empty());
  const auto known = [&](const std::string& id) {
    return std::find(setting.ids.begin(), setting.ids.end(), id) != setting.ids.end();
  };
  if (setting.kind == actderiv::Setting::Kind::Number) {
    check(reading.number >= setting.min && reading.number <= setting.max);
    check(!setting.whole || std::floor(reading.number) == reading.number);
  } else if (setting.kind == actderiv::Setting::Kind::Choice) {
    check(reading.ids.size() == 1 && known(reading.ids[0]));
  } else {
    check(!reading.ids.empty() && std::all_of(reading.ids.begin(), reading.ids.end(), known));
    for (std::size_t k = 0; k < reading.ids.size(); ++k)
      check(std::find(reading.ids.begin(), reading.ids.begin() + k, reading.ids[k]) == reading.ids.begin() + k);
  }
}

// The settings `query` (parsed: `entries`) holds: each accepted value within its setting's limits,
// one notice per refused value, in table order.
void check_settings(std::string_view query, const actderiv::QueryEntries& entries) {
  const auto& table = settings();
  const auto result = actderiv::read_settings(query, table);
  check(result.readings.size() == table.size());
  std::size_t notice = 0;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& setting = table[i];
    const auto& reading = result.readings[i];
    const bool present = actderiv::query_get(entries, setting.key).has_value();
    if (reading) {
      check(present && reading->ok);
      check_reading(setting, *reading);
    } else if (present) {
      // The notices come in table order, one per refused setting.
      check(notice < result.notices.size());
      check_notice(result.notices[notice++], setting.key);
    }
  }
  check(notice == result.notices.size());
}

// Each setting's reader on typed `text`: an accepted value within the setting's limits, else an error
// that names the setting first.
void check_typed(std::string_view text) {
  for (const auto& setting : settings()) {
    const auto reading = actderiv::read_setting(setting, text);
    check(reading.ok == reading.error.empty());
    if (!reading.ok) {
      check(starts_with(reading.error, setting.what) && reading.error.size() <= kMaxNotice);
      continue;
    }
    check_reading(setting, reading);
  }
}

void check_view(std::string_view query, const actderiv::Activation& activation) {
  const auto view = actderiv::read_activation_view(query, activation);
  if (!view.named) {
    check(view.params.empty() && view.param_notices.empty() && view.section_notices.empty());
    check(view.step == 0 && !view.all_steps);
    return;
  }
  for (const auto& accepted : view.params) {
    const auto param = std::find_if(activation.params.begin(), activation.params.end(),
                                    [&](const actderiv::Param& p) { return p.id == accepted.first; });
    check(param != activation.params.end());
    check(accepted.second >= param->min && accepted.second <= param->max);
  }
  check(view.step < actderiv::step_count(activation));
  check(!(view.all_steps && view.step != 0));
  for (const auto& [id, notice] : view.param_notices) check_notice(notice, id);
  for (const auto& notice : view.section_notices) {
    const auto& keys = actderiv::parameter_keys();
    const bool about_key = std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
      return starts_with(notice, "Ignored " + key + "=");
    });
    check(about_key || starts_with(notice, "Ignored step="));
    check_notice(notice, notice.substr(8, notice.find('=') - 8));
  }
}

void check_expression_params(std::string_view query) {
  const auto read = actderiv::read_expression_params(query);
  const auto& params = actderiv::expression_params();
  check(read.values.size() == params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    check(read.values[i].first == params[i].id);
    check(read.values[i].second >= params[i].min && read.values[i].second <= params[i].max);
  }
  for (const auto& [id, sentence] : read.refused) {
    check(starts_with(sentence, "expr." + id + " in the link"));
    check(valid_utf8(sentence) && sentence.size() <= kMaxNotice);
  }
}

}  // namespace

// The first byte chooses what the rest is read as, one reader per input so that each run is quick
// ('0' to '3' in the seeds; any byte works, by its value modulo 4):
//   0: a query, parsed: well-formed UTF-8 out, read back from its own encoding unchanged, and every
//      value read by the number grammar;
//   1: typed text: the number grammar and each setting's reader on the raw bytes (a field passes them);
//   2: a query, read by the labs' settings table;
//   3: a query, read as the view of the activation fn= names (else of one it does not name), and as
//      the own activation's parameters.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      const actderiv::QueryEntries entries = actderiv::parse_query(text);
      for (const auto& [name, value] : entries) check(valid_utf8(name) && valid_utf8(value));
      check(actderiv::parse_query(encode(entries)) == entries);
      for (const auto& [name, value] : entries) check_number(actderiv::parse_number(value, name), name);
      break;
    }
    case 1:
      check_number(actderiv::parse_number(text, "the field"), "the field");
      check_typed(text);
      break;
    case 2:
      check_settings(text, actderiv::parse_query(text));
      break;
    default: {
      const auto& all = actderiv::activations();
      const auto fn = actderiv::query_get(actderiv::parse_query(text), "fn");
      const auto named = std::find_if(all.begin(), all.end(), [&](const auto& a) { return fn == a.id; });
      check_view(text, named != all.end() ? *named : all[size % all.size()]);
      check_expression_params(text);
    }
  }
  return 0;
}
