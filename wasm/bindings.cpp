// embind bindings: names and type conversion only. Every result is a plain JS value or a copied
// typed array, so JavaScript never has to call .delete(); a failure is returned as an Error, which
// wasm/api.js throws. Flat structs are value_objects (registered at the bottom); the rest is built
// here, one converter per result.
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
#include <type_traits>
#include <vector>

#include "actderiv/address/address.h"
#include "actderiv/calculus/accuracy.h"
#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/indexed.h"
#include "actderiv/calculus/kinks.h"
#include "actderiv/catalogue/properties.h"
#include "actderiv/calculus/slope.h"
#include "actderiv/catalogue/activation.h"
#include "actderiv/catalogue/engine.h"
#include "actderiv/catalogue/exercise.h"
#include "actderiv/catalogue/prose.h"
#include "actderiv/catalogue/walkthrough.h"
#include "actderiv/expr/expr.h"
#include "actderiv/expr/functions.h"
#include "actderiv/labs/datasets.h"
#include "actderiv/labs/depth.h"
#include "actderiv/labs/limits.h"
#include "actderiv/labs/mlp.h"
#include "actderiv/labs/presets.h"
#include "actderiv/numerics/lesson.h"
#include "actderiv/numerics/output.h"

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

// The binding of F: F's result as a JS value (undefined for void), or the Error of the exception it
// threw (js_error). Every function below is registered through it, so none has a catch of its own.
template <auto F>
struct Guarded;

template <typename Result, typename... Args, Result (*F)(Args...)>
struct Guarded<F> {
  static val call(Args... args) {
    try {
      if constexpr (std::is_void_v<Result>) {
        F(args...);
        return val::undefined();
      } else {
        return val(F(args...));
      }
    } catch (const std::exception& e) {
      return js_error(e);
    }
  }
};

template <auto F>
constexpr auto guarded = &Guarded<F>::call;

// A JS array of convert(item) per item; without `convert`, of the items themselves (strings, numbers
// and value_objects convert as they are).
template <typename List, typename Convert>
val array_of(const List& list, Convert convert) {
  val out = val::array();
  for (const auto& item : list) out.call<void>("push", convert(item));
  return out;
}

template <typename List>
val array_of(const List& list) {
  return array_of(list, [](const auto& item) { return val(item); });
}

// A JS object {name: value} of (name, value) pairs.
template <typename Pairs>
val object_of(const Pairs& pairs) {
  val out = val::object();
  for (const auto& [name, value] : pairs) out.set(name, value);
  return out;
}

val copy_out(const std::vector<double>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data())).call<val>("slice");
}

