// The correctly rounded reference table (tests/reference/activations.csv) and ULP distances.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef ACTDERIV_REFERENCE_DIR
#error "ACTDERIV_REFERENCE_DIR must name tests/reference as a string literal"
#endif

namespace actderiv_test {

// One row of activations.csv: g(z) and g'(z) correctly rounded to doubles.
struct ReferenceRow {
  std::string function;  // activation id, e.g. "leaky_relu"
  bool has_param;        // true when the `param` column is set (alpha for leaky_relu)
  double param;          // the parameter's value when has_param
  double z;
  double value;
  double derivative;
};

// A double as written by generate.py: repr() digits, inf, -inf, nan or -0.0. Throws on junk.
// std::strtod, not std::stod: stod throws on the subnormals the table contains.
inline double parse_double(const std::string& text) {
  if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (text == "inf") return std::numeric_limits<double>::infinity();
  if (text == "-inf") return -std::numeric_limits<double>::infinity();
  const char* begin = text.c_str();
  char* end = nullptr;
  const double x = std::strtod(begin, &end);
  if (text.empty() || end != begin + text.size()) {
    throw std::runtime_error("not a number in the reference table: '" + text + "'");
  }
  return x;
}

// All rows of ACTDERIV_REFERENCE_DIR/activations.csv; throws if the file is missing or malformed.
inline std::vector<ReferenceRow> load_reference() {
  const std::string path = std::string(ACTDERIV_REFERENCE_DIR) + "/activations.csv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  if (!std::getline(in, line) || line != "function,param,z,value,derivative") {
    throw std::runtime_error(path + ": unexpected header '" + line + "'");
  }
  std::vector<ReferenceRow> rows;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    if (line.back() == ',') cells.emplace_back();  // getline drops an empty last field
    if (cells.size() != 5) throw std::runtime_error(path + ": expected 5 columns in '" + line + "'");
    ReferenceRow row;
    row.function = cells[0];
    row.has_param = !cells[1].empty();
    row.param = row.has_param ? parse_double(cells[1]) : 0.0;
    row.z = parse_double(cells[2]);
    row.value = parse_double(cells[3]);
    row.derivative = parse_double(cells[4]);
    rows.push_back(row);
  }
  return rows;
}

// The double's position on the number line as an integer: monotonic, -0 and +0 both map to 0,
// neighbouring doubles (subnormals included) differ by 1.
inline std::int64_t ordered_bits(double x) {
  std::int64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits >= 0 ? bits : -(bits & std::numeric_limits<std::int64_t>::max());
}

// Distance in units in the last place between got and want. NaN only matches NaN and an infinity
// only matches itself (otherwise the distance is the maximum); +0 and -0 are equal.
inline std::uint64_t ulp_distance(double got, double want) {
  constexpr std::uint64_t kNoMatch = std::numeric_limits<std::uint64_t>::max();
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want) ? 0 : kNoMatch;
  if (std::isinf(got) || std::isinf(want)) return got == want ? 0 : kNoMatch;
  const std::int64_t a = ordered_bits(got);
  const std::int64_t b = ordered_bits(want);
  // both lie within +-0x7FF0000000000000, so the difference fits in uint64 computed this way
  return a >= b ? static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b)
                : static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a);
}

// The rows of ACTDERIV_REFERENCE_DIR/<name> (a table written by a generator), each split into its
// comma-separated fields, a field in double quotes holding commas if it likes; blank lines skipped.
// Throws if the file is missing or its first line is not `header`.
inline std::vector<std::vector<std::string>> read_table(const std::string& name, const std::string& header) {
  const std::string path = std::string(ACTDERIV_REFERENCE_DIR) + "/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  if (!std::getline(in, line) || line != header) throw std::runtime_error(path + ": unexpected header '" + line + "'");
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) fields.emplace_back();
      else fields.back() += c;
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

// A double printed so that it round-trips, for failure messages.
inline std::string show(double x) {
  std::ostringstream out;
  out.precision(17);
  out << x;
  return out.str();
}

}  // namespace actderiv_test
