// Text helpers shared by the expression parser and the address readers (internal to the core):
// UTF-8 decoding as browsers do it, and naming the characters a message must not show as themselves.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace actderiv::unicode {

constexpr char32_t kReplacement = 0xFFFD;

// The code points of `bytes` by the WHATWG UTF-8 decoder: each invalid or truncated sequence (an
// overlong form, a surrogate, past U+10FFFF) becomes one U+FFFD per maximal subpart, as
// TextDecoder and URLSearchParams do. With `surrogates`, the three-byte forms of U+D800..U+DFFF are
// read as those code points instead (WTF-8: how a JavaScript string with a broken pair arrives).
std::vector<char32_t> decode_utf8(std::string_view bytes, bool surrogates = false);

// Appends `c` to `out` in UTF-8 (a surrogate in its three-byte form).
void append_utf8(std::string& out, char32_t c);

// `bytes` decoded as decode_utf8 does and written back as UTF-8: well-formed, each invalid sequence
// replaced by U+FFFD (the bytes themselves, without a copy through code points, when already valid).
std::string well_formed_utf8(std::string_view bytes);

// Characters that show as nothing (or as a space), or that reorder the text around them: quoting one
// would make a message misleading (U+202E reverses what follows it). Controls, format characters,
// surrogates, private use, line and paragraph separators, and the blank or joining look-alikes.
bool invisible(char32_t c);

// "U+202E": how Unicode names a code point.
std::string unicode_name(char32_t c);

// `c` as a message may show it: itself, or "⟨U+202E⟩" for an invisible one.
std::string visible_character(char32_t c);

// Whether String.prototype.trim removes `c` (JavaScript's WhiteSpace and LineTerminator).
bool js_space(char32_t c);

// How many UTF-16 code units `c` takes: JavaScript's string length counts these.
inline std::size_t utf16_length(char32_t c) { return c >= 0x10000 ? 2 : 1; }

}  // namespace actderiv::unicode
