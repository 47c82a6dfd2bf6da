// Start-up hooks each domain contributes to _PG_init.
#pragma once

namespace hexdb {
// Defines hexdb's GUCs (settings.cpp). May elog.
void define_settings();
}  // namespace hexdb