// Bytes (or small codes) as a Uint8Array copy.
template <typename Code>
val bytes_out(const std::vector<Code>& codes) {
  std::vector<unsigned char> bytes(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) bytes[i] = static_cast<unsigned char>(codes[i]);
  return val(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<val>("slice");
}

actderiv::ParamValues param_values(const val& names, const val& values) {
  actderiv::ParamValues given;
  const auto ids = emscripten::vecFromJSArray<std::string>(names);
  const auto numbers = emscripten::convertJSArrayToNumberVector<double>(values);
  for (std::size_t i = 0; i < ids.size() && i < numbers.size(); ++i)
    given.emplace_back(ids[i], numbers[i]);
  return given;
}

// The catalogue and the derivation engine.

val describe_step(const actderiv::DerivationStep& step) {
  val o = val::object();
  o.set("rule", step.rule);
  o.set("before", actderiv::before_latex(step));
  o.set("after", actderiv::to_latex(step.after));
  o.set("note", step.note);
  o.set("children", array_of(step.children, describe_step));
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
  return array_of(kinks, [](const actderiv::KinkPoint& k) {
    val kink = val::object();
    kink.set("z", k.z);
    kink.set("left", k.left);
    kink.set("right", k.right);
    kink.set("value", k.value);
    kink.set("latex", actderiv::kink_latex(k));
    return kink;
  });
}

val describe_derivation(const actderiv::Derivation& d) {
  val check = val::object();
  check.set("maxRelError", d.max_rel_error);
  check.set("points", static_cast<double>(d.points));
  val o = val::object();
  o.set("kinks", describe_kinks(d.kinks));
  o.set("input", latex_and_text(d.input));
  o.set("params", array_of(d.params));
  o.set("steps", describe_step(d.steps));
  o.set("derivative", latex_and_text(d.derivative));
  o.set("gForm", latex_and_text(d.g_form));
  o.set("check", check);
  val stable = val::object();
  stable.set("input", latex_and_text(d.stable_input));
  stable.set("derivative", latex_and_text(d.stable_derivative));
  stable.set("inputRewrites", array_of(d.input_rewrites, describe_step));
  stable.set("derivativeRewrites", array_of(d.derivative_rewrites, describe_step));
  o.set("stable", stable);
  return o;
}

// What an activation's heading and definition need, cheap: the rest runs the engine and comes from
// activation_details(id), asked for only when a section is set up (api.js reads it lazily).
val describe_summary(const actderiv::Activation& a) {
  val o = val::object();
  o.set("id", a.id);
  o.set("name", a.name);
  o.set("definition", a.definition);
  o.set("latex", actderiv::definition_latex(a));
  o.set("params", array_of(a.params));
  return o;
}

val activation_list() { return array_of(actderiv::activations(), describe_summary); }

// Activation `id`'s summary, asked for only when it is read (api.js reads it lazily): some quote
// numbers from the activation's properties, which need a derivation.
std::string activation_summary(const std::string& id) { return actderiv::activation_summary(actderiv::find_activation(id)); }

// {steps, kinks, derivation} of activation `id`: its walkthrough and the engine's derivation.
val activation_details(const std::string& id) {
  const actderiv::Activation& a = actderiv::find_activation(id);
  const actderiv::Derivation& derivation = actderiv::derive(a);
  val o = val::object();
  o.set("steps", array_of(actderiv::walkthrough(a, derivation), [](const actderiv::WalkthroughStep& s) {
          val step = val::object();
          step.set("kind", std::string(s.setup ? "setup" : "derivative"));
          step.set("title", s.title);
          step.set("expr", actderiv::to_text(s.expr));
          step.set("latex", s.latex);
          step.set("note", s.note);
          step.set("substeps", array_of(s.substeps, describe_step));
          return step;
        }));
  o.set("kinks", describe_kinks(derivation.kinks));
  o.set("derivation", describe_derivation(derivation));
  return o;
}

// [{key, markdown}]: the sections of activation `id`'s content file that the site's build places in
// the page (actderiv/catalogue/prose.h), numbers filled in.
val page_prose(const std::string& id) {
  return array_of(actderiv::page_prose(actderiv::find_activation(id)), [](const actderiv::PageProse& p) {
    val o = val::object();
    o.set("key", p.key);
    o.set("markdown", p.markdown);
    return o;
  });
}

// The kinks of activation `id` at these parameters.
val kinks(const std::string& id, const val& names, const val& values) {
  const auto& activation = actderiv::find_activation(id);
  return describe_kinks(actderiv::kinks(activation, actderiv::resolve_params(activation, param_values(names, values))));
}

// Points per trip through the heap in evaluate_in_chunks() and evaluate_chunk(): z, value and derivative stay in the
// cache from the copy in, through the evaluation, to the copies out, and the heap never has to hold
// a whole large input.
constexpr std::size_t kEvaluateChunk = 16384;

// {value, derivative}, two Float64Arrays filled by fill(input, m, value, derivative) for each chunk
// of the Float64Array z copied into the heap.
template <class Fill>
val evaluate_in_chunks(const val& z, const Fill& fill) {
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
    val(emscripten::typed_memory_view(m, input)).call<void>("set", z.call<val>("subarray", start, start + m));
    fill(input, m, value, derivative);
    value_out.call<void>("set", val(emscripten::typed_memory_view(m, value)), start);
    derivative_out.call<void>("set", val(emscripten::typed_memory_view(m, derivative)), start);
  }
  val result = val::object();
  result.set("value", value_out);
  result.set("derivative", derivative_out);
  return result;
}

// core.evaluate's batch, driven from wasm/api.js without a val per chunk: evaluate_begin resolves the
// activation and its parameters once and hands out the heap scratch of one chunk (input, value,
// derivative, kEvaluateChunk doubles each); api.js copies each chunk of z in through HEAPF64, calls
// evaluate_chunk(m), and copies the results out into its own Float64Arrays. Per 10^6 points the
// embind path above cost about 2 ms more than the kernels (4 val calls per chunk, two arrays made
// through val); this path costs the three copies and the two output arrays.
struct BatchCall {
  const actderiv::Activation* activation = nullptr;
  std::vector<double> params;
  std::vector<double> scratch;
};

BatchCall& batch_call() {
  static BatchCall call;
  return call;
}

