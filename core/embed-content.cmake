# Writes the C++ source that embeds content/ in the core (text/embedded_content.h declares its table),
# run by core/CMakeLists.txt at build time as
#   cmake -DCONTENT_DIR=<content/> -DLOCALE=<locale served> -DOUTPUT=<file.cpp> -P embed-content.cmake
# Every <locale>/**/*.md file is embedded as bytes, each in a raw string literal; content/README.md,
# the format's documentation, is not content.
foreach(variable CONTENT_DIR LOCALE OUTPUT)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "embed-content.cmake: -D${variable}= is required")
  endif()
endforeach()

file(GLOB_RECURSE files RELATIVE ${CONTENT_DIR} ${CONTENT_DIR}/*.md)
list(FILTER files EXCLUDE REGEX "^[^/]*$")
list(SORT files)
if(NOT EXISTS ${CONTENT_DIR}/${LOCALE})
  message(FATAL_ERROR "content/${LOCALE}/ does not exist: ACTDERIV_LOCALE names a folder of content/")
endif()

set(DELIMITER "actderiv_content")
set(entries "")
foreach(file IN LISTS files)
  string(REGEX MATCH "^[^/]+" locale ${file})
  string(LENGTH "${locale}/" skip)
  string(SUBSTRING ${file} ${skip} -1 path)
  file(READ ${CONTENT_DIR}/${file} text)
  string(FIND "${text}" ")${DELIMITER}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "content/${file} contains the text ')${DELIMITER}\"', which ends the literal it is embedded in")
  endif()
  string(APPEND entries "    {\"${locale}\", \"${path}\", R\"${DELIMITER}(${text})${DELIMITER}\"},\n")
endforeach()
list(LENGTH files count)

set(source "// Generated from content/ by core/embed-content.cmake when the core is built: edit the files there.
#include \"text/embedded_content.h\"

namespace actderiv {

const EmbeddedFile kEmbeddedContent[] = {
${entries}};
const std::size_t kEmbeddedContentCount = ${count};
const char kContentLocale[] = \"${LOCALE}\";

}  // namespace actderiv
")
file(WRITE ${OUTPUT} "${source}")
