// The page address: the WHATWG query parser, the number grammar and its messages, and the readers'
// values and refusals (core/include/actderiv/address.h).
#include "actderiv/address/address.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "actderiv/calculus/derive.h"

namespace {

using actderiv::QueryEntries;

struct QueryCase {
  std::string query;
  QueryEntries expected;
};

// Each expected list is what new URLSearchParams(query) gives in Node 20 and Chromium.
TEST(ParseQuery, FollowsTheWhatwgFormParser) {
  const std::string fffd = "\xEF\xBF\xBD";
  const std::vector<QueryCase> cases = {
      {"", {}},
      {"?", {}},
      {"??a=1", {{"?a", "1"}}},
      {"a=1&b=2", {{"a", "1"}, {"b", "2"}}},
      {"&&", {}},
      {"&a&&b=&", {{"a", ""}, {"b", ""}}},
      {"a=b=c", {{"a", "b=c"}}},
      {"=x", {{"", "x"}}},
      {"=", {{"", ""}}},
      {"+", {{" ", ""}}},
      {"a+b=c+d", {{"a b", "c d"}}},
      {"%2B=%2b", {{"+", "+"}}},
      {"a=%zz", {{"a", "%zz"}}},
      {"a=%", {{"a", "%"}}},
      {"a=%4", {{"a", "%4"}}},
      {"a=%%41", {{"a", "%A"}}},
      {"a=%26&b=%3D", {{"a", "&"}, {"b", "="}}},
      {"a=%FF", {{"a", fffd}}},
      {"a=%C3%A9", {{"a", "\xC3\xA9"}}},
      {"a=\xC3\xA9", {{"a", "\xC3\xA9"}}},
      {"a=%C3", {{"a", fffd}}},
      {"a=%C3%41", {{"a", fffd + "A"}}},
      // Overlong forms, an encoded surrogate (a lone half), and past U+10FFFF: U+FFFD per maximal subpart.
      {"a=%C0%AF", {{"a", fffd + fffd}}},
      {"a=%E0%80%AF", {{"a", fffd + fffd + fffd}}},
      {"a=%ED%A0%80", {{"a", fffd + fffd + fffd}}},
      {"a=%F4%90%80%80", {{"a", fffd + fffd + fffd + fffd}}},
      {"a=%F0%9F%98", {{"a", fffd}}},
      {"a=%F0%9F%98%80", {{"a", "\xF0\x9F\x98\x80"}}},
      {"a=1&a=2", {{"a", "1"}, {"a", "2"}}},
      {"a=%00", {{"a", std::string(1, '\0')}}},
  };
  for (const auto& c : cases) EXPECT_EQ(actderiv::parse_query(c.query), c.expected) << c.query;
}

TEST(ParseQuery, GetReturnsTheFirstMatch) {
  const QueryEntries entries = actderiv::parse_query("?a=1&b=&a=2");
  EXPECT_EQ(actderiv::query_get(entries, "a"), "1");
  EXPECT_EQ(actderiv::query_get(entries, "b"), "");
  EXPECT_EQ(actderiv::query_get(entries, "c"), std::nullopt);
}

struct NumberCase {
  std::string text;
  double value;
};

TEST(ParseNumber, ReadsDecimalAndExponentForms) {
  const std::vector<NumberCase> cases = {
      {"2.5", 2.5},      {"-1e-3", -1e-3},  {" 7 ", 7},          {"+3", 3},         {"5.", 5},
      {".5", 0.5},       {"1E3", 1000},     {"1e+2", 100},       {"\xE2\x88\x92" "2", -2},
      {"\t\xC2\xA0" "0.1\xE2\x80\xA8", 0.1},  {"0", 0},          {"-0", -0.0},      {"0e-999", 0},
      {"1e-310", 1e-310}, {"00012", 12},    {"1.7976931348623157e308", 1.7976931348623157e308},
  };
  for (const auto& c : cases) {
    const auto reading = actderiv::parse_number(c.text, "x");
    ASSERT_TRUE(reading.value.has_value()) << c.text << ": " << reading.error;
    EXPECT_EQ(*reading.value, c.value) << c.text;
    EXPECT_EQ(reading.error, "");
  }
}

struct RefusalCase {
  std::string text;
  std::string error;
};

TEST(ParseNumber, RefusesWithASentence) {
  const std::string many(45, '9');
  const std::vector<RefusalCase> cases = {
      {"", "alpha is empty; enter a number."},
      {"  \xE3\x80\x80", "alpha is empty; enter a number."},
      {"abc", "alpha: \xE2\x80\x9C" "abc\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {" 1,5 ", "alpha: \xE2\x80\x9C" "1,5\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {".", "alpha: \xE2\x80\x9C.\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {"1e", "alpha: \xE2\x80\x9C" "1e\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {"0x10", "alpha: \xE2\x80\x9C" "0x10\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {"Infinity", "alpha: \xE2\x80\x9CInfinity\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {"\xEF\xBC\x91", "alpha: \xE2\x80\x9C\xEF\xBC\x91\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      // The minus sign is quoted as typed; invisible characters by code point.
      {"\xE2\x88\x92x", "alpha: \xE2\x80\x9C\xE2\x88\x92x\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {"1\xE2\x80\xAE" "0", "alpha: \xE2\x80\x9C" "1\xE2\x9F\xA8U+202E\xE2\x9F\xA9" "0\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {std::string("1\0", 2), "alpha: \xE2\x80\x9C" "1\xE2\x9F\xA8U+0000\xE2\x9F\xA9\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      // A broken surrogate pair (WTF-8 from JavaScript) is named, not merged with what follows.
      {"1\xED\xA0\x80" "2", "alpha: \xE2\x80\x9C" "1\xE2\x9F\xA8U+D800\xE2\x9F\xA9" "2\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {"x" + many, "alpha: \xE2\x80\x9Cx" + many.substr(0, 39) + "\xE2\x80\xA6\xE2\x80\x9D (46 characters) is not a number (try 2.5 or -1e-3)."},
      {"1e309", "alpha: that number is too large."},
      {"-1e400", "alpha: that number is too large."},
      {"1e-400", "alpha: \xE2\x80\x9C" "1e-400\xE2\x80\x9D is too close to 0 to store; enter 0 if you mean 0."},
      {" \xE2\x88\x92" "0.5e-999 ", "alpha: \xE2\x80\x9C\xE2\x88\x92" "0.5e-999\xE2\x80\x9D is too close to 0 to store; enter 0 if you mean 0."},
  };
  for (const auto& c : cases) {
    const auto reading = actderiv::parse_number(c.text, "alpha");
    EXPECT_FALSE(reading.value.has_value()) << c.text;
    EXPECT_EQ(reading.error, c.error) << c.text;
  }
}

TEST(QuoteEntry, CountsCodePointsAndNamesInvisibleOnes) {
  EXPECT_EQ(actderiv::quote_entry("\xF0\x9F\x98\x80"), "\xE2\x80\x9C\xF0\x9F\x98\x80\xE2\x80\x9D");
  std::string forty_emoji;
  for (int i = 0; i < 41; ++i) forty_emoji += "\xF0\x9F\x98\x80";
  const std::string quoted = actderiv::quote_entry(forty_emoji);
  EXPECT_NE(quoted.find("(41 characters)"), std::string::npos) << quoted;
  EXPECT_EQ(actderiv::quote_entry("\xEE\x80\x80"), "\xE2\x80\x9C\xE2\x9F\xA8U+E000\xE2\x9F\xA9\xE2\x80\x9D");
  EXPECT_EQ(actderiv::quote_entry("\xE2\x80\x8D"), "\xE2\x80\x9C\xE2\x9F\xA8U+200D\xE2\x9F\xA9\xE2\x80\x9D");
}

struct TextCase {
  double value;
  std::string text;
};

// Expected texts are JavaScript's String(value).
TEST(NumberText, WritesNumbersAsJavaScriptDoes) {
  const std::vector<TextCase> cases = {
      {0, "0"}, {-0.0, "0"}, {1, "1"}, {-2, "-2"}, {0.1, "0.1"}, {0.01, "0.01"}, {1.5, "1.5"},
      {100, "100"}, {1e21, "1e+21"}, {1e20, "100000000000000000000"}, {123456789012345680000.0, "123456789012345680000"},
      {1e-6, "0.000001"}, {1e-7, "1e-7"}, {1.5e-7, "1.5e-7"}, {5e-324, "5e-324"}, {0.1 + 0.2, "0.30000000000000004"},
      {1.7976931348623157e308, "1.7976931348623157e+308"}, {9007199254740993.0, "9007199254740992"},
      {2.2250738585072014e-308, "2.2250738585072014e-308"}, {std::ldexp(1.0, 1023), "8.98846567431158e+307"},
      {std::numeric_limits<double>::infinity(), "Infinity"}, {std::nan(""), "NaN"},
  };
  for (const auto& c : cases) EXPECT_EQ(actderiv::number_text(c.value), c.text) << c.text;
  EXPECT_EQ(actderiv::format_setting(-0.5), "\xE2\x88\x92" "0.5");
  EXPECT_EQ(actderiv::format_setting(2), "2");
  EXPECT_EQ(actderiv::format_setting(1e-7), "1e\xE2\x88\x92" "7");
  EXPECT_EQ(actderiv::format_setting(-1e-7), "\xE2\x88\x92" "1e-7");
}

TEST(NumberText, ReadsBackAsTheSameNumber) {
  std::uint64_t bits = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 20000; ++i) {
    bits ^= bits << 13, bits ^= bits >> 7, bits ^= bits << 17;
    double value;
    std::memcpy(&value, &bits, sizeof value);
    if (!std::isfinite(value)) continue;
    EXPECT_EQ(std::strtod(actderiv::number_text(value).c_str(), nullptr), value) << actderiv::number_text(value);
  }
}

actderiv::Setting number(double min, double max, bool whole = false) {
  actderiv::Setting s;
  s.kind = actderiv::Setting::Kind::Number;
  s.key = "depth.L", s.what = "the depth", s.min = min, s.max = max, s.whole = whole;
  return s;
}

actderiv::Setting ids(actderiv::Setting::Kind kind, std::string key) {
  actderiv::Setting s;
  s.kind = kind;
  s.key = key, s.what = key, s.ids = {"relu", "tanh", "gelu"};
  return s;
}

TEST(ReadSetting, AcceptsWithinItsLimits) {
  EXPECT_EQ(actderiv::read_setting(number(1, 50, true), "12").number, 12);
  EXPECT_TRUE(actderiv::read_setting(number(-2, 2), "\xE2\x88\x92" "2").ok);
  const auto choice = actderiv::read_setting(ids(actderiv::Setting::Kind::Choice, "train.fn"), "tanh");
  EXPECT_EQ(choice.ids, std::vector<std::string>{"tanh"});
  const auto list = actderiv::read_setting(ids(actderiv::Setting::Kind::List, "depth.fn"), " tanh,relu,,tanh ,");
  EXPECT_EQ(list.ids, (std::vector<std::string>{"tanh", "relu"}));
}

TEST(ReadSetting, RefusesWithASentence) {
  using Kind = actderiv::Setting::Kind;
  const std::vector<std::pair<actderiv::SettingReading, std::string>> cases = {
      {actderiv::read_setting(number(1, 50, true), "99"), "the depth must be from 1 to 50, not 99."},
      {actderiv::read_setting(number(-3, -1), "0"), "the depth must be from \xE2\x88\x92" "3 to \xE2\x88\x92" "1, not 0."},
      {actderiv::read_setting(number(1, 50, true), "2.5"), "the depth must be a whole number, not 2.5."},
      {actderiv::read_setting(number(1, 50, true), "x"), "the depth: \xE2\x80\x9Cx\xE2\x80\x9D is not a number (try 2.5 or -1e-3)."},
      {actderiv::read_setting(ids(Kind::Choice, "train.fn"), "<img src=x>"), "train.fn must be one of relu, tanh, gelu."},
      {actderiv::read_setting(ids(Kind::Choice, "train.fn"), " tanh"), "train.fn must be one of relu, tanh, gelu."},
      {actderiv::read_setting(ids(Kind::List, "depth.fn"), "relu,bogus"), "depth.fn: no activation is called \xE2\x80\x9C" "bogus\xE2\x80\x9D."},
      {actderiv::read_setting(ids(Kind::List, "depth.fn"), std::string(50, 'b')),
       "depth.fn: no activation is called \xE2\x80\x9C" + std::string(40, 'b') + "\xE2\x80\x9D."},
      {actderiv::read_setting(ids(Kind::List, "depth.fn"), " , ,"), "depth.fn lists no activation."},
  };
  for (const auto& [reading, error] : cases) {
    EXPECT_FALSE(reading.ok) << error;
    EXPECT_EQ(reading.error, error);
  }
}

TEST(ReadSettings, ReadsPresentKeysAndNoticesRefusals) {
  const std::vector<actderiv::Setting> table = {number(1, 50, true), ids(actderiv::Setting::Kind::Choice, "train.fn"),
                                                ids(actderiv::Setting::Kind::List, "depth.fn")};
  const auto result = actderiv::read_settings("?depth.L=7&depth.L=99&train.fn=%3Cb%3E" + std::string(50, 'x'), table);
  ASSERT_EQ(result.readings.size(), 3u);
  EXPECT_EQ(result.readings[0]->number, 7);
  EXPECT_FALSE(result.readings[1].has_value());
  EXPECT_FALSE(result.readings[2].has_value());
  ASSERT_EQ(result.notices.size(), 1u);
  EXPECT_EQ(result.notices[0], "Ignored train.fn=<b>" + std::string(37, 'x') +
                                   "\xE2\x80\xA6 from the address: train.fn must be one of relu, tanh, gelu.");
}

TEST(ReadSettings, CutsNoticesByUtf16UnitsAsThePageDid) {
  // 39 ASCII letters then an emoji: the 40th unit is the emoji's first half, shown as U+FFFD.
  const auto result = actderiv::read_settings("train.fn=" + std::string(39, 'a') + "%F0%9F%98%80z",
                                              {ids(actderiv::Setting::Kind::Choice, "train.fn")});
  ASSERT_EQ(result.notices.size(), 1u);
  EXPECT_EQ(result.notices[0], "Ignored train.fn=" + std::string(39, 'a') +
                                   "\xEF\xBF\xBD\xE2\x80\xA6 from the address: train.fn must be one of relu, tanh, gelu.");
}

const std::string kTanhSteps = "the Tanh derivation has 3 steps: use 1 to 3, or all; showing step 1.";

TEST(ReadActivationView, ReadsParametersAndStep) {
  const auto& leaky = actderiv::find_activation("leaky_relu");
  const auto view = actderiv::read_activation_view("?fn=leaky_relu&alpha=0.2&step=2", leaky);
  EXPECT_TRUE(view.named);
  EXPECT_EQ(view.params, (actderiv::ParamValues{{"alpha", 0.2}}));
  EXPECT_EQ(view.step, 1u);
  EXPECT_FALSE(view.all_steps);
  EXPECT_TRUE(view.param_notices.empty());
  EXPECT_TRUE(view.section_notices.empty());
  EXPECT_TRUE(actderiv::read_activation_view("?fn=leaky_relu&step=all", leaky).all_steps);
  // Without fn= naming it, nothing is read.
  const auto other = actderiv::read_activation_view("?fn=tanh&alpha=abc", leaky);
  EXPECT_FALSE(other.named);
  EXPECT_TRUE(other.params.empty() && other.param_notices.empty());
}

TEST(ReadActivationView, RefusesWithTheSentencesThePageShows) {
  const auto& leaky = actderiv::find_activation("leaky_relu");
  const auto& tanh = actderiv::find_activation("tanh");
  EXPECT_EQ(actderiv::step_count(tanh), 3u);
  const std::vector<std::pair<std::string, std::string>> params = {
      {"?fn=leaky_relu&alpha=abc", "Ignored alpha=abc from the address: alpha must be a number from 0 to 1; using 0.01."},
      {"?fn=leaky_relu&alpha=99", "Ignored alpha=99 from the address: alpha must be from 0 to 1, not 99; using 0.01."},
      {"?fn=leaky_relu&alpha=-0.5",
       "Ignored alpha=-0.5 from the address: alpha must be from 0 to 1, not \xE2\x88\x92" "0.5; using 0.01."},
  };
  for (const auto& [query, notice] : params) {
    const auto view = actderiv::read_activation_view(query, leaky);
    EXPECT_TRUE(view.params.empty()) << query;
    ASSERT_EQ(view.param_notices.size(), 1u) << query;
    EXPECT_EQ(view.param_notices[0], std::make_pair(std::string("alpha"), notice));
  }
  const std::vector<std::pair<std::string, std::string>> section = {
      {"?fn=tanh&step=0", "Ignored step=0 from the address: " + kTanhSteps},
      {"?fn=tanh&step=999", "Ignored step=999 from the address: " + kTanhSteps},
      {"?fn=tanh&step=2.5", "Ignored step=2.5 from the address: " + kTanhSteps},
      {"?fn=tanh&step=ALL", "Ignored step=ALL from the address: " + kTanhSteps},
      {"?fn=tanh&step=%3Cscript%3E", "Ignored step=<script> from the address: " + kTanhSteps},
      {"?fn=tanh&alpha=0.3", "Ignored alpha=0.3 from the address: Tanh has no parameter alpha."},
  };
  for (const auto& [query, notice] : section) {
    const auto view = actderiv::read_activation_view(query, tanh);
    EXPECT_EQ(view.step, 0u) << query;
    EXPECT_EQ(view.section_notices, std::vector<std::string>{notice}) << query;
  }
}

TEST(ReadExpressionParams, ReadsOrFallsBackToTheDefault) {
  const auto& params = actderiv::expression_params();
  const auto read = actderiv::read_expression_params("?expr.alpha=0.5&expr.beta=9");
  ASSERT_EQ(read.values.size(), params.size());
  EXPECT_EQ(read.values[0], std::make_pair(std::string("alpha"), 0.5));
  EXPECT_EQ(read.values[1], std::make_pair(std::string("beta"), params[1].default_value));
  ASSERT_EQ(read.refused.size(), 1u);
  EXPECT_EQ(read.refused[0].second, "expr.beta in the link must be from \xE2\x88\x92" "5 to 5, not 9; using 1.");
  const auto bad = actderiv::read_expression_params("expr.alpha=x");
  ASSERT_EQ(bad.refused.size(), 1u);
  EXPECT_EQ(bad.refused[0].second,
            "expr.alpha in the link: \xE2\x80\x9Cx\xE2\x80\x9D is not a number (try 2.5 or -1e-3). Using " +
                actderiv::number_text(params[0].default_value) + ".");
}

}  // namespace
