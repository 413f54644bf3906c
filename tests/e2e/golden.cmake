# Golden test: scans a fixture and compares the report byte for byte with
# tests/e2e/golden/<GOLDEN>.
#
#   -DDIR=<folder under fixtures/ to run in>   -DTARGET=<path given to scan>
#   -DFORMAT=json|text                         -DGOLDEN=<file name in golden/>
#
# To regenerate the goldens after an intended change of the output, run the
# golden tests with CARCINIZE_UPDATE_GOLDEN=1 in the environment, then review
# the diff (git diff tests/e2e/golden) before committing:
#
#   CARCINIZE_UPDATE_GOLDEN=1 ctest --test-dir build/dev -R 'e2e\.golden\.'
#
# Even then the report must pass the checks below (exit 0, nothing on stderr,
# no absolute or machine-specific path): a golden is never written from a
# report that is wrong in those ways.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

foreach(_var DIR TARGET FORMAT GOLDEN)
  if(NOT DEFINED ${_var})
    e2e_fail("golden.cmake needs -D${_var}=...")
  endif()
endforeach()

set(golden "${E2E_DIR}/golden/${GOLDEN}")
set(actual "${WORK}/${GOLDEN}")

# Without -p, carcinize searches compile_commands.json from the scanned
# folder upwards, also in build/ at each level (as clang-tidy does). A
# database above the fixture (say ./build/compile_commands.json from
# `cmake -B build`, or a compile_commands.json symlinked to the repository's
# root for clangd) names none of the fixture's files, and the report gains a
# note about it: the golden cannot match. Say so plainly rather than showing
# a confusing diff. (The CMake presets build in build/<preset>, which the
# search does not look into.)
get_filename_component(scanned "${FIXTURES}/${DIR}/${TARGET}" ABSOLUTE)
set(d "${scanned}")
while(TRUE)
  foreach(candidate "${d}/compile_commands.json" "${d}/build/compile_commands.json")
    if(EXISTS "${candidate}")
      string(FIND "${candidate}" "${scanned}/" inside)
      if(NOT inside EQUAL 0)
        e2e_fail("${candidate} is found by carcinize's database search from ${scanned} "
                 "and changes the report's notes, so this golden cannot match. Build in "
                 "build/<preset> (cmake --preset dev) or another folder that is not named "
                 "build/, and do not put a compile_commands.json above fixtures/.")
      endif()
      break()
    endif()
  endforeach()
  get_filename_component(parent "${d}" DIRECTORY)
  if(parent STREQUAL d OR parent STREQUAL "")
    break()
  endif()
  set(d "${parent}")
endwhile()

e2e_run(scan WORKDIR "${FIXTURES}/${DIR}" OUTPUT_FILE "${actual}"
        ARGS scan "${TARGET}" --format "${FORMAT}" --quiet)
file(READ "${actual}" report)
set(scan_OUT "${report}")
e2e_expect_rc(scan 0)
if(NOT "${scan_ERR}" STREQUAL "")
  e2e_fail("`${scan_CMD}` wrote on stderr:\n${scan_ERR}")
endif()
if(FORMAT STREQUAL "json")
  e2e_expect_no_absolute_paths("the report" "${report}" JSON)
  # It must be valid JSON with the expected top-level members.
  foreach(_member tool stats translation_units files functions findings notes warnings)
    string(JSON _type ERROR_VARIABLE _e TYPE "${report}" ${_member})
    if(_e)
      e2e_fail("the report has no '${_member}' member (${_e})")
    endif()
  endforeach()
  # No fixture with a golden has a TU that fails to parse: a failed TU (a
  # crash, say) is a bug to fix, never an output to record.
  e2e_json(_failed "${report}" stats failed)
  if(NOT _failed EQUAL 0)
    e2e_fail("${_failed} translation unit(s) failed; the report:\n${report}")
  endif()
else()
  e2e_expect_no_absolute_paths("the report" "${report}")
endif()

if("$ENV{CARCINIZE_UPDATE_GOLDEN}" STREQUAL "1")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E copy "${actual}" "${golden}"
    RESULT_VARIABLE _rc)
  if(_rc)
    e2e_fail("cannot write ${golden}")
  endif()
  message(STATUS "e2e: wrote ${golden} (CARCINIZE_UPDATE_GOLDEN=1)")
  return()
endif()

if(NOT EXISTS "${golden}")
  e2e_fail("no golden file ${golden}; create it with CARCINIZE_UPDATE_GOLDEN=1 "
           "(see the top of tests/e2e/golden.cmake)")
endif()
e2e_expect_files_equal("the report differs from its golden (if the change is intended, rerun with CARCINIZE_UPDATE_GOLDEN=1 and review the diff)"
                       "${golden}" "${actual}")
