# Crash isolation: with CARCINIZE_INJECT_CRASH=<suffix>, the parse of the
# matching file crashes (SIGSEGV raised inside the parser). The scan must
# still exit 0, report that TU "failed" with a reason naming the crash, and
# report every other TU exactly as a normal scan does.
#
#   -DSUFFIX=<suffix of one demo file, e.g. strutil.c>
#   -DCRASHED=<that file, root-relative, e.g. src/strutil.c>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(demo "${FIXTURES}/demo")

# Baseline, without injection.
e2e_scan_json(normal WORKDIR "${demo}" ARGS scan . -j 2)
e2e_json_tu_files(all_tus "${normal}")
e2e_json_functions(all_fns "${normal}")
e2e_expect_in_list("translation units" all_tus "${CRASHED}")

set(ENV{CARCINIZE_INJECT_CRASH} "${SUFFIX}")
e2e_run(crash WORKDIR "${demo}" ARGS scan . --format json --quiet -j 2)
unset(ENV{CARCINIZE_INJECT_CRASH})
e2e_expect_rc(crash 0)
set(json "${crash_OUT}")

e2e_json(failed "${json}" stats failed)
if(NOT failed EQUAL 1)
  e2e_fail("expected exactly 1 failed TU, stats say ${failed}")
endif()
e2e_expect_tu_status("${json}" "${CRASHED}" failed)
e2e_json_tu(tu "${json}" "${CRASHED}")
e2e_json(reason "${tu}" failure)
if(NOT reason MATCHES "crash")
  e2e_fail("the failure reason of ${CRASHED} does not mention a crash: '${reason}'")
endif()

e2e_json_tu_files(tus "${json}")
if(NOT tus STREQUAL all_tus)
  e2e_fail("the crash changed the list of TUs: ${tus} (expected ${all_tus})")
endif()
foreach(other IN LISTS all_tus)
  if(NOT other STREQUAL CRASHED)
    e2e_expect_tu_status("${json}" "${other}" clean)
  endif()
endforeach()

# Every function defined outside the crashed file is still reported (those of
# a shared header too, found through the other TUs); none of the crashed
# file's own functions is, since its parse never finished.
e2e_json_functions(fns "${json}")
foreach(fn IN LISTS all_fns)
  string(FIND "${fn}" "${CRASHED}:" in_crashed)
  if(in_crashed EQUAL 0)
    list(FIND fns "${fn}" at)
    if(NOT at EQUAL -1)
      e2e_fail("${fn} is reported although its TU crashed")
    endif()
  else()
    e2e_expect_in_list("functions after the crash" fns "${fn}")
  endif()
endforeach()

# The text report says it too.
set(ENV{CARCINIZE_INJECT_CRASH} "${SUFFIX}")
e2e_run(text WORKDIR "${demo}" ARGS scan . --quiet -j 1)
unset(ENV{CARCINIZE_INJECT_CRASH})
e2e_expect_rc(text 0)
e2e_expect_contains("text report" "${text_OUT}" "1 failed)")
e2e_expect_contains("text report" "${text_OUT}" "${CRASHED}: failed")
