// The expression parser: recursive descent, one function per grammar rule.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "actderiv/expr/expr.h"
#include "actderiv/expr/functions.h"
#include "text/unicode.h"

namespace actderiv {

ParseError::ParseError(const std::string& message, std::size_t column)
    : std::runtime_error(message + " at column " + std::to_string(column)), column_(column) {}

namespace {

// What a name followed by '(' calls: a function of the table, or one of the two constructs the
// grammar itself knows: g(x), the walkthrough's own function, and piecewise.
struct Callee {
  const Function* function;  // null for g and piecewise
  Op op;                     // Call, Self or Piecewise
  std::size_t arity;         // 0: any even count >= 2 (piecewise)
};

bool find_callee(const std::string& name, Callee& callee) {
  if (name == "g") callee = {nullptr, Op::Self, 1};
  else if (name == "piecewise") callee = {nullptr, Op::Piecewise, 0};
  else if (const Function* f = find_function(name)) callee = {f, Op::Call, f->arity};
  else return false;
  return true;
}

// Edit distance counting an adjacent transposition as one edit (alpah -> alpha).
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// ": did you mean tanh?" for the closest candidate within two edits, or "".
std::string suggestion(const std::string& name, const std::vector<std::string>& candidates) {
  if (name.size() > 40) return "";
  std::string best;
  // Within one edit for short names, a third of the length for longer ones.
  std::size_t best_distance = std::max<std::size_t>(1, name.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(name, c);
    if (d < best_distance) best = c, best_distance = d;
  }
  return best.empty() ? "" : ": did you mean " + best + "?";
}

// The input as ASCII, with each byte's 1-based character column in the original UTF-8 text.
struct Source {
  std::string text;
  std::vector<std::size_t> column;  // one per byte of text, plus one past the end
};

// The code point of the UTF-8 sequence `s` (2 to 4 bytes, not checked further: only for messages).
char32_t code_point(const std::string& s) {
  const auto byte = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(s[i])); };
  char32_t c = byte(0) & (s.size() == 2 ? 0x1F : s.size() == 3 ? 0x0F : 0x07);
  for (std::size_t i = 1; i < s.size(); ++i) c = (c << 6) | (byte(i) & 0x3F);
  return c;
}

// Which characters are named rather than shown, and how: shared with the address readers.
using unicode::invisible;
using unicode::unicode_name;

// The message for a character the grammar has no use for: the character and its code point, which
// tells a look-alike (Cyrillic 'а', U+0430) from the letter it imitates; an invisible one by code
// point alone.
std::string unexpected_character(const std::string& sequence) {
  const char32_t c = code_point(sequence);
  if (invisible(c)) return "unexpected invisible character " + unicode_name(c);
  return "unexpected character '" + sequence + "' (" + unicode_name(c) + ")";
}

Source normalise(const std::string& input) {
  Source s;
  std::size_t character = 0;
  for (std::size_t i = 0; i < input.size();) {
    const auto byte = static_cast<unsigned char>(input[i]);
    ++character;
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : 4;
    length = std::min(length, input.size() - i);
    const std::string sequence = input.substr(i, length);
    char ascii;
    if (length == 1) ascii = input[i];
    else if (sequence == "\xE2\x88\x92") ascii = '-';   // U+2212 minus sign
    else if (sequence == "\xC3\x97") ascii = '*';       // U+00D7 multiplication sign
    else if (sequence == "\xC2\xB7") ascii = '*';       // U+00B7 middle dot
    else if (sequence == "\xE2\x8B\x85") ascii = '*';   // U+22C5 dot operator
    else throw ParseError(unexpected_character(sequence), character);
    if (length == 1 && (byte < 0x20 || byte == 0x7F) && !std::isspace(byte))
      throw ParseError("unexpected control character " + unicode_name(byte), character);
    s.text += ascii;
    s.column.push_back(character);
    i += length;
  }
  s.column.push_back(character + 1);
  return s;
}

// 'text' in quotes for a message; a long one cut to its start, with its length, so that a message
// about a 500-letter name stays one line.
std::string quoted(const std::string& text) {
  constexpr std::size_t kShown = 30;
  if (text.size() <= kShown) return "'" + text + "'";
  return "'" + text.substr(0, kShown) + "\xE2\x80\xA6' (" + std::to_string(text.size()) + " characters)";
}

class Parser {
 public:
  Parser(const Source& source, const std::vector<std::string>& parameters)
      : text_(source.text), columns_(source.column), parameters_(parameters) {}