// names/values: parallel arrays of parameter ids and numbers (the JS adapter checks their types).
// Returns the scratch's index in HEAPF64 (allocated on the first call; it may grow the heap).
double evaluate_begin(const std::string& id, const val& names, const val& values) {
  BatchCall& call = batch_call();
  const auto& activation = actderiv::find_activation(id);
  call.params = actderiv::resolve_params(activation, param_values(names, values));
  call.activation = &activation;
  call.scratch.resize(3 * kEvaluateChunk);
  return static_cast<double>(reinterpret_cast<std::uintptr_t>(call.scratch.data()) / sizeof(double));
}

// Evaluates the first m <= kEvaluateChunk doubles of the scratch's input for evaluate_begin's
// activation; allocates nothing, so HEAPF64 stays valid across it.
void evaluate_chunk(unsigned m) {
  BatchCall& call = batch_call();
  if (!call.activation) return;
  const std::size_t n = std::min<std::size_t>(m, kEvaluateChunk);
  double* input = call.scratch.data();
  actderiv::evaluate(*call.activation, call.params, input, n, input + kEvaluateChunk,
                     input + 2 * kEvaluateChunk);
}

double evaluate_chunk_size() { return static_cast<double>(kEvaluateChunk); }

val expression_params() { return array_of(actderiv::expression_params()); }

// The expression language's functions, in table order: {name, alias (or null), arity}.
val expression_functions() {
  return array_of(actderiv::functions(), [](const actderiv::Function& f) {
    val o = val::object();
    o.set("name", std::string(f.name));
    o.set("alias", f.alias ? val(std::string(f.alias)) : val::null());
    o.set("arity", static_cast<double>(f.arity));
    return o;
  });
}

val derive(const std::string& text, const val& names, const val& values) {
  return describe_derivation(actderiv::derive(text, param_values(names, values)));
}

// z: a Float64Array (the JS adapter converts an array); compiled once, evaluated chunk by chunk.
val evaluate_expression(const std::string& text, const val& z, const val& names, const val& values) {
  const actderiv::CompiledExpression expression(text, param_values(names, values));
  return evaluate_in_chunks(z, [&expression](const double* input, std::size_t m, double* value,
                                             double* derivative) {
    expression.evaluate(input, m, value, derivative);
  });
}

val describe_form_accuracy(const actderiv::FormAccuracy& f) {
  val o = val::object();
  o.set("plain", copy_out(f.plain));
  o.set("careful", copy_out(f.careful));
  o.set("plainUlp", copy_out(f.plain_ulp));
  o.set("carefulUlp", copy_out(f.careful_ulp));
  o.set("condition", copy_out(f.condition));
  o.set("breakdowns", array_of(f.breakdowns, [](const actderiv::Breakdown& b) {
    val x = val::object();
    x.set("z", b.z);
    x.set("got", b.got);
    x.set("truth", b.truth);
    return x;
  }));
  o.set("plainLost", static_cast<double>(f.plain_lost));
  o.set("carefulLost", static_cast<double>(f.careful_lost));
  o.set("worstCondition", f.worst_condition);
  o.set("worstConditionZ", f.worst_condition_z);
  o.set("worstPlainUlp", f.worst_plain_ulp);
  o.set("worstCarefulUlp", f.worst_careful_ulp);
  o.set("worstCarefulUlpZ", f.worst_careful_ulp_z);
  return o;
}

// The practice checker: {equivalent, proved, counterexample: {z, expected, got} | null,
// mistake: {id, message} | null, answer: {latex, text}}.
val check_derivative(const std::string& target, const std::string& answer, const val& names, const val& values) {
  const auto r = actderiv::check_derivative(target, answer, param_values(names, values));
  val o = val::object();
  o.set("equivalent", r.equivalent);
  o.set("proved", r.proved);
  if (r.counterexample) {
    val c = val::object();
    c.set("z", r.counterexample->z);
    c.set("expected", r.counterexample->expected);
    c.set("got", r.counterexample->got);
    o.set("counterexample", c);
  } else {
    o.set("counterexample", val::null());
  }
  if (r.mistake) {
    val m = val::object();
    m.set("id", r.mistake->id);
    m.set("message", r.mistake->message);
    o.set("mistake", m);
  } else {
    o.set("mistake", val::null());
  }
  o.set("answer", latex_and_text(r.answer));
  return o;
}

// The student's answer over z, as the checker evaluates it: a Float64Array.
val answer_values(const std::string& target, const std::string& answer, const val& z, const val& names,
                  const val& values) {
  const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
  return copy_out(actderiv::evaluate_answer(target, answer, param_values(names, values), input.data(), input.size()));
}

