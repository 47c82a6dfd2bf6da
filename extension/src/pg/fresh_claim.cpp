#include "pg/fresh_claim.hpp"

#include "pg/index_rebuild.hpp"

namespace hexdb::pg {

void FreshClaim::claim(Relation rel) {
  Oid indexes[kMax];
  count = claim_every_index(rel, indexes, kMax);
  for (int k = 0; k < count; ++k) later[k] = {indexes[k], nullptr};
}

void FreshClaim::rebuild() const {
  for (int k = 0; k < count; ++k) rebuild_index(later[k].index);
}

}  // namespace hexdb::pg
