#include "actderiv/expr.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "actderiv/numerics.h"

namespace actderiv {

ParseError::ParseError(const std::string& message, std::size_t column)
    : std::runtime_error(message + " at column " + std::to_string(column)), column_(column) {}

namespace {

constexpr std::size_t kMaxDepth = 64;

Expr make(Op op, std::vector<Expr> args = {}) {
  auto node = std::make_shared<Node>();
  node->op = op;
  node->args = std::move(args);
  return node;
}

Expr make_number(double value) {
  auto node = std::make_shared<Node>();
  node->op = Op::Number;
  node->number = value;
  return node;
}

Expr make_named(Op op, const std::string& name) {
  auto node = std::make_shared<Node>();
  node->op = op;
  node->name = name;
  return node;
}

struct Function {
  const char* name;
  Op op;
  std::size_t arity;  // 0: any even count >= 2 (piecewise)
};

const Function kFunctions[] = {
    {"abs", Op::Abs, 1},       {"cosh", Op::Cosh, 1},   {"exp", Op::Exp, 1},
    {"g", Op::Self, 1},        {"log", Op::Log, 1},     {"max", Op::Max, 2},
    {"min", Op::Min, 2},       {"piecewise", Op::Piecewise, 0},
    {"sigmoid", Op::Sigmoid, 1}, {"sinh", Op::Sinh, 1}, {"sqrt", Op::Sqrt, 1},
    {"tanh", Op::Tanh, 1},
};

const Function* find_function(const std::string& name) {
  for (const auto& f : kFunctions)
    if (name == f.name) return &f;
  return nullptr;
}

// Recursive descent, one function per grammar rule.
class Parser {
 public:
  Parser(const std::string& text, const std::vector<std::string>& parameters)
      : text_(text), parameters_(parameters) {}

  Expr parse_all() {
    Expr e = comparison();
    skip_space();
    if (pos_ < text_.size()) fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    return e;
  }

 private:
  // comparison := sum (('<' | '<=' | '>' | '>=') sum)?
  Expr comparison() {
    Expr left = sum();
    skip_space();
    Op op;
    if (accept("<=")) op = Op::LessEq;
    else if (accept(">=")) op = Op::GreaterEq;
    else if (accept("<")) op = Op::Less;
    else if (accept(">")) op = Op::Greater;
    else return left;
    return make(op, {left, sum()});
  }

  // sum := term (('+' | '-') term)*
  Expr sum() {
    Expr left = term();
    for (;;) {
      skip_space();
      if (accept("+")) left = make(Op::Add, {left, term()});
      else if (accept("-")) left = make(Op::Sub, {left, term()});
      else return left;
    }
  }

  // term := unary (('*' | '/') unary)*
  Expr term() {
    Expr left = unary();
    for (;;) {
      skip_space();
      if (accept("*")) left = make(Op::Mul, {left, unary()});
      else if (accept("/")) left = make(Op::Div, {left, unary()});
      else return left;
    }
  }

  // unary := '-' unary | power
  Expr unary() {
    skip_space();
    if (accept("-")) {
      Depth guard(*this);
      return make(Op::Neg, {unary()});
    }
    return power();
  }

  // power := primary ('^' unary)?
  Expr power() {
    Expr base = primary();
    skip_space();
    if (accept("^")) {
      Depth guard(*this);
      return make(Op::Pow, {base, unary()});
    }
    return base;
  }

  // primary := number | name | name '(' arguments ')' | '(' comparison ')'
  Expr primary() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a number, a name or '('");
    const char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (std::isalpha(static_cast<unsigned char>(c))) return name();
    if (accept("(")) {
      Depth guard(*this);
      Expr inner = comparison();
      expect(")");
      return inner;
    }
    fail("expected a number, a name or '(' but found '" + std::string(1, c) + "'");
  }