// A seeded exercise: {family, seed, target, params: {id: value}, latex, text}. The seed arrives as a
// double, which wasm/api.js has checked is a safe integer, so it converts exactly.
val exercise(const std::string& family, double seed) {
  const auto e = actderiv::make_exercise(family, static_cast<std::uint64_t>(seed));
  val o = val::object();
  o.set("family", e.family);
  o.set("seed", static_cast<double>(e.seed));
  o.set("target", e.target);
  o.set("params", object_of(e.params));
  o.set("latex", e.latex);
  o.set("text", e.text);
  return o;
}

// The output layer (numerics/output.h). softmax: {value, jacobian} as Float64Arrays (k x k, row-major).
val softmax(const val& logits, double temperature) {
  const auto s = actderiv::softmax(emscripten::convertJSArrayToNumberVector<double>(logits), temperature);
  val o = val::object();
  o.set("value", copy_out(s.value));
  o.set("jacobian", copy_out(s.jacobian));
  return o;
}

// {loss, gradient: Float64Array}; the core checks the target class.
val softmax_cross_entropy(const val& logits, double target) {
  const auto r = actderiv::softmax_cross_entropy(emscripten::convertJSArrayToNumberVector<double>(logits), target);
  val o = val::object();
  o.set("loss", r.loss);
  o.set("gradient", copy_out(r.gradient));
  return o;
}

// One derivation in index notation: {quantity, variable, input, steps, result, cases, check}, LaTeX.
val describe_indexed(const actderiv::IndexedDerivation& d) {
  val o = val::object();
  o.set("quantity", d.quantity);
  o.set("variable", actderiv::to_latex(actderiv::var(d.variable)));
  o.set("input", actderiv::to_latex(d.input));
  o.set("steps", describe_step(d.steps));
  o.set("result", actderiv::to_latex(d.result));
  o.set("cases", array_of(d.cases, [](const actderiv::IndexedCase& c) {
          val entry = val::object();
          entry.set("condition", c.condition);
          entry.set("result", actderiv::to_latex(c.result));
          return entry;
        }));
  val check = val::object();
  check.set("maxRelError", d.max_rel_error);
  check.set("points", static_cast<double>(d.points));
  o.set("check", check);
  return o;
}

// {jacobian, crossEntropy}: the engine's derivations of ds_i/dz_j and of dL/dz_j after softmax.
val softmax_derivations() {
  val o = val::object();
  o.set("jacobian", describe_indexed(actderiv::softmax_jacobian_derivation()));
  o.set("crossEntropy", describe_indexed(actderiv::softmax_cross_entropy_derivation()));
  return o;
}

// The loss named `name` of sigma(z) against y at every z: {loss, gradient} as Float64Arrays.
val sigmoid_loss(const std::string& name, const val& z, double y) {
  const auto loss = actderiv::sigmoid_loss_named(name);
  const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
  std::vector<double> value(input.size()), gradient(input.size());
  // An empty z still has its y checked.
  if (input.empty()) actderiv::sigmoid_loss(loss, 0, y);
  for (std::size_t i = 0; i < input.size(); ++i) {
    const auto r = actderiv::sigmoid_loss(loss, input[i], y);
    value[i] = r.loss;
    gradient[i] = r.gradient;
  }
  val o = val::object();
  o.set("loss", copy_out(value));
  o.set("gradient", copy_out(gradient));
  return o;
}

val accuracy(const std::string& text, const val& z, const val& names, const val& values) {
  const auto params = param_values(names, values);
  const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
  const auto report = actderiv::accuracy(actderiv::derive(text, params), params, input.data(), input.size());
  val result = val::object();
  result.set("value", describe_form_accuracy(report.value));
  result.set("derivative", describe_form_accuracy(report.derivative));
  return result;
}

// The slope explorer: the scalars as the value_object, the lines as Float64Array copies.
val describe_slope(const actderiv::SlopeView& v) {
  val o(v);
  o.set("tangent", copy_out(v.tangent));
  o.set("leftTangent", copy_out(v.left_tangent));
  o.set("rightTangent", copy_out(v.right_tangent));
  o.set("secant", copy_out(v.secant));
  return o;
}

val slope_view(const std::string& id, const val& names, const val& values, double z0, double h, double snap,
               const val& z) {
  const auto& activation = actderiv::find_activation(id);
  const auto params = actderiv::resolve_params(activation, param_values(names, values));
  const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
  return describe_slope(actderiv::slope_view(activation, params, z0, h, snap, input.data(), input.size()));
}

