// Which connection string hexctl uses, and keeping its password out of what hexctl prints.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hexctl {

// SQLAlchemy names the driver in the scheme ("postgresql+psycopg2://..."); libpq knows only
// "postgresql://" and "postgres://", so the "+driver" part is dropped. Anything else is
// returned unchanged (a key=value conninfo, a plain URL, a bare database name).
std::string strip_url_driver(std::string_view conninfo);

// -d/--dbname wins, then DATABASE_URL, then "" (libpq's defaults: PGHOST, PGPORT, ...).
std::string choose_conninfo(const std::optional<std::string>& flag, const char* database_url);

// The password as written inside a URL's userinfo ("postgresql://u:PASS@h"), still
// percent-encoded; empty when there is none.
std::string url_raw_password(std::string_view conninfo);

// Replaces every occurrence of each non-empty secret in message with "***".
std::string scrub(std::string message, const std::vector<std::string>& secrets);

}  // namespace hexctl
