#include "report/HtmlReport.h"

#include "analysis/Exposure.h"
#include "report/SourceLines.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Base64.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/SHA256.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

// How the page is safe to open, whatever the scanned tree holds:
// - every string from the tree goes through HtmlOut::text (escapes & < > " '
//   and makes the bytes valid UTF-8); markup is written only with
//   HtmlOut::raw, from literals and numbers of this file;
// - the data the script reads is JSON in a <script type="application/json">
//   block with <, >, &, U+2028 and U+2029 written as \uXXXX, so no string can
//   close the block; the script builds the chart with textContent and
//   setAttribute, never innerHTML;
// - a Content-Security-Policy allows no network at all and only the one
//   inline script of this file (by its SHA-256), so even a markup bug could
//   not run injected code or fetch anything.

namespace carcinize {

namespace {

std::string validUtf8(llvm::StringRef S) {
  return llvm::json::isUTF8(S) ? S.str() : llvm::json::fixUTF8(S);
}

std::string fixed(double V, int Digits) {
  if (!std::isfinite(V))
    V = 0;
  char Buf[64];
  std::snprintf(Buf, sizeof Buf, "%.*f", Digits, V);
  return Buf;
}

double round3(double V) { return std::isfinite(V) ? std::round(V * 1000) / 1000 : 0; }

/// The page being written. raw() is for markup written by this file; text()
/// for anything else (escaped for element content and quoted attributes).
class HtmlOut {
public:
  HtmlOut &raw(llvm::StringRef S) {
    Out += S;
    return *this;
  }
  HtmlOut &text(llvm::StringRef Raw) {
    std::string S = validUtf8(Raw);
    for (char C : S) {
      switch (C) {
      case '&':
        Out += "&amp;";
        break;
      case '<':
        Out += "&lt;";
        break;
      case '>':
        Out += "&gt;";
        break;
      case '"':
        Out += "&quot;";
        break;
      case '\'':
        Out += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':
        Out += C;
        break;
      default:
        // Control characters are invalid in HTML text: show them as U+FFFD.
        if (static_cast<unsigned char>(C) < 0x20 || C == 0x7f)
          Out += "\xEF\xBF\xBD";
        else
          Out += C;
      }
    }
    return *this;
  }
  HtmlOut &num(unsigned long long N) {
    Out += std::to_string(N);
    return *this;
  }
  std::string Out;
};

/// JSON that can sit inside a <script> block: the characters that could end
/// the block (or the line, for old JavaScript parsers) are escaped. Outside
/// strings JSON has none of them, inside strings \uXXXX means the same.
std::string scriptSafeJson(const llvm::json::Value &V) {
  std::string Json;
  llvm::raw_string_ostream OS(Json);
  OS << V;
  OS.flush();
  std::string Out;
  Out.reserve(Json.size());
  for (size_t I = 0; I < Json.size(); ++I) {
    char C = Json[I];
    if (C == '<')
      Out += "\\u003c";
    else if (C == '>')
      Out += "\\u003e";
    else if (C == '&')
      Out += "\\u0026";
    else if (C == '\xE2' && I + 2 < Json.size() && Json[I + 1] == '\x80' &&
             (Json[I + 2] == '\xA8' || Json[I + 2] == '\xA9')) {
      Out += Json[I + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      I += 2;
    } else
      Out += C;
  }
  return Out;
}

// The only script of the page: sortable tables (click a header; the URL
// fragment #sort=[table.]key[:asc|:desc] sorts on load, which the end-to-end
// test uses), the facet chart drawn from the embedded JSON, and module
// anchors (#m3) that open their drill-down. It must not contain "</script".
const char *const PageScript = R"JS(
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  var data = {};
  var block = document.getElementById('carcinize-data');
  if (block) data = JSON.parse(block.textContent);

  function cellKey(row, index, type) {
    var cell = row.cells[index];
    if (!cell) return type === 'num' ? -Infinity : '';
    var v = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
    if (type !== 'num') return v.toLowerCase();
    var n = parseFloat(v);
    return isNaN(n) ? -Infinity : n;
  }

  function sortTable(table, th, dir) {
    var type = th.getAttribute('data-type') || 'text';
    if (!dir) {
      var cur = th.getAttribute('aria-sort');
      if (cur === 'descending') dir = 'ascending';
      else if (cur === 'ascending') dir = 'descending';
      else dir = type === 'num' ? 'descending' : 'ascending';
    }
    var index = th.cellIndex, sign = dir === 'ascending' ? 1 : -1;
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (r) {
      return { row: r, key: cellKey(r, index, type), at: +r.getAttribute('data-i') };
    });
    rows.sort(function (a, b) {
      if (a.key < b.key) return -sign;
      if (a.key > b.key) return sign;
      return a.at - b.at;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', dir);
    table.setAttribute('data-sorted', th.getAttribute('data-key') + ':' +
                       (dir === 'ascending' ? 'asc' : 'desc'));
  }

  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r, i) {
      r.setAttribute('data-i', i);
    });
    Array.prototype.forEach.call(table.querySelectorAll('th[data-key]'), function (th) {
      th.tabIndex = 0;
      th.title = 'Sort by this column';
      th.addEventListener('click', function () { sortTable(table, th); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortTable(table, th); }
      });
    });
  });

  function shorten(name, max) {
    return name.length <= max ? name : '\u2026' + name.slice(name.length - max + 1);
  }

  function buildChart() {
    var svg = document.getElementById('facet-chart');
    var mods = data.modules || [];
    if (!svg || !mods.length) return;
    var NS = svg.namespaceURI;
    var cols = [['priority', 'Priority'], ['value', 'Value'], ['risk', 'Risk'],
                ['exposure', 'Exposure'], ['hotness', 'Hotness'], ['effort', 'Effort']];
    var maxPriority = 0;
    mods.forEach(function (m) { if (m.priority > maxPriority) maxPriority = m.priority; });
    var labelW = 250, colW = 150, barW = 100, head = 30, rowH = 28, barH = 14;
    var width = labelW + cols.length * colW, height = head + mods.length * rowH + 4;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    function el(name, attrs, parent) {
      var e = document.createElementNS(NS, name);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      parent.appendChild(e);
      return e;
    }
    el('text', { x: 6, y: 18, 'class': 'col-head' }, svg).textContent = 'Module';
    cols.forEach(function (c, j) {
      var t = el('text', { x: labelW + j * colW, y: 18, 'class': 'col-head' }, svg);
      t.textContent = c[1];
    });
    mods.forEach(function (m, i) {
      var y = head + i * rowH, mid = y + rowH / 2;
      var g = el('g', { 'class': 'chart-row', 'data-module': m.name }, svg);
      el('rect', { x: 0, y: y, width: width, height: rowH, 'class': i % 2 ? 'row-bg' : 'row-bg odd' }, g);
      var a = el('a', { href: '#' + m.id }, g);
      var label = el('text', { x: 6, y: mid + 4, 'class': 'row-label' }, a);
      label.textContent = m.rank + '. ' + shorten(m.name, 32);
      el('title', {}, label).textContent = m.name;
      cols.forEach(function (c, j) {
        var v = m[c[0]], max = c[0] === 'priority' ? maxPriority : 1;
        var x = labelW + j * colW, top = mid - barH / 2;
        el('rect', { x: x, y: top, width: barW, height: barH, rx: 2, 'class': 'track' }, g);
        var len = max > 0 ? Math.max(0, Math.min(1, v / max)) * barW : 0;
        var bar = el('rect', { x: x, y: top, width: len.toFixed(1), height: barH, rx: 2,
                               'class': 'bar bar-' + c[0], 'data-facet': c[0],
                               'data-value': v.toFixed(2) }, g);
        el('title', {}, bar).textContent = m.name + ': ' + c[0] + ' ' + v.toFixed(2);
        el('text', { x: x + barW + 6, y: mid + 4, 'class': 'bar-num' }, g).textContent = v.toFixed(2);
      });
    });
    svg.setAttribute('data-rows', mods.length);
  }
  buildChart();

  function setAll(open) {
    Array.prototype.forEach.call(document.querySelectorAll('details.module'), function (d) {
      d.open = open;
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('button[data-action]'), function (b) {
    b.addEventListener('click', function () { setAll(b.getAttribute('data-action') === 'expand'); });
  });

  // Search and filters: every row and drill-down carries its module, file,
  // rule and severity in data- attributes; a filter hides what does not
  // match (the hidden attribute), and a line says how much is shown.
  var filters = {};
  ['q', 'module', 'rule', 'sev', 'file'].forEach(function (k) {
    filters[k] = document.getElementById('filter-' + k);
  });
  function filterValue(k) { return filters[k] ? filters[k].value : ''; }
  function hasText(el, q) { return !q || el.textContent.toLowerCase().indexOf(q) >= 0; }
  function fileOf(el) { return el.getAttribute('data-file') || ''; }
  function filesOf(el) { return (el.getAttribute('data-files') || '').split('\n'); }
  function applyFilters() {
    if (!filters.q) return;
    var q = filterValue('q').trim().toLowerCase(), mod = filterValue('module'),
        rule = filterValue('rule'), sev = filterValue('sev'), file = filterValue('file');
    var counts = [];
    function show(el, ok) { if (ok) el.removeAttribute('hidden'); else el.setAttribute('hidden', ''); return ok; }
    function count(label, els, test) {
      var shown = 0;
      Array.prototype.forEach.call(els, function (el) { if (show(el, test(el))) shown++; });
      if (els.length) counts.push(shown + ' of ' + els.length + ' ' + label);
    }
    // Modules with a finding of the chosen rule and severity, when one is chosen.
    var withFinding = null;
    var findingRows = document.querySelectorAll('table[data-table="findings"] tbody tr');
    function findingMatches(r) {
      return (!rule || r.getAttribute('data-rule') === rule) &&
             (!sev || +r.getAttribute('data-sev') >= +sev);
    }
    if (rule || sev) {
      withFinding = {};
      Array.prototype.forEach.call(findingRows, function (r) {
        if (findingMatches(r)) withFinding[r.getAttribute('data-module')] = true;
      });
    }
    function moduleMatches(el) {
      var name = el.getAttribute('data-module');
      return (!mod || name === mod) && (!file || filesOf(el).indexOf(file) >= 0) &&
             (!withFinding || withFinding[name] === true);
    }
    count('findings', findingRows, function (r) {
      return findingMatches(r) && (!mod || r.getAttribute('data-module') === mod) &&
             (!file || fileOf(r) === file) && hasText(r, q);
    });
    count('modules', document.querySelectorAll('table[data-table="modules"] tbody tr'),
          function (r) { return moduleMatches(r) && hasText(r, q); });
    Array.prototype.forEach.call(document.querySelectorAll('details.module'), function (d) {
      show(d, moduleMatches(d) && hasText(d, q));
    });
    count('functions', document.querySelectorAll('table[data-table="functions"] tbody tr'),
          function (r) {
            var m = r.getAttribute('data-module');
            return (!mod || m === mod) && (!file || fileOf(r) === file) &&
                   (!withFinding || withFinding[m] === true) && hasText(r, q);
          });
    var status = document.getElementById('filter-status');
    if (status) status.textContent = 'Showing ' + counts.join(', ') + '.';
  }
  Object.keys(filters).forEach(function (k) {
    if (!filters[k]) return;
    filters[k].addEventListener(k === 'q' ? 'input' : 'change', applyFilters);
  });
  // #filter:q=text&module=NAME&rule=ID&sev=0..3&file=PATH (each value
  // URI-encoded) sets the filters on load: a link to a filtered view.
  function applyFilterHash(raw) {
    raw.split('&').forEach(function (pair) {
      var at = pair.indexOf('=');
      if (at < 0) return;
      var k = pair.slice(0, at), v;
      try { v = decodeURIComponent(pair.slice(at + 1)); } catch (e) { return; }
      if (filters[k]) filters[k].value = v;
    });
    applyFilters();
  }

  function applyHash() {
    var h = location.hash.slice(1);
    if (h.indexOf('filter:') === 0) { applyFilterHash(h.slice(7)); return; }
    try { h = decodeURIComponent(h); } catch (e) { return; }
    var m = /^sort=(?:([\w-]+)\.)?([\w-]+)(?::(asc|desc))?$/.exec(h);
    if (m) {
      var dir = m[3] ? (m[3] === 'asc' ? 'ascending' : 'descending') : null;
      Array.prototype.forEach.call(tables, function (table) {
        if (m[1] && table.getAttribute('data-table') !== m[1]) return;
        var th = table.querySelector('th[data-key="' + m[2] + '"]');
        if (th) sortTable(table, th, dir);
      });
      return;
    }
    var target = h && document.getElementById(h);
    if (target && target.tagName === 'DETAILS') target.open = true;
  }
  window.addEventListener('hashchange', applyHash);
  applyFilters();
  applyHash();
  root.setAttribute('data-ready', '1');
})();
)JS";

