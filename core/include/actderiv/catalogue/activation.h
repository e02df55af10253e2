// The registry of activation functions: one table that drives the bindings, the page and the tests.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "actderiv/expr/params.h"
#include "actderiv/numerics/batch.h"

namespace actderiv {

// Authored prose for one step of the engine's walkthrough, matched by the rule the engine applies
// ("set up" for the first step): a "## step: <rule>" section of the activation's content file.
struct Prose {
  std::string rule;  // e.g. "chain rule"
  std::string note;  // one to three sentences for a student; inline math between $...$ (LaTeX)
};

// Scalar value or derivative at z given the resolved parameters (in the order of Activation::params).
using ScalarFn = double (*)(double z, const double* params);

// One activation function: everything the tutorial knows about it. The registry sets the formulas;
// name and parameter labels come from its content file, and so do its summary and step prose, read
// when asked for (activation_summary() and step_prose() in catalogue/prose.h).
struct Activation {
  std::string id;          // stable identifier, e.g. "leaky_relu"
  std::string name;        // display name, e.g. "Leaky ReLU"
  std::string definition;  // g(z) in the expression syntax; its LaTeX is printed from it
  std::string derivation_input;  // g(z) in the form the derivation engine differentiates
  std::vector<Param> params;
  ScalarFn value;       // g(z), numerically careful
  ScalarFn derivative;  // g'(z), numerically careful; at a kink, the frameworks' convention
  BatchFn batch = nullptr;  // value and derivative of many points at once (batch.h), or null
};

// All activations, in tutorial order.
const std::vector<Activation>& activations();

// The activation with this id; throws std::invalid_argument naming the id and the known ids.
const Activation& find_activation(const std::string& id);

// Defaults overridden by `given`, in Activation::params order. Throws std::invalid_argument for an
// unknown parameter id, a non-finite value, or a value outside [min, max], naming which.
std::vector<double> resolve_params(const Activation& activation, const ParamValues& given);

// value[i] = g(z[i]) and derivative[i] = g'(z[i]) for i < n; `params` from resolve_params.
void evaluate(const Activation& activation, const std::vector<double>& params, const double* z,
              std::size_t n, double* value, double* derivative);

// LaTeX of g's definition, right-hand side only, printed from Activation::definition.
std::string definition_latex(const Activation& activation);

}  // namespace actderiv
