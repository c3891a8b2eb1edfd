// The program's version, as `abcgrade --version` prints it.
#pragma once

namespace abcgrade {

inline constexpr const char* kVersion = "0.1.0";

}  // namespace abcgrade
