#include "core/import/score_verdicts.hpp"

#include <algorithm>

namespace hexdb::legacy {

ScoreVerdict score_verdict(const StagedScore& s) {
  if (!s.id) return ScoreVerdict::kBadId;
  if (s.duplicate) return ScoreVerdict::kDuplicate;
  if (s.present) return ScoreVerdict::kPresent;
  if (!s.user_id) return ScoreVerdict::kBadUser;
  if (!s.user_found) return ScoreVerdict::kOrphan;
  if (!s.score) return ScoreVerdict::kBadScore;
  if (*s.score < 0) return ScoreVerdict::kNegative;
  if (!s.created_local) return ScoreVerdict::kBadTime;
  return ScoreVerdict::kNew;
}

void mark_later_duplicates(std::vector<IdAt>& ids, std::vector<bool>& later) {
  std::sort(ids.begin(), ids.end(), [](const IdAt& a, const IdAt& b) {
    return a.id != b.id ? a.id < b.id : a.position < b.position;
  });
  for (size_t i = 1; i < ids.size(); ++i)
    if (ids[i].id == ids[i - 1].id) later[ids[i].row] = true;
}

}  // namespace hexdb::legacy
