#include "core/import/score_verdicts.hpp"

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

}  // namespace hexdb::legacy
