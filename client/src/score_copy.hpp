// hexctl score load FILE: a file of scores into hexdb.scores with one COPY, streamed.
#pragma once
#include <CLI/CLI.hpp>

#include "context.hpp"

namespace hexctl {
void add_score_load(CLI::App* score, Context& ctx);
}