val slope_view_expression(const std::string& text, const val& names, const val& values, double z0, double h,
                          double snap, const val& z) {
  const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
  return describe_slope(
      actderiv::slope_view(text, param_values(names, values), z0, h, snap, input.data(), input.size()));
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
  const auto& activation = actderiv::find_activation(id);
  const auto p =
      actderiv::properties(activation, actderiv::resolve_params(activation, param_values(names, values)));
  val o = val::object();
  o.set("range", p.range);
  o.set("continuity", std::string(continuity_name(p.continuity)));
  o.set("continuityOrder", static_cast<int>(p.continuity));
  o.set("continuityText", p.continuity_text);
  o.set("continuityLatex", p.continuity_latex);
  o.set("breaks", array_of(p.breaks));
  o.set("monotonic", p.monotonic);
  o.set("monotonicDerivative", p.monotonic_derivative);
  o.set("identityNearZero", p.identity_near_zero);
  o.set("zeroCentred", p.zero_centred);
  o.set("maxSlope", p.max_slope);
  o.set("left", p.left);
  o.set("right", p.right);
  o.set("atZero", p.at_zero);
  return o;
}

// The floating-point lesson.

val lesson_cases() {
  return array_of(actderiv::lesson_cases(), [](const actderiv::LessonCase& c) {
    val o = val::object();
    o.set("id", c.id);
    o.set("name", c.name);
    o.set("latex", c.latex);
    o.set("formulas", array_of(c.formulas));
    return o;
  });
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

// Per-point codes are Uint8Arrays of the enums' values; statusNames and rangeNames map a code to its name.
val lesson_errors(const std::string& case_id, const val& z) {
  const auto input = emscripten::convertJSArrayToNumberVector<double>(z);
  const auto result = actderiv::lesson_errors(case_id, input.data(), input.size());
  const std::vector<actderiv::ReferenceRange> ranges = {
      actderiv::ReferenceRange::Normal, actderiv::ReferenceRange::Subnormal, actderiv::ReferenceRange::Underflow};
  const std::vector<actderiv::ErrorStatus> statuses = {
      actderiv::ErrorStatus::Ok, actderiv::ErrorStatus::Zero, actderiv::ErrorStatus::Underflow,
      actderiv::ErrorStatus::Overflow, actderiv::ErrorStatus::NotANumber};
  val o = val::object();
  o.set("caseId", result.case_id);
  o.set("z", copy_out(result.z));
  o.set("reference", copy_out(result.reference));
  o.set("referenceLog10", copy_out(result.reference_log10));
  o.set("range", bytes_out(result.range));
  o.set("rangeNames", array_of(ranges, [](auto r) { return std::string(range_name(r)); }));
  o.set("statusNames", array_of(statuses, [](auto s) { return std::string(status_name(s)); }));
  o.set("formulas", array_of(result.formulas, [](const actderiv::FormulaErrors& f) {
          val formula = val::object();
          formula.set("id", f.formula_id);
          formula.set("value", copy_out(f.value));
          formula.set("error", copy_out(f.error));
          formula.set("status", bytes_out(f.status));
          return formula;
        }));
  return o;
}

val lesson_facts() { return array_of(actderiv::lesson_facts()); }

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
  return array_of(actderiv::parse_query(query), [](const auto& entry) {
    val pair = val::array();
    pair.call<void>("push", utf8_bytes(entry.first));
    pair.call<void>("push", utf8_bytes(entry.second));
    return pair;
  });
}

val query_value(const std::string& query, const std::string& name) {
  const auto value = actderiv::query_get(actderiv::parse_query(query), name);
  return value ? utf8_bytes(*value) : val::null();
}

val parse_number(const val& text, const std::string& what) {
  const actderiv::NumberReading reading = actderiv::parse_number(bytes_of(text), what);
  val o = val::object();
  if (reading.value) o.set("value", *reading.value);
  else o.set("error", reading.error);
  return o;
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
  return array_of(reading.ids);
}

val read_setting(const val& setting, const val& text) {
  const actderiv::Setting s = setting_of(setting);
  const actderiv::SettingReading reading = actderiv::read_setting(s, bytes_of(text));
  val o = val::object();
  if (reading.ok) o.set("value", setting_value(s, reading));
  else o.set("error", reading.error);
  return o;
}

