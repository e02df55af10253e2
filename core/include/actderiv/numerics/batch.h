// Batch kernels: an activation's value and derivative over many points in one loop, written without
// calls or branches so the compiler vectorises it (SSE2 natively, SIMD128 in WebAssembly). Each gives
// the results of its scalar pair in numerics.h within the same 4 ULP of correctly rounded.
#pragma once

#include <cstddef>

namespace actderiv {

// The bound every kernel keeps, in ULP of the correctly rounded result.
constexpr unsigned kBatchUlp = 4;

// value[i] = g(z[i]) and derivative[i] = g'(z[i]) for i < n; `params` in Activation::params order.
using BatchFn = void (*)(const double* z, std::size_t n, const double* params, double* value,
                         double* derivative);

// sigmoid and sigmoid_derivative, from one e^-|z|.
void sigmoid_batch(const double* z, std::size_t n, const double* params, double* value,
                   double* derivative);

// tanh_value and tanh_derivative, from one e^-2|z| and its expm1.
void tanh_batch(const double* z, std::size_t n, const double* params, double* value,
                double* derivative);

// relu and relu_derivative.
void relu_batch(const double* z, std::size_t n, const double* params, double* value,
                double* derivative);

// leaky_relu and leaky_relu_derivative with alpha = params[0].
void leaky_relu_batch(const double* z, std::size_t n, const double* params, double* value,
                      double* derivative);

// value[i] = sech(z[i]) (numerics.h), from one e^-|z|: the batch form of the function table's sech
// row, which typed expressions' derivatives meet as sech(u)^2 (the stable form of 1 - tanh^2).
void sech_batch(const double* z, std::size_t n, double* value);

// silu and silu_derivative with beta = params[0] (gates_batch.cpp).
void silu_batch(const double* z, std::size_t n, const double* params, double* value,
                double* derivative);

// gelu and gelu_derivative, by intervals of |z| (gelu_batch.cpp).
void gelu_batch(const double* z, std::size_t n, const double* params, double* value,
                double* derivative);

// gelu_tanh and gelu_tanh_derivative (gelu_batch.cpp).
void gelu_tanh_batch(const double* z, std::size_t n, const double* params, double* value,
                     double* derivative);

// mish and mish_derivative.
void mish_batch(const double* z, std::size_t n, const double* params, double* value,
                double* derivative);

}  // namespace actderiv
