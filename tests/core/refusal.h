// What a call refuses: the message of the std::invalid_argument it throws, for tests that check
// the core's sentences.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace actderiv_test {

// The message `call` throws as std::invalid_argument, or "(no error)" when it returns.
inline std::string refusal(const std::function<void()>& call) {
  try {
    call();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace actderiv_test
