// embind bindings: names and type conversion only. Every result is a plain JS value or a copied
// typed array, so JavaScript never has to call .delete(); a failure is returned as an Error, which
// wasm/api.js throws.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "actderiv/catalogue/activation.h"
#include "actderiv/catalogue/prose.h"
#include "actderiv/address/address.h"
#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/kinks.h"
#include "actderiv/catalogue/walkthrough.h"
#include "actderiv/expr/expr.h"
#include "actderiv/expr/functions.h"
#include "actderiv/numerics/lesson.h"
#include "actderiv/calculus/properties.h"
#include "actderiv/labs/datasets.h"
#include "actderiv/labs/depth.h"
#include "actderiv/labs/mlp.h"
#include "actderiv/labs/presets.h"
#include "actderiv/calculus/slope.h"

namespace {

using emscripten::val;

// A C++ exception becomes a real JS Error with its message (not a bare pointer number); a parse
// error also carries its 1-based `column`. It is RETURNED, and wasm/api.js throws it: a JS exception
// thrown across embind skips the invoker's clean-up, which frees the arguments it copied into the heap
// (a std::string's bytes) and releases the handles it made for val arguments (the z array), so every
// refused call leaked them (measured: 16 bytes of the heap and up per call, and the JS values).
val js_error(const std::exception& e) {
  val error = val::global("Error").new_(std::string(e.what()));
  if (const auto* parse_error = dynamic_cast<const actderiv::ParseError*>(&e))
    error.set("column", static_cast<double>(parse_error->column()));
  return error;
}

val describe_param(const actderiv::Param& p) {
  val o = val::object();
  o.set("id", p.id);
  o.set("name", p.name);
  o.set("default", p.default_value);
  o.set("min", p.min);
  o.set("max", p.max);
  return o;
}

actderiv::ParamValues param_values(const val& names, const val& values) {
  actderiv::ParamValues given;
  const auto ids = emscripten::vecFromJSArray<std::string>(names);
  const auto numbers = emscripten::convertJSArrayToNumberVector<double>(values);
  for (std::size_t i = 0; i < ids.size() && i < numbers.size(); ++i)
    given.emplace_back(ids[i], numbers[i]);
  return given;
}

val describe_step(const actderiv::DerivationStep& step) {
  val children = val::array();
  for (const auto& child : step.children) children.call<void>("push", describe_step(child));
  val o = val::object();
  o.set("rule", step.rule);
  o.set("before", actderiv::before_latex(step));
  o.set("after", actderiv::to_latex(step.after));
  o.set("note", step.note);
  o.set("children", children);
  return o;
}

val latex_and_text(const actderiv::Expr& e) {
  if (!e) return val::null();
  val o = val::object();
  o.set("latex", actderiv::to_latex(e));
  o.set("text", actderiv::to_text(e));
  return o;
}

// [{z, left, right, value, latex}]: where g' jumps, its one-sided slopes, the value used there.
val describe_kinks(const std::vector<actderiv::KinkPoint>& kinks) {
  val list = val::array();
  for (const auto& k : kinks) {
    val kink = val::object();
    kink.set("z", k.z);
    kink.set("left", k.left);
    kink.set("right", k.right);
    kink.set("value", k.value);
    kink.set("latex", actderiv::kink_latex(k));
    list.call<void>("push", kink);
  }
  return list;
}

val describe_derivation(const actderiv::Derivation& d) {
  val params = val::array();
  for (const auto& p : d.params) params.call<void>("push", p);
  val check = val::object();
  check.set("maxRelError", d.max_rel_error);
  check.set("points", static_cast<double>(d.points));
  val o = val::object();
  o.set("kinks", describe_kinks(d.kinks));
  o.set("input", latex_and_text(d.input));
  o.set("params", params);
  o.set("steps", describe_step(d.steps));
  o.set("derivative", latex_and_text(d.derivative));
  o.set("gForm", latex_and_text(d.g_form));
  o.set("check", check);
  return o;
}

val describe(const actderiv::Activation& a) {
  val params = val::array();
  for (const auto& p : a.params) params.call<void>("push", describe_param(p));
  val steps = val::array();
  const actderiv::Derivation derivation = actderiv::built_in_derivation(a);
  for (const auto& s : actderiv::walkthrough(a, derivation)) {
    val o = val::object();
    o.set("kind", std::string(s.setup ? "setup" : "derivative"));
    o.set("title", s.title);
    o.set("expr", actderiv::to_text(s.expr));
    o.set("latex", s.latex);
    o.set("note", s.note);
    steps.call<void>("push", o);
  }
  val o = val::object();
  o.set("id", a.id);
  o.set("name", a.name);
  o.set("summary", a.summary);
  o.set("definition", a.definition);
  o.set("latex", actderiv::definition_latex(a));
  o.set("params", params);
  o.set("steps", steps);
  o.set("kinks", describe_kinks(derivation.kinks));
  o.set("derivation", describe_derivation(derivation));
  return o;
}

val activations() {
  try {
    val list = val::array();
    for (const auto& a : actderiv::activations()) list.call<void>("push", describe(a));
    return list;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

// [{key, markdown}]: the sections of activation `id`'s content file that the site's build places in
// the page (actderiv/catalogue/prose.h), numbers filled in.
val page_prose(const std::string& id) {
  try {
    val list = val::array();
    for (const auto& p : actderiv::page_prose(actderiv::find_activation(id))) {
      val o = val::object();
      o.set("key", p.key);
      o.set("markdown", p.markdown);
      list.call<void>("push", o);
    }
    return list;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val copy_out(const std::vector<double>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data())).call<val>("slice");
}

// Points per trip through the heap in evaluate(): z, value and derivative stay in the cache from the
// copy in, through the kernel, to the copies out, and the heap never has to hold a whole large input.
constexpr std::size_t kEvaluateChunk = 16384;

// z: a Float64Array; names/values: parallel arrays of parameter ids and numbers (the JS adapter
// checks their types).
val evaluate(const std::string& id, const val& z, const val& names, const val& values) {
  try {
    const auto& activation = actderiv::find_activation(id);
    const auto params = actderiv::resolve_params(activation, param_values(names, values));
    const auto n = z["length"].as<std::size_t>();
    const std::size_t chunk = std::min(n, kEvaluateChunk);
    std::vector<double> heap(3 * chunk);
    double* input = heap.data();
    double* value = input + chunk;
    double* derivative = value + chunk;
    const val float64 = val::global("Float64Array");
    val value_out = float64.new_(n);
    val derivative_out = float64.new_(n);
    // Each heap view is made right before its one use: memory growth cannot detach it in between.
    for (std::size_t start = 0; start < n; start += chunk) {
      const std::size_t m = std::min(chunk, n - start);
      val(emscripten::typed_memory_view(m, input))
          .call<void>("set", z.call<val>("subarray", start, start + m));
      actderiv::evaluate(activation, params, input, m, value, derivative);
      value_out.call<void>("set", val(emscripten::typed_memory_view(m, value)), start);
      derivative_out.call<void>("set", val(emscripten::typed_memory_view(m, derivative)), start);
    }
    val result = val::object();
    result.set("value", value_out);
    result.set("derivative", derivative_out);
    return result;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

// The kinks of activation `id` at these parameters.
val kinks(const std::string& id, const val& names, const val& values) {
  try {
    const auto& activation = actderiv::find_activation(id);
    return describe_kinks(actderiv::kinks(activation, actderiv::resolve_params(activation, param_values(names, values))));
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val expression_params() {
  val list = val::array();
  for (const auto& p : actderiv::expression_params()) list.call<void>("push", describe_param(p));
  return list;
}

// The expression language's functions, in table order: {name, alias (or null), arity}.
val expression_functions() {
  val list = val::array();
  for (const auto& f : actderiv::functions()) {
    val o = val::object();
    o.set("name", std::string(f.name));
    o.set("alias", f.alias ? val(std::string(f.alias)) : val::null());
    o.set("arity", static_cast<double>(f.arity));
    list.call<void>("push", o);
  }
  return list;
}

val derive(const std::string& text, const val& names, const val& values) {
  try {
    return describe_derivation(actderiv::derive(text, param_values(names, values)));
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val evaluate_expression(const std::string& text, const val& z, const val& names,
                        const val& values) {
  try {
    const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
    std::vector<double> value(input.size()), derivative(input.size());
    actderiv::evaluate_expression(text, param_values(names, values), input.data(), input.size(),
                                  value.data(), derivative.data());
    val result = val::object();
    result.set("value", copy_out(value));
    result.set("derivative", copy_out(derivative));
    return result;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val describe_slope(const actderiv::SlopeView& v) {
  val o = val::object();
  o.set("z0", v.z0);
  o.set("value", v.value);
  o.set("slope", v.slope);
  o.set("leftSlope", v.left_slope);
  o.set("rightSlope", v.right_slope);
  o.set("kink", v.kink);
  o.set("h", v.h);
  o.set("secantSlope", v.secant_slope);
  o.set("tangent", copy_out(v.tangent));
  o.set("leftTangent", copy_out(v.left_tangent));
  o.set("rightTangent", copy_out(v.right_tangent));
  o.set("secant", copy_out(v.secant));
  return o;
}

val slope_view(const std::string& id, const val& names, const val& values, double z0, double h,
               double snap, const val& z) {
  try {
    const auto& activation = actderiv::find_activation(id);
    const auto params = actderiv::resolve_params(activation, param_values(names, values));
    const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
    return describe_slope(
        actderiv::slope_view(activation, params, z0, h, snap, input.data(), input.size()));
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val slope_view_expression(const std::string& text, const val& names, const val& values, double z0,
                          double h, double snap, const val& z) {
  try {
    const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
    return describe_slope(actderiv::slope_view(text, param_values(names, values), z0, h, snap,
                                               input.data(), input.size()));
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val describe_where(const actderiv::Where& w) {
  val o = val::object();
  o.set("lo", w.lo);
  o.set("hi", w.hi);
  o.set("loClosed", w.lo_closed);
  o.set("hiClosed", w.hi_closed);
  o.set("text", w.text);
  o.set("latex", w.latex);
  return o;
}

val describe_bound(const actderiv::Bound& b) {
  val o = val::object();
  o.set("value", b.value);
  o.set("attained", b.attained);
  o.set("where", describe_where(b.where));
  return o;
}

val describe_saturation(const actderiv::Saturation& s) {
  val o = val::object();
  o.set("saturates", s.saturates);
  o.set("hard", s.hard);
  o.set("from", s.from);
  return o;
}

const char* continuity_name(actderiv::Continuity c) {
  switch (c) {
    case actderiv::Continuity::Discontinuous: return "discontinuous";
    case actderiv::Continuity::C0: return "C0";
    case actderiv::Continuity::C1: return "C1";
    case actderiv::Continuity::Smooth: return "smooth";
  }
  return "";
}

val properties(const std::string& id, const val& names, const val& values) {
  try {
    const auto& activation = actderiv::find_activation(id);
    const auto p = actderiv::properties(
        activation, actderiv::resolve_params(activation, param_values(names, values)));
    val range = val::object();
    range.set("inf", describe_bound(p.range.inf));
    range.set("sup", describe_bound(p.range.sup));
    range.set("text", p.range.text);
    range.set("latex", p.range.latex);
    val breaks = val::array();
    for (const auto& b : p.breaks) {
      val o = val::object();
      o.set("z", b.z);
      o.set("order", b.order);
      o.set("left", b.left);
      o.set("right", b.right);
      breaks.call<void>("push", o);
    }
    val at_zero = val::object();
    at_zero.set("value", p.at_zero.value);
    at_zero.set("left", p.at_zero.left);
    at_zero.set("right", p.at_zero.right);
    at_zero.set("kink", p.at_zero.kink);
    val o = val::object();
    o.set("range", range);
    o.set("continuity", std::string(continuity_name(p.continuity)));
    o.set("continuityOrder", static_cast<int>(p.continuity));
    o.set("continuityText", p.continuity_text);
    o.set("continuityLatex", p.continuity_latex);
    o.set("breaks", breaks);
    o.set("monotonic", p.monotonic);
    o.set("monotonicDerivative", p.monotonic_derivative);
    o.set("identityNearZero", p.identity_near_zero);
    o.set("zeroCentred", p.zero_centred);
    o.set("maxSlope", describe_bound(p.max_slope));
    o.set("left", describe_saturation(p.left));
    o.set("right", describe_saturation(p.right));
    o.set("atZero", at_zero);
    return o;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val lesson_cases() {
  val list = val::array();
  for (const auto& c : actderiv::lesson_cases()) {
    val formulas = val::array();
    for (const auto& f : c.formulas) {
      val o = val::object();
      o.set("id", f.id);
      o.set("label", f.label);
      o.set("latex", f.latex);
      o.set("careful", f.careful);
      formulas.call<void>("push", o);
    }
    val o = val::object();
    o.set("id", c.id);
    o.set("name", c.name);
    o.set("latex", c.latex);
    o.set("formulas", formulas);
    list.call<void>("push", o);
  }
  return list;
}

const char* status_name(actderiv::ErrorStatus s) {
  switch (s) {
    case actderiv::ErrorStatus::Ok: return "ok";
    case actderiv::ErrorStatus::Zero: return "zero";
    case actderiv::ErrorStatus::Underflow: return "underflow";
    case actderiv::ErrorStatus::Overflow: return "overflow";
    case actderiv::ErrorStatus::NotANumber: return "nan";
  }
  return "";
}

const char* range_name(actderiv::ReferenceRange r) {
  switch (r) {
    case actderiv::ReferenceRange::Normal: return "normal";
    case actderiv::ReferenceRange::Subnormal: return "subnormal";
    case actderiv::ReferenceRange::Underflow: return "underflow";
  }
  return "";
}

// Per-point codes as a Uint8Array of the enum's values; `names` maps a code to its name.
template <typename Enum>
val codes(const std::vector<Enum>& list) {
  std::vector<unsigned char> bytes(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) bytes[i] = static_cast<unsigned char>(list[i]);
  return val(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<val>("slice");
}

val lesson_errors(const std::string& case_id, const val& z) {
  try {
    const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
    const auto result = actderiv::lesson_errors(case_id, input.data(), input.size());
    val status_names = val::array();
    for (auto s : {actderiv::ErrorStatus::Ok, actderiv::ErrorStatus::Zero,
                   actderiv::ErrorStatus::Underflow, actderiv::ErrorStatus::Overflow,
                   actderiv::ErrorStatus::NotANumber})
      status_names.call<void>("push", std::string(status_name(s)));
    val range_names = val::array();
    for (auto r : {actderiv::ReferenceRange::Normal, actderiv::ReferenceRange::Subnormal,
                   actderiv::ReferenceRange::Underflow})
      range_names.call<void>("push", std::string(range_name(r)));
    val formulas = val::array();
    for (const auto& f : result.formulas) {
      val o = val::object();
      o.set("id", f.formula_id);
      o.set("value", copy_out(f.value));
      o.set("error", copy_out(f.error));
      o.set("status", codes(f.status));
      formulas.call<void>("push", o);
    }
    val o = val::object();
    o.set("caseId", result.case_id);
    o.set("z", copy_out(result.z));
    o.set("reference", copy_out(result.reference));
    o.set("referenceLog10", copy_out(result.reference_log10));
    o.set("range", codes(result.range));
    o.set("rangeNames", range_names);
    o.set("statusNames", status_names);
    o.set("formulas", formulas);
    return o;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val lesson_facts() {
  val list = val::array();
  for (const auto& f : actderiv::lesson_facts()) {
    val o = val::object();
    o.set("id", f.id);
    o.set("caseId", f.case_id);
    o.set("formulaId", f.formula_id);
    o.set("event", f.event);
    o.set("z", f.z);
    o.set("value", f.value);
    o.set("reference", f.reference);
    o.set("referenceLog10", f.reference_log10);
    list.call<void>("push", o);
  }
  return list;
}

// The page address (actderiv/address.h): the query as the core parses it, and the readers. Queries
// arrive as strings (wasm/api.js has made them well-formed, as URLSearchParams does); typed text
// arrives as WTF-8 bytes, so that a broken surrogate pair is named rather than merged.

std::string bytes_of(const val& bytes) {
  const auto list = emscripten::convertJSArrayToNumberVector<unsigned char>(bytes);
  return std::string(list.begin(), list.end());
}

// A query's name or value as its UTF-8 bytes (a Uint8Array copy), which wasm/api.js decodes: embind
// decodes a long std::string with a TextDecoder that drops a leading U+FEFF, which is part of the value.
val utf8_bytes(const std::string& text) {
  return val(emscripten::typed_memory_view(text.size(), reinterpret_cast<const unsigned char*>(text.data())))
      .call<val>("slice");
}

val parse_query(const std::string& query) {
  try {
    val list = val::array();
    for (const auto& [name, value] : actderiv::parse_query(query)) {
      val entry = val::array();
      entry.call<void>("push", utf8_bytes(name));
      entry.call<void>("push", utf8_bytes(value));
      list.call<void>("push", entry);
    }
    return list;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val query_value(const std::string& query, const std::string& name) {
  try {
    const auto value = actderiv::query_get(actderiv::parse_query(query), name);
    return value ? utf8_bytes(*value) : val::null();
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val describe_number(const actderiv::NumberReading& reading) {
  val o = val::object();
  if (reading.value) o.set("value", *reading.value);
  else o.set("error", reading.error);
  return o;
}

val parse_number(const val& text, const std::string& what) {
  try {
    return describe_number(actderiv::parse_number(bytes_of(text), what));
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

std::string visible_character(double code_point) {
  return actderiv::visible_character(static_cast<char32_t>(code_point));
}

// setting: {key, kind: 'number' | 'choice' | 'list', what, min, max, whole, ids}, checked by wasm/api.js.
actderiv::Setting setting_of(const val& setting) {
  actderiv::Setting s;
  const std::string kind = setting["kind"].as<std::string>();
  s.kind = kind == "choice" ? actderiv::Setting::Kind::Choice
           : kind == "list" ? actderiv::Setting::Kind::List : actderiv::Setting::Kind::Number;
  s.key = setting["key"].as<std::string>();
  s.what = setting["what"].as<std::string>();
  if (s.kind == actderiv::Setting::Kind::Number) {
    s.min = setting["min"].as<double>();
    s.max = setting["max"].as<double>();
    s.whole = setting["whole"].as<bool>();
  } else {
    s.ids = emscripten::vecFromJSArray<std::string>(setting["ids"]);
  }
  return s;
}

// A number, an id, or an array of ids, by the setting's kind.
val setting_value(const actderiv::Setting& setting, const actderiv::SettingReading& reading) {
  if (setting.kind == actderiv::Setting::Kind::Number) return val(reading.number);
  if (setting.kind == actderiv::Setting::Kind::Choice) return val(reading.ids.front());
  val ids = val::array();
  for (const auto& id : reading.ids) ids.call<void>("push", id);
  return ids;
}

val read_setting(const val& setting, const val& text) {
  try {
    const actderiv::Setting s = setting_of(setting);
    const actderiv::SettingReading reading = actderiv::read_setting(s, bytes_of(text));
    val o = val::object();
    if (reading.ok) o.set("value", setting_value(s, reading));
    else o.set("error", reading.error);
    return o;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

// Returns {values: [value or null, per setting], notices: [sentence]}.
val read_settings(const std::string& query, const val& table) {
  try {
    std::vector<actderiv::Setting> settings;
    const auto count = table["length"].as<std::size_t>();
    for (std::size_t i = 0; i < count; ++i) settings.push_back(setting_of(table[i]));
    const actderiv::SettingsReading result = actderiv::read_settings(query, settings);
    val values = val::array();
    for (std::size_t i = 0; i < settings.size(); ++i)
      values.call<void>("push", result.readings[i] ? setting_value(settings[i], *result.readings[i]) : val::null());
    val notices = val::array();
    for (const auto& notice : result.notices) notices.call<void>("push", notice);
    val o = val::object();
    o.set("values", values);
    o.set("notices", notices);
    return o;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val parameter_keys() {
  val list = val::array();
  for (const auto& key : actderiv::parameter_keys()) list.call<void>("push", key);
  return list;
}

// Returns {named, params: {id: value}, step: {index, all}, notices: {params: {id: sentence}, section}}.
val read_activation_view(const std::string& query, const std::string& id) {
  try {
    const actderiv::ActivationView view = actderiv::read_activation_view(query, actderiv::find_activation(id));
    val params = val::object();
    for (const auto& [name, value] : view.params) params.set(name, value);
    val step = val::object();
    step.set("index", static_cast<double>(view.step));
    step.set("all", view.all_steps);
    val param_notices = val::object();
    for (const auto& [name, notice] : view.param_notices) param_notices.set(name, notice);
    val section = val::array();
    for (const auto& notice : view.section_notices) section.call<void>("push", notice);
    val notices = val::object();
    notices.set("params", param_notices);
    notices.set("section", section);
    val o = val::object();
    o.set("named", view.named);
    o.set("params", params);
    o.set("step", step);
    o.set("notices", notices);
    return o;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

// Returns {values: {id: value}, refused: [[id, sentence]]}.
val read_expression_params(const std::string& query) {
  try {
    const actderiv::ExpressionParams read = actderiv::read_expression_params(query);
    val values = val::object();
    for (const auto& [name, value] : read.values) values.set(name, value);
    val refused = val::array();
    for (const auto& [name, sentence] : read.refused) {
      val entry = val::array();
      entry.call<void>("push", name);
      entry.call<void>("push", sentence);
      refused.call<void>("push", entry);
    }
    val o = val::object();
    o.set("values", values);
    o.set("refused", refused);
    return o;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

// The labs (issue 5, parts 2 and 3): toy data sets, depth products, trainers, presets.

// `out` = object[key] when that field is present; absent fields keep the core's defaults. The JS
// adapter has checked that each present field is a number of the right kind (whole, non-negative).
template <typename T>
void read_number(const val& object, const char* key, T& out) {
  const val field = object[key];
  if (!field.isUndefined()) out = static_cast<T>(field.as<double>());
}

val labels_out(const std::vector<int>& labels) {
  std::vector<unsigned char> bytes(labels.begin(), labels.end());
  return val(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<val>("slice");
}

val dataset_kinds() {
  val list = val::array();
  for (const auto& kind : actderiv::dataset_kinds()) {
    val o = val::object();
    o.set("id", kind.id);
    o.set("name", kind.name);
    list.call<void>("push", o);
  }
  return list;
}

val generate_dataset(const std::string& kind, std::size_t n, double noise, std::uint32_t seed) {
  try {
    const actderiv::Dataset data = actderiv::generate_dataset(kind, n, noise, seed);
    val o = val::object();
    o.set("x", copy_out(data.x));
    o.set("y", copy_out(data.y));
    o.set("label", labels_out(data.label));
    return o;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

// activations: [{id, names, values}]; config: {maxDepth, samples, mean, spread, lowerQuantile,
// upperQuantile, seed}, each optional.
val depth_products(const val& activations, const val& config) {
  try {
    std::vector<actderiv::DepthActivation> list;
    const auto count = activations["length"].as<std::size_t>();
    for (std::size_t i = 0; i < count; ++i) {
      const val item = activations[i];
      list.push_back({item["id"].as<std::string>(), param_values(item["names"], item["values"])});
    }
    actderiv::DepthConfig c;
    read_number(config, "maxDepth", c.max_depth);
    read_number(config, "samples", c.samples);
    read_number(config, "mean", c.mean);
    read_number(config, "spread", c.spread);
    read_number(config, "lowerQuantile", c.lower_quantile);
    read_number(config, "upperQuantile", c.upper_quantile);
    read_number(config, "seed", c.seed);
    const actderiv::DepthResult result = actderiv::depth_products(list, c);
    val curves = val::array();
    for (const auto& curve : result.curves) {
      val o = val::object();
      o.set("id", curve.id);
      o.set("median", copy_out(curve.median));
      o.set("lower", copy_out(curve.lower));
      o.set("upper", copy_out(curve.upper));
      o.set("zeroFraction", copy_out(curve.zero_fraction));
      curves.call<void>("push", o);
    }
    val o = val::object();
    o.set("curves", curves);
    o.set("floor", result.floor);
    return o;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val depth_product_at_fixed_z(const std::string& id, const val& names, const val& values, double mean,
                             std::size_t depth) {
  try {
    return val(actderiv::depth_product_at_fixed_z({id, param_values(names, values)}, mean, depth));
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

// Trainers are stateful, so they live here, by integer handle, until the JS adapter destroys them;
// handles are never reused, so a stale one fails loudly instead of reaching another trainer.
std::map<int, std::unique_ptr<actderiv::Trainer>>& live_trainers() {
  static std::map<int, std::unique_ptr<actderiv::Trainer>> trainers;
  return trainers;
}

actderiv::Trainer& trainer_at(int handle) {
  const auto found = live_trainers().find(handle);
  if (found == live_trainers().end())
    throw std::invalid_argument("no trainer has handle " + std::to_string(handle) +
                                ": it was disposed, or never created");
  return *found->second;
}

// config: {activation, names, values, hidden, learningRate, initialBias, batchSize, seed}, each
// optional; data: {x, y, label}. Returns the new trainer's handle.
val trainer_create(const val& config, const val& data) {
  try {
    actderiv::MlpConfig c;
    if (!config["activation"].isUndefined()) c.activation = config["activation"].as<std::string>();
    if (!config["names"].isUndefined()) c.params = param_values(config["names"], config["values"]);
    if (!config["hidden"].isUndefined()) {
      c.hidden.clear();
      for (double width : emscripten::convertJSArrayToNumberVector<double>(config["hidden"]))
        c.hidden.push_back(static_cast<std::size_t>(width));
    }
    read_number(config, "learningRate", c.learning_rate);
    read_number(config, "initialBias", c.initial_bias);
    read_number(config, "batchSize", c.batch_size);
    read_number(config, "seed", c.seed);
    actderiv::Dataset d;
    d.x = emscripten::convertJSArrayToNumberVector<double>(data["x"]);
    d.y = emscripten::convertJSArrayToNumberVector<double>(data["y"]);
    d.label = emscripten::convertJSArrayToNumberVector<int>(data["label"]);
    static int next_handle = 1;
    auto trainer = std::make_unique<actderiv::Trainer>(c, d);
    live_trainers().emplace(next_handle, std::move(trainer));
    return val(next_handle++);
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val trainer_step(int handle, std::size_t batches) {
  try {
    trainer_at(handle).step(batches);
    return val::undefined();
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val trainer_state(int handle) {
  try {
    const actderiv::Trainer& t = trainer_at(handle);
    val o = val::object();
    o.set("epoch", static_cast<double>(t.epoch()));
    o.set("samplesSeen", static_cast<double>(t.samples_seen()));
    o.set("batchesPerEpoch", static_cast<double>(t.batches_per_epoch()));
    o.set("loss", t.loss());
    o.set("accuracy", t.accuracy());
    o.set("dead", copy_out(t.dead_fraction_per_layer()));
    o.set("inactive", copy_out(t.inactive_fraction_per_layer()));
    o.set("deadAll", t.dead_fraction());
    o.set("inactiveAll", t.inactive_fraction());
    o.set("diverged", t.diverged());
    return o;
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val trainer_grid(int handle, std::size_t nx, std::size_t ny, double x0, double x1, double y0, double y1) {
  try {
    return copy_out(trainer_at(handle).grid_predictions(nx, ny, x0, x1, y0, y1));
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

val trainer_parameters(int handle) {
  try {
    return copy_out(trainer_at(handle).parameters());
  } catch (const std::exception& e) {
    return js_error(e);
  }
}

bool trainer_destroy(int handle) { return live_trainers().erase(handle) > 0; }

double trainer_count() { return static_cast<double>(live_trainers().size()); }

val describe_bounds(const actderiv::Bounds& b) {
  val o = val::object();
  o.set("min", b.min);
  o.set("max", b.max);
  return o;
}

val lab_presets() {
  val list = val::array();
  for (const auto& p : actderiv::presets()) {
    val params = val::object();
    for (const auto& [name, value] : p.config.params) params.set(name, value);
    val hidden = val::array();
    for (std::size_t width : p.config.hidden) hidden.call<void>("push", static_cast<double>(width));
    val config = val::object();
    config.set("activation", p.config.activation);
    config.set("params", params);
    config.set("hidden", hidden);
    config.set("learningRate", p.config.learning_rate);
    config.set("initialBias", p.config.initial_bias);
    config.set("batchSize", static_cast<double>(p.config.batch_size));
    config.set("seed", static_cast<double>(p.config.seed));
    val o = val::object();
    o.set("id", p.id);
    o.set("name", p.name);
    o.set("dataset", p.dataset);
    o.set("points", static_cast<double>(p.points));
    o.set("noise", p.noise);
    o.set("dataSeed", static_cast<double>(p.data_seed));
    o.set("config", config);
    o.set("epochs", static_cast<double>(p.epochs));
    o.set("compareWith", p.compare_with);
    o.set("dead", describe_bounds(p.dead));
    o.set("inactive", describe_bounds(p.inactive));
    o.set("loss", describe_bounds(p.loss));
    list.call<void>("push", o);
  }
  return list;
}

// The heap as the allocator sees it, for memory measurements: the linear memory's size (which only
// ever grows) and the bytes malloc has handed out and not had back (dlmalloc's uordblks, chunk
// headers included), which fall again when the core frees what it allocated.
val heap_stats() {
  const struct mallinfo info = mallinfo();
  val o = val::object();
  o.set("heapBytes", static_cast<double>(emscripten_get_heap_size()));
  o.set("inUseBytes", static_cast<double>(info.uordblks));
  return o;
}

}  // namespace

EMSCRIPTEN_BINDINGS(activation_core) {
  emscripten::function("activations", &activations);
  emscripten::function("pageProse", &page_prose);
  emscripten::function("evaluate", &evaluate);
  emscripten::function("kinks", &kinks);
  emscripten::function("expressionParams", &expression_params);
  emscripten::function("expressionFunctions", &expression_functions);
  emscripten::function("derive", &derive);
  emscripten::function("evaluateExpression", &evaluate_expression);
  emscripten::function("properties", &properties);
  emscripten::function("lessonCases", &lesson_cases);
  emscripten::function("lessonErrors", &lesson_errors);
  emscripten::function("lessonFacts", &lesson_facts);
  emscripten::function("slopeView", &slope_view);
  emscripten::function("slopeViewExpression", &slope_view_expression);
  emscripten::function("datasetKinds", &dataset_kinds);
  emscripten::function("generateDataset", &generate_dataset);
  emscripten::function("depthProducts", &depth_products);
  emscripten::function("depthProductAtFixedZ", &depth_product_at_fixed_z);
  emscripten::function("trainerCreate", &trainer_create);
  emscripten::function("trainerStep", &trainer_step);
  emscripten::function("trainerState", &trainer_state);
  emscripten::function("trainerGrid", &trainer_grid);
  emscripten::function("trainerParameters", &trainer_parameters);
  emscripten::function("trainerDestroy", &trainer_destroy);
  emscripten::function("trainerCount", &trainer_count);
  emscripten::function("labPresets", &lab_presets);
  emscripten::function("heapStats", &heap_stats);
  emscripten::function("parseQuery", &parse_query);
  emscripten::function("queryValue", &query_value);
  emscripten::function("parseNumber", &parse_number);
  emscripten::function("visibleCharacter", &visible_character);
  emscripten::function("readSetting", &read_setting);
  emscripten::function("readSettings", &read_settings);
  emscripten::function("parameterKeys", &parameter_keys);
  emscripten::function("readActivationView", &read_activation_view);
  emscripten::function("readExpressionParams", &read_expression_params);
}
