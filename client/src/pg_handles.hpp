// Owning handles for libpq objects, so that no path leaks a connection or a result.
#pragma once
#include <libpq-fe.h>

#include <memory>

namespace hexctl {

struct PGconnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct PGresultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
struct PQconninfoDeleter {
  void operator()(PQconninfoOption* o) const { PQconninfoFree(o); }
};

struct PGcancelDeleter {
  void operator()(PGcancel* c) const { PQfreeCancel(c); }
};

using ConnPtr = std::unique_ptr<PGconn, PGconnDeleter>;
using CancelPtr = std::unique_ptr<PGcancel, PGcancelDeleter>;
using ResultPtr = std::unique_ptr<PGresult, PGresultDeleter>;
using ConninfoPtr = std::unique_ptr<PQconninfoOption, PQconninfoDeleter>;

}  // namespace hexctl
