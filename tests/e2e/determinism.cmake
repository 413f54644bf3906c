# The report does not depend on the number of worker threads: JSON from -j1,
# -j2 (twice) and -j8 is byte-identical.
#
#   -DDIR=<folder under fixtures/ to run in>   -DTARGET=<path given to scan>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(reference "")
foreach(run j1 j2 j2-again j8)
  string(REGEX REPLACE "^j([0-9]+).*" "\\1" jobs "${run}")
  e2e_run(scan WORKDIR "${FIXTURES}/${DIR}" OUTPUT_FILE "${WORK}/${run}.json"
          ARGS scan "${TARGET}" --format json --quiet -j ${jobs})
  e2e_expect_rc(scan 0)
  if(NOT reference)
    set(reference "${WORK}/${run}.json")
    file(READ "${reference}" text)
    e2e_json(tus "${text}" stats translation_units)
    if(tus LESS 2)
      e2e_fail("${DIR}: a determinism test needs at least 2 translation units, got ${tus}")
    endif()
    # Identical reports of failed parses would prove nothing.
    e2e_json(failed "${text}" stats failed)
    if(NOT failed EQUAL 0)
      e2e_fail("${DIR}: ${failed} translation unit(s) failed to parse:\n${text}")
    endif()
  else()
    e2e_expect_files_equal("-j${jobs} vs -j1" "${reference}" "${WORK}/${run}.json")
  endif()
endforeach()
