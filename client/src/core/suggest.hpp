// "Did you mean ...?" for a mistyped command name.
#pragma once
#include <string>
#include <vector>

namespace hexctl {

// The candidate closest to word by edit distance (insertions, deletions, substitutions and
// swaps of neighbours), when it is close enough to be a plausible typo: at most a third of
// the word's letters, rounded up (at least 1, at most 3) changed. "" when none is.
std::string closest_word(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace hexctl
