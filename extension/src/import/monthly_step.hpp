// import_legacy()'s monthly_scores step run inside import_scores()'s load, where monthly_scores
// never held a row (scores/insert_scores_direct.hpp, HistoryBeside): the same staged rows, rules,
// reasons and rejects as import_monthly(), decided against the months the scores make (all of
// monthly_scores then) instead of a query of monthly_scores. import_monthly.cpp.
#pragma once

extern "C" {
#include "postgres.h"
}

#include <string>
#include <utility>
#include <vector>

#include "import/staged_scan.hpp"
#include "scores/insert_scores_direct.hpp"

namespace hexdb::import {

class MonthsBesideScores : public scores::HistoryBeside {
 public:
  explicit MonthsBesideScores(std::string zone) : zone_(std::move(zone)) {}
  std::vector<monthly::Group> decide(const std::vector<monthly::Group>& made) override;
  void written() override;  // the rejects written to pg_temp.import_monthly, the counts set

  // The step's report, once written() was called.
  bool done = false;
  int64 source_rows = 0, new_rows = 0, present = 0;

 private:
  std::string zone_;
  Verdicts<monthly::Group> verdicts_;
};

}  // namespace hexdb::import
