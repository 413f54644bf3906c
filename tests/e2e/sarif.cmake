# SARIF checked by the official validator (Microsoft's SARIF Multitool, the
# one behind https://sarifweb.azurewebsites.net), with its SARIF rules and
# GitHub's ingestion rules (GH1001-GH1007): `carcinize check --format sarif`
# must draw no error.
#
#   -DCASE=demo            fixtures/demo
#   -DCASE=hostile_names   a tree whose file names hold spaces, non-ASCII, and
#                          the characters URIs and workflow commands reserve
#   -DSARIF_MULTITOOL=...  the Sarif.Multitool executable (optional)
#
# The validator is looked for in -DSARIF_MULTITOOL (the cache variable
# CARCINIZE_SARIF_MULTITOOL), then $CARCINIZE_SARIF_MULTITOOL (the executable
# or the npm prefix holding it), then where `tools/bootstrap.sh --optional`
# installs it: ${XDG_CACHE_HOME:-$HOME/.cache}/carcinize/sarif-multitool.
# Without it the test is skipped (e2e_skip). The executable is called
# directly: the npm wrapper re-joins its arguments through a shell and loses
# their quoting.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

# sarif_find_in(<out> <path>): the executable itself, or the one under an npm
# prefix (node_modules/@microsoft/sarif-multitool-<platform>/Sarif.Multitool).
function(sarif_find_in out path)
  set(${out} "" PARENT_SCOPE)
  if(path STREQUAL "")
    return()
  endif()
  if(IS_DIRECTORY "${path}")
    file(GLOB _found "${path}/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool")
    list(SORT _found)
    list(LENGTH _found _n)
    if(_n GREATER 0)
      list(GET _found 0 _exe)
      set(${out} "${_exe}" PARENT_SCOPE)
    endif()
  elseif(EXISTS "${path}")
    set(${out} "${path}" PARENT_SCOPE)
  endif()
endfunction()

set(multitool "")
if(DEFINED SARIF_MULTITOOL AND NOT SARIF_MULTITOOL STREQUAL "")
  sarif_find_in(multitool "${SARIF_MULTITOOL}")
  if(NOT multitool)
    e2e_fail("CARCINIZE_SARIF_MULTITOOL names '${SARIF_MULTITOOL}', which holds no Sarif.Multitool")
  endif()
elseif(DEFINED ENV{CARCINIZE_SARIF_MULTITOOL} AND NOT "$ENV{CARCINIZE_SARIF_MULTITOOL}" STREQUAL "")
  sarif_find_in(multitool "$ENV{CARCINIZE_SARIF_MULTITOOL}")
  if(NOT multitool)
    e2e_fail("$CARCINIZE_SARIF_MULTITOOL names '$ENV{CARCINIZE_SARIF_MULTITOOL}', "
             "which holds no Sarif.Multitool")
  endif()
else()
  # The user's cache folder (common.cmake points XDG_CACHE_HOME elsewhere).
  set(cache "${E2E_USER_CACHE}")
  if(cache)
    sarif_find_in(multitool "${cache}/carcinize/sarif-multitool")
  endif()
endif()
if(NOT multitool)
  string(CONCAT why "the SARIF validator is not installed (tools/bootstrap.sh --optional "
         "installs it with npm, or set CARCINIZE_SARIF_MULTITOOL to its Sarif.Multitool)")
  e2e_skip("${why}")
endif()

# A .NET single-file program: without ICU installed it would refuse to start.
set(ENV{DOTNET_SYSTEM_GLOBALIZATION_INVARIANT} 1)
set(ENV{DOTNET_CLI_TELEMETRY_OPTOUT} 1)

# GitHub's rules (GH1001-GH1007) are off by default, whatever --rule-kind
# says (in Multitool 5.x they are of kind "Ghas", and `--rule-kind Gh` alone
# runs none of them): a configuration turns them on, at level error.
set(config "${WORK}/validate.xml")
string(CONCAT xml "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Properties>\n"
  "  <Properties Key=\"CoreSettings.Options\">\n"
  "    <Property Key=\"RuleKinds\" Type=\"RuleKindSet\">\n"
  "      <Item>Sarif</Item>\n      <Item>Gh</Item>\n      <Item>Ghas</Item>\n"
  "    </Property>\n  </Properties>\n")
