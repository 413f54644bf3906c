# Skipping the bodies of functions outside the scanned tree (the standard
# library's templates, third-party headers) changes no finding and no fact:
# the report equals one made with every body parsed, as -fsyntax-only does
# (CARCINIZE_PARSE_ALL_BODIES=1).
#
#   -DDIR=<folder under fixtures/ to run in>   -DTARGET=<path given to scan>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

foreach(run skipped all)
  if(run STREQUAL "all")
    set(ENV{CARCINIZE_PARSE_ALL_BODIES} 1)
  endif()
  e2e_run(scan WORKDIR "${FIXTURES}/${DIR}" OUTPUT_FILE "${WORK}/${run}.json"
          ARGS scan "${TARGET}" --format json --quiet --no-cache)
  unset(ENV{CARCINIZE_PARSE_ALL_BODIES})
  e2e_expect_rc(scan 0)
endforeach()
file(READ "${WORK}/all.json" text)
e2e_json(tus "${text}" stats translation_units)
e2e_json(failed "${text}" stats failed)
e2e_json_length(findings "${text}" findings)
if(tus LESS 2 OR NOT failed EQUAL 0 OR findings LESS 10)
  e2e_fail("${DIR}: expected a clean scan of several TUs with findings, got ${tus} TUs, "
           "${failed} failed, ${findings} findings")
endif()
# Standard-library templates must have been in play, or skipping saved nothing.
e2e_expect_contains("the report" "${text}" "std::")
e2e_expect_files_equal("bodies outside the tree skipped vs all parsed" "${WORK}/all.json"
                       "${WORK}/skipped.json")

# The switch does something: a body with an error in a header outside the
# tree is not parsed by default (clean), and is with every body (recovered).
file(WRITE "${WORK}/ext/lib.h" "static inline int outside(void) { return undeclared_name; }\n")
file(WRITE "${WORK}/t/a.c" "#include \"lib.h\"\nint inside(void) { return outside(); }\n")
file(WRITE "${WORK}/t/compile_commands.json"
  "[{\"directory\": \"${WORK}/t\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-I../ext\", \"-c\", \"a.c\"]}]\n")
foreach(run skipped all)
  if(run STREQUAL "all")
    set(ENV{CARCINIZE_PARSE_ALL_BODIES} 1)
  endif()
  e2e_run(t_${run} WORKDIR "${WORK}/t" ARGS scan . --format json --quiet --no-cache)
  unset(ENV{CARCINIZE_PARSE_ALL_BODIES})
  e2e_expect_rc(t_${run} 0)
endforeach()
e2e_json(st "${t_skipped_OUT}" translation_units 0 status)
e2e_json(sa "${t_all_OUT}" translation_units 0 status)
if(NOT st STREQUAL "clean" OR NOT sa STREQUAL "recovered")
  e2e_fail("a broken body outside the tree: '${st}' when skipped (expected clean), "
           "'${sa}' when parsed (expected recovered)")
endif()
