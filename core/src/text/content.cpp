// The content files' reader: one home for the format content/README.md describes.
#include "actderiv/text/content.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>

#include "text/embedded_content.h"

namespace actderiv {

namespace {

[[noreturn]] void fail(const std::string& name, int line, const std::string& message) {
  throw ContentError(name + ":" + std::to_string(line) + ": " + message);
}

// Views, not copies: the core reads every file when it starts (activations() runs as the page opens).
using View = std::string_view;

bool starts_with(View text, View prefix) { return text.substr(0, prefix.size()) == prefix; }

bool blank(View line) { return line.find_first_not_of(" \t") == View::npos; }

View trim(View text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == View::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The lines of `text`, each without its line ending (\n or \r\n) and trailing blanks.
std::vector<View> lines_of(View text) {
  std::vector<View> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == View::npos) end = text.size();
    View line = text.substr(start, end - start);
    const auto last = line.find_last_not_of(" \t\r");
    lines.push_back(line.substr(0, last == View::npos ? 0 : last + 1));
    start = end + 1;
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The slot whose "{{" is at text[at]; `end` is set past its "}}". Throws ContentError saying what
// is wrong with it.
Slot read_slot(View text, std::size_t at, std::size_t& end) {
  const std::string shown(text.substr(at, 40));
  const auto bad = [&](const std::string& why) -> Slot {
    throw ContentError("'" + shown + "': " + why +
                       " (a slot is {{name}} or {{name:digits}}; TeX can write '{ {' for two braces)");
  };
  std::size_t i = at + 2;
  Slot slot{"", 0};
  const bool letter = i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'));
  if (!letter) bad("a slot's name starts with a letter");
  while (i < text.size() && (name_char(text[i]) || text[i] == '.')) {
    if (text[i] == '.' && (!name_char(text[i - 1]) || i + 1 >= text.size() || !name_char(text[i + 1])))
      bad("the parts of a slot's name are joined by single dots");
    slot.name += text[i++];
  }
  if (i < text.size() && text[i] == ':') {
    const std::size_t from = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - from < 3) ++i;
    const int digits = i > from ? std::atoi(std::string(text.substr(from, i - from)).c_str()) : 0;
    if (digits < 1 || digits > 17) bad("the digits after ':' are a count from 1 to 17");
    slot.digits = digits;
  }
  if (text.compare(i, 2, "}}") != 0) bad("a slot ends with '}}' right after its name or digits");
  end = i + 2;
  return slot;
}

// Whether `line`, outside its $...$ math, has a '*' (Markdown emphasis).
bool emphasis_outside_math(View line) {
  bool math = false;
  for (char c : line) {
    if (c == '$') math = !math;
    else if (c == '*' && !math) return true;
  }
  return false;
}

// A section as it is read, before its checks.
struct Lines {
  std::string key;
  int heading;
  std::vector<std::pair<int, View>> lines;  // line number, text
};

// Checks the section read into `s` and returns it: not empty, $ paired in every paragraph, slots
// well-formed.
ContentSection close_section(const std::string& name, Lines& s) {
  auto& lines = s.lines;
  while (!lines.empty() && blank(lines.back().second)) lines.pop_back();
  std::size_t first = 0;
  while (first < lines.size() && blank(lines[first].second)) ++first;
  if (first == lines.size()) fail(name, s.heading, "the section '" + s.key + "' has no text");
  std::string text;
  const View last = lines.back().second;
  text.reserve(static_cast<std::size_t>(last.data() + last.size() - lines[first].second.data()));
  int dollars = 0, paragraph = lines[first].first;
  for (std::size_t i = first; i < lines.size(); ++i) {
    const auto& [number, line] = lines[i];
    if (blank(line)) {
      if (dollars % 2) fail(name, paragraph, "an odd number of '$' in this paragraph: inline math is $...$");
      dollars = 0;
      paragraph = i + 1 < lines.size() ? lines[i + 1].first : number;
    }
    if (line.find("$$") != View::npos) fail(name, number, "'$$': prose has inline math only, $...$");
    dollars += static_cast<int>(std::count(line.begin(), line.end(), '$'));
    for (std::size_t at = line.find("{{"); at != View::npos; at = line.find("{{", at)) {
      try {
        read_slot(line, at, at);
      } catch (const ContentError& e) {
        fail(name, number, e.what());
      }
    }
    if (i > first) text += '\n';
    text += line;
  }
  if (dollars % 2) fail(name, paragraph, "an odd number of '$' in this paragraph: inline math is $...$");
  return {s.key, text, s.heading};
}

// The embedded file `i`, parsed the first time it is asked for: only the files of the locale served
// are read when the core starts. The lock keeps the cache sound if a native program reads from threads.
const ContentFile& parsed(std::size_t i) {
  static std::mutex lock;
  static std::vector<std::unique_ptr<ContentFile>> files(kEmbeddedContentCount);
  const std::lock_guard<std::mutex> held(lock);
  if (!files[i]) {
    const EmbeddedFile& f = kEmbeddedContent[i];
    files[i] = std::make_unique<ContentFile>(parse_content(std::string(f.locale) + "/" + f.path, f.text));
  }
  return *files[i];
}

}  // namespace

const ContentSection* ContentFile::find(const std::string& key) const {
  for (const auto& s : sections)
    if (s.key == key) return &s;
  return nullptr;
}

ContentFile parse_content(const std::string& name, const std::string& text) {
  std::vector<View> lines = lines_of(text);
  // A byte order mark some editors write is not part of the title.
  if (!lines.empty() && starts_with(lines[0], "\xEF\xBB\xBF")) lines[0].remove_prefix(3);
  ContentFile file{name, "", {}};
  std::size_t i = 0;
  while (i < lines.size() && blank(lines[i])) ++i;
  if (i == lines.size() || !starts_with(lines[i], "# ") || trim(lines[i].substr(2)).empty())
    fail(name, static_cast<int>(i + 1), "a content file starts with its title: '# Title'");
  file.title = std::string(trim(lines[i].substr(2)));
  Lines current{"", 0, {}};
  bool open = false;
  for (++i; i < lines.size(); ++i) {
    const int number = static_cast<int>(i + 1);
    const View line = lines[i];
    if (!line.empty() && line[0] == '#') {
      if (line == "##") fail(name, number, "a section heading needs a key: '## key'");
      if (!starts_with(line, "## ") || starts_with(line, "###"))
        fail(name, number, "a line may start with '#' only as a section heading, '## key'");
      const std::string key(trim(line.substr(3)));
      if (open) file.sections.push_back(close_section(name, current));
      if (const ContentSection* earlier = file.find(key))
        fail(name, number, "the section '" + key + "' appears twice (first at line " + std::to_string(earlier->line) + ")");
      current = Lines{key, number, {}};
      open = true;
    } else if (open) {
      current.lines.emplace_back(number, line);
    } else if (!blank(line)) {
      fail(name, number, "text before the first section: sections start with '## key'");
    }
  }
  if (!open) fail(name, static_cast<int>(lines.size()), "the file has no sections ('## key')");
  file.sections.push_back(close_section(name, current));
  return file;
}

const std::string& content_locale() {
  static const std::string locale = kContentLocale;
  return locale;
}

std::vector<std::string> content_locales() {
  std::set<std::string> locales;
  for (std::size_t i = 0; i < kEmbeddedContentCount; ++i) locales.insert(kEmbeddedContent[i].locale);
  return {locales.begin(), locales.end()};
}

std::vector<std::string> content_paths(const std::string& locale) {
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < kEmbeddedContentCount; ++i)
    if (locale == kEmbeddedContent[i].locale) paths.push_back(kEmbeddedContent[i].path);
  std::sort(paths.begin(), paths.end());
  return paths;
}

