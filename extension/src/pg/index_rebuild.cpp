#include "pg/index_rebuild.hpp"

extern "C" {
#include "storage/bufmgr.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

#include "pg/compat.hpp"

namespace hexdb::pg {

bool never_written(Relation rel) { return RelationGetNumberOfBlocks(rel) == 0; }

void rebuild_index(Oid index) { compat::reindex_index(index, get_rel_persistence(index)); }

}  // namespace hexdb::pg
