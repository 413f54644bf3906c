# scan --format html, opened in a real headless Chromium: the assertions are
# on the DOM after the page's script ran (the chart it draws, the tables it
# sorts, the drill-down an anchor opens), checked against the JSON report of
# the same scan, plus a screenshot. Skipped when no Chromium is installed:
# exit code 77 (CMake >= 3.29), else the "carcinize-e2e-skip:" marker line.
#
#   -DDIR=<fixture folder under fixtures/>  [-DCHROMIUM=<browser binary>]
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

if(NOT CHROMIUM)
  find_program(CHROMIUM NAMES chromium chromium-browser google-chrome-stable google-chrome)
endif()
if(NOT CHROMIUM)
  e2e_skip("no chromium to render the HTML report (tools/bootstrap.sh --optional)")
endif()

set(src "${FIXTURES}/${DIR}")

# _pad(<out> <number> <width>): zero-padded, for sorting numbers as text.
function(_pad out n width)
  string(LENGTH "${n}" len)
  math(EXPR missing "${width} - ${len}")
  set(zeros "")
  if(missing GREATER 0)
    string(REPEAT "0" ${missing} zeros)
  endif()
  set(${out} "${zeros}${n}" PARENT_SCOPE)
endfunction()

# _html_text(<out> <text>): how the DOM serializes <text> as element content.
function(_html_text out text)
  string(REPLACE "&" "&amp;" text "${text}")
  string(REPLACE "<" "&lt;" text "${text}")
  string(REPLACE ">" "&gt;" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# _attr_values(<out> <text> <regex-prefix>): the quoted values that follow
# <regex-prefix> in <text>, in order (e.g. the data-module of table rows).
function(_attr_values out text prefix)
  string(REGEX MATCHALL "${prefix}\"[^\"]*\"" hits "${text}")
  set(values "")
  foreach(h IN LISTS hits)
    string(REGEX REPLACE "^${prefix}\"([^\"]*)\"$" "\\1" v "${h}")
    list(APPEND values "${v}")
  endforeach()
  set(${out} "${values}" PARENT_SCOPE)
endfunction()

# _section(<out> <text> <start> <end>): from the first <start> to the next <end>.
function(_section out text start end)
  string(FIND "${text}" "${start}" b)
  if(b EQUAL -1)
    e2e_fail("no '${start}' in the rendered page:\n${text}")
  endif()
  string(SUBSTRING "${text}" ${b} -1 rest)
  string(FIND "${rest}" "${end}" e)
  string(SUBSTRING "${rest}" 0 ${e} part)
  set(${out} "${part}" PARENT_SCOPE)
endfunction()

# _chromium(<out> <name> <arg>...): runs the browser headless, hermetically
# (a fresh profile and home folder, no network services), and returns stdout.
function(_chromium out name)
  file(MAKE_DIRECTORY "${WORK}/home-${name}")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env "HOME=${WORK}/home-${name}"
      "${CHROMIUM}" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
      --disable-background-networking --disable-component-update --disable-sync
      --disable-dev-shm-usage --hide-scrollbars "--host-resolver-rules=MAP * ~NOTFOUND"
      "--user-data-dir=${WORK}/profile-${name}" ${ARGN}
    WORKING_DIRECTORY "${WORK}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 0)
    e2e_fail("chromium (${name}) exited with '${rc}':\n${err}")
  endif()
  set(${out} "${dom}" PARENT_SCOPE)
endfunction()

# --- What the page must show, from the JSON report of the same scan --------
e2e_scan_json(json WORKDIR "${WORK}" ARGS scan "${src}")
e2e_json_length(nmod "${json}" modules)
if(nmod LESS 2)
  e2e_fail("${DIR} ranks ${nmod} modules; the test needs at least 2")
endif()
math(EXPR last "${nmod} - 1")
set(ranked "")
set(by_lines_desc "")
set(by_lines_asc "")
foreach(i RANGE ${last})
  e2e_json(name "${json}" modules ${i} module)
  e2e_json(lines "${json}" modules ${i} code_lines)
  list(APPEND ranked "${name}")
  # The page's sort is stable: ties keep the rank order, in both directions.
  math(EXPR inverse "1000000 - ${lines}")
  _pad(l "${lines}" 7)
  _pad(inv "${inverse}" 7)
  _pad(at "${i}" 5)
  list(APPEND by_lines_desc "${inv}|${at}|${name}")
  list(APPEND by_lines_asc "${l}|${at}|${name}")
endforeach()
foreach(order by_lines_desc by_lines_asc)
  list(SORT ${order})
  list(TRANSFORM ${order} REPLACE "^[0-9]+\\|[0-9]+\\|" "")
endforeach()
# (The value order may equal the order by lines, most first; the ascending
# click below then changes it.)
if(by_lines_asc STREQUAL ranked)
  e2e_fail("${DIR}: the rank order is also the order by lines; sorting would go untested")
endif()
list(GET ranked 0 first_module)
# The chart shows the top 10 (the default --top).
set(chart_rows ${nmod})
if(chart_rows GREATER 10)
  set(chart_rows 10)
endif()
list(SUBLIST ranked 0 ${chart_rows} charted)

# A memory-safety finding, for its message and snippet.
e2e_json_length(nfind "${json}" findings)
set(message "")
if(nfind GREATER 0)
  math(EXPR flast "${nfind} - 1")
  foreach(i RANGE ${flast})
    e2e_json(rule "${json}" findings ${i} rule)
    if(rule MATCHES "^mem\\.")
      set(mem_rule "${rule}")
      e2e_json(message "${json}" findings ${i} message)
      e2e_json(finding_line "${json}" findings ${i} line)
      break()
    endif()
  endforeach()
endif()
if(message STREQUAL "")
  e2e_fail("${DIR} has no mem.* finding; the test needs one")
endif()

# --- The report file --------------------------------------------------------
# Scanned from inside the fixture (as the goldens are), so that no absolute
# path is expected anywhere in the page.
e2e_run(scan WORKDIR "${src}" ARGS scan . --format html --quiet -o "${WORK}/report.html")
e2e_expect_rc(scan 0)
if(NOT scan_OUT STREQUAL "" OR NOT scan_ERR STREQUAL "")
  e2e_fail("with -o and --quiet, nothing may be printed; got:\n${scan_OUT}${scan_ERR}")
endif()
if(NOT EXISTS "${WORK}/report.html")
  e2e_fail("-o report.html wrote no file")
endif()
file(READ "${WORK}/report.html" html)
e2e_expect_match("report.html" "${html}" "^<!DOCTYPE html>")
foreach(network "http://" "https://" "<link" " src=")
  string(FIND "${html}" "${network}" at)
  if(NOT at EQUAL -1)
    e2e_fail("report.html refers to the network ('${network}')")
  endif()
endforeach()
e2e_expect_no_absolute_paths("report.html" "${html}")
# The chart is drawn by the script, not written in the file: its bars in the
# DOM below prove that the script ran.
string(FIND "${html}" "<rect" at)
if(NOT at EQUAL -1)
  e2e_fail("report.html already holds chart bars; the DOM checks would prove nothing")
endif()
# Deterministic: a second scan writes the same bytes.
e2e_run(again WORKDIR "${src}" ARGS scan . --format html --quiet -o "${WORK}/again.html")
e2e_expect_rc(again 0)
e2e_expect_files_equal("two HTML reports of the same scan" "${WORK}/report.html" "${WORK}/again.html")

set(url "file://${WORK}/report.html")
string(REPLACE " " "%20" url "${url}")
string(REPLACE "#" "%23" url "${url}")

# --- The rendered page ------------------------------------------------------
_chromium(dom plain --dump-dom "${url}")
e2e_expect_match("the rendered page" "${dom}" "<html[^>]* data-ready=\"1\"")

# The chart: one row per charted module in rank order, six bars each, and
# the first module has the highest priority (the full bar).
_attr_values(rows "${dom}" "<g class=\"chart-row\" data-module=")
if(NOT rows STREQUAL charted)
  list(JOIN rows ", " got)
  list(JOIN charted ", " want)
  e2e_fail("chart rows are '${got}', expected the ranking '${want}'")
endif()
string(REGEX MATCHALL "<rect [^>]*class=\"bar bar-(priority|value|risk|exposure|hotness|effort)\""
       bars "${dom}")
list(LENGTH bars nbars)
math(EXPR want_bars "${chart_rows} * 6")
if(NOT nbars EQUAL want_bars)
  e2e_fail("the chart has ${nbars} bars, expected ${want_bars}")
endif()
_section(first_row "${dom}" "<g class=\"chart-row\" data-module=\"${first_module}\"" "</g>")
e2e_expect_match("the first chart row" "${first_row}"
                 "<rect [^>]*width=\"100\\.0\"[^>]*class=\"bar bar-priority\"")

# The ranking table: rank order, headers made sortable by the script.
_section(modules "${dom}" "data-table=\"modules\"" "</table>")
_attr_values(table_rows "${modules}" "<tr data-module=")
if(NOT table_rows STREQUAL ranked)
  list(JOIN table_rows ", " got)
  list(JOIN ranked ", " want)
  e2e_fail("modules table rows are '${got}', expected the ranking '${want}'")
endif()
e2e_expect_match("the modules table" "${modules}" "<th data-key=\"lines\"[^>]*tabindex=\"0\"")

# The first module's drill-down is open, with a finding and its snippet.
e2e_expect_match("the rendered page" "${dom}"
                 "<details class=\"module\" id=\"m1\" data-module=\"${first_module}\"[^>]* open=\"\"")
_html_text(shown "${message}")
e2e_expect_contains("the rendered page" "${dom}" "${shown}")
_section(details "${dom}" "<section id=\"details\">" "</section>")
e2e_expect_contains("the module drill-downs" "${details}"
                    "<span class=\"l hit\"><span class=\"ln\">${finding_line}</span>")
_section(findings "${dom}" "data-table=\"findings\"" "</table>")
e2e_expect_contains("the findings table" "${findings}" "${shown}")

# --- Sorting, through the #sort= fragment the page applies on load ----------
_chromium(dom_desc desc --dump-dom "${url}#sort=modules.lines")
_section(modules "${dom_desc}" "data-table=\"modules\"" "</table>")
_attr_values(table_rows "${modules}" "<tr data-module=")
if(NOT table_rows STREQUAL by_lines_desc)
  list(JOIN table_rows ", " got)
  list(JOIN by_lines_desc ", " want)
  e2e_fail("#sort=modules.lines: rows are '${got}', expected '${want}'")
endif()
e2e_expect_match("the sorted modules table" "${modules}" "data-sorted=\"lines:desc\"")
e2e_expect_match("the sorted modules table" "${modules}"
                 "<th data-key=\"lines\"[^>]*aria-sort=\"descending\"")
e2e_expect_not_contains("the sorted modules table" "${modules}" "<th data-key=\"rank\" data-type=\"num\" class=\"num\" aria-sort")

_chromium(dom_asc asc --dump-dom "${url}#sort=modules.lines:asc")
_section(modules "${dom_asc}" "data-table=\"modules\"" "</table>")
_attr_values(table_rows "${modules}" "<tr data-module=")
if(NOT table_rows STREQUAL by_lines_asc)
  list(JOIN table_rows ", " got)
  list(JOIN by_lines_asc ", " want)
  e2e_fail("#sort=modules.lines:asc: rows are '${got}', expected '${want}'")
endif()

# --- An anchor opens its module's drill-down --------------------------------
_chromium(dom_m2 anchor --dump-dom "${url}#m2")
list(GET ranked 1 second_module)
e2e_expect_match("the page opened at #m2" "${dom_m2}"
                 "<details class=\"module\" id=\"m2\" data-module=\"${second_module}\"[^>]* open=\"\"")

# --- Search and filters, through the #filter: fragment ----------------------
# _finding_rows(<out> <dom>): "sev|rule|visible" for each row of the findings table.
function(_finding_rows out dom)
  _section(t "${dom}" "data-table=\"findings\"" "</table>")
  string(REGEX MATCHALL "<tr data-sev=\"[0-9]\" data-rule=\"[^\"]*\"[^>]*>" rows "${t}")
  set(res "")
  foreach(r IN LISTS rows)
    string(REGEX REPLACE "^<tr data-sev=\"([0-9])\" data-rule=\"([^\"]*)\".*$" "\\1|\\2" v "${r}")
    if(r MATCHES " hidden=")
      string(APPEND v "|hidden")
    else()
      string(APPEND v "|shown")
    endif()
    list(APPEND res "${v}")
  endforeach()
  set(${out} "${res}" PARENT_SCOPE)
endfunction()
# By rule: exactly the findings of that rule are shown, and the status says so.
set(want_rule 0)
math(EXPR flast "${nfind} - 1")
foreach(i RANGE ${flast})
  e2e_json(r "${json}" findings ${i} rule)
  if(r STREQUAL mem_rule)
    math(EXPR want_rule "${want_rule} + 1")
  endif()
endforeach()
_chromium(dom_rule filter-rule --dump-dom "${url}#filter:rule=${mem_rule}")
_finding_rows(rows "${dom_rule}")
list(LENGTH rows nrows)
if(NOT nrows EQUAL nfind)
  e2e_fail("the findings table has ${nrows} rows, the JSON report ${nfind} findings")
endif()
set(shown 0)
foreach(r IN LISTS rows)
  if(r MATCHES "\\|shown$")
    math(EXPR shown "${shown} + 1")
    if(NOT r MATCHES "^[0-9]\\|${mem_rule}\\|")
      e2e_fail("#filter:rule=${mem_rule} shows a row of another rule: ${r}")
    endif()
  endif()
endforeach()
if(NOT shown EQUAL want_rule)
  e2e_fail("#filter:rule=${mem_rule} shows ${shown} findings, the JSON report has ${want_rule}")
endif()
e2e_expect_contains("the filter status" "${dom_rule}" "Showing ${want_rule} of ${nfind} findings")
# By severity (high and above).
_chromium(dom_sev filter-sev --dump-dom "${url}#filter:sev=2")
_finding_rows(rows "${dom_sev}")
set(shown 0)
foreach(r IN LISTS rows)
  if(r MATCHES "^([0-9])\\|.*\\|(shown|hidden)$")
    if((CMAKE_MATCH_1 GREATER_EQUAL 2) AND NOT CMAKE_MATCH_2 STREQUAL "shown")
      e2e_fail("#filter:sev=2 hides a high finding: ${r}")
    endif()
    if((CMAKE_MATCH_1 LESS 2) AND NOT CMAKE_MATCH_2 STREQUAL "hidden")
      e2e_fail("#filter:sev=2 shows a lower finding: ${r}")
    endif()
  endif()
endforeach()
# By module: its row in the ranking and its drill-down only.
_chromium(dom_mod filter-module --dump-dom "${url}#filter:module=${second_module}")
_section(modules "${dom_mod}" "data-table=\"modules\"" "</table>")
string(REGEX MATCHALL "<tr data-module=\"[^\"]*\"[^>]*>" mrows "${modules}")
foreach(r IN LISTS mrows)
  if(r MATCHES "data-module=\"${second_module}\"" AND r MATCHES " hidden=")
    e2e_fail("#filter:module=${second_module} hides its own row: ${r}")
  elseif(NOT r MATCHES "data-module=\"${second_module}\"" AND NOT r MATCHES " hidden=")
    e2e_fail("#filter:module=${second_module} shows another module: ${r}")
  endif()
endforeach()
e2e_expect_match("#filter:module" "${dom_mod}" "<details class=\"module\" id=\"m1\"[^>]* hidden=\"\"")
e2e_expect_contains("#filter:module" "${dom_mod}" "1 of ${nmod} modules")
# By file: the module's own source names one module (data-files, read with
# its &#10; separators decoded).
_chromium(dom_file filter-file --dump-dom "${url}#filter:file=${second_module}")
e2e_expect_contains("#filter:file" "${dom_file}" "1 of ${nmod} modules")
e2e_expect_match("#filter:file" "${dom_file}"
                 "<details class=\"module\" id=\"m2\" data-module=\"${second_module}\"[^>]*data-files=\"[^\"]*\"[^>]*>")
string(REGEX MATCH "<details class=\"module\" id=\"m2\"[^>]*>" m2_tag "${dom_file}")
string(REGEX MATCH "<details class=\"module\" id=\"m1\"[^>]*>" m1_tag "${dom_file}")
if(m2_tag MATCHES " hidden=" OR NOT m1_tag MATCHES " hidden=")
  e2e_fail("#filter:file=${second_module}: drill-downs '${m1_tag}' '${m2_tag}'")
endif()
# By text: the longest word of the finding's message chosen above; a row
# is shown exactly when its text holds the word (case-insensitive).
string(REGEX MATCHALL "[A-Za-z0-9_]+" words "${message}")
set(probe "")
foreach(w IN LISTS words)
  string(LENGTH "${w}" lw)
  string(LENGTH "${probe}" lp)
  if(lw GREATER lp)
    set(probe "${w}")
  endif()
endforeach()
string(TOLOWER "${probe}" lprobe)
_chromium(dom_q filter-q --dump-dom "${url}#filter:q=${probe}")
_section(t "${dom_q}" "data-table=\"findings\"" "</table>")
string(REGEX MATCHALL "<tr data-sev=[^\n]*</tr>" qrows "${t}")
set(qshown 0)
foreach(r IN LISTS qrows)
  string(REGEX REPLACE "^<tr[^>]*>" "" cells "${r}")
  string(REGEX REPLACE "<[^>]*>" "" cells "${cells}")
  string(TOLOWER "${cells}" cells)
  string(FIND "${cells}" "${lprobe}" at)
  if(r MATCHES "^<tr[^>]* hidden=")
    if(NOT at EQUAL -1)
      e2e_fail("#filter:q=${probe} hides a row that holds it: ${r}")
    endif()
  else()
    math(EXPR qshown "${qshown} + 1")
    if(at EQUAL -1)
      e2e_fail("#filter:q=${probe} shows a row without it: ${r}")
    endif()
  endif()
endforeach()
if(qshown EQUAL 0)
  e2e_fail("#filter:q=${probe} shows no finding")
endif()

# --- A screenshot: a real PNG of the requested size, not a blank page -------
_chromium(ignored shot "--screenshot=${WORK}/report.png" --window-size=1280,2000 "${url}")
if(NOT EXISTS "${WORK}/report.png")
  e2e_fail("chromium wrote no screenshot")
endif()
file(READ "${WORK}/report.png" signature LIMIT 8 HEX)
if(NOT signature STREQUAL "89504e470d0a1a0a")
  e2e_fail("report.png is not a PNG (starts with ${signature})")
endif()
file(READ "${WORK}/report.png" size_hex OFFSET 16 LIMIT 8 HEX)
if(NOT size_hex STREQUAL "00000500000007d0")
  e2e_fail("report.png is not 1280x2000 (IHDR size ${size_hex})")
endif()
file(SIZE "${WORK}/report.png" png_size)
if(png_size LESS 30000)
  e2e_fail("report.png is only ${png_size} bytes: a blank page?")
endif()
message(STATUS "report.png: ${png_size} bytes")

# --- A hostile tree: markup in a file name and in the code shown ------------
# Nothing from the tree may become an element or run: the browser sees the
# page's own two scripts, no image, and the title the report set.
set(hostile "${WORK}/hostile")
file(MAKE_DIRECTORY "${hostile}")
file(WRITE "${hostile}/<img src=x onerror=alert(1)>.c" [=[
#include <string.h>
#include <sys/socket.h>
void copy_in(int fd, char *dst) {
  char buf[64];
  recv(fd, buf, sizeof buf, 0);
  strcpy(dst, "</script><script>document.title='pwned'</script>");
  strcpy(dst, buf);
}
]=])
e2e_run(evil WORKDIR "${hostile}" ARGS scan . --format html --quiet -o "${WORK}/hostile.html")
e2e_expect_rc(evil 0)
set(url "file://${WORK}/hostile.html")
string(REPLACE " " "%20" url "${url}")
string(REPLACE "#" "%23" url "${url}")
_chromium(dom hostile --dump-dom "${url}")
e2e_expect_match("the hostile page" "${dom}" "<html[^>]* data-ready=\"1\"")
string(REGEX MATCH "<title>[^<]*</title>" title "${dom}") # the first: the page's
if(NOT title STREQUAL "<title>carcinize report: .</title>")
  e2e_fail("the hostile page's title is '${title}'")
endif()
e2e_expect_not_contains("the hostile page" "${dom}" "<img")
e2e_expect_not_contains("the hostile page" "${dom}" "<title>pwned")
string(REGEX MATCHALL "<script" scripts "${dom}")
list(LENGTH scripts nscripts)
if(NOT nscripts EQUAL 2)
  e2e_fail("the hostile page has ${nscripts} script elements, expected the page's own 2")
endif()
# The name and the code are there, as text.
e2e_expect_contains("the hostile page" "${dom}" "&lt;img src=x onerror=alert(1)&gt;.c")
e2e_expect_contains("the hostile page" "${dom}"
                    "&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;")
