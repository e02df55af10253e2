// Numbers and names in the core's sentences (format.h).
#include "text/format.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace actderiv::format {

namespace {

// Whether `value` is written exactly by the digits `digits` times 10^exponent.
bool reads_back(const std::string& digits, int exponent, double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%se%d", digits.c_str(), exponent);
  return std::strtod(buffer, nullptr) == value;
}

}  // namespace

// snprintf and strtod, not an ostringstream: iostreams would pull libc++'s locale machinery (about
// 200 KB) into the WebAssembly module.
std::string number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (value == 0) return "0";
  if (value < 0) return "-" + number_text(-value);
  if (std::isinf(value)) return "Infinity";
  // The fewest significant digits that read back as `value` (ECMAScript Number::toString): for each
  // count, the correctly rounded digits; failing those, a neighbour that lies in the wider half of
  // the rounding interval just above a power of two.
  std::string digits;
  int point = 0;  // value = 0.digits * 10^point
  for (int precision = 1; precision <= 17 && digits.empty(); ++precision) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
    std::string mantissa(buffer, std::strchr(buffer, 'e'));
    mantissa.erase(std::remove(mantissa.begin(), mantissa.end(), '.'), mantissa.end());
    const int exponent = std::atoi(std::strchr(buffer, 'e') + 1) - (precision - 1);
    const std::uint64_t m = std::strtoull(mantissa.c_str(), nullptr, 10);
    for (std::uint64_t candidate : {m, m + 1, m - 1}) {
      const std::string text = std::to_string(candidate);
      if (candidate == 0 || !reads_back(text, exponent, value)) continue;
      digits = text;
      point = exponent + static_cast<int>(text.size());
      break;
    }
  }
  digits.erase(digits.find_last_not_of('0') + 1);
  const int k = static_cast<int>(digits.size());
  const int n = point;
  if (k <= n && n <= 21) return digits + std::string(n - k, '0');
  if (0 < n && n <= 21) return digits.substr(0, n) + "." + digits.substr(n);
  if (-6 < n && n <= 0) return "0." + std::string(-n, '0') + digits;
  const std::string exponent = (n - 1 < 0 ? "-" : "+") + std::to_string(std::abs(n - 1));
  return digits.substr(0, 1) + (k > 1 ? "." + digits.substr(1) : "") + "e" + exponent;
}

std::string display_number(double value) {
  // The first '-' only, as the page's String(value).replace('-', '−') did: 1e-7 gives "1e−7".
  std::string text = number_text(value);
  const std::size_t minus = text.find('-');
  if (minus != std::string::npos) text.replace(minus, 1, "\xE2\x88\x92");
  return text;
}

std::string unknown_id(std::string_view what, std::string_view id, const std::vector<std::string>& known,
                       std::string_view where) {
  std::string list;
  for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
  return "unknown " + std::string(what) + " '" + std::string(id) + "'" + std::string(where) + " (known: " +
         (list.empty() ? "none" : list) + ")";
}

std::string range_error(std::string_view what, double min, double max, double value) {
  return std::string(what) + " must be from " + display_number(min) + " to " + display_number(max) + ", not " +
         display_number(value);
}

std::string whole_error(std::string_view what, double value) {
  return std::string(what) + " must be a whole number, not " + display_number(value);
}

}  // namespace actderiv::format