  // number := digits ('.' digits)? (('e' | 'E') ('+' | '-')? digits)?
  Expr number() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '.'))
      ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      std::size_t p = pos_ + 1;
      if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
      if (p < text_.size() && std::isdigit(static_cast<unsigned char>(text_[p]))) {
        pos_ = p;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      }
    }
    const std::string literal = text_.substr(start, pos_ - start);
    char* end = nullptr;
    const double value = std::strtod(literal.c_str(), &end);
    if (end != literal.c_str() + literal.size() || literal == ".")
      fail_at("malformed number '" + literal + "'", start);
    if (!std::isfinite(value)) fail_at("number '" + literal + "' is too large", start);
    return make_number(value);
  }

  // name := letter (letter | digit | '_')*, then a call, the variable, a parameter or a constant
  Expr name() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_'))
      ++pos_;
    const std::string id = text_.substr(start, pos_ - start);
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '(') {
      const Function* f = find_function(id);
      if (!f) fail_at("unknown function '" + id + "'", start);
      ++pos_;
      Depth guard(*this);
      std::vector<Expr> args{comparison()};
      skip_space();
      while (accept(",")) {
        args.push_back(comparison());
        skip_space();
      }
      expect(")");
      if (f->arity != 0 && args.size() != f->arity)
        fail_at(id + " takes " + std::to_string(f->arity) + " argument" +
                    (f->arity == 1 ? "" : "s") + ", not " + std::to_string(args.size()),
                start);
      if (f->arity == 0 && args.size() % 2 != 0)
        fail_at(id + " takes pairs of condition and value", start);
      return make(f->op, std::move(args));
    }
    if (id == "z") return make_named(Op::Variable, id);
    if (id == "e") return make_named(Op::Constant, id);
    for (const auto& p : parameters_)
      if (id == p) return make_named(Op::Parameter, id);
    if (find_function(id)) fail_at("expected '(' after " + id, pos_);
    fail_at("unknown name '" + id + "'", start);
  }

  struct Depth {
    explicit Depth(Parser& p) : parser(p) {
      if (++parser.depth_ > kMaxDepth)
        parser.fail("expression nested more than " + std::to_string(kMaxDepth) + " levels deep");
    }
    ~Depth() { --parser.depth_; }
    Parser& parser;
  };

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool accept(const char* token) {
    const std::string t(token);
    if (text_.compare(pos_, t.size(), t) != 0) return false;
    pos_ += t.size();
    return true;
  }

  void expect(const char* token) {
    skip_space();
    if (!accept(token)) fail(std::string("expected '") + token + "'");
  }

  [[noreturn]] void fail(const std::string& message) { fail_at(message, pos_); }
  [[noreturn]] void fail_at(const std::string& message, std::size_t pos) {
    throw ParseError(message, pos + 1);
  }

  const std::string& text_;
  const std::vector<std::string>& parameters_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
};

double parameter_value(const std::string& name, const EvalContext& context) {
  for (const auto& [id, value] : context.params)
    if (id == name) return value;
  throw std::invalid_argument("no value for parameter '" + name + "'");
}

// ---- LaTeX printing -------------------------------------------------------------------------

// Binding strength: higher binds tighter.
int precedence(const Expr& e) {
  switch (e->op) {
    case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq: return 0;
    case Op::Add: case Op::Sub: return 1;
    case Op::Mul: case Op::Div: return 2;
    case Op::Neg: return 3;
    case Op::Pow: case Op::Exp: return 4;  // e^{x} takes no further superscript unbracketed
    case Op::Number: return e->number < 0 ? 3 : 5;
    case Op::Variable: case Op::Parameter: case Op::Constant:
    case Op::Log: case Op::Sqrt: case Op::Abs: case Op::Tanh: case Op::Sinh:
    case Op::Cosh: case Op::Sigmoid: case Op::Self: case Op::Max: case Op::Min:
    case Op::Piecewise:
      return 5;
  }
  return 5;
}

