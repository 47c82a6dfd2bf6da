#include "pg/spi_arrays.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/uuid.h"
}

#include "pg/datum.hpp"

namespace hexdb::spi {

namespace {
// May elog.
Datum by_value_array(const void* v, int n, Oid type, int width) {
  Datum* elems = static_cast<Datum*>(palloc(sizeof(Datum) * (n > 0 ? n : 1)));
  for (int i = 0; i < n; ++i) {
    switch (width) {
      case 2: elems[i] = Int16GetDatum(static_cast<const int16_t*>(v)[i]); break;
      case 4: elems[i] = Int32GetDatum(static_cast<const int32_t*>(v)[i]); break;
      default: elems[i] = Int64GetDatum(static_cast<const int64_t*>(v)[i]); break;
    }
  }
  char align = width == 2 ? TYPALIGN_SHORT : width == 4 ? TYPALIGN_INT : TYPALIGN_DOUBLE;
  ArrayType* a = construct_array(elems, n, type, width, true, align);
  pfree(elems);
  return PointerGetDatum(a);
}

// May elog. An array of n elements of a type passed by reference, element i from elem(i).
template <typename Elem>
Datum by_reference_array(int n, Oid type, int width, char align, Elem elem) {
  Datum* elems = static_cast<Datum*>(palloc(sizeof(Datum) * (n > 0 ? n : 1)));
  for (int i = 0; i < n; ++i) elems[i] = elem(i);
  ArrayType* a = construct_array(elems, n, type, width, false, align);
  pfree(elems);
  return PointerGetDatum(a);
}

}  // namespace

Datum int2_array(const int16_t* v, int n) { return by_value_array(v, n, INT2OID, 2); }
Datum int4_array(const int32_t* v, int n) { return by_value_array(v, n, INT4OID, 4); }
Datum int8_array(const int64_t* v, int n) { return by_value_array(v, n, INT8OID, 8); }
Datum timestamptz_array(const int64_t* v, int n) { return by_value_array(v, n, TIMESTAMPTZOID, 8); }
Datum date_array(const int32_t* v, int n) { return by_value_array(v, n, DATEOID, 4); }

Datum uuid_array(const uuid::Bytes* v, int n) {
  return by_reference_array(n, UUIDOID, UUID_LEN, TYPALIGN_CHAR, [&](int i) { return pg::uuid_ref(v[i]); });
}

Datum tid_array(const ItemPointerData* v, int n) {
  return by_reference_array(n, TIDOID, sizeof(ItemPointerData), TYPALIGN_SHORT,
                            [&](int i) { return PointerGetDatum(&v[i]); });
}

Datum text_array(const char* const* v, int n) {
  return by_reference_array(n, TEXTOID, -1, TYPALIGN_INT, [&](int i) { return CStringGetTextDatum(v[i]); });
}

Datum int4_array(const int32_t* v, const bool* nulls, int n) {
  Datum* elems = static_cast<Datum*>(palloc(sizeof(Datum) * (n > 0 ? n : 1)));
  bool* isnull = static_cast<bool*>(palloc(sizeof(bool) * (n > 0 ? n : 1)));
  for (int i = 0; i < n; ++i) elems[i] = Int32GetDatum(v[i]), isnull[i] = nulls[i];
  int dims[1] = {n}, lbs[1] = {1};
  ArrayType* a = n == 0 ? construct_empty_array(INT4OID)
                        : construct_md_array(elems, isnull, 1, dims, lbs, INT4OID, 4, true, TYPALIGN_INT);
  pfree(elems);
  pfree(isnull);
  return PointerGetDatum(a);
}

}  // namespace hexdb::spi
