// The content files as the build embedded them: the table core/embed-content.cmake generates.
#pragma once

#include <cstddef>

namespace actderiv {

// One file of content/, as its bytes.
struct EmbeddedFile {
  const char* locale;  // its folder under content/, e.g. "en"
  const char* path;    // its path under that folder, e.g. "activations/sigmoid.md"
  const char* text;
};

// Every file of every locale, sorted by locale and path.
extern const EmbeddedFile kEmbeddedContent[];
extern const std::size_t kEmbeddedContentCount;

// The locale the build chose (ACTDERIV_LOCALE).
extern const char kContentLocale[];

}  // namespace actderiv