  Expr parse_all() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected an expression");
    Expr e = sum();
    skip_space();
    if (pos_ < text_.size()) {
      if (text_[pos_] == '<' || text_[pos_] == '>')
        fail("a comparison such as z > 0 is only allowed as a piecewise condition");
      if (text_[pos_] == ')') fail("unexpected ')' with no matching '('");
      fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    }
    return e;
  }

 private:
  // comparison := sum ('<' | '<=' | '>' | '>=') sum        (a piecewise condition)
  Expr comparison() {
    Expr left = sum();
    skip_space();
    Op op;
    if (accept("<=")) op = Op::LessEq;
    else if (accept(">=")) op = Op::GreaterEq;
    else if (accept("<")) op = Op::Less;
    else if (accept(">")) op = Op::Greater;
    else fail("expected a comparison such as z > 0");
    return node(op, {left, sum()});
  }

  // sum := term (('+' | '-') term)*
  Expr sum() {
    Expr left = term();
    for (;;) {
      skip_space();
      if (accept("+")) left = node(Op::Add, {left, term()});
      else if (accept("-")) left = node(Op::Sub, {left, term()});
      else return left;
    }
  }

  // term := unary (('*' | '/') unary | implicit)*
  // implicit := power starting with a letter or '(' (2z, 2(z+1), z e^z; not "z 2")
  Expr term() {
    Expr left = unary();
    for (;;) {
      skip_space();
      if (accept("*")) left = node(Op::Mul, {left, unary()});
      else if (accept("/")) left = node(Op::Div, {left, unary()});
      else if (starts_primary()) left = node(Op::Mul, {left, power()});
      else return left;
    }
  }

  // unary := '-' unary | '+' unary | power
  Expr unary() {
    skip_space();
    if (accept("-")) {
      Depth guard(*this, pos_ - 1);
      return node(Op::Neg, {unary()});
    }
    if (accept("+")) {
      Depth guard(*this, pos_ - 1);
      return unary();
    }
    return power();
  }

  // power := primary ('^' unary)?
  Expr power() {
    Expr base = primary();
    skip_space();
    if (accept("^")) {
      Depth guard(*this, pos_ - 1);
      skip_space();
      if (pos_ >= text_.size()) fail("expected an exponent after '^'");
      return node(Op::Pow, {base, unary()});
    }
    return base;
  }

  // primary := number | name | name '(' arguments ')' | '(' sum ')'
  Expr primary() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a number, a name or '(' but the input ended");
    const char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (std::isalpha(static_cast<unsigned char>(c))) return name();
    if (accept("(")) {
      const std::size_t open = pos_ - 1;
      Depth guard(*this, open);
      skip_space();
      if (accept(")")) fail_at("empty parentheses", open);
      Expr inner = sum();
      skip_space();
      if (!accept(")")) fail("expected ')'");
      return inner;
    }
    if (c == ')') fail("expected a number, a name or '(' before ')'");
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
      fail_at("malformed number " + quoted(literal), start);
    if (!std::isfinite(value)) fail_at("number " + quoted(literal) + " is too large", start);
    return num(value);
  }

  // name := letter (letter | digit | '_')*, then a call, the variable, a parameter or a constant
  Expr name() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_'))
      ++pos_;
    const std::string id = text_.substr(start, pos_ - start);
    skip_space();
    const bool known_value = id == "z" || id == "x" || id == "e" || id == "pi" ||
                             std::find(parameters_.begin(), parameters_.end(), id) != parameters_.end();
    if (pos_ < text_.size() && text_[pos_] == '(' && !known_value) {  // z(1-z) is a product
      Callee f;
      if (!find_callee(id, f)) fail_at("unknown function " + quoted(id) + suggestion(id, function_spellings()), start);
      Depth guard(*this, pos_);
      ++pos_;
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ')') fail(id + " needs an argument");
      // piecewise alternates conditions and values; every other call takes plain arguments.
      const bool piecewise = f.op == Op::Piecewise;
      std::vector<Expr> args{piecewise ? comparison() : sum()};
      skip_space();
      while (accept(",")) {
        args.push_back(piecewise && args.size() % 2 == 0 ? comparison() : sum());
        skip_space();
      }
      if (!accept(")"))
        fail(pos_ < text_.size() ? "expected ',' or ')' in the arguments of " + id
                                 : "expected ')' to close " + id + "(");
      if (f.arity != 0 && args.size() != f.arity)
        fail_at(id + " takes " + std::to_string(f.arity) + " argument" +
                    (f.arity == 1 ? "" : "s") + ", not " + std::to_string(args.size()),
                start);
      if (f.arity == 0 && args.size() % 2 != 0)
        fail_at(id + " takes pairs of condition and value", start);
      return f.function ? call(*f.function, std::move(args)) : make(f.op, std::move(args));
    }
    if (id == "z" || id == "x") return var();
    if (id == "e" || id == "pi") return constant(id);
    for (const auto& p : parameters_)
      if (id == p) return parameter(id);
    if (Callee f; find_callee(id, f)) fail_at("expected '(' after " + id, pos_);
    std::vector<std::string> names = parameters_;
    names.insert(names.end(), {"z", "x", "e", "pi"});
    names.insert(names.end(), function_spellings().begin(), function_spellings().end());
    fail_at("unknown name " + quoted(id) + suggestion(id, names), start);
  }

  bool starts_primary() const {
    if (pos_ >= text_.size()) return false;
    const auto c = static_cast<unsigned char>(text_[pos_]);
    return std::isalpha(c) || c == '(';
  }

  struct Depth {
    // `at`: the position of the token that opens the level, which an error points at.
    Depth(Parser& p, std::size_t at) : parser(p) {
      if (++parser.depth_ > kMaxNesting)
        parser.fail_at("expression nested more than " + std::to_string(kMaxNesting) + " levels deep", at);
    }
    ~Depth() { --parser.depth_; }
    Parser& parser;
  };

  static Expr node(Op op, std::vector<Expr> args) { return make(op, std::move(args)); }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool accept(const char* token) {
    const std::string t(token);
    if (text_.compare(pos_, t.size(), t) != 0) return false;
    pos_ += t.size();
    return true;
  }

  [[noreturn]] void fail(const std::string& message) { fail_at(message, pos_); }
  [[noreturn]] void fail_at(const std::string& message, std::size_t pos) {
    throw ParseError(message, columns_[std::min(pos, columns_.size() - 1)]);
  }

  const std::string& text_;
  const std::vector<std::size_t>& columns_;
  const std::vector<std::string>& parameters_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
};

}  // namespace

Expr parse(const std::string& text, const std::vector<std::string>& parameters) {
  std::size_t characters = 0;
  for (unsigned char c : text) characters += (c & 0xC0) != 0x80;
  if (characters > kMaxInputLength)
    throw ParseError("the expression is longer than " + std::to_string(kMaxInputLength) +
                         " characters",
                     kMaxInputLength + 1);
  const Source source = normalise(text);
  return Parser(source, parameters).parse_all();
}

}  // namespace actderiv
