// UTF-8 decoding (the WHATWG decoder, replacement included) and which characters to name.
#include "text/unicode.h"

#include <cstdio>

namespace actderiv::unicode {

namespace {

// The WHATWG UTF-8 decoder, handing each code point (or U+FFFD) to `emit` as it is decoded.
template <typename Emit>
void decode(std::string_view bytes, bool surrogates, Emit&& emit) {
  char32_t c = 0;
  int needed = 0, seen = 0;
  unsigned lower = 0x80, upper = 0xBF;
  for (std::size_t i = 0; i < bytes.size();) {
    const unsigned byte = static_cast<unsigned char>(bytes[i]);
    if (needed == 0) {
      ++i;
      if (byte < 0x80) emit(byte);
      else if (byte >= 0xC2 && byte <= 0xDF) needed = 1, c = byte & 0x1F;
      else if (byte >= 0xE0 && byte <= 0xEF) {
        // E0 A0..BF: no overlong forms; ED 80..9F: no surrogates (unless they are wanted).
        if (byte == 0xE0) lower = 0xA0;
        if (byte == 0xED && !surrogates) upper = 0x9F;
        needed = 2, c = byte & 0x0F;
      } else if (byte >= 0xF0 && byte <= 0xF4) {
        // F0 90..BF: no overlong forms; F4 80..8F: nothing past U+10FFFF.
        if (byte == 0xF0) lower = 0x90;
        if (byte == 0xF4) upper = 0x8F;
        needed = 3, c = byte & 0x07;
      } else {
        emit(kReplacement);
      }
      continue;
    }
    if (byte < lower || byte > upper) {
      // The sequence so far is one error; this byte starts afresh (it is not consumed).
      emit(kReplacement);
      needed = seen = 0, lower = 0x80, upper = 0xBF;
      continue;
    }
    ++i;
    lower = 0x80, upper = 0xBF;
    c = (c << 6) | (byte & 0x3F);
    if (++seen == needed) {
      emit(c);
      needed = seen = 0;
    }
  }
  if (needed != 0) emit(kReplacement);
}

}  // namespace

std::vector<char32_t> decode_utf8(std::string_view bytes, bool surrogates) {
  std::vector<char32_t> out;
  out.reserve(bytes.size());
  decode(bytes, surrogates, [&](char32_t c) { out.push_back(c); });
  return out;
}

std::string well_formed_utf8(std::string_view bytes) {
  bool valid = true;
  std::size_t length = 0;  // of the UTF-8 that the decoded code points take
  decode(bytes, false, [&](char32_t c) {
    valid = valid && c != kReplacement;
    length += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  });
  // Without a replacement, the decoder consumed every byte into exactly the code points they encode.
  if (valid && length == bytes.size()) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 8);
  decode(bytes, false, [&](char32_t c) { append_utf8(out, c); });
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool invisible(char32_t c) {
  // Unicode's Cc, Cf, Cs, Co, Zl and Zp (as JavaScript's \p{...} knew them in 2026), the blank
  // spaces and fillers, variation selectors and joiners that show as nothing, and tags.
  return c <= 0x1F || (c >= 0x7F && c <= 0xA0) || c == 0xAD || c == 0x34F || (c >= 0x600 && c <= 0x605) ||
         c == 0x61C || c == 0x6DD || c == 0x70F || c == 0x890 || c == 0x891 || c == 0x8E2 || c == 0x115F ||
         c == 0x1160 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F) ||
         (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) ||
         c == 0x3000 || c == 0x3164 || (c >= 0xD800 && c <= 0xF8FF) || (c >= 0xFE00 && c <= 0xFE0F) ||
         c == 0xFEFF || c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFFB) || c == 0x110BD || c == 0x110CD ||
         (c >= 0x13430 && c <= 0x1343F) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A) ||
         (c >= 0xE0000 && c <= 0xE0FFF) || (c >= 0xF0000 && c <= 0xFFFFD) || (c >= 0x100000 && c <= 0x10FFFD);
}

std::string unicode_name(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

std::string visible_character(char32_t c) {
  if (invisible(c)) return "\xE2\x9F\xA8" + unicode_name(c) + "\xE2\x9F\xA9";  // ⟨U+202E⟩
  std::string out;
  append_utf8(out, c);
  return out;
}

bool js_space(char32_t c) {
  return (c >= 0x9 && c <= 0xD) || c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

}  // namespace actderiv::unicode
