# -o FILE: the report goes to the file (atomically), nothing to stdout.
#
#   -DCASE=json|text|missing_folder|folder
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(demo "${FIXTURES}/demo")

if(CASE STREQUAL "json" OR CASE STREQUAL "text")
  # The same scan on stdout, for reference.
  e2e_run(ref WORKDIR "${WORK}" OUTPUT_FILE "${WORK}/stdout.${CASE}"
          ARGS scan "${demo}" --format ${CASE} --quiet)
  e2e_expect_rc(ref 0)

  e2e_run(scan WORKDIR "${WORK}" ARGS scan "${demo}" --format ${CASE} --quiet -o report.${CASE})
  e2e_expect_rc(scan 0)
  if(NOT scan_OUT STREQUAL "")
    e2e_fail("with -o, stdout must be empty; got:\n${scan_OUT}")
  endif()
  if(NOT scan_ERR STREQUAL "")
    e2e_fail("with -o and --quiet, stderr must be empty; got:\n${scan_ERR}")
  endif()
  if(NOT EXISTS "${WORK}/report.${CASE}")
    e2e_fail("-o report.${CASE} wrote no file")
  endif()
  e2e_expect_files_equal("-o FILE vs stdout" "${WORK}/stdout.${CASE}" "${WORK}/report.${CASE}")

  # Overwriting an existing report works too, and no temporary file is left.
  file(WRITE "${WORK}/report.${CASE}" "stale\n")
  e2e_run(again WORKDIR "${WORK}" ARGS scan "${demo}" --format ${CASE} --quiet -o report.${CASE})
  e2e_expect_rc(again 0)
  e2e_expect_files_equal("-o over an old file" "${WORK}/stdout.${CASE}" "${WORK}/report.${CASE}")
  file(GLOB leftovers "${WORK}/.carcinize-tmp*")
  if(leftovers)
    e2e_fail("temporary files left behind: ${leftovers}")
  endif()

elseif(CASE STREQUAL "missing_folder")
  e2e_run(scan WORKDIR "${WORK}" ARGS scan "${demo}" --format json --quiet -o no-such-dir/report.json)
  e2e_expect_usage_error(scan "no-such-dir/report\\.json")
  if(EXISTS "${WORK}/no-such-dir")
    e2e_fail("-o into a missing folder created ${WORK}/no-such-dir")
  endif()
  file(GLOB_RECURSE anything LIST_DIRECTORIES true "${WORK}/*")
  if(anything)
    e2e_fail("-o into a missing folder left files behind: ${anything}")
  endif()

elseif(CASE STREQUAL "folder")
  # -o naming an existing folder: an error, and the folder is untouched.
  file(MAKE_DIRECTORY "${WORK}/out")
  e2e_run(scan WORKDIR "${WORK}" ARGS scan "${demo}" --format json --quiet -o out)
  e2e_expect_usage_error(scan "'out'")
  file(GLOB_RECURSE anything LIST_DIRECTORIES true "${WORK}/out/*")
  if(anything)
    e2e_fail("-o FOLDER left files in it: ${anything}")
  endif()

else()
  e2e_fail("unknown CASE '${CASE}'")
endif()
