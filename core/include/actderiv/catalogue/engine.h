// The derivation engine applied to the built-in activations: each one's derivation, its kinks at any
// parameter setting, and the slope explorer on it. The engine itself (calculus/) knows expressions,
// not activations.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actderiv/calculus/answer.h"
#include "actderiv/calculus/derive.h"
#include "actderiv/calculus/kinks.h"
#include "actderiv/calculus/slope.h"
#include "actderiv/catalogue/activation.h"

namespace actderiv {

// The engine's derivation of `activation`'s derivation_input at its default parameters, computed
// once for each distinct activation (its input, parameters and defaults) and kept: the steps are
// symbolic in the parameters, so every parameter setting shares them.
const Derivation& derive(const Activation& activation);

// The kinks of `activation` at resolved `params` (resolve_params order), found from its derivation;
// the last setting asked for is kept, as a dragged slider asks for each one twice (plot, slope).
std::vector<KinkPoint> kinks(const Activation& activation, const std::vector<double>& params);

// The slope view of `activation` with resolved `params`, snapping onto its kinks at those
// parameters. Throws std::invalid_argument for a non-finite z0, h or snap.
SlopeView slope_view(const Activation& activation, const std::vector<double>& params, double z0,
                     double h, double snap, const double* z, std::size_t n);

// Checks `answer` as g'(z) for `target`: an activation id (its parameters from `params`, at whose
// values the kinks are found), or else a typed expression as derive() reads it. Throws ParseError for
// a malformed answer or expression, std::invalid_argument for a bad parameter, std::length_error past
// the size caps.
AnswerCheck check_derivative(const std::string& target, const std::string& answer, const ParamValues& params);

// The values of `answer` at z[0..n) as check_derivative reads and compares it (see evaluate_answer
// in calculus/answer.h), for `target` and `params` as there; throws as check_derivative does.
std::vector<double> evaluate_answer(const std::string& target, const std::string& answer, const ParamValues& params,
                                    const double* z, std::size_t n);

}  // namespace actderiv
