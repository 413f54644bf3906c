# The benchmark's functional test (never a timed one): the generated
# codebases scan with no failed TU. Included from tests/CMakeLists.txt with
#   include(${CMAKE_CURRENT_SOURCE_DIR}/bench/Register.cmake)
# The benchmark itself (tests/bench/run.py) is run by hand, see
# docs/performance.md.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME bench.generated_codebase_scans
    COMMAND Python3::Interpreter "${CMAKE_CURRENT_LIST_DIR}/smoke.py"
      --carcinize "$<TARGET_FILE:carcinize>"
      --work "${CMAKE_CURRENT_BINARY_DIR}/bench-smoke")
  set_tests_properties(bench.generated_codebase_scans PROPERTIES
    LABELS bench TIMEOUT 600)
else()
  message(STATUS "python3 not found: the bench.generated_codebase_scans test is not registered")
endif()
