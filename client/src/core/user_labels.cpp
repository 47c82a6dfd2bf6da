#include "core/user_labels.hpp"

#include <cctype>

namespace hexctl {

namespace {

constexpr std::size_t kUuidLength = 36;

bool uuid_at(const std::string& text, std::size_t at) {
  if (at + kUuidLength > text.size()) return false;
  for (std::size_t i = 0; i < kUuidLength; ++i) {
    char c = text[at + i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !(std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string canonical_uuid(const std::string& arg) {
  std::string hex;
  for (char c : arg)
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (hex.size() != 32) return arg;
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

std::vector<std::string> uuids_in(const std::string& text) {
  std::vector<std::string> found;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (uuid_at(text, i)) found.push_back(text.substr(i, kUuidLength)), i += kUuidLength - 1;
  return found;
}

std::string label_uuids(const std::string& text, const std::map<std::string, std::string>& labels) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (!uuid_at(text, i)) {
      out += text[i++];
      continue;
    }
    std::string id = text.substr(i, kUuidLength);
    out += id;
    i += kUuidLength;
    auto label = labels.find(id);
    if (label != labels.end() && !label->second.empty()) out += " (" + label->second + ")";
  }
  return out;
}

}  // namespace hexctl
