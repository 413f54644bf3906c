# Helpers shared by the end-to-end test scripts (run with `cmake -P`).
#
# Every script is started by tests/e2e/CMakeLists.txt with at least:
#   CARCINIZE  the binary under test ($<TARGET_FILE:carcinize>)
#   E2E_DIR    this folder (scripts and goldens)
#   FIXTURES   the repository's fixtures/ folder (read-only: never written)
#   WORK       a scratch folder of its own under the build tree, emptied here
cmake_minimum_required(VERSION 3.20)

foreach(_var CARCINIZE E2E_DIR FIXTURES WORK)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "e2e: ${_var} is not set (run this script through ctest)")
  endif()
endforeach()

# Scans run in other folders: name everything absolutely.
foreach(_var CARCINIZE E2E_DIR FIXTURES WORK)
  get_filename_component(${_var} "${${_var}}" ABSOLUTE)
endforeach()

# Each test starts from an empty scratch folder, so tests can run in parallel
# and a rerun never sees the leftovers of an earlier one.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# Each test has an incremental cache of its own (carcinize's default folder
# is under $XDG_CACHE_HOME), so that no test sees another's entries.
# (Beside WORK, not in it: tests check that WORK holds only what they expect.)
# The user's own cache folder stays known: tools/bootstrap.sh installs the
# SARIF validator there.
if(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
  set(E2E_USER_CACHE "$ENV{XDG_CACHE_HOME}")
elseif(DEFINED ENV{HOME} AND NOT "$ENV{HOME}" STREQUAL "")
  set(E2E_USER_CACHE "$ENV{HOME}/.cache")
else()
  set(E2E_USER_CACHE "")
endif()
file(REMOVE_RECURSE "${WORK}-cache")
set(ENV{XDG_CACHE_HOME} "${WORK}-cache")

# Tests that do not ask for fault injection must not inherit it.
unset(ENV{CARCINIZE_INJECT_CRASH})
unset(ENV{CARCINIZE_PARSE_ALL_BODIES})

# e2e_fail(<text>...): ends the test. The text is printed as is (FATAL_ERROR
# would reflow it, which garbles reports and diffs).
function(e2e_fail)
  string(JOIN "" _msg ${ARGN})
  message(NOTICE "e2e FAILED: ${_msg}\n")
  message(FATAL_ERROR "e2e test failed (details above)")
endfunction()

# e2e_skip(<why>): ends the test as skipped. ctest sees the marker line
# (SKIP_REGULAR_EXPRESSION, set for every e2e test): `cmake -P` cannot choose
# its exit code before CMake 3.29, and Debian 12 has 3.25.
function(e2e_skip why)
  message(NOTICE "carcinize-e2e-skip: ${why}")
  message(FATAL_ERROR "skipped")
endfunction()

# e2e_run(<prefix> WORKDIR <dir> [OUTPUT_FILE <file>] ARGS <arg>...)
# Runs the binary. Sets <prefix>_RC, <prefix>_OUT (stdout, unless OUTPUT_FILE
# captures it byte for byte into a file instead), <prefix>_ERR (stderr) and
# <prefix>_CMD (the command, for messages).
function(e2e_run prefix)
  cmake_parse_arguments(R "" "WORKDIR;OUTPUT_FILE" "ARGS" ${ARGN})
  if(NOT R_WORKDIR)
    set(R_WORKDIR "${WORK}")
  endif()
  string(JOIN " " _cmd "carcinize" ${R_ARGS})
  if(R_OUTPUT_FILE)
    execute_process(COMMAND "${CARCINIZE}" ${R_ARGS}
      WORKING_DIRECTORY "${R_WORKDIR}"
      RESULT_VARIABLE _rc OUTPUT_FILE "${R_OUTPUT_FILE}" ERROR_VARIABLE _err
      TIMEOUT 240)
    set(_out "")
  else()
    execute_process(COMMAND "${CARCINIZE}" ${R_ARGS}
      WORKING_DIRECTORY "${R_WORKDIR}"
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err
      TIMEOUT 240)
  endif()
  set(${prefix}_RC "${_rc}" PARENT_SCOPE)
  set(${prefix}_OUT "${_out}" PARENT_SCOPE)
  set(${prefix}_ERR "${_err}" PARENT_SCOPE)
  set(${prefix}_CMD "${_cmd} (in ${R_WORKDIR})" PARENT_SCOPE)
endfunction()

# e2e_expect_rc(<prefix> <code>): the run exited with <code>.
function(e2e_expect_rc prefix code)
  if(NOT "${${prefix}_RC}" STREQUAL "${code}")
    e2e_fail("`${${prefix}_CMD}` exited with '${${prefix}_RC}', expected ${code}\n"
             "--- stdout:\n${${prefix}_OUT}\n--- stderr:\n${${prefix}_ERR}")
  endif()
endfunction()

# e2e_expect_contains(<what> <text> <substring>)
function(e2e_expect_contains what text sub)
  string(FIND "${text}" "${sub}" _at)
  if(_at EQUAL -1)
    e2e_fail("${what} does not contain '${sub}':\n${text}")
  endif()
endfunction()

# e2e_expect_not_contains(<what> <text> <substring>)
function(e2e_expect_not_contains what text sub)
  string(FIND "${text}" "${sub}" _at)
  if(NOT _at EQUAL -1)
    e2e_fail("${what} contains '${sub}' and must not:\n${text}")
  endif()
endfunction()

# e2e_expect_match(<what> <text> <regex>)
function(e2e_expect_match what text regex)
  if(NOT "${text}" MATCHES "${regex}")
    e2e_fail("${what} does not match the regular expression '${regex}':\n${text}")
  endif()
endfunction()

# e2e_expect_usage_error(<prefix> <regex>): exit 2, nothing on stdout, and a
# single "carcinize: error: ..." line on stderr that matches <regex>. Command
# line syntax errors (from the option parser) may add the one fixed hint line
# "Run 'carcinize --help' for usage.".
function(e2e_expect_usage_error prefix regex)
  e2e_expect_rc(${prefix} 2)
  if(NOT "${${prefix}_OUT}" STREQUAL "")
    e2e_fail("`${${prefix}_CMD}` failed but wrote on stdout:\n${${prefix}_OUT}")
  endif()
  set(_err "${${prefix}_ERR}")
  string(REGEX REPLACE "\nRun 'carcinize --help' for usage\\.\n$" "\n" _err "${_err}")
  if(NOT _err MATCHES "^carcinize: error: [^\n]+\n$")
    e2e_fail("`${${prefix}_CMD}`: stderr is not one 'carcinize: error: ...' line:\n"
             "${${prefix}_ERR}")
  endif()
  if(NOT _err MATCHES "${regex}")
    e2e_fail("`${${prefix}_CMD}`: the error does not match '${regex}':\n${${prefix}_ERR}")
  endif()
endfunction()

# e2e_expect_files_equal(<what> <a> <b>): byte for byte.
function(e2e_expect_files_equal what a b)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${a}" "${b}"
    RESULT_VARIABLE _differ)
  if(_differ)
    e2e_diff(_diff "${a}" "${b}")
    e2e_fail("${what}: ${a} and ${b} differ\n${_diff}")
  endif()
