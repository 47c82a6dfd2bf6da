#include "core/conninfo.hpp"

namespace hexctl {

namespace {
bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
}  // namespace

std::string strip_url_driver(std::string_view conninfo) {
  for (std::string_view scheme : {"postgresql+", "postgres+"}) {
    if (!starts_with(conninfo, scheme)) continue;
    auto sep = conninfo.find("://");
    if (sep == std::string_view::npos) break;
    std::string base(scheme.substr(0, scheme.size() - 1));
    return base + std::string(conninfo.substr(sep));
  }
  return std::string(conninfo);
}

std::string choose_conninfo(const std::optional<std::string>& flag, const char* database_url) {
  if (flag) return strip_url_driver(*flag);
  if (database_url && *database_url) return strip_url_driver(database_url);
  return "";
}

std::string url_raw_password(std::string_view conninfo) {
  auto sep = conninfo.find("://");
  if (sep == std::string_view::npos) return "";
  auto authority = conninfo.substr(sep + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  auto at = authority.rfind('@');
  if (at == std::string_view::npos) return "";
  auto userinfo = authority.substr(0, at);
  auto colon = userinfo.find(':');
  if (colon == std::string_view::npos) return "";
  return std::string(userinfo.substr(colon + 1));
}

std::string scrub(std::string message, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    for (auto pos = message.find(secret); pos != std::string::npos;
         pos = message.find(secret, pos + 3))
      message.replace(pos, secret.size(), "***");
  }
  return message;
}

}  // namespace hexctl
