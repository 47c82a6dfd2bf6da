// How many terminal columns a UTF-8 string takes: East Asian wide characters (Hangul, CJK,
// fullwidth forms, most emoji) take 2, combining marks 0. A table of its own rather than
// wcwidth(3), so that alignment does not depend on the locale the user happens to run in.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace hexctl {

int codepoint_width(char32_t cp);
std::size_t display_width(std::string_view utf8);
// s followed by spaces up to width columns (s unchanged when already as wide).
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);

}  // namespace hexctl