const char *const PageStyle = R"CSS(
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#c2410c;
--priority:#0b5cad;--value:#1a7f37;--risk:#cf222e;--exposure:#dd6b20;--hotness:#8250df;--effort:#6e7781}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;
font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px}
header.top{background:#24160f;color:#fff;padding:22px 32px 18px}
header.top h1{margin:0;font-size:22px;font-weight:650;letter-spacing:.2px}
header.top h1 .crab{color:#f97316}
header.top .meta{color:#e7d8cf;margin-top:4px}
header.top .meta code{color:#fff;background:rgba(255,255,255,.12);padding:1px 6px;border-radius:4px}
nav.sections{background:#fff7ed;border-bottom:1px solid #fed7aa;padding:8px 32px;font-size:13px}
nav.sections a{color:#9a3412;text-decoration:none;margin-right:18px;font-weight:600}
nav.sections a:hover{text-decoration:underline}
main{max-width:1320px;margin:0 auto;padding:8px 32px 48px}
h2{font-size:19px;margin:30px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h2 .count{color:var(--muted);font-weight:400;font-size:15px}
h3{font-size:14px;margin:16px 0 6px}
p.lead{color:var(--muted);margin:0 0 12px}
a{color:#0b5cad}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px;margin-top:18px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:#fff}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.5px}
.card .n{font-size:26px;font-weight:650;line-height:1.25}
.card .sub{color:var(--muted);font-size:12px}
ul.notes{list-style:none;padding:0;margin:16px 0 0}
ul.notes li{padding:8px 12px;border-radius:6px;margin:6px 0;border:1px solid}
ul.notes li.note{background:#ddf4ff;border-color:#b6e3ff}
ul.notes li.warning{background:#fff8c5;border-color:#eed888}
ul.notes b{margin-right:6px}
.chart-box{border:1px solid var(--line);border-radius:8px;padding:10px 12px;overflow-x:auto;margin-bottom:16px}
#facet-chart{display:block;max-width:100%;height:auto}
#facet-chart .col-head{font-size:12px;font-weight:600;fill:var(--muted)}
#facet-chart .row-bg{fill:#fff}
#facet-chart .row-bg.odd{fill:#f6f8fa}
#facet-chart .row-label{font-size:13px;fill:#0b5cad}
#facet-chart a:hover .row-label{text-decoration:underline}
#facet-chart .track{fill:#e8ecf0}
#facet-chart .bar-num{font-size:11.5px;fill:var(--muted)}
.bar-priority,.f-priority{fill:var(--priority);background:var(--priority)}
.bar-value,.f-value{fill:var(--value);background:var(--value)}
.bar-risk,.f-risk{fill:var(--risk);background:var(--risk)}
.bar-exposure,.f-exposure{fill:var(--exposure);background:var(--exposure)}
.bar-hotness,.f-hotness{fill:var(--hotness);background:var(--hotness)}
.bar-effort,.f-effort{fill:var(--effort);background:var(--effort)}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
tbody tr:last-child td{border-bottom:0}
tbody tr:hover td{background:#f6f8fa}
th{background:var(--soft);font-weight:600;white-space:nowrap}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.js th[data-key]{cursor:pointer;user-select:none}
.js th[data-key]:hover{background:#eaeef2}
.js th[data-key]::after{content:"\2195";color:#9aa4ae;margin-left:4px;font-size:11px}
.js th[aria-sort=ascending]::after{content:"\25B2";color:var(--fg)}
.js th[aria-sort=descending]::after{content:"\25BC";color:var(--fg)}
td.msg{min-width:280px}
td.loc,td.fn{white-space:nowrap}
.meter{display:inline-block;width:56px;height:8px;background:#e8ecf0;border-radius:4px;
margin-right:6px;vertical-align:middle;overflow:hidden}
.meter>span{display:block;height:100%}
.sev{display:inline-block;padding:0 7px;border-radius:10px;font-size:11.5px;font-weight:600;white-space:nowrap}
.sev-critical{background:#82071e;color:#fff}
.sev-high{background:#cf222e;color:#fff}
.sev-medium{background:#fff1e5;color:#953800;border:1px solid #ffd8b5}
.sev-low{background:#eaeef2;color:#424a53}
.rule{color:var(--muted)}
.muted{color:var(--muted)}
.toolbar{margin:0 0 8px}
.toolbar button{font:inherit;font-size:12px;padding:3px 10px;border:1px solid var(--line);
border-radius:6px;background:var(--soft);cursor:pointer;margin-right:6px}
.js-only{display:none}
.js .js-only{display:inline-block}
[hidden]{display:none!important}
.js .filters{display:flex}
.filters{gap:10px 14px;flex-wrap:wrap;align-items:end;margin:0 0 16px;padding:10px 12px;
border:1px solid var(--line);border-radius:8px;background:var(--soft);font-size:13px}
.filters label{display:flex;flex-direction:column;gap:2px;color:var(--muted)}
.filters input,.filters select{font:inherit;padding:3px 6px;border:1px solid var(--line);
border-radius:6px;background:#fff;max-width:22em}
.filters output{flex-basis:100%;color:var(--muted)}
details.module{border:1px solid var(--line);border-radius:8px;margin:10px 0;background:#fff}
details.module>summary{padding:10px 14px;cursor:pointer;display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}
details.module[open]>summary{border-bottom:1px solid var(--line);background:var(--soft);border-radius:8px 8px 0 0}
details.module>summary .rank{display:inline-block;min-width:26px;text-align:center;background:#24160f;color:#fff;
border-radius:12px;font-size:12px;font-weight:600;padding:1px 6px}
details.module>summary .mname{font-weight:650;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
details.module>summary .msum{color:var(--muted);font-size:12.5px}
details.module:target{box-shadow:0 0 0 2px #fdba74}
.mbody{padding:6px 16px 14px}
.facets{display:flex;flex-wrap:wrap;gap:6px 22px;margin:8px 0}
.facets .facet{font-size:12.5px;white-space:nowrap}
.facets .facet b{display:inline-block;min-width:76px;font-weight:600}
ul.reasons{margin:4px 0 8px;padding-left:20px}
.files code{background:var(--soft);padding:1px 5px;border-radius:4px;margin-right:4px}
.finding{margin:10px 0 14px}
.finding .head{margin-bottom:4px}
.finding .head code{margin:0 4px}
pre.snippet{margin:0;background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:6px 0;
overflow-x:auto;tab-size:4;line-height:1.5}
pre.snippet .l{display:block;padding:0 12px;min-width:max-content}
pre.snippet .l.hit{background:#fff3c4}
pre.snippet .l.caret{color:var(--risk);font-weight:700;line-height:1}
pre.snippet .ln{display:inline-block;vertical-align:top;min-width:5ch;margin-right:14px;text-align:right;
color:#8c959f;user-select:none}
pre.snippet.missing{color:var(--muted);padding:6px 12px;font-style:italic}
footer{color:var(--muted);font-size:12px;border-top:1px solid var(--line);margin-top:36px;padding-top:12px}
@media print{nav.sections,.toolbar{display:none}details.module{break-inside:avoid}}
)CSS";

/// 'sha256-...' of the script, for the Content-Security-Policy.
std::string scriptHash(llvm::StringRef Script) {
  auto Digest = llvm::SHA256::hash(
      llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(Script.data()), Script.size()));
  return "sha256-" + llvm::encodeBase64(Digest);
}

const char *severityClass(Severity S) {
  switch (S) {
  case Severity::Critical:
    return "sev sev-critical";
  case Severity::High:
    return "sev sev-high";
  case Severity::Medium:
    return "sev sev-medium";
  case Severity::Low:
    return "sev sev-low";
  }
  return "sev";
}

const char *plural(size_t N, const char *One, const char *Many) { return N == 1 ? One : Many; }

/// A snippet line cut to a readable length (a minified file may have a line
/// of megabytes), on a UTF-8 character boundary.
std::string clipLine(const std::string &Line, size_t Max = 400) {
  if (Line.size() <= Max)
    return Line;
  size_t Cut = Max;
  while (Cut > 0 && (static_cast<unsigned char>(Line[Cut]) & 0xC0) == 0x80)
    --Cut;
  return Line.substr(0, Cut) + "\xE2\x80\xA6";
}

/// Writes everything; one instance per report.
class Page {
public:
  Page(const ScanFacts &Facts, const ScanContext &Ctx, const ProgramAnalysis *Analysis)
      : Facts(Facts), Ctx(Ctx), A(Analysis), Sources(Ctx.Root) {
    if (Ctx.Modules)
      for (size_t I = 0; I < Ctx.Modules->size(); ++I) {
        const ModuleScore &M = (*Ctx.Modules)[I];
        for (const auto &F : M.Files)
          ModuleOfFile.emplace(F, I);
        if (A)
          for (size_t N : M.Functions)
            ModuleOfNode.emplace(N, I);
      }
  }

  std::string render() {
    std::string Hash = scriptHash(PageScript);
    H.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // No network at all: nothing may be fetched, and only the script below
    // (by hash) may run.
    H.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src data:; script-src '")
        .raw(Hash)
        .raw("'; base-uri 'none'; form-action 'none'\">\n");
    H.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    H.raw("<meta name=\"generator\" content=\"").text(Facts.Tool.Name).raw(" ");
    H.text(Facts.Tool.Version).raw("\">\n<title>");
    H.text(Facts.Tool.Name).raw(" report");
    if (!Ctx.RootLabel.empty())
      H.raw(": ").text(Ctx.RootLabel);
    H.raw("</title>\n<style>").raw(PageStyle).raw("</style>\n</head>\n<body>\n");

    renderHeader();
    H.raw("<main>\n");
    renderSummary();
    renderFilters();
    if (Ctx.Modules) {
      renderModules();
      renderDrillDowns();
    }
    renderFindings();
    renderFunctions();
    renderProblems();
    H.raw("<footer>Generated by ").text(Facts.Tool.Name).raw(" ").text(Facts.Tool.Version);
    H.raw(". This page is self-contained: it loads nothing from the network.</footer>\n");
    H.raw("</main>\n");

    H.raw("<script type=\"application/json\" id=\"carcinize-data\">")
        .raw(scriptSafeJson(chartData()))
        .raw("</script>\n");
    H.raw("<script>").raw(PageScript).raw("</script>\n</body>\n</html>\n");
    return std::move(H.Out);
  }

private:
  const ScanFacts &Facts;
  const ScanContext &Ctx;
  const ProgramAnalysis *A;
  SourceLines Sources;
  HtmlOut H;
  std::map<std::string, size_t> ModuleOfFile;
  std::map<size_t, size_t> ModuleOfNode;

  static std::string moduleId(size_t Index) { return "m" + std::to_string(Index + 1); }

  size_t chartRows() const {
    size_t Top = Ctx.Top ? Ctx.Top : 10;
    return std::min(Top, Ctx.Modules ? Ctx.Modules->size() : 0);
  }

  llvm::json::Value chartData() const {
    llvm::json::Array Modules;
    for (size_t I = 0; I < chartRows(); ++I) {
      const ModuleScore &M = (*Ctx.Modules)[I];
      Modules.push_back(llvm::json::Object{{"id", moduleId(I)},
                                           {"rank", static_cast<int64_t>(M.Rank)},
                                           {"name", validUtf8(M.Name)},
                                           {"priority", round3(M.Priority)},
                                           {"value", round3(M.Value)},
                                           {"risk", round3(M.Risk)},
                                           {"exposure", round3(M.Exposure)},
                                           {"hotness", round3(M.Hotness)},
                                           {"effort", round3(M.Effort)}});
    }
    return llvm::json::Object{{"order", Ctx.Order == RankBy::Value ? "value" : "priority"},
                              {"modules", std::move(Modules)}};
  }

  // --- small pieces -------------------------------------------------------

  /// Whether the scan measured coverage (a `seen` column and a summary).
  bool seenCoverage() const { return Ctx.Coverage && Ctx.Coverage->Measured; }

  /// A table header cell; \p Key names the column for sorting (and for
  /// #sort=key), \p Numeric sorts by number, \p Sorted marks the initial order.
  void th(const char *Label, const char *Key, bool Numeric, const char *Sorted = nullptr) {
    H.raw("<th data-key=\"").raw(Key).raw("\" data-type=\"").raw(Numeric ? "num" : "text");
    H.raw(Numeric ? "\" class=\"num\"" : "\"");
    if (Sorted)
      H.raw(" aria-sort=\"").raw(Sorted).raw("\"");
    H.raw(">").raw(Label).raw("</th>");
  }

  void tableStart(const std::string &Name) {
    H.raw("<div class=\"table-wrap\"><table class=\"sortable\" data-table=\"").raw(Name);
    H.raw("\">\n<thead><tr>");
  }
  void tableBody() { H.raw("</tr></thead>\n<tbody>\n"); }
  void tableEnd() { H.raw("</tbody>\n</table></div>\n"); }

  void numCell(unsigned long long N) { H.raw("<td class=\"num\">").num(N).raw("</td>"); }

  /// A score, shown with two decimals and sorted by three.
  void scoreCell(double V) {
    H.raw("<td class=\"num\" data-v=\"").raw(fixed(V, 3)).raw("\">").raw(fixed(V, 2)).raw("</td>");
  }

  /// A 0..1 score with a small bar.
  void facetCell(double V, const char *Facet) {
    double Clamped = std::isfinite(V) ? std::max(0.0, std::min(1.0, V)) : 0;
    H.raw("<td class=\"num\" data-v=\"").raw(fixed(V, 3)).raw("\">");
    meter(Clamped, Facet);
    H.raw(fixed(V, 2)).raw("</td>");
  }

  void meter(double Fraction, const char *Facet) {
    H.raw("<span class=\"meter\"><span class=\"f-").raw(Facet).raw("\" style=\"width:");
    H.raw(fixed(Fraction * 100, 1)).raw("%\"></span></span>");
  }

  void severityBadge(Severity S) {
    H.raw("<span class=\"").raw(severityClass(S)).raw("\">").raw(toString(S)).raw("</span>");
  }

  void moduleLink(size_t Index) {
    const ModuleScore &M = (*Ctx.Modules)[Index];
    H.raw("<a href=\"#").raw(moduleId(Index)).raw("\">").text(M.Name).raw("</a>");
  }

  static std::string location(const std::string &File, unsigned Line, unsigned Column = 0) {
    std::string S = File + ":" + std::to_string(Line);
    if (Column)
      S += ":" + std::to_string(Column);
    return S;
  }

  /// Sort key of a location: the file, then the line and column as numbers.
  static std::string locationKey(const std::string &File, unsigned Line, unsigned Column = 0) {
    char Buf[32];
    std::snprintf(Buf, sizeof Buf, "%010u:%010u", Line, Column);
    return File + " " + Buf;
  }

  // --- sections -----------------------------------------------------------

  void renderHeader() {
    H.raw("<header class=\"top\"><h1><span class=\"crab\">&#x25C6;</span> ");
    H.text(Facts.Tool.Name).raw(" report</h1>\n<div class=\"meta\">");
    if (!Ctx.RootLabel.empty())
      H.raw("Scanned <code>").text(Ctx.RootLabel).raw("</code> &middot; ");
    H.text(Facts.Tool.Name).raw(" <span class=\"version\">").text(Facts.Tool.Version);
    H.raw("</span></div></header>\n");
    H.raw("<nav class=\"sections\"><a href=\"#summary\">Summary</a>");
    if (Ctx.Modules)
      H.raw("<a href=\"#modules\">Modules</a><a href=\"#details\">Module details</a>");
    H.raw("<a href=\"#findings\">Findings</a><a href=\"#functions\">Functions</a></nav>\n");
  }

  /// A <select> of \p Values (value and label alike), "all" first.
  void selectFilter(const char *Key, const char *Label, const std::set<std::string> &Values) {
    H.raw("<label>").raw(Label).raw(" <select id=\"filter-").raw(Key).raw("\">");
    H.raw("<option value=\"\">all</option>");
    for (const auto &V : Values)
      H.raw("<option value=\"").text(V).raw("\">").text(V).raw("</option>");
    H.raw("</select></label>\n");
  }

  /// The search box and filters (by module, rule, severity, file), shown
  /// only when the script runs: without it they could not work.
  void renderFilters() {
    std::set<std::string> Modules, Rules, Files;
    if (Ctx.Modules)
      for (const auto &M : *Ctx.Modules)
        Modules.insert(M.Name);
    for (const auto &F : Facts.Findings)
      if (!F.Suppressed)
        Rules.insert(F.RuleId);
    for (const auto &F : Facts.Files)
      Files.insert(F.Path);
    H.raw("<div class=\"filters js-only\" role=\"search\" id=\"filters\">\n");
    H.raw("<label>Search <input type=\"search\" id=\"filter-q\" "
          "placeholder=\"function, file, rule, message\"></label>\n");
    if (Ctx.Modules)
      selectFilter("module", "Module", Modules);
    selectFilter("rule", "Rule", Rules);
    H.raw("<label>Severity <select id=\"filter-sev\"><option value=\"\">all</option>"
          "<option value=\"3\">critical</option><option value=\"2\">high and above</option>"
          "<option value=\"1\">medium and above</option><option value=\"0\">low and above"
          "</option></select></label>\n");
    selectFilter("file", "File", Files);
    H.raw("<output id=\"filter-status\" aria-live=\"polite\"></output>\n</div>\n");
  }

  /// data-files="a.c&#10;b.h": the files of module \p M, for the file
  /// filter (one per line; the entity keeps the page's lines whole).
  void filesAttribute(const ModuleScore &M) {
    H.raw(" data-files=\"");
    for (size_t I = 0; I < M.Files.size(); ++I)
      (I ? H.raw("&#10;") : H).text(M.Files[I]);
    H.raw("\"");
  }

  void card(const char *Label, const std::string &Number, const std::string &Sub) {
    H.raw("<div class=\"card\"><div class=\"label\">").raw(Label).raw("</div><div class=\"n\">");
    H.raw(Number).raw("</div><div class=\"sub\">").raw(Sub).raw("</div></div>\n");
  }

  void renderSummary() {
    ScanStats S = computeStats(Facts);
    unsigned Lines = 0;
    for (const auto &F : Facts.Files)
      Lines += F.CodeLines;
    unsigned BySev[4] = {0, 0, 0, 0}, Active = 0, Suppressed = 0;
    for (const auto &F : Facts.Findings) {
      if (F.Suppressed) {
        ++Suppressed;
        continue;
      }
      ++Active;
      ++BySev[static_cast<int>(F.Sev)];
    }
    H.raw("<section id=\"summary\">\n<div class=\"cards\">\n");
    card("Translation units", std::to_string(S.TranslationUnits),
         std::to_string(S.ParsedClean) + " clean &middot; " + std::to_string(S.ParsedWithErrors) +
             " recovered &middot; " + std::to_string(S.Failed) + " failed" +
             (S.InferredFlags ? " &middot; " + std::to_string(S.InferredFlags) + " inferred flags"
                              : std::string()));
    card("Files", std::to_string(Facts.Files.size()),
         std::to_string(Lines) + " code lines" +
             (seenCoverage() ? " &middot; " + percent(Ctx.Coverage->Scan.share()) + " analysed"
                             : std::string()));
    card("Functions", std::to_string(Facts.Functions.size()), "defined in the tree");
    card("Findings", std::to_string(Active),
         std::to_string(BySev[3]) + " critical &middot; " + std::to_string(BySev[2]) +
             " high &middot; " + std::to_string(BySev[1]) + " medium &middot; " +
             std::to_string(BySev[0]) + " low" +
             (Suppressed ? " &middot; " + std::to_string(Suppressed) + " suppressed"
                         : std::string()));
    if (Ctx.Modules)
      card("Modules", std::to_string(Ctx.Modules->size()),
           Ctx.Order == RankBy::Value ? "ranked by value" : "ranked by priority");
    H.raw("</div>\n");
    // Low coverage opens the page, as it opens the text report: the ranking
    // below speaks only of the code that was analysed.
    if (seenCoverage())
      if (std::string W = lowCoverageWarning(*Ctx.Coverage, Ctx.HasDatabase); !W.empty())
        H.raw("<p class=\"warning coverage-warning\" role=\"alert\"><b>warning</b> ").text(W).raw(
            "</p>\n");
    if (!Ctx.Notes.empty() || !Ctx.Warnings.empty()) {
      H.raw("<ul class=\"notes\">\n");
      for (const auto &N : Ctx.Notes)
        H.raw("<li class=\"note\"><b>note</b>").text(N).raw("</li>\n");
      for (const auto &W : Ctx.Warnings)
        H.raw("<li class=\"warning\"><b>warning</b>").text(W).raw("</li>\n");
      H.raw("</ul>\n");
    }
    H.raw("</section>\n");
  }

  void renderModules() {
    const auto &Ms = *Ctx.Modules;
    H.raw("<section id=\"modules\">\n<h2>Modules to rewrite in Rust first <span class=\"count\">(");
    H.num(Ms.size()).raw(")</span></h2>\n<p class=\"lead\">");
    if (Ctx.Order == RankBy::Value)
      H.raw("Ranked by value: where the danger is.");
    else
      H.raw("Ranked by priority: by value; the first pilot, the fewest person-days of the "
            "most valuable modules, is named in its reasons.");
    H.raw(" Risk, exposure, hotness and effort are in 0..1, the effort also in person-days; "
          "click a module for the facts behind its score.</p>\n");
    if (Ms.empty()) {
      H.raw("<p class=\"muted\">No modules: the scan found no functions.</p>\n</section>\n");
      return;
    }
    size_t Rows = chartRows();
    H.raw("<div class=\"chart-box\"><svg id=\"facet-chart\" role=\"img\" aria-label=\"Facets of "
          "the top ");
    H.num(Rows).raw(" modules\"></svg><noscript><p class=\"muted\">The chart needs JavaScript; "
                    "the table below has the same numbers.</p></noscript>");
    if (Ms.size() > Rows) {
      H.raw("<p class=\"muted\">The chart shows the top ").num(Rows).raw(" of ").num(Ms.size());
      H.raw(" modules; the table has them all.</p>");
    }
    H.raw("</div>\n");
    bool History =
        std::any_of(Ms.begin(), Ms.end(), [](const ModuleScore &M) { return M.HasHistory; });
    tableStart("modules");
    th("Rank", "rank", true, "ascending");
    th("Module", "module", false);
    th("Priority", "priority", true);
    if (seenCoverage())
      th("Seen", "seen", true);
    th("Value", "value", true);
    th("Risk", "risk", true);
    th("Exposure", "exposure", true);
    th("Hotness", "hotness", true);
    th("Effort", "effort", true);
    th("Person-days", "days", true);
    if (History)
      th("History", "history", true);
    th("Lines", "lines", true);
    th("Functions", "functions", true);
    th("Findings", "findings", true);
    th("Severe", "severe", true);
    th("Interface", "interface", true);
    tableBody();
    for (size_t I = 0; I < Ms.size(); ++I) {
      const ModuleScore &M = Ms[I];
      H.raw("<tr data-module=\"").text(M.Name).raw("\"");
      filesAttribute(M);
      H.raw(">");
      numCell(M.Rank);
      H.raw("<td class=\"mono\">");
      moduleLink(I);
      H.raw("</td>");
      scoreCell(M.Priority);
      if (seenCoverage()) {
        // The share of the module's code lines analysed (issue 16): beside
        // the score, so a score built on little of the code shows it.
        auto It = Ctx.Coverage->Modules.find(M.Name);
        double Share = It == Ctx.Coverage->Modules.end() ? 1.0 : It->second.share();
        H.raw("<td class=\"num\" data-v=\"").raw(fixed(Share, 3)).raw("\">");
        H.raw(percent(Share)).raw("</td>");
      }
      // Plain numbers: the chart above draws the bars.
      scoreCell(M.Value);
      scoreCell(M.Risk);
      scoreCell(M.Exposure);
      scoreCell(M.Hotness);
      scoreCell(M.Effort);
      H.raw("<td class=\"num\" data-v=\"").raw(fixed(M.PersonDays, 1)).raw("\">");
      H.raw(fixed(M.PersonDays, 1)).raw("</td>");
      if (History) {
        if (M.HasHistory)
          scoreCell(M.History.Score);
        else
          H.raw("<td class=\"num\" data-v=\"-1\">&ndash;</td>");
      }
      numCell(M.CodeLines);
      numCell(M.FunctionCount);
      numCell(M.Findings);
      numCell(M.SevereFindings);
      numCell(M.InterfaceFunctions);
      H.raw("</tr>\n");
    }
    tableEnd();
    H.raw("</section>\n");
  }

  void renderDrillDowns() {
    const auto &Ms = *Ctx.Modules;
    if (Ms.empty())
      return;
    H.raw("<section id=\"details\">\n<h2>Module details</h2>\n<div class=\"toolbar\">"
          "<button type=\"button\" class=\"js-only\" data-action=\"expand\">Expand all</button>"
          "<button type=\"button\" class=\"js-only\" data-action=\"collapse\">Collapse all</button>"
          "</div>\n");
    for (size_t I = 0; I < Ms.size(); ++I)
      renderModule(I);
    H.raw("</section>\n");
  }

  void facetLabel(const char *Label, double V, const char *Facet) {
    H.raw("<span class=\"facet\"><b>").raw(Label).raw("</b>");
    meter(std::isfinite(V) ? std::max(0.0, std::min(1.0, V)) : 0, Facet);
    H.raw(fixed(V, 2)).raw("</span>");
  }

  void renderModule(size_t Index) {
    const ModuleScore &M = (*Ctx.Modules)[Index];
    std::string Id = moduleId(Index);
    H.raw("<details class=\"module\" id=\"")
        .raw(Id)
        .raw("\" data-module=\"")
        .text(M.Name)
        .raw("\"");
    filesAttribute(M);
    if (Index == 0)
      H.raw(" open");
    H.raw(">\n<summary><span class=\"rank\">").num(M.Rank).raw("</span><span class=\"mname\">");
    H.text(M.Name).raw("</span><span class=\"msum\">priority ").raw(fixed(M.Priority, 2));
    H.raw(" &middot; value ").raw(fixed(M.Value, 2)).raw(" &middot; ").num(M.CodeLines);
    H.raw(plural(M.CodeLines, " code line", " code lines")).raw(" &middot; ").num(M.Findings);
    H.raw(plural(M.Findings, " finding", " findings"))
        .raw("</span></summary>\n<div class=\"mbody\">\n");

    H.raw("<div class=\"facets\">");
    facetLabel("Risk", M.Risk, "risk");
    facetLabel("Exposure", M.Exposure, "exposure");
    facetLabel("Hotness", M.Hotness, "hotness");
    facetLabel("Effort", M.Effort, "effort");
    facetLabel("Value", M.Value, "value");
    if (M.HasHistory)
      facetLabel("History", M.History.Score, "effort");
    H.raw("</div>\n");
    if (!M.PersonDaysBasis.empty())
      H.raw("<p class=\"files\">Effort: ").text(M.PersonDaysBasis).raw("</p>\n");

    if (!M.Files.empty()) {
      H.raw("<p class=\"files\">Files: ");
      for (const auto &F : M.Files)
        H.raw("<code>").text(F).raw("</code>");
      H.raw("</p>\n");
    }
    if (!M.Reasons.empty()) {
      H.raw("<h3>Why</h3>\n<ul class=\"reasons\">\n");
      for (const auto &R : M.Reasons)
        H.raw("<li>").text(R).raw("</li>\n");
      H.raw("</ul>\n");
    }
    if (A && !M.Functions.empty())
      renderModuleFunctions(Id, M);
    renderModuleFindings(M);
    H.raw("</div>\n</details>\n");
  }

  void renderModuleFunctions(const std::string &Id, const ModuleScore &M) {
    H.raw("<h3>Functions <span class=\"muted\">(").num(M.Functions.size()).raw(")</span></h3>\n");
    tableStart(Id + "-functions");
    th("Function", "function", false);
    th("Location", "location", false);
    th("Lines", "lines", true);
    th("Complexity", "complexity", true);
    th("Exposure", "exposure", true);
    th("Hotness", "hotness", true);
    H.raw("<th>Why</th>");
    tableBody();
    for (size_t N : M.Functions)
      functionRow(N, /*WithModule=*/false);
    tableEnd();
  }

  /// One call-graph node as a table row.
  void functionRow(size_t N, bool WithModule) {
    const FunctionFacts &F = A->Graph.function(N);
    auto Mod = ModuleOfNode.find(N);
    H.raw("<tr data-file=\"").text(F.File).raw("\" data-module=\"");
    if (Ctx.Modules && Mod != ModuleOfNode.end())
      H.text((*Ctx.Modules)[Mod->second].Name);
    H.raw("\"><td class=\"fn\"><code>").text(F.Name).raw("</code></td>");
    if (WithModule) {
      auto It = ModuleOfNode.find(N);
      if (It != ModuleOfNode.end()) {
        H.raw("<td class=\"mono\">");
        moduleLink(It->second);
        H.raw("</td>");
      } else {
        H.raw("<td></td>");
      }
    }
    H.raw("<td class=\"loc mono\" data-v=\"").text(locationKey(F.File, F.BeginLine)).raw("\">");
    H.text(location(F.File, F.BeginLine)).raw("</td>");
    numCell(F.CodeLines);
    numCell(F.Complexity);
    const FunctionExposure &E = A->Exposure[N];
    const FunctionHotness &Hot = A->Hotness[N];
    facetCell(E.Score, "exposure");
    facetCell(Hot.Score, "hotness");
    H.raw("<td>");
    if (E.Score > 0 && !E.Evidence.Kind.empty())
      H.text(describeExposure(E.Evidence)).raw("<br>");
    H.raw("<span class=\"muted\">").text(Hot.Detail).raw("</span></td></tr>\n");
  }

  void renderModuleFindings(const ModuleScore &M) {
    std::vector<size_t> Shown;
    for (size_t K : M.FindingIndexes)
      if (K < Facts.Findings.size() && !Facts.Findings[K].Suppressed)
        Shown.push_back(K);
    H.raw("<h3>Findings <span class=\"muted\">(").num(Shown.size()).raw(")</span></h3>\n");
    if (Shown.empty()) {
      H.raw("<p class=\"muted\">No memory-safety findings in this module.</p>\n");
      return;
    }
    for (size_t K : Shown)
      renderFinding(Facts.Findings[K]);
  }

  void renderFinding(const Finding &F) {
    H.raw("<div class=\"finding\"><div class=\"head\">");
    severityBadge(F.Sev);
    H.raw("<code>").text(location(F.File, F.Line, F.Column)).raw("</code>").text(F.Message);
    H.raw(" <span class=\"rule\">[").text(F.RuleId).raw("]</span>");
    if (!F.FunctionName.empty())
      H.raw(" <span class=\"muted\">in <code>").text(F.FunctionName).raw("</code></span>");
    H.raw("</div>\n");
    renderSnippet(F.File, F.Line, F.Column);
    H.raw("</div>\n");
  }

  /// Two lines of context either side of \p Line, and a caret under
  /// \p Column (a byte column, as Clang counts).
  void renderSnippet(const std::string &File, unsigned Line, unsigned Column) {
    if (Line == 0 || !Sources.readable(File)) {
      H.raw("<pre class=\"snippet missing\">source not available</pre>\n");
      return;
    }
    unsigned First = Line > 2 ? Line - 2 : 1;
    H.raw("<pre class=\"snippet\">");
    for (unsigned L = First; L <= Line + 2; ++L) {
      const std::string &Text = Sources.line(File, L);
      if (L > Line && Text.empty() && Sources.line(File, L + 1).empty())
        break; // past the end of the file
      H.raw(L == Line ? "<span class=\"l hit\">" : "<span class=\"l\">");
      H.raw("<span class=\"ln\">").num(L).raw("</span>").text(clipLine(Text)).raw("</span>");
      if (L == Line && Column > 0 && Column <= 400 && Column <= Text.size() + 1) {
        // Keep the tabs of the line so the caret lines up with the column.
        std::string Pad;
        for (size_t B = 0; B + 1 < Column; ++B) {
          unsigned char C = Text[B];
          if (C == '\t')
            Pad += '\t';
          else if ((C & 0xC0) != 0x80)
            Pad += ' ';
        }
        H.raw("<span class=\"l caret\"><span class=\"ln\"></span>").raw(Pad).raw("^</span>");
      }
    }
    H.raw("</pre>\n");
  }

  void renderFindings() {
    std::vector<const Finding *> Active;
    unsigned Suppressed = 0;
    for (const auto &F : Facts.Findings) {
      if (F.Suppressed)
        ++Suppressed;
      else
        Active.push_back(&F);
    }
    std::stable_sort(Active.begin(), Active.end(),
                     [](const Finding *X, const Finding *Y) { return X->Sev > Y->Sev; });
    H.raw("<section id=\"findings\">\n<h2>Findings <span class=\"count\">(").num(Active.size());
    H.raw(")</span></h2>\n");
    if (Suppressed) {
      H.raw("<p class=\"lead\">").num(Suppressed);
      H.raw(plural(Suppressed, " finding is", " findings are"));
      H.raw(" suppressed by <code>carcinize-ignore</code> comments and not shown.</p>\n");
    }
    if (Active.empty()) {
      H.raw("<p class=\"muted\">No findings.</p>\n</section>\n");
      return;
    }
    bool Modules = Ctx.Modules != nullptr;
    tableStart("findings");
    th("Severity", "severity", true, "descending");
    th("Rule", "rule", false);
    th("Location", "location", false);
    th("Function", "function", false);
    if (Modules)
      th("Module", "module", false);
    th("Message", "message", false);
    tableBody();
    for (const Finding *F : Active) {
      auto Mod = ModuleOfFile.find(F->File);
      H.raw("<tr data-sev=\"").num(static_cast<unsigned>(F->Sev)).raw("\" data-rule=\"");
      H.text(F->RuleId).raw("\" data-file=\"").text(F->File).raw("\" data-module=\"");
      if (Modules && Mod != ModuleOfFile.end())
        H.text((*Ctx.Modules)[Mod->second].Name);
      H.raw("\"><td data-v=\"").num(static_cast<unsigned>(F->Sev)).raw("\">");
      severityBadge(F->Sev);
      H.raw("</td><td class=\"mono\">").text(F->RuleId).raw("</td>");
      H.raw("<td class=\"loc mono\" data-v=\"").text(locationKey(F->File, F->Line, F->Column));
      H.raw("\">").text(location(F->File, F->Line, F->Column)).raw("</td>");
      H.raw("<td class=\"fn\"><code>").text(F->FunctionName).raw("</code></td>");
      if (Modules) {
        auto It = ModuleOfFile.find(F->File);
        if (It != ModuleOfFile.end()) {
          H.raw("<td class=\"mono\">");
          moduleLink(It->second);
          H.raw("</td>");
        } else {
          H.raw("<td></td>");
        }
      }
      H.raw("<td class=\"msg\">").text(F->Message).raw("</td></tr>\n");
    }
    tableEnd();
    H.raw("</section>\n");
  }

  void renderFunctions() {
    static const size_t Max = 500;
    H.raw("<section id=\"functions\">\n<h2>Functions <span class=\"count\">(");
    H.num(Facts.Functions.size()).raw(")</span></h2>\n");
    if (Facts.Functions.empty()) {
      H.raw("<p class=\"muted\">No functions.</p>\n</section>\n");
      return;
    }
    if (A) {
      std::vector<size_t> Order(A->Graph.size());
      for (size_t I = 0; I < Order.size(); ++I)
        Order[I] = I;
      std::stable_sort(Order.begin(), Order.end(), [&](size_t X, size_t Y) {
        if (A->Exposure[X].Score != A->Exposure[Y].Score)
          return A->Exposure[X].Score > A->Exposure[Y].Score;
        return A->Hotness[X].Score > A->Hotness[Y].Score;
      });
      H.raw("<p class=\"lead\">The most exposed first (trust boundaries), then the hottest");
      if (Order.size() > Max) {
        H.raw("; the first ").num(Max).raw(" of ").num(Order.size());
        Order.resize(Max);
      }
      H.raw(".</p>\n");
      tableStart("functions");
      th("Function", "function", false);
      if (Ctx.Modules)
        th("Module", "module", false);
      th("Location", "location", false);
      th("Lines", "lines", true);
      th("Complexity", "complexity", true);
      th("Exposure", "exposure", true, "descending");
      th("Hotness", "hotness", true);
      H.raw("<th>Why</th>");
      tableBody();
      for (size_t N : Order)
        functionRow(N, Ctx.Modules != nullptr);
      tableEnd();
    } else {
      std::vector<const FunctionFacts *> Fns;
      for (const auto &F : Facts.Functions)
        Fns.push_back(&F);
      std::stable_sort(Fns.begin(), Fns.end(), [](const FunctionFacts *X, const FunctionFacts *Y) {
        return X->Complexity > Y->Complexity;
      });
      H.raw("<p class=\"lead\">The most complex first");
      if (Fns.size() > Max) {
        H.raw("; the first ").num(Max).raw(" of ").num(Fns.size());
        Fns.resize(Max);
      }
      H.raw(".</p>\n");
      tableStart("functions");
      th("Function", "function", false);
      th("Location", "location", false);
      th("Lines", "lines", true);
      th("Complexity", "complexity", true, "descending");
      th("Loop depth", "loops", true);
      tableBody();
      for (const FunctionFacts *F : Fns) {
        H.raw("<tr data-file=\"").text(F->File).raw("\" data-module=\"\">");
        H.raw("<td class=\"fn\"><code>").text(F->Name).raw("</code></td>");
        H.raw("<td class=\"loc mono\" data-v=\"").text(locationKey(F->File, F->BeginLine));
        H.raw("\">").text(location(F->File, F->BeginLine)).raw("</td>");
        numCell(F->CodeLines);
        numCell(F->Complexity);
        numCell(F->MaxLoopDepth);
        H.raw("</tr>\n");
      }
      tableEnd();
    }
    H.raw("</section>\n");
  }

  void renderProblems() {
    std::vector<const TranslationUnitFacts *> Problems;
    for (const auto &TU : Facts.TranslationUnits)
      if (TU.Status != ParseStatus::Clean)
        Problems.push_back(&TU);
    if (Problems.empty())
      return;
    H.raw("<section id=\"problems\">\n<h2>Translation units with problems <span class=\"count\">(");
    H.num(Problems.size()).raw(")</span></h2>\n");
    tableStart("problems");
    th("File", "file", false);
    th("Status", "status", false);
    th("Errors", "errors", true);
    H.raw("<th>Detail</th>");
    tableBody();
    for (const auto *TU : Problems) {
      H.raw("<tr><td class=\"mono\">").text(TU->File).raw("</td><td>").raw(toString(TU->Status));
      H.raw("</td>");
      numCell(TU->ErrorCount);
      H.raw("<td>");
      if (!TU->FailureReason.empty())
        H.text(TU->FailureReason);
      else if (!TU->Errors.empty()) {
        const auto &E = TU->Errors.front();
        H.raw("<code>").text(location(E.File, E.Line, E.Column)).raw("</code> ").text(E.Message);
      }
      if (!TU->MissingIncludes.empty()) {
        H.raw("<br><span class=\"muted\">").num(TU->MissingIncludes.size());
        H.raw(plural(TU->MissingIncludes.size(), " missing header", " missing headers"));
        H.raw(" (first: <code>").text(TU->MissingIncludes.front()).raw("</code>)</span>");
      }
      H.raw("</td></tr>\n");
    }
    tableEnd();
    H.raw("</section>\n");
  }
};

} // namespace

std::string renderScanHtml(const ScanFacts &Facts, const ScanContext &Ctx,
                           const ProgramAnalysis *Analysis) {
  return Page(Facts, Ctx, Analysis).render();
}

} // namespace carcinize
