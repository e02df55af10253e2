#include "actderiv/catalogue/properties.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <utility>

#include "actderiv/catalogue/engine.h"
#include "actderiv/expr/expr.h"
#include "numerics/bisect.h"

namespace actderiv {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kStep = 1.0 / 16;  // grid step over the scan range
constexpr double kFar = 1e300;      // the farthest sample

double scale(double z) { return std::fmax(1.0, std::fabs(z)); }

// Whether two one-sided limits differ by more than `tolerance`, relative to their size.
bool differ(double a, double b, double tolerance) {
  if (!std::isfinite(a) || !std::isfinite(b)) return false;
  return std::fabs(a - b) > tolerance * std::fmax(1.0, std::fmax(std::fabs(a), std::fabs(b)));
}

// A located point moved onto a nearby multiple of 2^-10 (0, -3, 6, ...) when within 1e-8 relative,
// the accuracy of the bisections; other points are left as found.
double snap(double z) {
  if (!std::isfinite(z)) return z;
  if (std::fabs(z) < 1e-9) return 0;
  const double r = std::nearbyint(z * 1024) / 1024;
  return std::fabs(z - r) <= 1e-8 * scale(z) ? r : z;
}

// g and g' of one activation at fixed parameters.
class Probe {
 public:
  Probe(const Activation& activation, const std::vector<double>& params)
      : activation_(activation), params_(params.data()) {}
  double g(double z) const { return activation_.value(z, params_); }
  double d(double z) const { return activation_.derivative(z, params_); }
  double abs_d(double z) const { return std::fabs(d(z)); }

