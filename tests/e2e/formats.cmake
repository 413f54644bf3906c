# Golden files for every report format over fixtures/demo, byte for byte.
#   -DSUBCOMMAND=check|scan  -DFORMAT=<format>  -DGOLDEN=<file name in golden/>
# The scanned root's absolute URI (SARIF's originalUriBaseIds) is the only
# machine-specific text: it is replaced by file:///ROOT/ before comparing.
# Regenerate with CARCINIZE_UPDATE_GOLDEN=1, as the other goldens.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(demo "${FIXTURES}/demo")
set(actual "${WORK}/${GOLDEN}")
if(SUBCOMMAND STREQUAL "check")
  e2e_run(r WORKDIR "${demo}" OUTPUT_FILE "${actual}"
          ARGS check . --quiet --fail-on none --format ${FORMAT})
else()
  e2e_run(r WORKDIR "${demo}" OUTPUT_FILE "${actual}" ARGS scan . --quiet --format ${FORMAT})
endif()
e2e_expect_rc(r 0)
if(NOT "${r_ERR}" STREQUAL "")
  e2e_fail("`${r_CMD}` wrote on stderr:\n${r_ERR}")
endif()
file(READ "${actual}" text)
string(REPLACE "file://${demo}/" "file:///ROOT/" text "${text}")
e2e_expect_no_absolute_paths("the ${FORMAT} report" "${text}")
file(WRITE "${actual}" "${text}")

set(golden "${E2E_DIR}/golden/${GOLDEN}")
if(DEFINED ENV{CARCINIZE_UPDATE_GOLDEN})
  file(WRITE "${golden}" "${text}")
endif()
e2e_expect_files_equal("${SUBCOMMAND} --format ${FORMAT} golden" "${golden}" "${actual}")
