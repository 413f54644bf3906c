# --configure (opt-in): the project's CMake configure step runs into a
# temporary folder and its compilation database gives the exact flags.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
find_program(CMAKE_BIN cmake)
find_program(CC_BIN cc)
if(NOT CMAKE_BIN OR NOT CC_BIN)
  e2e_skip("cmake or a C compiler is not installed")
endif()
file(COPY "${FIXTURES}/projects/cmake_configure/" DESTINATION "${WORK}/p")
set(p "${WORK}/p")
file(GLOB_RECURSE before RELATIVE "${p}" "${p}/*")

# Without it: inferred flags, the TU has errors (no FROM_CMAKE).
e2e_run(plain WORKDIR "${p}" ARGS scan . --quiet --no-cache --format json)
e2e_expect_rc(plain 0)
e2e_expect_tu_status("${plain_OUT}" "src/greet.c" recovered)

e2e_run(c WORKDIR "${p}" ARGS scan . --quiet --no-cache --format json --configure)
e2e_expect_rc(c 0)
e2e_expect_contains("stderr" "${c_ERR}" "carcinize: --configure runs the project's build scripts: cmake -S ${p} -B ")
e2e_expect_contains("stderr" "${c_ERR}" " -DCMAKE_EXPORT_COMPILE_COMMANDS=ON")
e2e_expect_tu_status("${c_OUT}" "src/greet.c" clean)
e2e_expect_contains("the notes" "${c_OUT}" "using compilation database")
e2e_expect_contains("the report" "${c_OUT}" "\"rule\": \"mem.unbounded-string-copy\"")
# The temporary build folder is gone, and the tree is untouched.
string(REGEX MATCH "-B ([^ ]+)/build " m "${c_ERR}")
if(NOT CMAKE_MATCH_1 OR EXISTS "${CMAKE_MATCH_1}")
  e2e_fail("the temporary folder '${CMAKE_MATCH_1}' was not removed:\n${c_ERR}")
endif()
file(GLOB_RECURSE after RELATIVE "${p}" "${p}/*")
if(NOT before STREQUAL after)
  e2e_fail("--configure changed the tree: ${before} -> ${after}")
endif()

# With -p it is a usage error.
e2e_run(bad WORKDIR "${p}" ARGS scan . --quiet --configure -p .)
e2e_expect_rc(bad 2)
