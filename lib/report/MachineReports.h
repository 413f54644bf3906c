#pragma once
/// \file The finding formats other tools read: SARIF 2.1.0 (code scanning),
/// GitHub Actions workflow commands, a Markdown summary (for
/// $GITHUB_STEP_SUMMARY) and GitLab Code Quality JSON. Plain C++ over a
/// FindingsReport; everything taken from the scanned tree is escaped for
/// the format.

#include "report/FindingsReport.h"

#include <string>

namespace carcinize {

/// SARIF 2.1.0: one run, the full rule catalogue, results with partial
/// fingerprints; at most \p MaxResults results (GitHub's limit per run is
/// 25,000): the most severe are kept and the run says what was cut.
std::string renderSarif(const FindingsReport &R, size_t MaxResults = 25000);

/// GitHub Actions annotations (`::error` for high and critical, else
/// `::warning`), most severe first; GitHub shows 10 of each kind per step,
/// so after those the output says how many more the summary holds.
std::string renderGitHubAnnotations(const FindingsReport &R);

/// A Markdown summary: counts, the module ranking (when R.Scan has one) and
/// a findings table.
std::string renderMarkdownSummary(const FindingsReport &R);

/// GitLab Code Quality JSON (an array of issues).
std::string renderCodeQuality(const FindingsReport &R);

/// Text from the scanned tree made inert in Markdown (no HTML, emphasis,
/// code span or table cell end), cut after \p MaxBytes: as the Markdown
/// summary's table cells, for the other Markdown reports.
std::string markdownText(const std::string &Raw, size_t MaxBytes = 300);

} // namespace carcinize
