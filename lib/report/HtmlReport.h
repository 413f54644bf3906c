#pragma once
/// \file `scan --format html`: one self-contained HTML file (no network):
/// the ranked modules with a bar chart of their facets, a drill-down per
/// module (reasons, functions, findings with source snippets) and sortable
/// tables. Everything taken from the scanned tree is escaped.

#include "analysis/ProgramAnalysis.h"
#include "facts/Facts.h"
#include "report/ScanReport.h"

#include <string>

namespace carcinize {

/// The report; snippets are read from Ctx.Root.
std::string renderScanHtml(const ScanFacts &Facts, const ScanContext &Ctx,
                           const ProgramAnalysis *Analysis);

} // namespace carcinize
