# The pilot kit end to end, on a fixture module of fixtures/pilot/<FIXTURE>:
# `carcinize pilot MODULE -o kit`, then what the kit promises:
#   1. the FFI surface and the crate hold what fixtures/pilot/<FIXTURE>/expected.txt
#      lists ("<kit file>: <text>", one per line);
#   2. the crate builds offline as generated (every body a todo!());
#   3. `make layout-check`: a compiled C program and a Rust binary print the
#      same sizes, alignments and offsets of every shared type;
#   4. with the todo!() bodies replaced by the test-only implementation of
#      rust_impl.txt, `make ab` builds the driver against the C objects and
#      against the Rust staticlib, sees identical outputs on the corpus and
#      prints the A/B table;
#   5. where clang's libFuzzer runtime exists, the differential fuzz target
#      builds and runs on the corpus without finding a difference;
#   6. a Rust body that differs from C on one entry point makes `make ab` fail
#      (MUTATE: "<function>|<rust expression>" for the body).
# Skipped, with the reason, when cargo/rustc or make are missing.
#
# The toolchain is the one tools/bootstrap.sh installs: Debian's cargo and
# rustc (1.63) in /usr/bin when they are there, whatever else comes first on
# the PATH (a rustup toolchain is newer: the kit must build with the oldest
# the project supports). RUSTC is set beside CARGO for every cargo run, as a
# cargo started by path still finds `rustc` on the PATH. The versions used
# are printed, and written to the work folder's toolchain.txt.
include("${E2E_DIR}/common.cmake")

if(EXISTS /usr/bin/cargo AND EXISTS /usr/bin/rustc)
  set(CARGO /usr/bin/cargo)
  set(RUSTC /usr/bin/rustc)
else()
  find_program(CARGO cargo)
  find_program(RUSTC rustc)
endif()
find_program(MAKE_PROGRAM NAMES make gmake)
if(NOT CARGO OR NOT RUSTC)
  e2e_skip("cargo/rustc not found: the pilot crate cannot be built here")