// Returns {values: [value or null, per setting], notices: [sentence]}.
val read_settings(const std::string& query, const val& table) {
  std::vector<actderiv::Setting> settings;
  const auto count = table["length"].as<std::size_t>();
  for (std::size_t i = 0; i < count; ++i) settings.push_back(setting_of(table[i]));
  const actderiv::SettingsReading result = actderiv::read_settings(query, settings);
  val values = val::array();
  for (std::size_t i = 0; i < settings.size(); ++i)
    values.call<void>("push", result.readings[i] ? setting_value(settings[i], *result.readings[i]) : val::null());
  val o = val::object();
  o.set("values", values);
  o.set("notices", array_of(result.notices));
  return o;
}

val parameter_keys() { return array_of(actderiv::parameter_keys()); }

// Returns {named, params: {id: value}, step: {index, all}, notices: {params: {id: sentence}, section}}.
val read_activation_view(const std::string& query, const std::string& id) {
  const actderiv::ActivationView view = actderiv::read_activation_view(query, actderiv::find_activation(id));
  val step = val::object();
  step.set("index", static_cast<double>(view.step));
  step.set("all", view.all_steps);
  val notices = val::object();
  notices.set("params", object_of(view.param_notices));
  notices.set("section", array_of(view.section_notices));
  val o = val::object();
  o.set("named", view.named);
  o.set("params", object_of(view.params));
  o.set("step", step);
  o.set("notices", notices);
  return o;
}

// Returns {values: {id: value}, refused: [[id, sentence]]}.
val read_expression_params(const std::string& query) {
  const actderiv::ExpressionParams read = actderiv::read_expression_params(query);
  val o = val::object();
  o.set("values", object_of(read.values));
  o.set("refused", array_of(read.refused, [](const auto& refusal) {
          val pair = val::array();
          pair.call<void>("push", refusal.first);
          pair.call<void>("push", refusal.second);
          return pair;
        }));
  return o;
}

// The labs (issue 5, parts 2 and 3): toy data sets, depth products, trainers, presets.

// `out` = object[key] when that field is present; absent fields keep the core's defaults. The JS
// adapter has checked that each present field is a number of the right kind (whole, non-negative).
template <typename T>
void read_number(const val& object, const char* key, T& out) {
  const val field = object[key];
  if (!field.isUndefined()) out = static_cast<T>(field.as<double>());
}

val dataset_kinds() { return array_of(actderiv::dataset_kinds()); }

val generate_dataset(const std::string& kind, std::size_t n, double noise, std::uint32_t seed) {
  const actderiv::Dataset data = actderiv::generate_dataset(kind, n, noise, seed);
  val o = val::object();
  o.set("x", copy_out(data.x));
  o.set("y", copy_out(data.y));
  o.set("label", bytes_out(data.label));
  return o;
}

// activations: [{id, names, values}]; config: {maxDepth, samples, mean, spread, lowerQuantile,
// upperQuantile, seed}, each optional.
val depth_products(const val& activations, const val& config) {
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
  val o = val::object();
  o.set("curves", array_of(result.curves, [](const actderiv::DepthCurve& curve) {
          val line = val::object();
          line.set("id", curve.id);
          line.set("median", copy_out(curve.median));
          line.set("lower", copy_out(curve.lower));
          line.set("upper", copy_out(curve.upper));
          line.set("zeroFraction", copy_out(curve.zero_fraction));
          return line;
        }));
  o.set("floor", result.floor);
  return o;
}