std::string format_number(double value) {
  // The shortest decimal that reads back as the same double.
  char buffer[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  std::string s(buffer);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  // 1e-05 -> 1 \times 10^{-5}
  const std::string mantissa = s.substr(0, e);
  const int exponent = std::atoi(s.c_str() + e + 1);
  return (mantissa == "1" ? "" : mantissa + " \\times ") + "10^{" + std::to_string(exponent) + "}";
}

std::string latex(const Expr& e);

// Taller than a line of text: a fraction, a superscript, a root or cases.
bool tall(const Expr& e) {
  switch (e->op) {
    case Op::Div: case Op::Pow: case Op::Exp: case Op::Sqrt: case Op::Piecewise: return true;
    default:
      for (const auto& arg : e->args)
        if (tall(arg)) return true;
      return false;
  }
}

// Parentheses that grow with tall content; plain ones otherwise, which KaTeX spaces better.
std::string paren(const std::string& s, bool grow) {
  return grow ? "\\left(" + s + "\\right)" : "(" + s + ")";
}
std::string paren(const Expr& e) { return paren(latex(e), tall(e)); }

// The operand printed inside parentheses when it binds more loosely than `min_precedence`.
std::string operand(const Expr& e, int min_precedence) {
  const std::string s = latex(e);
  return precedence(e) < min_precedence ? paren(s, tall(e)) : s;
}

std::string call(const char* command, const Expr& arg) {
  return std::string(command) + paren(arg);
}

// The leftmost leaf of a printed product decides whether juxtaposition would be ambiguous.
bool starts_with_digit_or_sign(const Expr& e, int min_precedence) {
  if (precedence(e) < min_precedence) return false;  // will be parenthesised
  switch (e->op) {
    case Op::Number: case Op::Neg: return true;
    case Op::Mul: case Op::Pow: return starts_with_digit_or_sign(e->args[0], min_precedence);
    default: return false;
  }
}

// A negation or negative number: it needs parentheses after a binary operator.
bool is_signed(const Expr& e) {
  return e->op == Op::Neg || (e->op == Op::Number && e->number < 0);
}

// A fraction delimits itself; anything else binding more loosely than `min_precedence`,
// or starting with a sign, is parenthesised.
std::string signed_operand(const Expr& e, int min_precedence) {
  if (e->op == Op::Div) return latex(e);
  return operand(e, min_precedence);
}

std::string product(const Expr& e) {
  const Expr& a = e->args[0];
  const Expr& b = e->args[1];
  const std::string left = operand(a, 2);
  const std::string right = signed_operand(b, 4);
  const bool dot = a->op == Op::Div || b->op == Op::Div || starts_with_digit_or_sign(b, 4);
  return left + (dot ? " \\cdot " : " ") + right;
}

std::string comparison(const Expr& e, const char* symbol) {
  return latex(e->args[0]) + " " + symbol + " " + latex(e->args[1]);
}

// tanh(z)^2 prints as \tanh^{2}(z), as textbooks write it.
bool is_named_function(Op op) {
  return op == Op::Tanh || op == Op::Sinh || op == Op::Cosh;
}

const char* function_command(Op op) {
  switch (op) {
    case Op::Tanh: return "\\tanh";
    case Op::Sinh: return "\\sinh";
    case Op::Cosh: return "\\cosh";
    default: return "";
  }
}

std::string latex(const Expr& e) {
  const auto& a = e->args;
  switch (e->op) {
    case Op::Number: return format_number(e->number);
    case Op::Variable: return e->name;
    case Op::Constant: return e->name;
    case Op::Parameter: return "\\" + e->name;  // Greek parameter names: alpha -> \alpha
    case Op::Neg: return "-" + signed_operand(a[0], 3);
    case Op::Add: return latex(a[0]) + " + " + operand(a[1], is_signed(a[1]) ? 4 : 1);
    case Op::Sub: return latex(a[0]) + " - " + operand(a[1], is_signed(a[1]) ? 4 : 2);
    case Op::Mul: return product(e);
    case Op::Div: return "\\frac{" + latex(a[0]) + "}{" + latex(a[1]) + "}";
    case Op::Pow:
      if (is_named_function(a[0]->op))
        return std::string(function_command(a[0]->op)) + "^{" + latex(a[1]) + "}" +
               paren(a[0]->args[0]);
      return operand(a[0], 5) + "^{" + latex(a[1]) + "}";
    case Op::Exp: return "e^{" + latex(a[0]) + "}";
    case Op::Log: return call("\\ln", a[0]);
    case Op::Sqrt: return "\\sqrt{" + latex(a[0]) + "}";
    case Op::Abs: return "\\left|" + latex(a[0]) + "\\right|";
    case Op::Tanh: case Op::Sinh: case Op::Cosh: return call(function_command(e->op), a[0]);
    case Op::Sigmoid: return call("\\sigma", a[0]);
    case Op::Self: return call("g", a[0]);
    case Op::Max: return "\\max" + paren(latex(a[0]) + ", " + latex(a[1]), tall(e));
    case Op::Min: return "\\min" + paren(latex(a[0]) + ", " + latex(a[1]), tall(e));
    case Op::Less: return comparison(e, "<");
    case Op::LessEq: return comparison(e, "\\le");
    case Op::Greater: return comparison(e, ">");
    case Op::GreaterEq: return comparison(e, "\\ge");
    case Op::Piecewise: {
      std::string s = "\\begin{cases} ";
      for (std::size_t i = 0; i + 1 < a.size(); i += 2) {
        if (i) s += " \\\\ ";
        s += latex(a[i + 1]) + " & \\text{if } " + latex(a[i]);
      }
      return s + " \\end{cases}";
    }
  }
  return "";
}

}  // namespace