 private:
  const Activation& activation_;
  const double* params_;
};

// The samples, in increasing z: far points -1e300 .. -512, the grid, 512 .. 1e300. Symmetric in z.
struct Samples {
  std::vector<double> z, g, d;
  std::size_t first_node = 0, last_node = 0;  // the grid's index range, inclusive
};

Samples sample(const Probe& f) {
  std::vector<double> far;
  for (double t = kPropertyScanRange * 16; t < kFar; t *= 16) far.push_back(t);
  far.push_back(kFar);
  Samples s;
  for (auto it = far.rbegin(); it != far.rend(); ++it) s.z.push_back(-*it);
  s.first_node = s.z.size();
  const int nodes = static_cast<int>(2 * kPropertyScanRange / kStep);
  for (int i = 0; i <= nodes; ++i) s.z.push_back(-kPropertyScanRange + i * kStep);
  s.last_node = s.z.size() - 1;
  for (double t : far) s.z.push_back(t);
  for (double z : s.z) {
    s.g.push_back(f.g(z));
    s.d.push_back(f.d(z));
  }
  return s;
}

// lim q(z) as z -> sign * inf: q(+-inf), or q at +-1e300, 1e200, ... where that is NaN (inf * 0).
template <class Q>
double limit(Q q, double sign) {
  for (double z : {kInf, kFar, 1e200, 1e100, 1e50, 1e20}) {
    const double v = q(sign * z);
    if (!std::isnan(v)) return v;
  }
  return kNaN;
}

// ---- Breaks ----

// g'' just below (side -1) or above (side +1) z, from slopes of g' over [h, 2h] and [2h, 4h] away
// from z, combined to cancel their first-order error (Richardson).
double one_sided_second(const Probe& f, double z, double side) {
  const double h = 1e-5 * scale(z);
  const double a = f.d(z + side * h), b = f.d(z + side * 2 * h), c = f.d(z + side * 4 * h);
  const double s1 = side * (b - a) / h, s2 = side * (c - b) / (2 * h);
  return 2 * s1 - s2;
}

// The break between adjacent doubles lo < hi, or, for a possible jump of g'' only, at z (where
// lo == hi): the lowest-order quantity whose one-sided limits differ. Order -1 for none.
Break classify(const Probe& f, double lo, double hi) {
  const double z = snap(lo) != lo ? snap(lo) : snap(hi);
  const double delta = 1e-9 * scale(z);
  const double gl = f.g(lo - delta), gr = f.g(hi + delta);
  if (differ(gl, gr, 1e-6)) return {z, 0, gl, gr};
  const double dl = f.d(lo - delta), dr = f.d(hi + delta);
  if (differ(dl, dr, 1e-6)) return {z, 1, dl, dr};
  const double sl = one_sided_second(f, z, -1), sr = one_sided_second(f, z, 1);
  if (differ(sl, sr, 1e-5)) return {z, 2, sl, sr};
  return {z, -1, 0, 0};
}

// Adjacent doubles around a jump of q inside [lo, hi], where the jump dwarfs q's smooth change.
template <class Q>
std::pair<double, double> straddle(Q q, double lo, double hi) {
  const double qlo = q(lo), qhi = q(hi);
  const auto nearer_lo = [&](double x) {
    const double v = q(x);
    return std::fabs(v - qlo) < std::fabs(v - qhi);
  };
  const double last = bisect(lo, hi, nearer_lo).last_in;
  return {last, std::nextafter(last, kInf)};
}

// A suspected jump of g in [a, b], halved towards the half whose change (less the trapezoid of g')
// is larger. Returns NaN when that change shrinks like a smooth function's (16-fold over 8 halvings)
// instead of staying the size of a jump.
std::pair<double, double> refine_jump(const Probe& f, double a, double b) {
  const auto change = [&f](double x, double y) {
    return std::fabs(f.g(y) - f.g(x) - 0.5 * (y - x) * (f.d(x) + f.d(y)));
  };
  const double first = change(a, b);
  for (int k = 0; b - a > 1e-9 * scale(a); ++k) {
    const double m = 0.5 * (a + b);
    const double left = change(a, m), right = change(m, b);
    if (k == 8 && std::fmax(left, right) < first / 16) return {kNaN, kNaN};
    if (left >= right) b = m;
    else a = m;
  }
  return straddle([&f](double x) { return f.g(x); }, a, b);
}

// A suspected jump of g' or g'' within r/2 of p. The cell [p - r, p + r] is cut into quarters and
// the slope of g' compared across each inner boundary; the largest change is nearest the break, so
// the cell recentres there at half the size, keeping the break within its middle half. Returns NaN
// when the change fades like a smooth function's (8-fold over 6 halvings; a jump of g'' keeps it).
double refine_kink(const Probe& f, double p, double r) {
  double first = 0;
  for (int k = 0; r > 1e-8 * scale(p); ++k, r /= 2) {
    double v[5], change[3];
    for (int j = 0; j < 5; ++j) v[j] = f.d(p + (j - 2) * r / 2);
    for (int j = 0; j < 3; ++j)
      change[j] = std::fabs((v[j + 2] - 2 * v[j + 1] + v[j]) / (r / 2));
    const int best = static_cast<int>(std::max_element(change, change + 3) - change);
    if (!std::isfinite(change[best])) return kNaN;
    if (k == 0) first = change[best];
    if (k == 6 && change[best] < first / 8) return kNaN;
    p += (best - 1) * r / 2;
  }
  return p;
}

// A refined suspect of g' or g'' classified: a jump of g' is first narrowed to adjacent doubles.
Break classify_kink(const Probe& f, double p) {
  const double w = 4e-8 * scale(p);
  if (differ(f.d(p - w), f.d(p + w), 1e-6)) {
    const auto [lo, hi] = straddle([&f](double x) { return f.d(x); }, p - w, p + w);
    return classify(f, lo, hi);
  }
  return classify(f, p, p);
}

// Grid indices whose indicator stands out: above the noise floor and at least twice the indicator
// two steps away on either side (a smooth function's changes slowly from point to point).
std::vector<std::size_t> suspects(const std::vector<double>& indicator, const std::vector<double>& size) {
  std::vector<std::size_t> out;
  const std::size_t n = indicator.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double left = i >= 2 ? indicator[i - 2] : 0;
    const double right = i + 2 < n ? indicator[i + 2] : 0;
    if (indicator[i] > 1e-9 * (1 + size[i]) && indicator[i] >= 2 * std::fmax(left, right)) out.push_back(i);
  }
  return out;
}

// The engine's kinks at these parameters (kinks.h): candidates the scan confirms like its own.
std::vector<double> engine_kinks(const Activation& activation, const std::vector<double>& params) {
  std::vector<double> at;
  for (const KinkPoint& k : kinks(activation, params)) at.push_back(k.z);
  return at;
}

