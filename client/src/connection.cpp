#include "connection.hpp"

#include <iostream>

#include "core/conninfo.hpp"
#include "errors.hpp"

namespace hexctl {

namespace {

// The password a conninfo or URL carries, decoded by libpq, and as written in a URL.
std::vector<std::string> passwords_in(const std::string& conninfo) {
  std::vector<std::string> secrets{url_raw_password(conninfo)};
  char* error = nullptr;
  ConninfoPtr options(PQconninfoParse(conninfo.c_str(), &error));
  PQfreemem(error);
  for (auto* o = options.get(); o && o->keyword; ++o)
    if (std::string_view(o->keyword) == "password" && o->val && *o->val) secrets.emplace_back(o->val);
  return secrets;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v ? v : "";
}

// The server's NOTICEs (import_legacy's per-table counts, ...) go to stderr as hexctl's own
// lines; a WARNING keeps its severity in front.
void print_notice(void*, const PGresult* r) {
  std::string severity = field(r, PG_DIAG_SEVERITY_NONLOCALIZED);
  std::cerr << "hexctl: " << (severity == "NOTICE" || severity == "INFO" ? "" : severity + ": ")
            << field(r, PG_DIAG_MESSAGE_PRIMARY) << '\n';
}

}  // namespace

Connection::Connection(const std::string& conninfo) : secrets_(passwords_in(conninfo)) {
  // Array entries before "dbname" are defaults that the conninfo may override (libpq docs,
  // PQconnectdbParams). UTF8 because JSON output is UTF-8 whatever the terminal says.
  const char* keywords[] = {"fallback_application_name", "client_encoding", "dbname", nullptr};
  const char* values[] = {"hexctl", "UTF8", conninfo.c_str(), nullptr};
  conn_.reset(PQconnectdbParams(keywords, values, 1));
  if (!conn_) throw ConnectError("cannot connect to the database: out of memory");
  if (PQstatus(conn_.get()) != CONNECTION_OK)
    throw ConnectError(scrubbed("cannot connect to the database: " +
                                trimmed(PQerrorMessage(conn_.get()))));
  PQsetNoticeReceiver(conn_.get(), print_notice, nullptr);
  cancel_.reset(PQgetCancel(conn_.get()));
}

void Connection::rollback() noexcept {
  if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) ResultPtr(PQexec(conn_.get(), "ROLLBACK"));
}

void Connection::cancel() noexcept {
  cancelled_ = true;
  char error[256];
  if (cancel_) PQcancel(cancel_.get(), error, sizeof error);  // a failed request changes nothing
}

std::string Connection::scrubbed(const std::string& message) const {
  return scrub(message, secrets_);
}

ResultPtr Connection::check(ResultPtr result) {
  auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_SINGLE_TUPLE ||
      status == PGRES_COPY_IN || status == PGRES_COPY_OUT)
    return result;
  if (PQstatus(conn_.get()) == CONNECTION_BAD)
    throw ConnectError(scrubbed("lost the connection to the database: " +
                                trimmed(PQerrorMessage(conn_.get()))));
  if (!result) throw RefusedError(scrubbed(trimmed(PQerrorMessage(conn_.get()))));
  const PGresult* r = result.get();
  std::string message = field(r, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = trimmed(PQresultErrorMessage(r));
  throw RefusedError(scrubbed(message), field(r, PG_DIAG_SQLSTATE), scrubbed(field(r, PG_DIAG_MESSAGE_DETAIL)),
                     field(r, PG_DIAG_MESSAGE_HINT), field(r, PG_DIAG_CONTEXT));
}

namespace {

struct ParamArrays {
  explicit ParamArrays(const std::vector<Param>& params) {
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  }
  std::vector<const char*> values;
};

}  // namespace

ResultPtr Connection::exec(const char* sql, const std::vector<Param>& params) {
  ParamArrays a(params);
  return check(ResultPtr(PQexecParams(conn_.get(), sql, static_cast<int>(a.values.size()), nullptr,
                                      a.values.data(), nullptr, nullptr, 0)));
}

void Connection::send_single_row(const char* sql, const std::vector<Param>& params) {
  ParamArrays a(params);
  if (!PQsendQueryParams(conn_.get(), sql, static_cast<int>(a.values.size()), nullptr,
                         a.values.data(), nullptr, nullptr, 0) ||
      !PQsetSingleRowMode(conn_.get()))
    check(nullptr);
}

void Connection::copy_in(const char* sql) { check(ResultPtr(PQexec(conn_.get(), sql))); }

void Connection::copy_data(const char* data, std::size_t size) {
  if (cancelled_) throw RefusedError("the COPY was cancelled");
  if (size > 0 && PQputCopyData(conn_.get(), data, static_cast<int>(size)) != 1) check(nullptr);
}

ResultPtr Connection::copy_end() {
  if (PQputCopyEnd(conn_.get(), nullptr) != 1) check(nullptr);
  ResultPtr r = check(ResultPtr(PQgetResult(conn_.get())));
  while (ResultPtr extra{PQgetResult(conn_.get())}) check(std::move(extra));
  return r;
}

ResultPtr Connection::copy_abort(const char* why) {
  PQputCopyEnd(conn_.get(), why);
  ResultPtr first(PQgetResult(conn_.get()));
  while (ResultPtr rest{PQgetResult(conn_.get())}) {}
  return first;
}

ResultPtr Connection::next_row() {
  ResultPtr r(PQgetResult(conn_.get()));
  if (!r) return nullptr;
  return check(std::move(r));
}

}  // namespace hexctl