Expr parse(const std::string& text, const std::vector<std::string>& parameters) {
  return Parser(text, parameters).parse_all();
}

double evaluate(const Expr& e, double z, const EvalContext& context) {
  const auto& a = e->args;
  const auto arg = [&](std::size_t i) { return evaluate(a[i], z, context); };
  switch (e->op) {
    case Op::Number: return e->number;
    case Op::Variable: return z;
    case Op::Constant: return std::exp(1.0);
    case Op::Parameter: return parameter_value(e->name, context);
    case Op::Neg: return -arg(0);
    case Op::Add: return arg(0) + arg(1);
    case Op::Sub: return arg(0) - arg(1);
    case Op::Mul: return arg(0) * arg(1);
    case Op::Div: return arg(0) / arg(1);
    case Op::Pow:
      // e^x is the exponential, not pow(2.718..., x), so it is as accurate as exp(x).
      return a[0]->op == Op::Constant ? std::exp(arg(1)) : std::pow(arg(0), arg(1));
    case Op::Exp: return std::exp(arg(0));
    case Op::Log: return std::log(arg(0));
    case Op::Sqrt: return std::sqrt(arg(0));
    case Op::Abs: return std::fabs(arg(0));
    case Op::Tanh: return std::tanh(arg(0));
    case Op::Sinh: return std::sinh(arg(0));
    case Op::Cosh: return std::cosh(arg(0));
    case Op::Sigmoid: return sigmoid(arg(0));
    case Op::Self:
      return context.self ? context.self(arg(0)) : std::nan("");
    case Op::Max: {
      const double x = arg(0), y = arg(1);
      return std::isnan(x) || std::isnan(y) ? std::nan("") : std::fmax(x, y);
    }
    case Op::Min: {
      const double x = arg(0), y = arg(1);
      return std::isnan(x) || std::isnan(y) ? std::nan("") : std::fmin(x, y);
    }
    case Op::Less: return arg(0) < arg(1) ? 1.0 : 0.0;
    case Op::LessEq: return arg(0) <= arg(1) ? 1.0 : 0.0;
    case Op::Greater: return arg(0) > arg(1) ? 1.0 : 0.0;
    case Op::GreaterEq: return arg(0) >= arg(1) ? 1.0 : 0.0;
    case Op::Piecewise:
      for (std::size_t i = 0; i + 1 < a.size(); i += 2)
        if (arg(i) != 0) return arg(i + 1);
      return std::nan("");
  }
  return std::nan("");
}

std::string to_latex(const Expr& expr) { return latex(expr); }

}  // namespace actderiv
