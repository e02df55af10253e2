// The content files' reader (actderiv/text/content.h): the format, its refusals with their lines,
// slots and the numbers written into them, and the files embedded in this build.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "actderiv/text/content.h"

namespace {

using actderiv::ContentError;
using actderiv::ProseForm;
using actderiv::Slot;

// The message of the ContentError that `run` throws, or "" if it throws none.
template <typename Run>
std::string refusal(Run run) {
  try {
    run();
  } catch (const ContentError& e) {
    return e.what();
  }
  return "";
}

TEST(Content, ReadsTheTitleAndSectionsWithTheirLines) {
  const auto file = actderiv::parse_content("en/x.md",
                                            "\xEF\xBB\xBF# Leaky ReLU\r\n\n## summary\n\nOne line,\n"
                                            "two lines.  \n\n\n## step: chain rule\n- an item\n  more\n");
  EXPECT_EQ(file.name, "en/x.md");
  EXPECT_EQ(file.title, "Leaky ReLU");
  ASSERT_EQ(file.sections.size(), 2u);
  EXPECT_EQ(file.sections[0].key, "summary");
  EXPECT_EQ(file.sections[0].text, "One line,\ntwo lines.");
  EXPECT_EQ(file.sections[0].line, 3);
  EXPECT_EQ(file.sections[1].key, "step: chain rule");
  EXPECT_EQ(file.sections[1].text, "- an item\n  more");
  EXPECT_EQ(file.sections[1].line, 9);
  EXPECT_EQ(file.find("step: chain rule"), &file.sections[1]);
  EXPECT_EQ(file.find("chain rule"), nullptr);
}

struct Malformed {
  const char* text;
  const char* message;  // the start of the refusal, file and line included
};

TEST(Content, RefusesMalformedFilesNamingTheLine) {
  const Malformed cases[] = {
      {"", "x.md:1: a content file starts with its title"},
      {"\n\nTitle\n## a\nb\n", "x.md:3: a content file starts with its title"},
      {"#Title\n## a\nb\n", "x.md:1: a content file starts with its title"},
      {"# T\nintro\n## a\nb\n", "x.md:2: text before the first section"},
      {"# T\n", "x.md:1: the file has no sections"},
      {"# T\n## a\nb\n### c\n", "x.md:4: a line may start with '#' only as a section heading"},
      {"# T\n## a\nb\n# Again\n", "x.md:4: a line may start with '#' only as a section heading"},
      {"# T\n##   \nb\n", "x.md:2: a section heading needs a key"},
      {"# T\n## a\nb\n## a\nc\n", "x.md:4: the section 'a' appears twice (first at line 2)"},
      {"# T\n## a\n\n\n## b\nc\n", "x.md:2: the section 'a' has no text"},
      {"# T\n## a\nsee $x\nand y\n\nnext $z$\n", "x.md:3: an odd number of '$' in this paragraph"},
      {"# T\n## a\nfine $x$\n\none $y\n", "x.md:5: an odd number of '$' in this paragraph"},
      {"# T\n## a\ndisplay $$x$$\n", "x.md:3: '$$': prose has inline math only"},
      {"# T\n## a\nb\nc {{1x}} d\n", "x.md:4: '{{1x}} d': a slot's name starts with a letter"},
      {"# T\n## a\n$e^{{{x}}}$\n", "x.md:3: '{{{x}}}$': a slot's name starts with a letter"},
      {"# T\n## a\n{{a..b}}\n", "x.md:3: '{{a..b}}': the parts of a slot's name are joined by single dots"},
      {"# T\n## a\n{{a:0}}\n", "x.md:3: '{{a:0}}': the digits after ':' are a count from 1 to 17"},
      {"# T\n## a\n{{a:18}}\n", "x.md:3: '{{a:18}}': the digits after ':' are a count from 1 to 17"},
      {"# T\n## a\n{{a\n}}\n", "x.md:3: '{{a': a slot ends with '}}'"},
  };
  for (const auto& c : cases) {
    const std::string message = refusal([&] { actderiv::parse_content("x.md", c.text); });
    EXPECT_EQ(message.rfind(c.message, 0), 0u) << "text: " << c.text << "\nrefused with: " << message;
  }
}

TEST(Content, TexBracesAreNotSlots) {
  const auto file = actderiv::parse_content(
      "x.md", "# T\n## a\n$\\frac{1}{1+e^{-z}}$, $e^{ {{u}} }$ and {{min.z:3}}\n");
  const auto slots = actderiv::slots_in(file.sections[0].text);
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].name, "u");
  EXPECT_EQ(slots[0].digits, 0);
  EXPECT_EQ(slots[1].name, "min.z");
  EXPECT_EQ(slots[1].digits, 3);
  const auto filled = actderiv::fill_slots(file.sections[0].text, [](const Slot& slot) {
    return slot.name == "u" ? std::string("\\sigma(z)") : "[" + slot.name + "/" + std::to_string(slot.digits) + "]";
  });
  EXPECT_EQ(filled, "$\\frac{1}{1+e^{-z}}$, $e^{ \\sigma(z) }$ and [min.z/3]");
}

