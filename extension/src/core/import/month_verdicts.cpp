#include "core/import/month_verdicts.hpp"

namespace hexdb::legacy {

bool valid_month(const StagedMonth& m) {
  return m.year && *m.year >= 1 && *m.year <= 9999 && m.month && *m.month >= 1 && *m.month <= 12;
}

MonthVerdict month_verdict(const StagedMonth& m) {
  if (!m.id) return MonthVerdict::kBadId;
  if (m.duplicate) return MonthVerdict::kDuplicate;
  if (!m.user_id) return MonthVerdict::kBadUser;
  if (!m.user_found) return MonthVerdict::kOrphan;
  if (!m.year || *m.year < 1 || *m.year > 9999) return MonthVerdict::kBadYear;
  if (!m.month || *m.month < 1 || *m.month > 12) return MonthVerdict::kBadMonth;
  if (!m.score) return MonthVerdict::kBadScore;
  if (*m.score < 0) return MonthVerdict::kNegative;
  if (!m.updated_local) return MonthVerdict::kBadTime;
  if (m.second_for_month) return MonthVerdict::kSecondForMonth;
  if (m.hexdb_score) return *m.hexdb_score == *m.score ? MonthVerdict::kPresent : MonthVerdict::kConflict;
  return MonthVerdict::kNew;
}

}  // namespace hexdb::legacy