const ContentFile& content_file(const std::string& path, const std::string& locale) {
  for (std::size_t i = 0; i < kEmbeddedContentCount; ++i)
    if (locale == kEmbeddedContent[i].locale && path == kEmbeddedContent[i].path) return parsed(i);
  const std::string name = locale + "/" + path;
  throw ContentError("no content file " + name + " (content/" + name + ") in this build");
}

std::vector<Slot> slots_in(const std::string& text) {
  std::vector<Slot> slots;
  for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at))
    slots.push_back(read_slot(text, at, at));
  return slots;
}

std::string fill_slots(const std::string& text, const SlotFill& fill) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", from)) {
    out.append(text, from, at - from);
    out += fill(read_slot(text, at, from));
  }
  return out + text.substr(from);
}

std::string section_prose(const ContentFile& file, const std::string& key, const SlotFill& fill,
                          ProseForm form) {
  const ContentSection* section = file.find(key);
  if (!section) throw ContentError(file.name + ": no section '## " + key + "'");
  const auto at = [&](const std::string& message) { fail(file.name, section->line, "'" + key + "': " + message); };
  std::string text = section->text;
  if (form == ProseForm::Line) {
    text.clear();
    for (const View line : lines_of(section->text)) {
      const View words = trim(line);
      if (words.empty()) at("shown as one paragraph, so it has no blank line");
      if (starts_with(words, "- ") || starts_with(words, "[["))
        at("shown as one paragraph of text, so it has no list item or page element");
      if (emphasis_outside_math(words)) at("shown as it is written, so it has no '*' emphasis outside $...$");
      if (!text.empty()) text += ' ';
      text += words;
    }
  }
  try {
    return fill_slots(text, fill);
  } catch (const ContentError& e) {
    at(e.what());
  }
  return text;  // not reached: at() throws
}

std::string format_significant(double value, int digits) {
  if (!std::isfinite(value)) throw std::invalid_argument("format_significant: the value is not finite");
  if (digits < 1 || digits > 17) throw std::invalid_argument("format_significant: digits must be 1 to 17");
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.*e", digits - 1, std::fabs(value));
  const std::string scientific = buffer;  // "d.ddde+XX"
  const std::size_t e = scientific.find('e');
  std::string mantissa = scientific.substr(0, e);
  const int exponent = std::atoi(scientific.c_str() + e + 1);
  std::string d = mantissa;
  d.erase(std::remove(d.begin(), d.end(), '.'), d.end());
  const bool negative = value < 0 && d.find_first_not_of('0') != std::string::npos;
  std::string out;
  if (exponent >= 6 || exponent < -4) {
    out = mantissa + " \\times 10^{" + std::to_string(exponent) + "}";
  } else if (exponent >= 0) {
    const std::size_t whole = static_cast<std::size_t>(exponent) + 1;
    if (d.size() <= whole) out = d + std::string(whole - d.size(), '0');
    else out = d.substr(0, whole) + "." + d.substr(whole);
  } else {
    out = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + d;
  }
  return negative ? "-" + out : out;
}

}  // namespace actderiv