std::vector<Break> find_breaks(const Probe& f, const Samples& s, const std::vector<double>& kinks) {
  std::vector<Break> found;
  const auto keep = [&found](const Break& b) {
    if (b.order >= 0) found.push_back(b);
  };
  const std::size_t n0 = s.first_node, n = s.last_node - s.first_node + 1;

  // Jumps of g: per cell, the change of g less the trapezoid of g'.
  std::vector<double> cell(n - 1), cell_size(n - 1);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const std::size_t j = n0 + i;
    cell[i] = std::fabs(s.g[j + 1] - s.g[j] - 0.5 * kStep * (s.d[j] + s.d[j + 1]));
    cell_size[i] = std::fabs(s.g[j]) + std::fabs(s.g[j + 1]);
  }
  for (std::size_t i : suspects(cell, cell_size)) {
    const auto [lo, hi] = refine_jump(f, s.z[n0 + i], s.z[n0 + i + 1]);
    if (!std::isnan(lo)) keep(classify(f, lo, hi));
  }

  // Jumps of g' or g'': per grid point, the change of slope of g'.
  std::vector<double> bend(n, 0), bend_size(n, 0);
  for (std::size_t i = 1; i + 1 < n; ++i) {
    const std::size_t j = n0 + i;
    bend[i] = std::fabs((s.d[j + 1] - 2 * s.d[j] + s.d[j - 1]) / kStep);
    bend_size[i] = std::fabs(s.d[j]);
  }
  for (std::size_t i : suspects(bend, bend_size)) {
    const double p = refine_kink(f, s.z[n0 + i], kStep);
    if (!std::isnan(p)) keep(classify_kink(f, p));
  }
  for (double z : kinks) keep(classify_kink(f, z));

  // One break per place, the lowest order found there.
  std::sort(found.begin(), found.end(), [](const Break& a, const Break& b) {
    return a.z < b.z || (a.z == b.z && a.order < b.order);
  });
  std::vector<Break> breaks;
  for (const Break& b : found) {
    if (!breaks.empty() && std::fabs(b.z - breaks.back().z) <= 1e-6 * scale(b.z)) {
      if (b.order < breaks.back().order) breaks.back() = b;
      continue;
    }
    breaks.push_back(b);
  }
  return breaks;
}

// ---- Level sets: where a value is held ----

struct Interval {
  double lo, hi;
};

// The interval around z0 where q == value exactly (q(z0) == value), its ends found between samples
// by bisection; an end past the last sample holding the value is infinite.
template <class Q>
Interval level_set(Q q, double value, double z0, const std::vector<double>& z,
                   const std::vector<double>& qz) {
  const auto holds = [&](double x) { return q(x) == value; };
  Interval out{-kInf, kInf};
  const auto up = std::upper_bound(z.begin(), z.end(), z0) - z.begin();
  double last = z0;
  for (auto j = up; j < static_cast<std::ptrdiff_t>(z.size()); ++j) {
    if (qz[j] != value) {
      out.hi = bisect(last, z[j], holds).last_in;
      break;
    }
    last = z[j];
  }
  const auto down = std::lower_bound(z.begin(), z.end(), z0) - z.begin();
  last = z0;
  for (auto j = down - 1; j >= 0; --j) {
    if (qz[j] != value) {
      out.lo = bisect(last, z[j], holds).last_in;
      break;
    }
    last = z[j];
  }
  return out;
}

bool near_break(double z, const std::vector<Break>& breaks) {
  for (const Break& b : breaks)
    if (std::fabs(b.z - z) <= 1e-6 * scale(z)) return true;
  return false;
}

std::string number(double v, bool latex) {
  if (std::isinf(v)) return v > 0 ? (latex ? "\\infty" : "∞") : (latex ? "-\\infty" : "−∞");
  if (v == 0) return "0";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  if (std::strtod(buffer, nullptr) != v) std::snprintf(buffer, sizeof buffer, "%#.4g", v);
  std::string s = buffer;
  if (!latex && s[0] == '-') s = "−" + s.substr(1);
  return s;
}

