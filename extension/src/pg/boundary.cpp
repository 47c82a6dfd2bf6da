#include "pg/boundary.hpp"

namespace hexdb::pg {

// May elog (always does). Owns no C++ object: the callers left their catch blocks.
void raise(ErrorData* pg_error, const char* sqlstate, const char* message, const char* detail,
           const char* hint) {
  if (pg_error) ReThrowError(pg_error);
  ereport(ERROR, (errcode(MAKE_SQLSTATE(sqlstate[0], sqlstate[1], sqlstate[2], sqlstate[3],
                                        sqlstate[4])),
                  errmsg_internal("%s", message),
                  detail ? errdetail_internal("%s", detail) : 0, hint ? errhint("%s", hint) : 0));
  pg_unreachable();
}

}  // namespace hexdb::pg
