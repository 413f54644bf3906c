# Faults survived: a hung translation unit is stopped by --tu-timeout, and
# SIGINT/SIGTERM mid-scan exit promptly with 130/143 and leave no report.
#   -DCASE=tu_timeout|sigterm|sigint
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(demo "${FIXTURES}/demo")

if(CASE STREQUAL "tu_timeout")
  # strutil.c never finishes parsing; it alone fails, after the limit.
  set(ENV{CARCINIZE_INJECT_HANG} "strutil.c")
  string(TIMESTAMP t0 "%s")
  e2e_run(s WORKDIR "${demo}" ARGS scan . --format json --quiet --tu-timeout 2)
  string(TIMESTAMP t1 "%s")
  unset(ENV{CARCINIZE_INJECT_HANG})
  e2e_expect_rc(s 0)
  e2e_json(failed "${s_OUT}" stats failed)
  e2e_json(clean "${s_OUT}" stats parsed_clean)
  if(NOT failed EQUAL 1 OR NOT clean EQUAL 5)
    e2e_fail("expected 5 clean TUs and 1 failed, got ${clean} and ${failed}:\n${s_OUT}")
  endif()
  e2e_expect_tu_status("${s_OUT}" "src/strutil.c" failed)
  e2e_json_tu(tu "${s_OUT}" "src/strutil.c")
  e2e_json(reason "${tu}" failure)
  e2e_expect_contains("the failure reason" "${reason}" "timed out after 2 s (--tu-timeout)")
  math(EXPR took "${t1} - ${t0}")
  if(took GREATER 60)
    e2e_fail("the scan took ${took} s with a 2 s limit per TU")
  endif()
  # Every other TU's functions are there.
  e2e_expect_contains("the report" "${s_OUT}" "\"name\": \"parse_frame\"")

elseif(CASE STREQUAL "sigterm" OR CASE STREQUAL "sigint")
  find_program(TIMEOUT timeout)
  if(NOT TIMEOUT)
    e2e_skip("coreutils' timeout is not installed")
  endif()
  if(CASE STREQUAL "sigterm")
    set(sig TERM)
    set(code 143)
  else()
    set(sig INT)
    set(code 130)
  endif()
  # A scan that would hang forever is signalled after 3 seconds.
  set(ENV{CARCINIZE_INJECT_HANG} "frame.c")
  string(TIMESTAMP t0 "%s")
  execute_process(COMMAND "${TIMEOUT}" --preserve-status -s ${sig} -k 30 3
                          "${CARCINIZE}" scan . --quiet --format json -o "${WORK}/report.json"
    WORKING_DIRECTORY "${demo}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
    TIMEOUT 120)
  string(TIMESTAMP t1 "%s")
  unset(ENV{CARCINIZE_INJECT_HANG})
  if(NOT rc EQUAL code)
    e2e_fail("SIG${sig}: exit code ${rc}, expected ${code}\n--- stderr:\n${err}")
  endif()
  math(EXPR took "${t1} - ${t0}")
  if(took GREATER 20)
    e2e_fail("SIG${sig}: carcinize took ${took} s to stop")
  endif()
  e2e_expect_contains("stderr" "${err}" "interrupted by SIG${sig}; no report was written")
  file(GLOB left "${WORK}/*")
  if(left)
    e2e_fail("SIG${sig} left files behind: ${left}")
  endif()
  # No worker process is left running: the hung parse was killed.
  execute_process(COMMAND pgrep -f "${CARCINIZE} scan . --quiet --format json -o ${WORK}/report.json"
    OUTPUT_VARIABLE procs RESULT_VARIABLE prc)
  if(prc EQUAL 0)
    e2e_fail("SIG${sig}: worker processes are still running: ${procs}")
  endif()
elseif(CASE STREQUAL "sigterm_cache")
  # A scan stopped while a big TU parses leaves the cache consistent: what
  # was stored is reused, the rest is parsed, and the report is the report
  # of a scan without any cache.
  find_program(TIMEOUT timeout)
  if(NOT TIMEOUT)
    e2e_skip("coreutils' timeout is not installed")
  endif()
  file(COPY "${demo}/" DESTINATION "${WORK}/tree")
  execute_process(COMMAND sh -c "{ echo 'static const int big[] = {'; seq 1 5000000 | sed 's/$/,/'; echo '0};'; seq 1 30000 | sed 's/.*/int g&(int x) { return x * &; }/'; } > big.c"
    WORKING_DIRECTORY "${WORK}/tree")
  # SIGTERM as soon as the first result is in the cache (big.c still
  # parsing on the other worker), whatever the machine's speed.
  set(script [=[
"$1" scan . --quiet -j 2 --cache-dir "$2" >/dev/null 2>"$2.err" &
pid=$!
i=0
while [ -z "$(find "$2" -name '*.facts' 2>/dev/null | head -n 1)" ] && [ $i -lt 600 ]; do
  sleep 0.1; i=$((i + 1))
done
kill -TERM $pid
wait $pid
echo $?
]=])
  execute_process(COMMAND sh -c "${script}" sh "${CARCINIZE}" "${WORK}/cache"
    WORKING_DIRECTORY "${WORK}/tree" OUTPUT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE
    TIMEOUT 240)
  if(NOT rc EQUAL 143)
    file(READ "${WORK}/cache.err" err)
    e2e_fail("the scan was not interrupted (exit ${rc}); big.c parsed too fast?\n${err}")
  endif()
  e2e_run(warm WORKDIR "${WORK}/tree" ARGS scan . --quiet -v --format json --cache-dir "${WORK}/cache")
  e2e_expect_rc(warm 0)
  if(NOT warm_ERR MATCHES "carcinize: ([0-9]+) translation units parsed, ([0-9]+) reused")
    e2e_fail("no cache counts:\n${warm_ERR}")
  endif()
  if(CMAKE_MATCH_2 LESS 1 OR CMAKE_MATCH_1 LESS 1)
    e2e_fail("after the interruption ${CMAKE_MATCH_1} TUs were parsed and ${CMAKE_MATCH_2} reused; "
             "expected some of each")
  endif()
  e2e_run(cold WORKDIR "${WORK}/tree" ARGS scan . --quiet --format json --no-cache)
  if(NOT warm_OUT STREQUAL cold_OUT)
    e2e_fail("the report after an interrupted cached scan differs from a scan without cache")
  endif()

else()
  e2e_fail("faults.cmake: unknown CASE '${CASE}'")
endif()