std::string where_text(const Where& w, bool latex) {
  const std::string le = latex ? " \\le " : " ≤ ", lt = " < ";
  if (w.lo == w.hi) {
    if (std::isinf(w.lo))
      return latex ? (w.lo > 0 ? "z \\to +\\infty" : "z \\to -\\infty") : (w.lo > 0 ? "z → +∞" : "z → −∞");
    return "z = " + number(w.lo, latex);
  }
  if (std::isinf(w.lo) && std::isinf(w.hi)) return latex ? "\\text{all } z" : "all z";
  if (std::isinf(w.lo)) return "z" + (w.hi_closed ? le : lt) + number(w.hi, latex);
  if (std::isinf(w.hi))
    return "z" + std::string(w.lo_closed ? (latex ? " \\ge " : " ≥ ") : " > ") + number(w.lo, latex);
  return number(w.lo, latex) + (w.lo_closed ? le : lt) + "z" + (w.hi_closed ? le : lt) +
         number(w.hi, latex);
}

Where make_where(double lo, double hi, bool lo_closed, bool hi_closed) {
  Where w{lo, hi, lo_closed, hi_closed, "", ""};
  w.text = where_text(w, false);
  w.latex = where_text(w, true);
  return w;
}

Where limit_where(double direction) { return make_where(direction * kInf, direction * kInf, false, false); }

// The location of a smooth maximum (upper) or minimum of q near z0, where q(z0) == value: the
// midpoint of the stretch where q is within 1e-10 relative of the value. The doubles that hit the
// value exactly are scattered by rounding; this wider stretch has crisp ends, and its midpoint is
// the extremum to about 1e-10.
template <class Q>
double extremum(Q q, double value, double z0, bool upper) {
  const double tolerance = 1e-10 * std::fmax(std::fabs(value), std::numeric_limits<double>::min());
  const auto near = [&](double x) { return upper ? q(x) >= value - tolerance : q(x) <= value + tolerance; };
  double ends[2];
  for (int side = 0; side < 2; ++side) {
    const double direction = side == 0 ? -1 : 1;
    double step = kStep;
    while (near(z0 + direction * step) && step < kFar) step *= 16;
    ends[side] = near(z0 + direction * step) ? z0 + direction * step
                                             : bisect(z0, z0 + direction * step, near).last_in;
  }
  const double z = snap(0.5 * (ends[0] + ends[1]));
  return near(z) ? z : z0;
}

// Where q takes `value`, starting from z0 with q(z0) == value. A constant stretch counts as real
// only if each finite end lies at a break; one reaching infinity from an end that is not a break is
// rounding in a tail (sigmoid(40) == 1), so the value is only approached there. A stretch with no
// break at either end is the rounding around a smooth extremum, located by extremum().
template <class Q>
Bound locate(Q q, double value, double z0, bool upper, const std::vector<double>& z,
             const std::vector<double>& qz, const std::vector<Break>& breaks) {
  value += 0.0;  // -0 reads as 0
  const Interval s = level_set(q, value, z0, z, qz);
  const bool lo_inf = std::isinf(s.lo), hi_inf = std::isinf(s.hi);
  const bool lo_real = lo_inf || near_break(s.lo, breaks);
  const bool hi_real = hi_inf || near_break(s.hi, breaks);
  if (lo_inf && hi_inf) return {value, true, make_where(-kInf, kInf, false, false)};
  if (hi_inf && !lo_real) return {value, false, limit_where(1)};
  if (lo_inf && !hi_real) return {value, false, limit_where(-1)};
  double lo, hi;
  if (lo_real && hi_real) {
    lo = snap(s.lo);
    hi = snap(s.hi);
  } else if (lo_real || hi_real) {
    lo = hi = snap(lo_real ? s.lo : s.hi);
    if (q(lo) != value) lo = hi = z0;
  } else {
    const double at = extremum(q, value, z0, upper);
    return {value, true, make_where(at, at, true, true)};
  }
  const bool lo_closed = !std::isinf(lo) && q(lo) == value;
  const bool hi_closed = !std::isinf(hi) && q(hi) == value;
  return {value, lo_closed || hi_closed || lo < hi, make_where(lo, hi, lo_closed, hi_closed)};
}

// ---- Tails ----

struct Tail {
  double limit_g;
  double limit_d;
  bool zero_run = false;  // g' == 0 at the farthest sample
  bool hard = false;      // ... on a half-line ending at a break (or everywhere)
  double end = kNaN;      // the run's inner end
};