endfunction()

# e2e_diff(<out> <a> <b>): a unified diff when `diff` exists, else both files.
function(e2e_diff out a b)
  find_program(_diff_exe diff)
  if(_diff_exe)
    execute_process(COMMAND "${_diff_exe}" -u "${a}" "${b}" OUTPUT_VARIABLE _d ERROR_QUIET)
  else()
    file(READ "${a}" _ta)
    file(READ "${b}" _tb)
    set(_d "--- ${a}:\n${_ta}\n--- ${b}:\n${_tb}")
  endif()
  set(${out} "${_d}" PARENT_SCOPE)
endfunction()

# e2e_expect_no_absolute_paths(<what> <text> [JSON]): the text names no
# absolute path of this machine (the fixtures, the sources, the scratch
# folder, the home folder); with JSON, no string value starts with '/' either.
function(e2e_expect_no_absolute_paths what text)
  get_filename_component(_src "${E2E_DIR}/../.." ABSOLUTE)
  set(_dirs "${FIXTURES}" "${_src}" "${WORK}")
  if(DEFINED ENV{HOME} AND NOT "$ENV{HOME}" STREQUAL "" AND NOT "$ENV{HOME}" STREQUAL "/")
    list(APPEND _dirs "$ENV{HOME}/")
  endif()
  foreach(_d IN LISTS _dirs)
    if(_d STREQUAL "/" OR _d STREQUAL "")
      continue()
    endif()
    string(FIND "${text}" "${_d}" _at)
    if(NOT _at EQUAL -1)
      e2e_fail("${what} contains the machine-specific path '${_d}':\n${text}")
    endif()
  endforeach()
  if("JSON" IN_LIST ARGN AND text MATCHES "\"(/[^\"]*)\"")
    e2e_fail("${what} contains an absolute path \"${CMAKE_MATCH_1}\":\n${text}")
  endif()
