// The double-double functions (numerics/precise.h), through the function table's `precise` rows,
// against mpmath's values split into hi + lo (tests/reference/precise.csv, precise_generate.py).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "actderiv/expr/functions.h"
#include "actderiv/numerics/precise.h"
#include "reference.h"

namespace {

using actderiv_test::parse_double;

// About 90 of the 106 bits (erfc just below 2.5 is 1 - erf, and loses three digits to it; log and
// exp lose a few bits to their range reduction), or a few of the smallest subnormals where lo is
// one: far more than the 53 bits the reference must resolve.
constexpr double kRelative = 0x1p-90;
constexpr double kAbsolute = 0x1p-1070;

TEST(PreciseFunctions, MatchMpmathToAboutAHundredBits) {
  std::set<std::string> seen;
  int rows = 0;
  for (const auto& row : actderiv_test::read_table("precise.csv", "function,x,hi,lo")) {
    ASSERT_EQ(row.size(), 4u);
    const std::string &name = row[0], &x = row[1], &hi = row[2], &lo = row[3];
    const actderiv::Function* f = actderiv::find_function(name);
    ASSERT_NE(f, nullptr) << name;
    ASSERT_NE(f->precise, nullptr) << name;
    const actderiv::DoubleDouble arg = actderiv::dd(parse_double(x));
    const actderiv::DoubleDouble got = f->precise(&arg);
    const actderiv::DoubleDouble want{parse_double(hi), parse_double(lo)};
    const double error = std::fabs((got - want).hi);
    EXPECT_LE(error, kRelative * std::fabs(want.hi) + kAbsolute)
        << name << "(" << x << ") = " << got.hi << " + " << got.lo << ", true " << hi << " + " << lo;
    seen.insert(name);
    ++rows;
  }
  EXPECT_GE(rows, 90);
  // Every function of one argument that has a double-double row is in the table.
  for (const auto& fn : actderiv::functions())
    if (fn.arity == 1 && fn.precise && std::string(fn.name) != "abs" && std::string(fn.name) != "relu")
      EXPECT_TRUE(seen.count(fn.name)) << fn.name << " has no reference points in precise.csv";
}

}  // namespace
