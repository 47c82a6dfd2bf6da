// The manual page hexctl.1, in roff, built from the same text "--help" prints: one section
// per command holding its help verbatim, so the page and the help cannot drift apart.
#pragma once
#include <string>
#include <vector>

namespace hexctl {

struct ManSection {
  std::string command;  // "hexctl friend list"
  std::string text;     // its --help output
};

// sections[0] is hexctl's own help (its first line the one-line description).
std::string man_page(const std::vector<ManSection>& sections, const std::string& version);

// Text as roff shows it literally inside .nf: backslashes, minus signs, leading dots and quotes escaped.
std::string roff_literal(const std::string& text);

}  // namespace hexctl