endif()
execute_process(COMMAND "${CARGO}" --version OUTPUT_VARIABLE _cargo_version
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
execute_process(COMMAND "${RUSTC}" --version OUTPUT_VARIABLE _rustc_version
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
message(STATUS "pilot toolchain: ${CARGO} (${_cargo_version}), ${RUSTC} (${_rustc_version})")
file(WRITE "${WORK}/toolchain.txt" "${CARGO}: ${_cargo_version}\n${RUSTC}: ${_rustc_version}\n")
set(TOOLCHAIN_ENV "${CMAKE_COMMAND}" -E env "RUSTC=${RUSTC}" "CARGO=${CARGO}")
if(NOT MAKE_PROGRAM)
  e2e_skip("make not found: the kit's Makefile cannot run")
endif()

set(SRC "${FIXTURES}/pilot/${FIXTURE}")
file(COPY "${SRC}/" DESTINATION "${WORK}/project" PATTERN "rust_impl.txt" EXCLUDE
     PATTERN "expected.txt" EXCLUDE)
set(KIT "${WORK}/kit")

e2e_run(gen WORKDIR "${WORK}/project" ARGS pilot ${MODULE} -o "${KIT}" --no-cache -q)
e2e_expect_rc(gen 0)

# 1. What the kit must say.
file(STRINGS "${SRC}/expected.txt" _expected)
foreach(_line IN LISTS _expected)
  if(_line MATCHES "^#" OR _line STREQUAL "")
    continue()
  endif()
  string(FIND "${_line}" ": " _colon)
  string(SUBSTRING "${_line}" 0 ${_colon} _file)
  math(EXPR _from "${_colon} + 2")
  string(SUBSTRING "${_line}" ${_from} -1 _want)
  if(NOT EXISTS "${KIT}/${_file}")
    e2e_fail("the kit has no ${_file}")
  endif()
  file(READ "${KIT}/${_file}" _text)
  e2e_expect_contains("${_file}" "${_text}" "${_want}")
endforeach()

function(step name)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${KIT}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 280)
  set(STEP_OUT "${_out}" PARENT_SCOPE)
  set(STEP_RC "${_rc}" PARENT_SCOPE)
  if(NOT _rc EQUAL 0 AND NOT ARG_MAY_FAIL)
    e2e_fail("${name} failed (${_rc}):\n${_out}\n${_err}")
  endif()
endfunction()

# 2. The crate builds as generated.
step("cargo build --offline" ${TOOLCHAIN_ENV} "${CARGO}" build --offline --manifest-path "${KIT}/rust/Cargo.toml")

# 3. C and Rust agree on every layout.
step("make layout-check" ${TOOLCHAIN_ENV} "${MAKE_PROGRAM}" -f "${KIT}/Makefile" layout-check)
e2e_expect_match("make layout-check" "${STEP_OUT}" "layout: C and Rust agree on [1-9][0-9]* sizes")

# 4. The test-only implementation in place of each todo!().
find_program(PYTHON NAMES python3 python)
if(NOT PYTHON)
  e2e_skip("python3 not found: the test-only implementation cannot be put in")
endif()
file(COPY "${KIT}/rust/src/ffi.rs" DESTINATION "${WORK}/generated")
step("put the test-only implementation in" "${PYTHON}" "${E2E_DIR}/pilot_impl.py"
  "${KIT}/rust/src/ffi.rs" "${SRC}/rust_impl.txt")

step("make ab" ${TOOLCHAIN_ENV} "${MAKE_PROGRAM}" -f "${KIT}/Makefile" ab ITERATIONS=20)
e2e_expect_match("make ab" "${STEP_OUT}" "outputs: identical \\([1-9][0-9]* inputs")
e2e_expect_match("make ab" "${STEP_OUT}"
  "\\| build +\\| +calls +\\| +ns/call +\\| +MB/s +\\| +rejected +\\| +peak RSS KiB +\\| +CPU user s +\\| +CPU sys s +\\|")
e2e_expect_match("make ab" "${STEP_OUT}" "\\| C +\\| +[0-9]+ \\| +[0-9.]+ \\|")
e2e_expect_match("make ab" "${STEP_OUT}" "\\| Rust +\\| +[0-9]+ \\| +[0-9.]+ \\|")
# Both builds printed the entry points' results, not nothing.
file(GLOB _corpus "${KIT}/corpus/*")
execute_process(COMMAND "${KIT}/build/rust/driver" "${KIT}/corpus" OUTPUT_VARIABLE _rust_out
                RESULT_VARIABLE _rc ERROR_QUIET)
foreach(_fn IN LISTS HARNESS_CALLS)
  e2e_expect_contains("the Rust build's output" "${_rust_out}" "${_fn}: ret=")
endforeach()
# Lines the harness must print on the fixture's seeds (HARNESS_OUTPUT).
foreach(_want IN LISTS HARNESS_OUTPUT)
  e2e_expect_contains("the Rust build's output" "${_rust_out}" "${_want}")
endforeach()

# 5. The differential fuzz target, where the runtime exists.
find_program(CLANG NAMES clang clang-19)
if(CLANG)
  file(WRITE "${WORK}/probe.c" "int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n")
  execute_process(COMMAND "${CLANG}" -fsanitize=fuzzer "${WORK}/probe.c" -o "${WORK}/probe"
    RESULT_VARIABLE _probe OUTPUT_QUIET ERROR_QUIET)
  if(_probe EQUAL 0)
    step("make fuzz" ${TOOLCHAIN_ENV} "${MAKE_PROGRAM}" -f "${KIT}/Makefile" fuzz "CLANG=${CLANG}")
    step("fuzz_diff" "${KIT}/build/fuzz/fuzz_diff" -runs=500 -seed=1 "${KIT}/corpus")
  else()
    message(STATUS "no libFuzzer runtime: the differential fuzz target was not built")
  endif()
endif()

# 6. A Rust body that differs from C is caught.
if(DEFINED MUTATE)
  file(WRITE "${WORK}/empty.txt" "")
  string(REPLACE "|" ";" _mut "${MUTATE}")
  list(GET _mut 0 _fn)
  list(GET _mut 1 _expr)
  step("mutate ${_fn}" "${PYTHON}" "${E2E_DIR}/pilot_impl.py" "${KIT}/rust/src/ffi.rs"
    "${WORK}/empty.txt" "${_fn}" "${_expr}")
  execute_process(COMMAND ${TOOLCHAIN_ENV} "${MAKE_PROGRAM}" -f "${KIT}/Makefile" ab ITERATIONS=1
    WORKING_DIRECTORY "${KIT}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err
    TIMEOUT 280)
  if(_rc EQUAL 0)
    e2e_fail("make ab passed with a Rust ${_fn} that differs from C:\n${_out}")
  endif()
  e2e_expect_contains("make ab (mutated)" "${_out}" "outputs: DIFFERENT")
endif()