TEST(Content, SectionProseAsOneLineOrAsMarkdown) {
  const auto file = actderiv::parse_content(
      "en/x.md",
      "# T\n## line\nFirst\n  second {{n:2}}.\n## list\n- **a** $x*y$\n  [[display: kinks]]\n"
      "## two\nOne.\n\nTwo.\n## item\n- a\n## element\n[[display: kinks]]\n## bold\nA **b**.\n");
  const auto fill = [](const Slot& slot) -> std::string {
    if (slot.name == "n") return actderiv::format_significant(36.7368, slot.digits);
    throw ContentError("no slot " + slot.name);
  };
  EXPECT_EQ(actderiv::section_prose(file, "line", fill), "First second 37.");
  EXPECT_EQ(actderiv::section_prose(file, "list", fill, ProseForm::Markdown), "- **a** $x*y$\n  [[display: kinks]]");
  const struct {
    const char* key;
    const char* message;
  } refused[] = {
      {"two", "en/x.md:8: 'two': shown as one paragraph, so it has no blank line"},
      {"item", "en/x.md:12: 'item': shown as one paragraph of text, so it has no list item or page element"},
      {"element", "en/x.md:14: 'element': shown as one paragraph of text, so it has no list item"},
      {"bold", "en/x.md:16: 'bold': shown as it is written, so it has no '*' emphasis outside $...$"},
      {"list", "en/x.md:5: 'list': shown as one paragraph of text"},
      {"missing", "en/x.md: no section '## missing'"},
  };
  for (const auto& r : refused) {
    const std::string message = refusal([&] { actderiv::section_prose(file, r.key, fill); });
    EXPECT_EQ(message.rfind(r.message, 0), 0u) << r.key << ": " << message;
  }
  const auto unknown = actderiv::parse_content("en/y.md", "# T\n## a\nb {{m:2}}\n");
  EXPECT_EQ(refusal([&] { actderiv::section_prose(unknown, "a", fill); }), "en/y.md:2: 'a': no slot m");
}

TEST(Content, NumbersWithTheDigitsAskedFor) {
  const struct {
    double value;
    int digits;
    const char* text;
  } cases[] = {
      {36.736800569677108, 2, "37"},
      {2.3993572811835349, 3, "2.40"},
      {-0.2784645427610738, 3, "-0.278"},
      {-1.2784645428190531, 5, "-1.2785"},
      {0.59999999999999998, 1, "0.6"},
      {1.0884981612517279, 4, "1.088"},
      {-0.375, 3, "-0.375"},
      {-1.5, 2, "-1.5"},
      {709.78271289338409, 5, "709.78"},
      {999.96, 4, "1000"},
      {0.00012345, 3, "0.000123"},
      {0.0, 3, "0.00"},
      {-0.0, 1, "0"},
      {-1e-300, 2, "-1.0 \\times 10^{-300}"},
      {1.1102230246251491e-16, 3, "1.11 \\times 10^{-16}"},
      {1234567, 3, "1.23 \\times 10^{6}"},
      {0.1, 17, "0.10000000000000001"},
  };
  for (const auto& c : cases) EXPECT_EQ(actderiv::format_significant(c.value, c.digits), c.text) << c.value;
  EXPECT_THROW(actderiv::format_significant(NAN, 2), std::invalid_argument);
  EXPECT_THROW(actderiv::format_significant(INFINITY, 2), std::invalid_argument);
  EXPECT_THROW(actderiv::format_significant(1, 0), std::invalid_argument);
  EXPECT_THROW(actderiv::format_significant(1, 18), std::invalid_argument);
}

TEST(Content, TheBuildEmbedsTheContentFolder) {
  EXPECT_EQ(actderiv::content_locale(), "en");
  const auto locales = actderiv::content_locales();
  EXPECT_NE(std::find(locales.begin(), locales.end(), "en"), locales.end());
  const auto paths = actderiv::content_paths("en");
  EXPECT_NE(std::find(paths.begin(), paths.end(), "activations/sigmoid.md"), paths.end());
  EXPECT_TRUE(actderiv::content_paths("xx").empty());
  EXPECT_EQ(actderiv::content_file("activations/sigmoid.md").title, "Sigmoid");
  EXPECT_EQ(refusal([] { actderiv::content_file("activations/none.md"); }),
            "no content file en/activations/none.md (content/en/activations/none.md) in this build");
  // Every embedded file of every locale parses.
  for (const auto& locale : locales)
    for (const auto& path : actderiv::content_paths(locale))
      EXPECT_EQ(refusal([&] { actderiv::content_file(path, locale); }), "") << locale << "/" << path;
}

}  // namespace
