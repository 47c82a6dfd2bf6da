// JSON text (RFC 8259) as hexctl writes it: strings escaped, and PostgreSQL's own text of
// numbers and json values checked, so that each value goes out as PostgreSQL printed it. Small
// and hand-written: a JSON library parsed every value into doubles and maps (changing 1.10
// and key order) and was the slowest file of hexctl to compile (docs/benchmarks.md).
#pragma once
#include <string>
#include <string_view>

namespace hexctl {

// Appends text as a JSON string: quoted; quote, backslash and control characters escaped;
// each invalid UTF-8 sequence (its longest valid-looking prefix) replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view text);

// Whether text is exactly one JSON number that a double can hold (beyond 1.8e308 a JSON
// reader could not read it).
bool is_json_number(std::string_view text);

// Whether text is exactly one JSON value, white space around it allowed, strings valid UTF-8.
bool is_json(std::string_view text);

// Appends json (a value is_json accepts) without the white space between its tokens.
void append_compact_json(std::string& out, std::string_view json);

}  // namespace hexctl
