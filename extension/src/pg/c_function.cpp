#include "pg/c_function.hpp"

extern "C" {
#include "access/htup_details.h"
#include "catalog/pg_language.h"
#include "catalog/pg_proc.h"
#include "utils/builtins.h"
#include "utils/syscache.h"
}

namespace hexdb::pg {

bool is_c_function(Oid fn, PGFunction ours) {
  HeapTuple tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn));
  if (!HeapTupleIsValid(tuple)) return false;
  bool same = false;
  if (reinterpret_cast<Form_pg_proc>(GETSTRUCT(tuple))->prolang == ClanguageId) {
    bool null_src, null_bin;
    Datum src = SysCacheGetAttr(PROCOID, tuple, Anum_pg_proc_prosrc, &null_src);
    Datum bin = SysCacheGetAttr(PROCOID, tuple, Anum_pg_proc_probin, &null_bin);
    same = !null_src && !null_bin &&
           load_external_function(TextDatumGetCString(bin), TextDatumGetCString(src), false, nullptr) ==
               reinterpret_cast<void*>(ours);
  }
  ReleaseSysCache(tuple);
  return same;
}

}  // namespace hexdb::pg
