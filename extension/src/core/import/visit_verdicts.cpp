#include "core/import/visit_verdicts.hpp"

namespace hexdb::legacy {

VisitVerdict visit_verdict(const StagedVisit& v) {
  if (!v.id) return VisitVerdict::kBadId;
  if (v.duplicate) return VisitVerdict::kDuplicate;
  if (!v.user_id) return VisitVerdict::kBadUser;
  if (!v.user_found) return VisitVerdict::kOrphan;
  if (!v.day) return VisitVerdict::kBadDate;
  if (!v.count || *v.count < 1) return VisitVerdict::kBadCount;
  if (v.second_for_day) return VisitVerdict::kSecondForDay;
  if (v.hexdb_count) return *v.hexdb_count == *v.count ? VisitVerdict::kPresent : VisitVerdict::kConflict;
  return VisitVerdict::kNew;
}

}  // namespace hexdb::legacy