Tail tail(const Probe& f, const Samples& s, const std::vector<Break>& breaks, double direction) {
  Tail t;
  t.limit_g = limit([&f](double z) { return f.g(z); }, direction);
  t.limit_d = limit([&f](double z) { return f.d(z); }, direction);
  const std::size_t far = direction < 0 ? 0 : s.z.size() - 1;
  if (s.d[far] != 0) return t;
  t.zero_run = true;
  const Interval run = level_set([&f](double z) { return f.d(z); }, 0.0, s.z[far], s.z, s.d);
  t.end = direction < 0 ? run.hi : run.lo;
  t.hard = std::isinf(t.end) || near_break(t.end, breaks);
  return t;
}

Saturation saturation(const Tail& t) {
  const bool hard = t.zero_run && t.hard;
  return {t.limit_d == 0 || std::fabs(t.limit_d) < 1e-100, hard, hard ? snap(t.end) : kNaN};
}

// ---- Range and steepest slope ----

struct Candidate {
  double value;
  double z;
};

Range range(const Probe& f, const Samples& s, const std::vector<Break>& breaks, const Tail& left,
            const Tail& right) {
  std::vector<Candidate> attained;
  const auto add = [&](double z) { attained.push_back({f.g(z), z}); };
  for (std::size_t j = 0; j < s.z.size(); ++j) {
    // A zero of g' in a tail that only underflowed to 0 is not a stationary point.
    const bool soft_tail = (left.zero_run && !left.hard && s.z[j] <= left.end) ||
                           (right.zero_run && !right.hard && s.z[j] >= right.end);
    if (s.d[j] == 0 && !soft_tail) add(s.z[j]);
    if (j + 1 < s.z.size() && ((s.d[j] > 0 && s.d[j + 1] < 0) || (s.d[j] < 0 && s.d[j + 1] > 0))) {
      const bool rising = s.d[j] > 0;
      const double last =
          bisect(s.z[j], s.z[j + 1], [&](double z) { return (f.d(z) > 0) == rising; }).last_in;
      add(last);
      add(std::nextafter(last, kInf));
    }
  }
  for (const Break& b : breaks) {
    if (b.order != 0) continue;
    add(std::nextafter(b.z, -kInf));
    add(b.z);
    add(std::nextafter(b.z, kInf));
  }

  const auto bound = [&](bool lowest) {
    const auto better = [lowest](double a, double b) { return lowest ? a < b : a > b; };
    double limit_value = left.limit_g, direction = -1;
    if (std::isnan(limit_value) || better(right.limit_g, limit_value)) limit_value = right.limit_g, direction = 1;
    const Candidate* best = nullptr;
    for (const Candidate& c : attained)
      if (!best || better(c.value, best->value)) best = &c;
    if (best && !better(limit_value, best->value)) {
      return locate([&f](double z) { return f.g(z); }, best->value, best->z, !lowest, s.z, s.g, breaks);
    }
    return Bound{limit_value, false, limit_where(direction)};
  };
  Range r{bound(true), bound(false), "", ""};
  for (bool latex : {false, true}) {
    std::string text = (r.inf.attained ? "[" : "(") + number(r.inf.value, latex) + ", " +
                       number(r.sup.value, latex) + (r.sup.attained ? "]" : ")");
    (latex ? r.latex : r.text) = text;
  }
  return r;
}

// The maximiser of q on [a, b] by golden-section search (q unimodal there), with its value.
template <class Q>
Candidate golden_max(Q q, double a, double b) {
  const double ratio = 0.5 * (std::sqrt(5.0) - 1);
  double c = b - ratio * (b - a), d = a + ratio * (b - a);
  double fc = q(c), fd = q(d);
  while (b - a > 1e-10 * scale(a)) {
    if (fc >= fd) {
      b = d, d = c, fd = fc;
      c = b - ratio * (b - a), fc = q(c);
    } else {
      a = c, c = d, fc = fd;
      d = a + ratio * (b - a), fd = q(d);
    }
  }
  return fc >= fd ? Candidate{fc, c} : Candidate{fd, d};
}

