# Builds a small C program, profiles it with valgrind's callgrind, scans its
# source with --profile, and asserts the hottest function is 'crunch'.
if(NOT VALGRIND)
  # ctest matches the marker (SKIP_REGULAR_EXPRESSION): `cmake -P` cannot
  # choose its exit code before CMake 3.29, and Debian 12 has 3.25.
  message(NOTICE "carcinize-e2e-skip: valgrind is not installed (tools/bootstrap.sh installs it)")
  message(FATAL_ERROR "skipped")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/src")
configure_file("${SOURCE}" "${WORK}/src/work.c" COPYONLY)
execute_process(COMMAND "${CC}" -O1 -g -fno-inline -o "${WORK}/work" "${WORK}/src/work.c"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compiling work.c failed")
endif()
execute_process(COMMAND "${VALGRIND}" --tool=callgrind "--callgrind-out-file=${WORK}/callgrind.out.1"
                        "${WORK}/work"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "valgrind --tool=callgrind failed (${rc})")
endif()
execute_process(COMMAND "${CARCINIZE}" scan "${WORK}/src" --profile "${WORK}/callgrind.out.1"
                        --format json --quiet
                OUTPUT_VARIABLE json RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "carcinize scan --profile failed (${rc})")
endif()
string(JSON n LENGTH "${json}" functions)
set(best "")
set(best_score -1)
math(EXPR last "${n} - 1")
foreach(i RANGE ${last})
  string(JSON name GET "${json}" functions ${i} name)
  string(JSON score GET "${json}" functions ${i} hotness score)
  string(JSON source GET "${json}" functions ${i} hotness source)
  if(NOT source STREQUAL "profile")
    message(FATAL_ERROR "hotness of ${name} is '${source}', expected 'profile'")
  endif()
  if(score GREATER best_score)
    set(best_score ${score})
    set(best ${name})
  endif()
endforeach()
if(NOT best STREQUAL "crunch")
  message(FATAL_ERROR "hottest function is '${best}' (${best_score}), expected 'crunch'")
endif()
message("hottest function from callgrind: ${best} (${best_score})")
