// The built-ins' prose (actderiv/catalogue/prose.h): every rule a walkthrough emits has prose in its
// activation's content file and every step section names one; every slot is filled by the core;
// the numbers the prose quotes are the core's, and those it types as exact values agree with it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "actderiv/catalogue/engine.h"
#include "actderiv/calculus/derive.h"
#include "actderiv/catalogue/properties.h"
#include "actderiv/catalogue/activation.h"
#include "actderiv/catalogue/prose.h"
#include "actderiv/catalogue/walkthrough.h"
#include "actderiv/text/content.h"

namespace {

using actderiv::Activation;

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// The rules of `a`'s walkthrough, "set up" first.
std::set<std::string> walkthrough_rules(const Activation& a) {
  std::set<std::string> rules;
  for (const auto& step : actderiv::walkthrough(a, actderiv::derive(a))) rules.insert(step.rule);
  return rules;
}

// The rules `a`'s content file in `locale` has a "## step: <rule>" section for.
std::set<std::string> step_sections(const Activation& a, const std::string& locale) {
  std::set<std::string> rules;
  for (const auto& s : actderiv::activation_content(a.id, locale).sections)
    if (starts_with(s.key, "step: ")) rules.insert(s.key.substr(6));
  return rules;
}

TEST(Prose, EveryRuleAWalkthroughEmitsHasProse) {
  for (const auto& locale : actderiv::content_locales()) {
    for (const Activation& a : actderiv::activations()) {
      const auto sections = step_sections(a, locale);
      for (const auto& rule : walkthrough_rules(a))
        EXPECT_TRUE(sections.count(rule)) << "content/" << locale << "/activations/" << a.id
                                          << ".md has no '## step: " << rule << "', a rule its walkthrough emits";
    }
  }
}

TEST(Prose, EveryStepSectionNamesARuleTheWalkthroughEmits) {
  for (const auto& locale : actderiv::content_locales()) {
    for (const Activation& a : actderiv::activations()) {
      const auto rules = walkthrough_rules(a);
      for (const auto& rule : step_sections(a, locale))
        EXPECT_TRUE(rules.count(rule)) << "content/" << locale << "/activations/" << a.id << ".md has '## step: "
                                       << rule << "', a rule its walkthrough no longer emits";
    }
  }
}

TEST(Prose, EachStepShowsItsActivationsProse) {
  for (const Activation& a : actderiv::activations()) {
    const std::vector<actderiv::Prose> prose = actderiv::step_prose(a);
    for (const auto& step : actderiv::walkthrough(a, actderiv::derive(a))) {
      const auto p = std::find_if(prose.begin(), prose.end(), [&](const auto& p) { return p.rule == step.rule; });
      ASSERT_NE(p, prose.end()) << a.id << " " << step.rule;
      EXPECT_EQ(step.note, p->note) << a.id << " " << step.rule;
    }
  }
}

// Every activation file belongs to a built-in, and every built-in has one, in every locale.
TEST(Prose, OneFilePerBuiltInInEveryLocale) {
  std::set<std::string> wanted;
  for (const Activation& a : actderiv::activations()) wanted.insert("activations/" + a.id + ".md");
  for (const auto& locale : actderiv::content_locales()) {
    std::set<std::string> found;
    for (const auto& path : actderiv::content_paths(locale))
      if (starts_with(path, "activations/")) found.insert(path);
    EXPECT_EQ(found, wanted) << "content/" << locale << "/activations/";
  }
}

TEST(Prose, NamesLabelsAndSummariesComeFromTheFiles) {
  for (const Activation& a : actderiv::activations()) {
    const auto& file = actderiv::activation_content(a.id);
    EXPECT_EQ(a.name, file.title);
    EXPECT_GE(actderiv::activation_summary(a).size(), 100u) << a.id << ": the summary is missing or a stub";
    for (const auto& p : a.params) EXPECT_FALSE(p.name.empty()) << a.id << " " << p.id;
  }
  EXPECT_EQ(actderiv::find_activation("silu").name, "SiLU / Swish");
  EXPECT_EQ(actderiv::find_activation("leaky_relu").params[0].name, "negative slope α");
}

// Every slot of every file of every locale is filled, in the sections activations() serves and in
// the page's.
TEST(Prose, EverySlotIsFilled) {
  for (const auto& locale : actderiv::content_locales()) {
    for (Activation a : actderiv::activations()) {
      actderiv::attach_prose(a, locale);
      std::vector<std::string> texts{a.name, actderiv::activation_summary(a, locale)};
      for (const auto& p : a.params) texts.push_back(p.name);
      for (const auto& p : actderiv::step_prose(a, locale)) texts.push_back(p.note);
      for (const auto& page : actderiv::page_prose(a, locale)) texts.push_back(page.markdown);
      for (const auto& text : texts) EXPECT_EQ(text.find("{{"), std::string::npos) << locale << " " << a.id << ": " << text;
    }
  }
}

TEST(Prose, ThePageGetsTheTutorialSectionsProse) {
  const auto keys = [](const char* id) {
    std::vector<std::string> k;
    for (const auto& page : actderiv::page_prose(actderiv::find_activation(id))) k.push_back(page.key);
    return k;
  };
  for (const char* id : {"sigmoid", "tanh", "relu", "leaky_relu"})
    EXPECT_EQ(keys(id), (std::vector<std::string>{"summary", "introduction", "key points"})) << id;
  EXPECT_EQ(keys("gelu"), std::vector<std::string>{"summary"});
  const auto relu = actderiv::page_prose(actderiv::find_activation("relu"));
  EXPECT_NE(relu[2].markdown.find("\n  [[display: kinks]]\n"), std::string::npos) << relu[2].markdown;
}

// The numbers the prose quotes, as the core computes them (a change in the core shows here).
TEST(Prose, QuotedNumbersComeFromTheCore) {
  const struct {
    const char* id;
    const char* key;  // a page section's key, or a step's rule
    const char* quoted;
  } cases[] = {
      {"sigmoid", "key points", "exactly 1 from about\n  $z = 37$ on"},
      {"silu", "summary", "dips to $-0.278/\\beta$ at $z \\approx -1.278/\\beta$"},
      {"silu", "summary", "up to about 1.1."},
      {"silu", "simplify", "$\\beta z \\approx -1.2785$, the minimum of $g$"},
      {"silu", "simplify", "peaks at about 1.0998 at $\\beta z \\approx 2.40$"},
      {"gelu", "summary", "slightly negative below $z \\approx -0.75$"},
      {"gelu", "simplify", "$z \\approx -0.7518$, the minimum $g \\approx -0.170$"},
      {"gelu", "simplify", "peaks at about 1.129 at $z = \\sqrt 2$"},
      // 1.08850 to four digits; the typed text said 1.089.
      {"mish", "summary", "dips to about $-0.309$ at $z \\approx -1.19$"},
      {"mish", "summary", "peaking near 1.088."},
      {"mish", "simplify", "It is 0.6 at $z = 0$, 0 at $z \\approx -1.1924$, the minimum $g \\approx -0.309$"},
      {"mish", "simplify", "peaks at about 1.088 near $z = 1.49$"},
      {"hard_swish", "summary", "negative for $z < -1.5$"},
      {"hard_swish", "piecewise rule", "0 at $z = -1.5$, the minimum $g = -0.375$"},
      {"selu", "constant multiple", "$\\lambda\\alpha \\approx 1.758$"},
  };
  for (const auto& c : cases) {
    const Activation& a = actderiv::find_activation(c.id);
    std::string text;
    for (const auto& page : actderiv::page_prose(a))
      if (page.key == c.key) text = page.markdown;
    for (const auto& p : actderiv::step_prose(a))
      if (p.rule == c.key) text = p.note;
    EXPECT_NE(text.find(c.quoted), std::string::npos) << c.id << " '" << c.key << "' does not say: " << c.quoted
                                                      << "\nit says: " << text;
  }
}

// Values the prose types as exact (fractions, sqrt 2) or as bounds, checked against the core.
TEST(Prose, TypedValuesAgreeWithTheCore) {
  const auto props = [](const char* id) {
    const Activation& a = actderiv::find_activation(id);
    return actderiv::properties(a, actderiv::resolve_params(a, {}));
  };
  // sigmoid: "at most 1/4", at z = 0; tanh: "peaks at 1", at 0.
  EXPECT_EQ(props("sigmoid").max_slope.value, 0.25);
  EXPECT_EQ(props("sigmoid").max_slope.where.lo, 0.0);
  EXPECT_NEAR(props("tanh").max_slope.value, 1.0, 1e-15);
  EXPECT_EQ(props("tanh").max_slope.where.lo, 0.0);
  // GELU: "the slope peaks ... at z = sqrt 2".
  EXPECT_NEAR(props("gelu").max_slope.where.lo, std::sqrt(2.0), 1e-8);
  // hard sigmoid: "slope 1/6 on (-3, 3)".
  EXPECT_NEAR(props("hard_sigmoid").max_slope.value, 1.0 / 6, 1e-15);
  // hard swish: "at z = -3 it is -1/2 and at z = 3 it is 3/2".
  const auto breaks = props("hard_swish").breaks;
  const auto slope_jump = [&](double z) {
    for (const auto& b : breaks)
      if (b.order == 1 && b.z == z) return b;
    ADD_FAILURE() << "no kink at " << z;
    return actderiv::Break{z, 1, NAN, NAN};
  };
  EXPECT_NEAR(slope_jump(-3).right, -0.5, 1e-6);  // one-sided limits, to about 1e-9
  EXPECT_NEAR(slope_jump(3).left, 1.5, 1e-6);
  // GELU's tanh approximation: "within 5e-4 of exact GELU, and its derivative within 1e-3".
  const Activation& gelu = actderiv::find_activation("gelu");
  const Activation& approx = actderiv::find_activation("gelu_tanh");
  double value = 0, slope = 0;
  for (double z = -40; z <= 40; z += 1.0 / 256) {
    value = std::fmax(value, std::fabs(gelu.value(z, nullptr) - approx.value(z, nullptr)));
    slope = std::fmax(slope, std::fabs(gelu.derivative(z, nullptr) - approx.derivative(z, nullptr)));
  }
  EXPECT_LT(value, 5e-4);
  EXPECT_LT(slope, 1e-3);
}

// Inline math is delimited by single dollars, in pairs: an odd count would leave KaTeX rendering
// prose as math.
TEST(Prose, BalancedMathDelimiters) {
  const auto balanced = [](const std::string& text) {
    std::size_t dollars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '$') continue;
      if (i + 1 < text.size() && text[i + 1] == '$') return false;  // no display math in prose
      ++dollars;
    }
    return dollars % 2 == 0;
  };
  for (const Activation& a : actderiv::activations()) {
    const std::string summary = actderiv::activation_summary(a);
    EXPECT_TRUE(balanced(summary)) << a.id << " summary: " << summary;
    for (const auto& p : actderiv::step_prose(a)) EXPECT_TRUE(balanced(p.note)) << a.id << " '" << p.rule << "': " << p.note;
    for (const auto& page : actderiv::page_prose(a))
      EXPECT_TRUE(balanced(page.markdown)) << a.id << " '" << page.key << "': " << page.markdown;
  }
}

// A file whose sections do not fit its activation (a label for a parameter it lacks) is refused.
TEST(Prose, RefusesASectionThatDoesNotFitTheActivation) {
  Activation a = actderiv::find_activation("leaky_relu");
  a.params[0].id = "beta";  // the file labels alpha, not beta
  try {
    actderiv::attach_prose(a);
    ADD_FAILURE() << "attach_prose accepted a file whose sections do not fit the activation";
  } catch (const actderiv::ContentError& e) {
    EXPECT_NE(std::string(e.what()).find("en/activations/leaky_relu.md:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'parameter: alpha'"), std::string::npos) << e.what();
  }
}

}  // namespace