Bound max_slope(const Probe& f, const Samples& s, const std::vector<Break>& breaks, const Tail& left,
                const Tail& right) {
  const auto q = [&f](double z) { return f.abs_d(z); };
  std::vector<double> a(s.d.size());
  for (std::size_t j = 0; j < a.size(); ++j) a[j] = std::fabs(s.d[j]);
  // Peaks and plateau starts of the samples, each refined between its neighbours.
  Candidate best{-1, kNaN};
  for (std::size_t j = 0; j < a.size(); ++j) {
    if ((j > 0 && !(a[j] > a[j - 1])) || (j + 1 < a.size() && !(a[j] >= a[j + 1]))) continue;
    Candidate c{a[j], s.z[j]};
    if (j > 0 && j + 1 < a.size()) {
      const Candidate refined = golden_max(q, s.z[j - 1], s.z[j + 1]);
      if (refined.value > c.value) c = refined;
    }
    if (c.value > best.value) best = c;
  }
  const double tail_left = std::fabs(left.limit_d), tail_right = std::fabs(right.limit_d);
  const double tail_best = std::fmax(std::isnan(tail_left) ? -1 : tail_left, std::isnan(tail_right) ? -1 : tail_right);
  if (tail_best > best.value) return {tail_best, false, limit_where(tail_best == tail_right ? 1 : -1)};
  return locate(q, best.value, best.z, true, s.z, a, breaks);
}

// ---- Shape ----

bool monotonic(const Samples& s, const std::vector<Break>& breaks) {
  for (double d : s.d)
    if (d < 0) return false;
  for (const Break& b : breaks)
    if (b.order == 0 && b.right < b.left) return false;
  return true;
}

bool monotonic_derivative(const Samples& s) {
  constexpr double kSlack = 4 * std::numeric_limits<double>::epsilon();
  bool up = true, down = true;
  for (std::size_t j = 0; j + 1 < s.d.size(); ++j) {
    const double tolerance = kSlack * std::fmax(std::fabs(s.d[j]), std::fabs(s.d[j + 1]));
    if (s.d[j + 1] < s.d[j] - tolerance) up = false;
    if (s.d[j + 1] > s.d[j] + tolerance) down = false;
  }
  return up || down;
}

// Odd: the samples are symmetric, so g(-z) for the sample at j is the sample at n - 1 - j.
bool odd(const Samples& s) {
  const std::size_t n = s.g.size();
  for (std::size_t j = 0; j < n; ++j)
    if (std::fabs(s.g[j] + s.g[n - 1 - j]) > 1e-12 * scale(s.g[j])) return false;
  return true;
}

const Break* break_at_zero(const std::vector<Break>& breaks) {
  for (const Break& b : breaks)
    if (b.z == 0 && b.order <= 1) return &b;
  return nullptr;
}

}  // namespace

Properties properties(const Activation& activation, const std::vector<double>& params) {
  if (params.size() != activation.params.size()) {
    throw std::invalid_argument(activation.id + " takes " + std::to_string(activation.params.size()) +
                                " parameter(s), got " + std::to_string(params.size()));
  }
  const Probe f(activation, params);
  const Samples s = sample(f);
  Properties p;
  p.breaks = find_breaks(f, s, engine_kinks(activation, params));
  const Tail left = tail(f, s, p.breaks, -1), right = tail(f, s, p.breaks, 1);
  p.range = range(f, s, p.breaks, left, right);

  int lowest = 3;
  for (const Break& b : p.breaks) lowest = std::min(lowest, b.order);
  p.continuity = static_cast<Continuity>(lowest);
  static const char* const kText[] = {"discontinuous", "C⁰", "C¹", "C∞"};
  static const char* const kLatex[] = {"\\text{discontinuous}", "C^0", "C^1", "C^\\infty"};
  p.continuity_text = kText[lowest];
  p.continuity_latex = kLatex[lowest];

  p.monotonic = monotonic(s, p.breaks);
  p.monotonic_derivative = monotonic_derivative(s);
  p.zero_centred = odd(s);
  p.max_slope = max_slope(f, s, p.breaks, left, right);
  p.left = saturation(left);
  p.right = saturation(right);

  const Break* zero = break_at_zero(p.breaks);
  const double d0 = f.d(0);
  p.at_zero = {d0, d0, d0, false};
  if (zero && zero->order == 1) p.at_zero = {d0, zero->left, zero->right, true};
  p.identity_near_zero = !zero && std::fabs(f.g(0)) <= 1e-12 && std::fabs(d0 - 1) <= 1e-12;
  return p;
}

}  // namespace actderiv
