# The fuzzers in the main test suite (registered by Register.cmake), run
# with `cmake -P`:
#
#   MODE=build  configures and builds tests/fuzz into BINARY (the fuzz.build
#               test, a CTest fixture the smoke tests require)
#   MODE=run    runs BINARY/fuzz_<TARGET> for a bounded number of inputs,
#               starting from a scratch copy of CORPUS (fixtures/ is never
#               written), in WORK; fails on any crash, sanitizer report,
#               failed property or time-out
#
# Without clang-19 or its libFuzzer runtime (Debian: libclang-rt-19-dev)
# the tests are skipped: ctest sees the marker line (SKIP_REGULAR_EXPRESSION);
# `cmake -P` cannot choose its exit code before CMake 3.29.
cmake_minimum_required(VERSION 3.20)

foreach(_var MODE BINARY)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "fuzz: ${_var} is not set (run this script through ctest)")
  endif()
endforeach()

function(fuzz_skip)
  string(JOIN "" _why ${ARGN})
  message(NOTICE "carcinize-e2e-skip: ${_why}")
  message(FATAL_ERROR "skipped")
endfunction()

function(fuzz_fail)
  string(JOIN "" _msg ${ARGN})
  message(NOTICE "fuzz FAILED: ${_msg}\n")
  message(FATAL_ERROR "fuzz test failed (details above)")
endfunction()

# Sets CLANG and CLANGXX, or skips: clang-19 must be there, and able to link
# a libFuzzer target (the runtime is a separate Debian package).
function(fuzz_find_tools scratch)
  find_program(_cc NAMES clang-19)
  find_program(_cxx NAMES clang++-19)
  if(NOT _cc OR NOT _cxx)
    fuzz_skip("clang-19 is not installed (Debian: apt-get install clang-19 libclang-rt-19-dev)")
  endif()
  file(MAKE_DIRECTORY "${scratch}")
  file(WRITE "${scratch}/probe.cpp"
    "#include <cstddef>\n#include <cstdint>\n"
    "extern \"C\" int LLVMFuzzerTestOneInput(const uint8_t *, size_t) { return 0; }\n")
  execute_process(
    COMMAND "${_cxx}" -fsanitize=fuzzer,address,undefined "${scratch}/probe.cpp"
            -o "${scratch}/probe"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    string(STRIP "${_err}" _err)
    fuzz_skip("clang++-19 cannot link a libFuzzer target (Debian: apt-get install "
              "libclang-rt-19-dev)\n${_err}")
  endif()
  set(CLANG "${_cc}" PARENT_SCOPE)
  set(CLANGXX "${_cxx}" PARENT_SCOPE)
endfunction()

if(MODE STREQUAL "build")
  foreach(_var SOURCE GENERATOR)
    if(NOT DEFINED ${_var})
      message(FATAL_ERROR "fuzz: ${_var} is not set (run this script through ctest)")
    endif()
  endforeach()
  fuzz_find_tools("${BINARY}/probe")
  set(_make)
  if(MAKE_PROGRAM)
    set(_make "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
  endif()
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${SOURCE}" -B "${BINARY}" -G "${GENERATOR}" ${_make}
            "-DCMAKE_C_COMPILER=${CLANG}" "-DCMAKE_CXX_COMPILER=${CLANGXX}"
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    fuzz_fail("configuring the fuzz project (${SOURCE}) failed")
  endif()
  # Two jobs: the suite runs other tests beside this one.
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BINARY}" --parallel 2
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    fuzz_fail("building the fuzzers in ${BINARY} failed")
  endif()
  return()
endif()

if(NOT MODE STREQUAL "run")
  message(FATAL_ERROR "fuzz: unknown MODE '${MODE}' (build or run)")
endif()
foreach(_var TARGET CORPUS WORK RUNS SECONDS)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "fuzz: ${_var} is not set (run this script through ctest)")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus")
set(_fuzzer "${BINARY}/fuzz_${TARGET}")
if(NOT EXISTS "${_fuzzer}")
  # fuzz.build skipped for want of tools (skip too), or failed (it says why).
  fuzz_find_tools("${WORK}/probe")
  fuzz_fail("${_fuzzer} was not built: see the test fuzz.build")
endif()

file(GLOB _seeds LIST_DIRECTORIES false "${CORPUS}/*")
if(NOT _seeds)
  fuzz_fail("no seed inputs in ${CORPUS}")
endif()
file(COPY ${_seeds} DESTINATION "${WORK}/corpus")

# -timeout: one input taking longer is a hang; -rss_limit_mb: a leak or an
# allocation blow-up. Crashing inputs are saved in WORK.
math(EXPR _limit "${SECONDS} * 4 + 60")
execute_process(
  COMMAND "${_fuzzer}" "-runs=${RUNS}" "-max_total_time=${SECONDS}" -timeout=10
          -rss_limit_mb=2048 -print_final_stats=1 "-artifact_prefix=${WORK}/"
          "${WORK}/corpus"
  WORKING_DIRECTORY "${WORK}"
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err
  TIMEOUT ${_limit})
file(WRITE "${WORK}/fuzz.log" "${_out}${_err}")
if(NOT _rc EQUAL 0)
  file(GLOB _crashes "${WORK}/crash-*" "${WORK}/leak-*" "${WORK}/timeout-*" "${WORK}/oom-*"
       "${WORK}/slow-unit-*")
  string(LENGTH "${_err}" _len)
  if(_len GREATER 6000)
    math(EXPR _from "${_len} - 6000")
    string(SUBSTRING "${_err}" ${_from} -1 _err)
  endif()
  if(NOT _crashes)
    set(_crashes "(none)")
  endif()
  fuzz_fail("fuzz_${TARGET} exited with ${_rc}. Input saved: ${_crashes}\n"
            "Reproduce: ${_fuzzer} <that file>\n"
            "Fix the parser, then add the input to ${CORPUS} and a unit test "
            "(docs/reliability.md).\n--- end of the fuzzer's output ---\n${_err}")
endif()
string(REGEX MATCH "Done [0-9]+ runs in [0-9]+ second\\(s\\)" _done "${_err}")
string(REGEX MATCH "stat::number_of_executed_units: [0-9]+" _units "${_err}")
message(STATUS "fuzz_${TARGET}: ${_done} (${_units})")