double depth_product_at_fixed_z(const std::string& id, const val& names, const val& values, double mean,
                                std::size_t depth) {
  return actderiv::depth_product_at_fixed_z({id, param_values(names, values)}, mean, depth);
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
int trainer_create(const val& config, const val& data) {
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
  return next_handle++;
}

void trainer_step(int handle, std::size_t batches) { trainer_at(handle).step(batches); }

val trainer_state(int handle) {
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
}

val trainer_grid(int handle, std::size_t nx, std::size_t ny, double x0, double x1, double y0, double y1) {
  return copy_out(trainer_at(handle).grid_predictions(nx, ny, x0, x1, y0, y1));
}

val trainer_parameters(int handle) { return copy_out(trainer_at(handle).parameters()); }

bool trainer_destroy(int handle) { return live_trainers().erase(handle) > 0; }

double trainer_count() { return static_cast<double>(live_trainers().size()); }

// A preset: its scalars and bounds as the value_object, its network as an object.
val lab_presets() {
  return array_of(actderiv::presets(), [](const actderiv::Preset& p) {
    val config = val::object();
    config.set("activation", p.config.activation);
    config.set("params", object_of(p.config.params));
    config.set("hidden", array_of(p.config.hidden, [](std::size_t width) { return val(static_cast<double>(width)); }));
    config.set("learningRate", p.config.learning_rate);
    config.set("initialBias", p.config.initial_bias);
    config.set("batchSize", static_cast<double>(p.config.batch_size));
    config.set("seed", static_cast<double>(p.config.seed));
    val o(p);
    o.set("config", config);
    return o;
  });
}

// Returns {depth: {key: limit}, training: {key: limit}, expression: {maxLength, maxNesting}}: what the
// labs' settings and the expression field accept, as the core checks it.
val limits() {
  const auto by_key = [](const std::vector<actderiv::Limit>& table) {
    val out = val::object();
    for (const actderiv::Limit& row : table) out.set(row.key, row);
    return out;
  };
  val expression = val::object();
  expression.set("maxLength", static_cast<double>(actderiv::kMaxInputLength));
  expression.set("maxNesting", static_cast<double>(actderiv::kMaxNesting));
  expression.set("kinkRange", actderiv::kKinkRange);
  val o = val::object();
  o.set("depth", by_key(actderiv::depth_limits()));
  o.set("training", by_key(actderiv::training_limits()));
  o.set("softmax", by_key(actderiv::softmax_limits()));
  o.set("expression", expression);
  return o;
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
  using emscripten::value_object;
  // Flat structs, converted field by field wherever they appear in a result.
  value_object<actderiv::Param>("Param")
      .field("id", &actderiv::Param::id)
      .field("name", &actderiv::Param::name)
      .field("default", &actderiv::Param::default_value)
      .field("min", &actderiv::Param::min)
      .field("max", &actderiv::Param::max);
  value_object<actderiv::Where>("Where")
      .field("lo", &actderiv::Where::lo)
      .field("hi", &actderiv::Where::hi)
      .field("loClosed", &actderiv::Where::lo_closed)
      .field("hiClosed", &actderiv::Where::hi_closed)
      .field("text", &actderiv::Where::text)
      .field("latex", &actderiv::Where::latex);
  value_object<actderiv::Bound>("Bound")
      .field("value", &actderiv::Bound::value)
      .field("attained", &actderiv::Bound::attained)
      .field("where", &actderiv::Bound::where);
  value_object<actderiv::Range>("Range")
      .field("inf", &actderiv::Range::inf)
      .field("sup", &actderiv::Range::sup)
      .field("text", &actderiv::Range::text)
      .field("latex", &actderiv::Range::latex);
  value_object<actderiv::Break>("Break")
      .field("z", &actderiv::Break::z)
      .field("order", &actderiv::Break::order)
      .field("left", &actderiv::Break::left)
      .field("right", &actderiv::Break::right);
  value_object<actderiv::Saturation>("Saturation")
      .field("saturates", &actderiv::Saturation::saturates)
      .field("hard", &actderiv::Saturation::hard)
      .field("from", &actderiv::Saturation::from);
  value_object<actderiv::AtZero>("AtZero")
      .field("value", &actderiv::AtZero::value)
      .field("left", &actderiv::AtZero::left)
      .field("right", &actderiv::AtZero::right)
      .field("kink", &actderiv::AtZero::kink);
  // The slope view's scalars; describe_slope adds its lines.
  value_object<actderiv::SlopeView>("SlopeView")
      .field("z0", &actderiv::SlopeView::z0)
      .field("value", &actderiv::SlopeView::value)
      .field("slope", &actderiv::SlopeView::slope)
      .field("leftSlope", &actderiv::SlopeView::left_slope)
      .field("rightSlope", &actderiv::SlopeView::right_slope)
      .field("kink", &actderiv::SlopeView::kink)
      .field("h", &actderiv::SlopeView::h)
      .field("secantSlope", &actderiv::SlopeView::secant_slope);
  value_object<actderiv::LessonFormula>("LessonFormula")
      .field("id", &actderiv::LessonFormula::id)
      .field("label", &actderiv::LessonFormula::label)
      .field("latex", &actderiv::LessonFormula::latex)
      .field("careful", &actderiv::LessonFormula::careful);
  value_object<actderiv::LessonFact>("LessonFact")
      .field("id", &actderiv::LessonFact::id)
      .field("caseId", &actderiv::LessonFact::case_id)
      .field("formulaId", &actderiv::LessonFact::formula_id)
      .field("event", &actderiv::LessonFact::event)
      .field("z", &actderiv::LessonFact::z)
      .field("value", &actderiv::LessonFact::value)
      .field("reference", &actderiv::LessonFact::reference)
      .field("referenceLog10", &actderiv::LessonFact::reference_log10);
  value_object<actderiv::DatasetKind>("DatasetKind")
      .field("id", &actderiv::DatasetKind::id)
      .field("name", &actderiv::DatasetKind::name);
  value_object<actderiv::Bounds>("Bounds")
      .field("min", &actderiv::Bounds::min)
      .field("max", &actderiv::Bounds::max);
  value_object<actderiv::Limit>("Limit")
      .field("key", &actderiv::Limit::key)
      .field("what", &actderiv::Limit::what)
      .field("min", &actderiv::Limit::min)
      .field("max", &actderiv::Limit::max)
      .field("whole", &actderiv::Limit::whole);
  // A preset's scalars and bounds; lab_presets adds its config.
  value_object<actderiv::Preset>("Preset")
      .field("id", &actderiv::Preset::id)
      .field("name", &actderiv::Preset::name)
      .field("dataset", &actderiv::Preset::dataset)
      .field("points", &actderiv::Preset::points)
      .field("noise", &actderiv::Preset::noise)
      .field("dataSeed", &actderiv::Preset::data_seed)
      .field("epochs", &actderiv::Preset::epochs)
      .field("compareWith", &actderiv::Preset::compare_with)
      .field("dead", &actderiv::Preset::dead)
      .field("inactive", &actderiv::Preset::inactive)
      .field("loss", &actderiv::Preset::loss);

  using emscripten::function;
  function("activationList", guarded<&activation_list>);
  function("activationDetails", guarded<&activation_details>);
  function("activationSummary", guarded<&activation_summary>);
  function("pageProse", guarded<&page_prose>);
  function("evaluateBegin", guarded<&evaluate_begin>);
  function("evaluateChunk", &evaluate_chunk);
  function("evaluateChunkSize", &evaluate_chunk_size);
  function("kinks", guarded<&kinks>);
  function("expressionParams", guarded<&expression_params>);
  function("expressionFunctions", guarded<&expression_functions>);
  function("derive", guarded<&derive>);
  function("evaluateExpression", guarded<&evaluate_expression>);
  function("accuracy", guarded<&accuracy>);
  function("checkDerivative", guarded<&check_derivative>);
  function("answerValues", guarded<&answer_values>);
  function("exercise", guarded<&exercise>);
  function("softmax", guarded<&softmax>);
  function("softmaxCrossEntropy", guarded<&softmax_cross_entropy>);
  function("softmaxDerivations", guarded<&softmax_derivations>);
  function("sigmoidLoss", guarded<&sigmoid_loss>);
  function("properties", guarded<&properties>);
  function("lessonCases", guarded<&lesson_cases>);
  function("lessonErrors", guarded<&lesson_errors>);
  function("lessonFacts", guarded<&lesson_facts>);
  function("slopeView", guarded<&slope_view>);
  function("slopeViewExpression", guarded<&slope_view_expression>);
  function("datasetKinds", guarded<&dataset_kinds>);
  function("generateDataset", guarded<&generate_dataset>);
  function("depthProducts", guarded<&depth_products>);
  function("depthProductAtFixedZ", guarded<&depth_product_at_fixed_z>);
  function("trainerCreate", guarded<&trainer_create>);
  function("trainerStep", guarded<&trainer_step>);
  function("trainerState", guarded<&trainer_state>);
  function("trainerGrid", guarded<&trainer_grid>);
  function("trainerParameters", guarded<&trainer_parameters>);
  function("trainerDestroy", guarded<&trainer_destroy>);
  function("trainerCount", guarded<&trainer_count>);
  function("labPresets", guarded<&lab_presets>);
  function("limits", guarded<&limits>);
  function("heapStats", guarded<&heap_stats>);
  function("parseQuery", guarded<&parse_query>);
  function("queryValue", guarded<&query_value>);
  function("parseNumber", guarded<&parse_number>);
  function("visibleCharacter", guarded<&visible_character>);
  function("readSetting", guarded<&read_setting>);
  function("readSettings", guarded<&read_settings>);
  function("parameterKeys", guarded<&parameter_keys>);
  function("readActivationView", guarded<&read_activation_view>);
  function("readExpressionParams", guarded<&read_expression_params>);
}
