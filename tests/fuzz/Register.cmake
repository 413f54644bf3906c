# The fuzzers' smoke run in the main test suite (docs/reliability.md),
# included from tests/CMakeLists.txt:
#
#   fuzz.build            configures and builds tests/fuzz (clang-19,
#                         libFuzzer) into <build>/fuzz; a fixture
#   fuzz.smoke.<target>   runs one fuzzer on its seed corpus
#                         (fixtures/fuzz/<target>) for a bounded number of
#                         inputs; fails on any crash
#
#   ctest --test-dir build/dev -R '^fuzz\.'
#
# Without clang-19 or libclang-rt-19-dev they are reported as skipped.

set(CARCINIZE_FUZZ_DIR "${CMAKE_CURRENT_LIST_DIR}")
# Bounds of a smoke run: enough to run every seed and some mutations.
set(CARCINIZE_FUZZ_SMOKE_RUNS 20000 CACHE STRING "Inputs per fuzzer in the smoke tests")
set(CARCINIZE_FUZZ_SMOKE_SECONDS 30 CACHE STRING "Seconds per fuzzer in the smoke tests")
# The same list as CARCINIZE_FUZZERS in tests/fuzz/CMakeLists.txt.
set(CARCINIZE_FUZZ_TARGETS
  baseline callgrind compilation_database config facts_json folded_stacks
  suppressions unified_diff)

add_test(NAME fuzz.build
  COMMAND "${CMAKE_COMMAND}"
    -DMODE=build
    "-DSOURCE=${CARCINIZE_FUZZ_DIR}"
    "-DBINARY=${CMAKE_BINARY_DIR}/fuzz"
    "-DGENERATOR=${CMAKE_GENERATOR}"
    "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
    -P "${CARCINIZE_FUZZ_DIR}/smoke.cmake")
set_tests_properties(fuzz.build PROPERTIES
  FIXTURES_SETUP carcinize_fuzzers LABELS fuzz TIMEOUT 900
  SKIP_REGULAR_EXPRESSION "carcinize-e2e-skip:")

foreach(target IN LISTS CARCINIZE_FUZZ_TARGETS)
  add_test(NAME fuzz.smoke.${target}
    COMMAND "${CMAKE_COMMAND}"
      -DMODE=run
      "-DTARGET=${target}"
      "-DBINARY=${CMAKE_BINARY_DIR}/fuzz"
      "-DCORPUS=${PROJECT_SOURCE_DIR}/fixtures/fuzz/${target}"
      "-DWORK=${CMAKE_BINARY_DIR}/fuzz/smoke/${target}"
      "-DRUNS=${CARCINIZE_FUZZ_SMOKE_RUNS}"
      "-DSECONDS=${CARCINIZE_FUZZ_SMOKE_SECONDS}"
      -P "${CARCINIZE_FUZZ_DIR}/smoke.cmake")
  set_tests_properties(fuzz.smoke.${target} PROPERTIES
    FIXTURES_REQUIRED carcinize_fuzzers LABELS fuzz TIMEOUT 300
    SKIP_REGULAR_EXPRESSION "carcinize-e2e-skip:")
endforeach()
