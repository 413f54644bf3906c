# The bad-input matrix of the robustness issue: each input gets a clean result
# (exit 0, the problem reported on its translation unit) or a one-line error
# naming the file (exit 2); never a crash, a hang or a half-written file.
#   -DCASE=<one of the cases below>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(tree "${WORK}/tree")
file(MAKE_DIRECTORY "${tree}")
# A well-formed neighbour: whatever happens to the hostile file, this one's
# finding must be in the report.
file(WRITE "${tree}/ok.c" "#include <string.h>\nvoid ok(char *d, const char *s) { strcpy(d, s); }\n")

# sh(<command>): runs a shell command in the tree (for bytes CMake cannot
# write: NUL, invalid UTF-8).
function(sh command)
  execute_process(COMMAND sh -c "${command}" WORKING_DIRECTORY "${tree}" RESULT_VARIABLE _rc
    ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    e2e_fail("sh -c '${command}' failed: ${_err}")
  endif()
endfunction()

# expect_neighbour_found(<json>): ok.c parsed cleanly and its strcpy is there.
function(expect_neighbour_found json)
  e2e_expect_tu_status("${json}" "ok.c" clean)
  e2e_expect_contains("the report" "${json}" "\"file\": \"ok.c\"")
  e2e_expect_contains("the report" "${json}" "'strcpy' copies 's' into 'd'")
endfunction()

# tu_status(<out> <json> <file>)
function(tu_status out json file)
  e2e_json_tu(_tu "${json}" "${file}")
  e2e_json(_s "${_tu}" status)
  set(${out} "${_s}" PARENT_SCOPE)
endfunction()

if(CASE STREQUAL "binary_source")
  # Random bytes (with NULs) named .c: a recovered or failed TU, no crash.
  sh("head -c 65536 /dev/urandom > blob.c; printf '\\000\\377\\376int x;\\000' >> blob.c")
  e2e_scan_json(json WORKDIR "${tree}" ARGS scan .)
  tu_status(s "${json}" "blob.c")
  if(NOT s MATCHES "^(recovered|failed)$")
    e2e_fail("blob.c is '${s}'")
  endif()
  expect_neighbour_found("${json}")

elseif(CASE STREQUAL "nul_and_invalid_utf8")
  # NUL bytes and invalid UTF-8 inside comments and strings: the finding on
  # the next line is still reported, and every report stays valid.
  sh("printf '#include <string.h>\\n/* \\377\\376 \\000 bad */\\nconst char *m = \"\\300\\200\";\\nvoid f(char *d, const char *s) { strcpy(d, s); }\\n' > odd.c")
  e2e_scan_json(json WORKDIR "${tree}" ARGS scan .)
  e2e_expect_contains("the report" "${json}" "\"file\": \"odd.c\"")
  e2e_run(sarif WORKDIR "${tree}" OUTPUT_FILE "${WORK}/odd.sarif" ARGS check . --quiet --fail-on none --format sarif)
  e2e_expect_rc(sarif 0)
  file(READ "${WORK}/odd.sarif" sarif)
  string(JSON version ERROR_VARIABLE err GET "${sarif}" version)
  if(err OR NOT version STREQUAL "2.1.0")
    e2e_fail("the SARIF report is not valid JSON: ${err}")
  endif()
  e2e_run(text WORKDIR "${tree}" ARGS check odd.c --quiet --fail-on none)
  e2e_expect_rc(text 0)
  e2e_expect_contains("check's report" "${text_OUT}" "odd.c:4:")

elseif(CASE STREQUAL "huge_source")
  # A 20 MB source: an embedded resource of six million bytes, and 20,000
  # small functions.
  sh("{ echo 'static const unsigned char blob[] = {'; seq 1 6000000 | awk '{ printf \"%d,\", $1 % 256; if (NR % 25 == 0) printf \"\\n\" }'; echo '0};'; seq 1 20000 | sed 's/.*/int f&(int x) { return x + &; }/'; } > huge.c")
  file(SIZE "${tree}/huge.c" size)
  if(size LESS 20000000)
    e2e_fail("huge.c is only ${size} bytes")
  endif()
  e2e_scan_json(json WORKDIR "${tree}" ARGS scan .)
  e2e_expect_tu_status("${json}" "huge.c" clean)
  e2e_expect_contains("the report" "${json}" "\"name\": \"f20000\"")
  expect_neighbour_found("${json}")

elseif(CASE STREQUAL "deep_nesting")
  # 10,000 nested parentheses: Clang stops at its bracket depth and
  # recovers; nothing overflows the stack.
  string(REPEAT "(" 10000 open)
  string(REPEAT ")" 10000 close)
  file(WRITE "${tree}/deep.c" "int deep(void) { return ${open}1${close}; }\nint after(void) { return 2; }\n")
  e2e_scan_json(json WORKDIR "${tree}" ARGS scan .)
  tu_status(s "${json}" "deep.c")
  if(NOT s STREQUAL "recovered")
    e2e_fail("deep.c is '${s}', expected recovered")
  endif()
  e2e_json_tu(tu "${json}" "deep.c")
  e2e_expect_contains("deep.c's errors" "${tu}" "bracket nesting level exceeded")
  expect_neighbour_found("${json}")

elseif(CASE STREQUAL "device_includes")
  # Includes naming a device or standard input must not hang or read them.
  file(WRITE "${tree}/dev.c" "#include \"/dev/zero\"\n#include \"/dev/stdin\"\n#include \"/dev/urandom\"\nint after(void) { return 2; }\n")
  e2e_scan_json(json WORKDIR "${tree}" ARGS scan . --tu-timeout 60)
  tu_status(s "${json}" "dev.c")
  if(NOT s MATCHES "^(recovered|failed)$")
    e2e_fail("dev.c is '${s}'")
  endif()
  e2e_json_tu(tu "${json}" "dev.c")
  e2e_expect_contains("dev.c's errors" "${tu}" "/dev/zero")
  e2e_expect_not_contains("dev.c's errors" "${tu}" "timed out")
  expect_neighbour_found("${json}")

elseif(CASE STREQUAL "quotes_in_paths")
  # Spaces, quotes and non-ASCII in folder and file names.
  set(odd "it's \"quoted\" dir/ça va.c")
  file(WRITE "${tree}/${odd}" "#include <string.h>\nvoid g(char *d, const char *s) { strcat(d, s); }\n")
  e2e_scan_json(json WORKDIR "${tree}" ARGS scan .)
  e2e_expect_tu_status("${json}" "${odd}" clean)
  e2e_run(c WORKDIR "${tree}" ARGS check "${odd}" --quiet --fail-on none)
  e2e_expect_rc(c 0)
  e2e_expect_contains("check's report" "${c_OUT}" "${odd}:2:")

elseif(CASE STREQUAL "database_missing_fields")
  file(WRITE "${tree}/compile_commands.json"
    "[\n  {\"directory\": \".\", \"file\": \"ok.c\", \"command\": \"cc -c ok.c\"},\n  {\"directory\": \".\", \"command\": \"cc -c x.c\"}\n]\n")
  e2e_run(s WORKDIR "${tree}" ARGS scan . --quiet)
  e2e_expect_usage_error(s "compile_commands\\.json:3: entry 2: missing 'file'")

elseif(CASE STREQUAL "database_relative_and_duplicates")
  # A relative directory is taken from the database's folder; a file named
  # twice is parsed once, with a warning.
  file(WRITE "${tree}/build/compile_commands.json"
    "[\n  {\"directory\": \"..\", \"file\": \"ok.c\", \"arguments\": [\"cc\", \"-DONE\", \"-c\", \"ok.c\"]},\n  {\"directory\": \"..\", \"file\": \"ok.c\", \"arguments\": [\"cc\", \"-DTWO\", \"-c\", \"ok.c\"]}\n]\n")
  e2e_run(s WORKDIR "${tree}" ARGS scan . --format json --quiet -p build)
  e2e_expect_rc(s 0)
  e2e_json_length(n "${s_OUT}" translation_units)
  if(NOT n EQUAL 1)
    e2e_fail("ok.c was parsed ${n} times")
  endif()
  e2e_expect_contains("the warnings" "${s_OUT}" "ok.c")
  expect_neighbour_found("${s_OUT}")

elseif(CASE STREQUAL "config_wrong_types")
  # (A single string is a one-element list, on purpose: `exclude: build/**`.)
  file(WRITE "${tree}/.carcinize.yaml" "version: 1\nexclude: {a: 1}\n")
  e2e_run(s WORKDIR "${tree}" ARGS scan . --quiet)
  e2e_expect_usage_error(s "\\.carcinize\\.yaml:2:[0-9]+: ")
  file(WRITE "${tree}/.carcinize.yaml" "version: 1\nrules:\n  mem.unbounded-string-copy: [1, 2]\n")
  e2e_run(r WORKDIR "${tree}" ARGS scan . --quiet)
  e2e_expect_usage_error(r "\\.carcinize\\.yaml:3:[0-9]+: ")

elseif(CASE STREQUAL "profile_malformed")
  # Bad profile lines are reported with their line numbers; the good ones
  # still count.
  file(WRITE "${tree}/perf.folded" "main;ok 10\nthis line has no count\nmain;ok notanumber\n\nmain;ok 5\n")
  e2e_run(s WORKDIR "${tree}" ARGS scan . --quiet --profile perf.folded)
  e2e_expect_rc(s 0)
  e2e_expect_contains("the report" "${s_OUT}" "perf.folded:2:")
  e2e_expect_contains("the report" "${s_OUT}" "perf.folded:3:")
  e2e_run(m WORKDIR "${tree}" ARGS scan . --quiet --profile missing.folded)
  e2e_expect_usage_error(m "missing\\.folded")

elseif(CASE STREQUAL "unreadable_file")
  execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(uid STREQUAL "0")
    e2e_skip("running as root, which reads files whatever their mode")
  endif()
  file(WRITE "${tree}/secret.c" "int secret;\n")
  file(CHMOD "${tree}/secret.c" PERMISSIONS OWNER_WRITE)
  e2e_scan_json(json WORKDIR "${tree}" ARGS scan .)
  file(CHMOD "${tree}/secret.c" PERMISSIONS OWNER_READ OWNER_WRITE)
  e2e_expect_contains("the report" "${json}" "secret.c")
  expect_neighbour_found("${json}")

else()
  e2e_fail("hostile.cmake: unknown CASE '${CASE}'")
endif()
