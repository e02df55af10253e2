// embind bindings: names and type conversion only. Every result is a plain JS value or a copied
// typed array, so JavaScript never has to call .delete().
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <exception>
#include <string>
#include <vector>

#include "actderiv/activation.h"
#include "actderiv/derive.h"
#include "actderiv/expr.h"

namespace {

using emscripten::val;

// A C++ exception becomes a real JS Error with its message (not a bare pointer number); a parse
// error also carries its 1-based `column`.
[[noreturn]] void throw_js(const std::exception& e) {
  val error = val::global("Error").new_(std::string(e.what()));
  if (const auto* parse_error = dynamic_cast<const actderiv::ParseError*>(&e))
    error.set("column", static_cast<double>(parse_error->column()));
  error.throw_();
  __builtin_unreachable();
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

val describe_derivation(const actderiv::Derivation& d) {
  val params = val::array();
  for (const auto& p : d.params) params.call<void>("push", p);
  val check = val::object();
  check.set("maxRelError", d.max_rel_error);
  check.set("points", static_cast<double>(d.points));
  val kinks = val::array();
  for (const auto& k : d.kinks) {
    val kink = val::object();
    kink.set("z", k.z);
    kink.set("left", k.left);
    kink.set("right", k.right);
    kink.set("value", k.value);
    kinks.call<void>("push", kink);
  }
  val o = val::object();
  o.set("kinks", kinks);
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
  const actderiv::Derivation derivation = actderiv::derive(a);
  for (const auto& s : actderiv::walkthrough(a, derivation)) {
    val o = val::object();
    o.set("kind", std::string(s.setup ? "setup" : "derivative"));
    o.set("title", s.title);
    o.set("expr", actderiv::to_text(s.expr));
    o.set("latex", s.latex);
    o.set("note", s.note);
    steps.call<void>("push", o);
  }
  val kinks = val::array();
  for (const auto& k : a.kinks) {
    val o = val::object();
    o.set("at", k.at);
    o.set("left", k.left);
    o.set("right", k.right);
    o.set("latex", actderiv::kink_latex(a, k));
    kinks.call<void>("push", o);
  }
  val o = val::object();
  o.set("id", a.id);
  o.set("name", a.name);
  o.set("definition", a.definition);
  o.set("latex", actderiv::definition_latex(a));
  o.set("params", params);
  o.set("steps", steps);
  o.set("kinks", kinks);
  o.set("derivation", describe_derivation(derivation));
  return o;
}

val activations() {
  try {
    val list = val::array();
    for (const auto& a : actderiv::activations()) list.call<void>("push", describe(a));
    return list;
  } catch (const std::exception& e) {
    throw_js(e);
  }
}

val copy_out(const std::vector<double>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data())).call<val>("slice");
}

// z: a Float64Array; names/values: parallel arrays of parameter ids and numbers (the JS adapter
// checks their types).
val evaluate(const std::string& id, const val& z, const val& names, const val& values) {
  try {
    const auto& activation = actderiv::find_activation(id);
    const auto params = actderiv::resolve_params(activation, param_values(names, values));
    const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
    std::vector<double> value(input.size()), derivative(input.size());
    actderiv::evaluate(activation, params, input.data(), input.size(), value.data(),
                       derivative.data());
    val result = val::object();
    result.set("value", copy_out(value));
    result.set("derivative", copy_out(derivative));
    return result;
  } catch (const std::exception& e) {
    throw_js(e);
  }
}

val expression_params() {
  val list = val::array();
  for (const auto& p : actderiv::expression_params()) list.call<void>("push", describe_param(p));
  return list;
}

val derive(const std::string& text, const val& names, const val& values) {
  try {
    return describe_derivation(actderiv::derive(text, param_values(names, values)));
  } catch (const std::exception& e) {
    throw_js(e);
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
    throw_js(e);
  }
}

}  // namespace

EMSCRIPTEN_BINDINGS(activation_core) {
  emscripten::function("activations", &activations);
  emscripten::function("evaluate", &evaluate);
  emscripten::function("expressionParams", &expression_params);
  emscripten::function("derive", &derive);
  emscripten::function("evaluateExpression", &evaluate_expression);
}
