// Errors name users by UUID; a person typed an email. These put what they typed beside it.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace hexctl {

// The UUID spelled the way PostgreSQL prints it: lower case, 8-4-4-4-12 (arg must be a UUID).
std::string canonical_uuid(const std::string& arg);

// Every canonical UUID in text, in order of appearance.
std::vector<std::string> uuids_in(const std::string& text);

// text with " (LABEL)" after each UUID that labels maps to a non-empty label.
std::string label_uuids(const std::string& text, const std::map<std::string, std::string>& labels);

}  // namespace hexctl
