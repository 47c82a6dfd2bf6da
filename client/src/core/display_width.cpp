#include "core/display_width.hpp"

#include <algorithm>
#include <iterator>

namespace hexctl {

namespace {

struct Range {
  char32_t first, last;
};

// Unicode East Asian Width W and F (abridged to the blocks that occur in names).
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

// Combining marks, Hangul medial vowels and final consonants (conjoining jamo), zero-width
// spaces and joiners, variation selectors.
constexpr Range kZero[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x1160, 0x11FF}, {0x200B, 0x200F}, {0x202A, 0x202E},
    {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xD7B0, 0xD7FF}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF},
};

template <std::size_t N>
bool in(const Range (&table)[N], char32_t cp) {
  auto it = std::upper_bound(std::begin(table), std::end(table), cp,
                             [](char32_t c, const Range& r) { return c < r.first; });
  return it != std::begin(table) && cp <= std::prev(it)->last;
}

// Decodes one UTF-8 sequence at s[i], advancing i; a malformed byte is taken as U+FFFD.
char32_t next_codepoint(std::string_view s, std::size_t& i) {
  unsigned char lead = s[i++];
  if (lead < 0x80) return lead;
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
  if (extra < 0 || i + extra > s.size()) return 0xFFFD;
  char32_t cp = lead & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    unsigned char c = s[i];
    if ((c & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (c & 0x3F);
    ++i;
  }
  return cp;
}

}  // namespace

int codepoint_width(char32_t cp) {
  if (cp == 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
  if (in(kZero, cp)) return 0;
  return in(kWide, cp) ? 2 : 1;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < utf8.size();) width += codepoint_width(next_codepoint(utf8, i));
  return width;
}

std::string pad_right(std::string_view s, std::size_t width) {
  std::string out(s);
  auto w = display_width(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view s, std::size_t width) {
  auto w = display_width(s);
  std::string out(w < width ? width - w : 0, ' ');
  return out.append(s);
}

}  // namespace hexctl