foreach(rule GH1001.ProvideRequiredLocationProperties GH1002.InlineThreadFlowLocations
             GH1003.ProvideRequiredRegionProperties
             GH1004.ReviewArraysThatExceedConfigurableDefaults
             GH1005.LocationsMustBeRelativeUrisOrFilePaths GH1006.ProvideCheckoutPath
             GH1007.ProvideFullyFormattedMessageStrings)
  string(APPEND xml "  <Properties Key=\"${rule}.Options\">\n"
                    "    <Property Key=\"RuleEnabled\" Value=\"Error\" "
                    "Type=\"Driver.RuleEnabledState\" />\n  </Properties>\n")
endforeach()
string(APPEND xml "</Properties>\n")
file(WRITE "${config}" "${xml}")

# sarif_validate(<prefix> <sarif>): runs the validator. Sets <prefix>_ERRORS
# and <prefix>_WARNINGS (one "RULE (level) at [where]" line each), and
# <prefix>_ERROR_RULES (the rule ids of the errors).
function(sarif_validate prefix sarif)
  get_filename_component(_name "${sarif}" NAME_WE)
  set(_out "${WORK}/${_name}.validation.sarif")
  file(REMOVE "${_out}") # the validator will not overwrite its output
  execute_process(
    COMMAND "${multitool}" validate --config "${config}" --rule-kind "Sarif;Gh;Ghas"
            --level "Error;Warning" --output "${_out}" "${sarif}"
    WORKING_DIRECTORY "${WORK}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _stdout ERROR_VARIABLE _stderr TIMEOUT 240)
  if(NOT EXISTS "${_out}")
    e2e_fail("the SARIF validator (${multitool}) wrote no report (exit ${_rc}):\n"
             "${_stdout}\n${_stderr}")
  endif()
  file(READ "${_out}" _log)
  set(_errors "")
  set(_warnings "")
  set(_rules "")
  string(JSON _n ERROR_VARIABLE _e LENGTH "${_log}" runs 0 results)
  if(_e)
    set(_n 0)
  endif()
  if(_n GREATER 0)
    math(EXPR _last "${_n} - 1")
    foreach(_i RANGE ${_last})
      string(JSON _rule GET "${_log}" runs 0 results ${_i} ruleId)
      string(JSON _level ERROR_VARIABLE _e GET "${_log}" runs 0 results ${_i} level)
      if(_e)
        set(_level "warning") # SARIF's default level
      endif()
      string(JSON _args ERROR_VARIABLE _e GET "${_log}" runs 0 results ${_i} message arguments)
      set(_line "${_rule} (${_level}) at ${_args}")
      if(_level STREQUAL "error")
        string(APPEND _errors "  ${_line}\n")
        list(APPEND _rules "${_rule}")
      elseif(_level STREQUAL "warning")
        string(APPEND _warnings "  ${_line}\n")
      endif()
    endforeach()
  endif()
  set(${prefix}_ERRORS "${_errors}" PARENT_SCOPE)
  set(${prefix}_WARNINGS "${_warnings}" PARENT_SCOPE)
  set(${prefix}_ERROR_RULES "${_rules}" PARENT_SCOPE)
  set(${prefix}_STDOUT "${_stdout}" PARENT_SCOPE)
endfunction()

# sarif_expect_clean(<sarif>): no error from the validator; warnings are shown.
function(sarif_expect_clean sarif)
  sarif_validate(v "${sarif}")
  if(NOT v_ERRORS STREQUAL "")
    e2e_fail("the SARIF validator reports errors in ${sarif}:\n${v_ERRORS}\n${v_STDOUT}")
  endif()
  if(NOT v_WARNINGS STREQUAL "")
    message("SARIF validator warnings (not failures) in ${sarif}:\n${v_WARNINGS}")
  endif()
endfunction()

# scan_sarif(<dir> <target> <out>): `carcinize check <target> --format sarif
# -o <out>` in <dir>; exit 0 (clean) or 1 (findings), never 2.
function(scan_sarif dir target out)
  e2e_run(c WORKDIR "${dir}" ARGS check "${target}" --format sarif -o "${out}" --quiet)
  if(NOT c_RC STREQUAL "0" AND NOT c_RC STREQUAL "1")
    e2e_fail("`${c_CMD}` exited with '${c_RC}':\n${c_ERR}")
  endif()
  if(NOT EXISTS "${out}")
    e2e_fail("`${c_CMD}` wrote no ${out}:\n${c_ERR}")
  endif()
endfunction()

# sarif_results(<out> <sarif-text>): "uri:line" of every result.
function(sarif_results out text)
  set(_r "")
  string(JSON _n LENGTH "${text}" runs 0 results)
  if(_n GREATER 0)
    math(EXPR _last "${_n} - 1")
    foreach(_i RANGE ${_last})
      e2e_json(_uri "${text}" runs 0 results ${_i} locations 0 physicalLocation
               artifactLocation uri)
      e2e_json(_line "${text}" runs 0 results ${_i} locations 0 physicalLocation region
               startLine)
      list(APPEND _r "${_uri}:${_line}")
    endforeach()
  endif()
  set(${out} "${_r}" PARENT_SCOPE)
endfunction()

if(CASE STREQUAL "demo")
  set(sarif "${WORK}/demo.sarif")
  scan_sarif("${WORK}" "${FIXTURES}/demo" "${sarif}")
  file(READ "${sarif}" text)
  e2e_json_length(n "${text}" runs 0 results)
  if(n EQUAL 0)
    e2e_fail("the demo scan has no results: nothing was validated\n${text}")
  endif()
  e2e_json_length(rules "${text}" runs 0 tool driver rules)
  if(rules LESS 10)
    e2e_fail("the driver lists ${rules} rules, not the catalogue")
  endif()

  # The validator must catch what GitHub rejects, or a clean report proves
  # nothing: a copy without a region and with an absolute file URI fails.
  string(JSON broken REMOVE "${text}" runs 0 results 0 locations 0 physicalLocation region)
  string(JSON broken SET "${broken}" runs 0 results 0 locations 0 physicalLocation
         artifactLocation "{\"uri\": \"file:///elsewhere/x.c\"}")
  file(WRITE "${WORK}/broken.sarif" "${broken}")
  sarif_validate(b "${WORK}/broken.sarif")
  foreach(rule GH1003 GH1006)
    if(NOT rule IN_LIST b_ERROR_RULES)
      e2e_fail("the validator did not report ${rule} on a broken copy (are GitHub's rules "
               "enabled?); it reported:\n${b_ERRORS}")
    endif()
  endforeach()

  sarif_expect_clean("${sarif}")
elseif(CASE STREQUAL "hostile_names")
  # Names that URIs (space, '%', '#', '[', ':' first) and workflow commands
  # (':', ',', '%') reserve, and non-ASCII.
  set(tree "${WORK}/hostile tree")
  file(WRITE "${tree}/sp ace/ü,x:y#1%41 [b].c"
       "#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n")
  file(WRITE "${tree}/a.c::error::x%0A.c"
       "#include <string.h>\n/* é */ void g(char *d, const char *s) { strcpy(d, s); }\n")
  set(sarif "${WORK}/hostile.sarif")
  scan_sarif("${tree}" "." "${sarif}")
  file(READ "${sarif}" text)
  sarif_results(found "${text}")
  set(expected "a.c%3A%3Aerror%3A%3Ax%250A.c:2"
               "sp%20ace/%C3%BC%2Cx%3Ay%231%2541%20%5Bb%5D.c:2")
  if(NOT found STREQUAL expected)
    e2e_fail("results are at '${found}', expected '${expected}'")
  endif()
  sarif_expect_clean("${sarif}")
else()
  e2e_fail("sarif.cmake: unknown CASE '${CASE}'")
endif()
