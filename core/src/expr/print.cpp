// Printers: LaTeX for the page, plain text that parse() reads back.
#include <cstdio>
#include <cstdlib>

#include "actderiv/expr/expr.h"
#include "actderiv/expr/functions.h"

namespace actderiv {

namespace {

// Binding strength: higher binds tighter.
int precedence(const Expr& e) {
  switch (e->op) {
    case Op::Less: case Op::LessEq: case Op::Greater: case Op::GreaterEq: return 0;
    case Op::Add: case Op::Sub: return 1;
    case Op::Mul: case Op::Div: return 2;
    case Op::Neg: return 3;
    case Op::Pow: return 4;
    // e^{x} takes no further superscript unbracketed
    case Op::Call: return e->function->latex_form == LatexForm::Exponential ? 4 : 5;
    case Op::Number: return e->number < 0 ? 3 : 5;
    case Op::Variable: case Op::Parameter: case Op::Constant: case Op::Self: case Op::Piecewise:
      return 5;
    // \sum_k u extends to the right: bracketed as a power's base or before another factor.
    case Op::IndexSum: return 2;
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
    case Op::Div: case Op::Pow: case Op::Piecewise: return true;
    case Op::Call:
      if (e->function->latex_form == LatexForm::Exponential || e->function->latex_form == LatexForm::Root)
        return true;
      [[fallthrough]];
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

// The arguments, comma-separated, in parentheses that grow when any of them is tall.
std::string arguments(const Expr& e) {
  std::string s;
  for (std::size_t i = 0; i < e->args.size(); ++i) s += (i ? ", " : "") + latex(e->args[i]);
  return paren(s, tall(e));
}

std::string call_latex(const Expr& e) {
  const Function& f = *e->function;
  switch (f.latex_form) {
    case LatexForm::Exponential: return "e^{" + latex(e->args[0]) + "}";
    case LatexForm::Root: return "\\sqrt{" + latex(e->args[0]) + "}";
    case LatexForm::Bars: return "\\left|" + latex(e->args[0]) + "\\right|";
    case LatexForm::Operator: case LatexForm::Named: return std::string(f.latex) + arguments(e);
  }
  return "";
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

// The product's or quotient's leftmost operand is a sign or a negative number.
bool leads_with_sign(const Expr& e) {
  const Node* leftmost = e.get();
  while (leftmost->op == Op::Mul || leftmost->op == Op::Div) leftmost = leftmost->args[0].get();
  return leftmost->op == Op::Neg || (leftmost->op == Op::Number && leftmost->number < 0);
}

std::string product(const Expr& e) {
  const Expr& a = e->args[0];
  const Expr& b = e->args[1];
  const std::string left = a->op == Op::IndexSum ? paren(latex(a), true) : operand(a, 2);
  const std::string right = b->op == Op::IndexSum ? latex(b) : signed_operand(b, 4);
  const bool dot = a->op == Op::Div || b->op == Op::Div || starts_with_digit_or_sign(b, 4);
  return left + (dot ? " \\cdot " : " ") + right;
}

std::string comparison(const Expr& e, const char* symbol) {
  return latex(e->args[0]) + " " + symbol + " " + latex(e->args[1]);
}

// A leaf's name: a Greek parameter is its letter (alpha -> \alpha), a Latin name itself (the target
// y); an index after an underscore is a subscript (z_i -> z_{i}, delta_ij -> \delta_{ij}).
std::string subscripted(const std::string& name, bool parameter) {
  const auto underscore = name.find('_');
  const std::string head = name.substr(0, underscore);
  const std::string letter = parameter && head.size() > 1 ? "\\" + head : head;
  return underscore == std::string::npos ? letter : letter + "_{" + name.substr(underscore + 1) + "}";
}

// tanh(z)^2 prints as \tanh^{2}(z), as textbooks write it.
bool is_named_function(const Expr& e) {
  return e->op == Op::Call && e->function->latex_form == LatexForm::Named;
}

std::string latex(const Expr& e) {
  const auto& a = e->args;
  switch (e->op) {
    case Op::Number: return format_number(e->number);
    case Op::Variable: return subscripted(e->name, false);
    case Op::Constant: return e->name == "pi" ? "\\pi" : e->name;
    case Op::Parameter: return subscripted(e->name, true);
    // -(2 z) and -(u/v) read the same without their parentheses: -2 z, -u/v; -\sum_k u as written.
    case Op::Neg:
      if (a[0]->op == Op::IndexSum) return "-" + latex(a[0]);
      return "-" + (a[0]->op == Op::Mul && !leads_with_sign(a[0]) ? product(a[0]) : signed_operand(a[0], 3));
    case Op::Add: return latex(a[0]) + " + " + operand(a[1], is_signed(a[1]) ? 4 : 1);
    case Op::Sub: return latex(a[0]) + " - " + operand(a[1], is_signed(a[1]) ? 4 : 2);
    case Op::Mul: return product(e);
    case Op::Div: return "\\frac{" + latex(a[0]) + "}{" + latex(a[1]) + "}";
    case Op::Pow:
      if (is_named_function(a[0])) return std::string(a[0]->function->latex) + "^{" + latex(a[1]) + "}" + arguments(a[0]);
      return operand(a[0], 5) + "^{" + latex(a[1]) + "}";
    case Op::Call: return call_latex(e);
    case Op::Self: return "g" + paren(a[0]);
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
    case Op::IndexSum: return "\\sum_{" + e->name + "} " + operand(a[0], 2);
  }
  return "";
}


// ---- plain text ----------------------------------------------------------------------------

std::string text(const Expr& e);

std::string text_operand(const Expr& e, int min_precedence) {
  const std::string s = text(e);
  return precedence(e) < min_precedence ? "(" + s + ")" : s;
}

std::string text_number(double value) {
  char buffer[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

std::string text(const Expr& e) {
  const auto& a = e->args;
  switch (e->op) {
    case Op::Number: return text_number(e->number);
    case Op::Variable: case Op::Parameter: case Op::Constant: return e->name;
    case Op::Neg: return "-" + (a[0]->op == Op::Neg ? text(a[0]) : text_operand(a[0], 4));
    case Op::Add: return text(a[0]) + " + " + text_operand(a[1], is_signed(a[1]) ? 4 : 2);
    case Op::Sub: return text(a[0]) + " - " + text_operand(a[1], is_signed(a[1]) ? 4 : 2);
    case Op::Mul: return text_operand(a[0], 2) + "*" + text_operand(a[1], 4);
    case Op::Div: return text_operand(a[0], 2) + "/" + text_operand(a[1], 4);
    case Op::Pow: return text_operand(a[0], 5) + "^" + text_operand(a[1], 5);
    case Op::Less: return text(a[0]) + " < " + text(a[1]);
    case Op::LessEq: return text(a[0]) + " <= " + text(a[1]);
    case Op::Greater: return text(a[0]) + " > " + text(a[1]);
    case Op::GreaterEq: return text(a[0]) + " >= " + text(a[1]);
    case Op::Call: case Op::Self: case Op::Piecewise: {
      const std::string name = e->op == Op::Call ? e->function->name : e->op == Op::Self ? "g" : "piecewise";
      std::string s = name + "(";
      for (std::size_t i = 0; i < a.size(); ++i) s += (i ? ", " : "") + text(a[i]);
      return s + ")";
    }
    case Op::IndexSum: return "sum_" + e->name + "(" + text(a[0]) + ")";
  }
  return "";
}

}  // namespace

std::string to_latex(const Expr& expr) { return latex(expr); }

std::string to_text(const Expr& expr) { return text(expr); }

}  // namespace actderiv