endfunction()

# JSON helpers over string(JSON), which fails the script cleanly when a member
# is missing.

# e2e_json(<out> <json> <member-or-index>...)
function(e2e_json out json)
  string(JSON _v ERROR_VARIABLE _e GET "${json}" ${ARGN})
  if(_e)
    e2e_fail("JSON: cannot read '${ARGN}': ${_e}")
  endif()
  set(${out} "${_v}" PARENT_SCOPE)
endfunction()

# e2e_json_length(<out> <json> <member-or-index>...)
function(e2e_json_length out json)
  string(JSON _n ERROR_VARIABLE _e LENGTH "${json}" ${ARGN})
  if(_e)
    e2e_fail("JSON: cannot read the length of '${ARGN}': ${_e}")
  endif()
  set(${out} "${_n}" PARENT_SCOPE)
endfunction()

# e2e_json_tu(<out> <json> <file>): the translation_units object of <file>.
function(e2e_json_tu out json file)
  e2e_json_length(_n "${json}" translation_units)
  if(_n GREATER 0)
    math(EXPR _last "${_n} - 1")
    foreach(_i RANGE ${_last})
      e2e_json(_f "${json}" translation_units ${_i} file)
      if("${_f}" STREQUAL "${file}")
        e2e_json(_tu "${json}" translation_units ${_i})
        set(${out} "${_tu}" PARENT_SCOPE)
        return()
      endif()
    endforeach()
  endif()
  e2e_fail("no translation unit '${file}' in the report")
endfunction()

# e2e_json_tu_files(<out> <json>): the files of every translation unit.
function(e2e_json_tu_files out json)
  set(_files "")
  e2e_json_length(_n "${json}" translation_units)
  if(_n GREATER 0)
    math(EXPR _last "${_n} - 1")
    foreach(_i RANGE ${_last})
      e2e_json(_f "${json}" translation_units ${_i} file)
      list(APPEND _files "${_f}")
    endforeach()
  endif()
  set(${out} "${_files}" PARENT_SCOPE)
endfunction()

# e2e_json_functions(<out> <json>): "file:name" of every function, in order.
function(e2e_json_functions out json)
  set(_fns "")
  e2e_json_length(_n "${json}" functions)
  if(_n GREATER 0)
    math(EXPR _last "${_n} - 1")
    foreach(_i RANGE ${_last})
      e2e_json(_f "${json}" functions ${_i} file)
      e2e_json(_name "${json}" functions ${_i} name)
      list(APPEND _fns "${_f}:${_name}")
    endforeach()
  endif()
  set(${out} "${_fns}" PARENT_SCOPE)
endfunction()

# e2e_json_file_paths(<out> <json>): the path of every entry of "files".
function(e2e_json_file_paths out json)
  set(_paths "")
  e2e_json_length(_n "${json}" files)
  if(_n GREATER 0)
    math(EXPR _last "${_n} - 1")
    foreach(_i RANGE ${_last})
      e2e_json(_p "${json}" files ${_i} path)
      list(APPEND _paths "${_p}")
    endforeach()
  endif()
  set(${out} "${_paths}" PARENT_SCOPE)
endfunction()

# e2e_expect_tu_status(<json> <file> <status>)
function(e2e_expect_tu_status json file status)
  e2e_json_tu(_tu "${json}" "${file}")
  e2e_json(_s "${_tu}" status)
  if(NOT "${_s}" STREQUAL "${status}")
    e2e_fail("translation unit '${file}' is '${_s}', expected '${status}':\n${_tu}")
  endif()
endfunction()

# e2e_expect_in_list(<what> <list-var> <item>)
function(e2e_expect_in_list what list item)
  list(FIND ${list} "${item}" _at)
  if(_at EQUAL -1)
    e2e_fail("${what}: '${item}' is missing from: ${${list}}")
  endif()
endfunction()

# e2e_scan_json(<out> WORKDIR <dir> ARGS <arg>...): runs a JSON scan that
# must succeed silently, and returns the report.
function(e2e_scan_json out)
  e2e_run(_s ${ARGN} --format json --quiet)
  e2e_expect_rc(_s 0)
  if(NOT "${_s_ERR}" STREQUAL "")
    e2e_fail("`${_s_CMD}` wrote on stderr:\n${_s_ERR}")
  endif()
  set(${out} "${_s_OUT}" PARENT_SCOPE)
endfunction()
