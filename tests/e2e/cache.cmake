# The incremental cache: a warm re-scan reuses every translation unit and
# reports the same; editing a source re-parses it alone, editing a header
# exactly its includers, changing the configuration all; --no-cache and a
# damaged or unwritable cache are handled.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(COPY "${FIXTURES}/demo/" DESTINATION "${WORK}/demo")
set(demo "${WORK}/demo")
set(cache "${WORK}/tu-cache")

# scan_counts(<prefix> [args...]): a verbose JSON scan; sets <prefix>_PARSED,
# <prefix>_REUSED and <prefix>_OUT.
function(scan_counts prefix)
  e2e_run(_r WORKDIR "${demo}" ARGS scan . --quiet -v --format json --cache-dir "${cache}" ${ARGN})
  e2e_expect_rc(_r 0)
  if(NOT _r_ERR MATCHES "carcinize: ([0-9]+) translation units parsed, ([0-9]+) reused from the cache")
    e2e_fail("no cache counts on stderr:\n${_r_ERR}")
  endif()
  set(${prefix}_PARSED ${CMAKE_MATCH_1} PARENT_SCOPE)
  set(${prefix}_REUSED ${CMAKE_MATCH_2} PARENT_SCOPE)
  set(${prefix}_OUT "${_r_OUT}" PARENT_SCOPE)
endfunction()
function(expect_counts prefix parsed reused what)
  if(NOT "${${prefix}_PARSED}/${${prefix}_REUSED}" STREQUAL "${parsed}/${reused}")
    e2e_fail("${what}: ${${prefix}_PARSED} parsed and ${${prefix}_REUSED} reused, expected "
             "${parsed} and ${reused}")
  endif()
endfunction()

scan_counts(cold)
expect_counts(cold 6 0 "a cold scan")
scan_counts(warm)
expect_counts(warm 0 6 "an unchanged tree")
if(NOT cold_OUT STREQUAL warm_OUT)
  e2e_fail("the warm report differs from the cold one")
endif()

# The exposure of the last scan is kept beside the entries and read back by
# a re-scan of unchanged facts; a damaged one is computed again, and
# rewritten.
set(exposure_file "${cache}/analysis/exposure")
if(NOT EXISTS "${exposure_file}")
  e2e_fail("no ${exposure_file} after a scan with a cache")
endif()
file(WRITE "${exposure_file}" "CZE2 damaged")
scan_counts(exp_damaged)
if(NOT exp_damaged_OUT STREQUAL cold_OUT)
  e2e_fail("with a damaged exposure cache the report differs from the cold one")
endif()
file(READ "${exposure_file}" rewritten LIMIT 4 HEX)
file(SIZE "${exposure_file}" rewritten_size)
if(NOT rewritten STREQUAL "435a4532" OR rewritten_size LESS 100) # CZE2 (ExposureEvidence gained Environment)
  e2e_fail("the damaged exposure cache was not rewritten (${rewritten}, ${rewritten_size} bytes)")
endif()

# Other boundaries: the exposure is computed again (the configuration is in
# the key), and equals that of a scan without a cache.
file(WRITE "${demo}/.carcinize.yaml" "version: 1\nboundaries:\n  entry_points: [checksum]\n")
scan_counts(bnd)
e2e_run(bnd_nc WORKDIR "${demo}" ARGS scan . --quiet --format json --no-cache)
if(bnd_OUT STREQUAL cold_OUT)
  e2e_fail("an entry point added in the configuration changed nothing")
endif()
if(NOT bnd_OUT STREQUAL bnd_nc_OUT)
  e2e_fail("with new boundaries, the cached scan's report differs from an uncached scan's")
endif()
scan_counts(bnd_warm)
expect_counts(bnd_warm 0 6 "an unchanged tree with the new boundaries")
if(NOT bnd_warm_OUT STREQUAL bnd_nc_OUT)
  e2e_fail("the warm re-scan with new boundaries differs from an uncached scan's")
endif()
file(REMOVE "${demo}/.carcinize.yaml")

# A source edited: that TU alone.
file(APPEND "${demo}/src/strutil.c" "int added_later(void) { return 1; }\n")
scan_counts(src)
expect_counts(src 1 5 "after editing src/strutil.c")
e2e_expect_contains("the report" "${src_OUT}" "\"name\": \"added_later\"")

# A header edited: exactly the TUs that include it (frame.c and net.c).
file(APPEND "${demo}/include/frame.h" "int frame_added(void);\n")
scan_counts(hdr)
expect_counts(hdr 2 4 "after editing include/frame.h")

# Touching without changing the contents is no change.
file(TOUCH "${demo}/src/main.c")
scan_counts(touch)
expect_counts(touch 0 6 "after touching src/main.c")

# Files an #include cannot mean (objects of an in-tree build) change nothing.
file(WRITE "${demo}/src/strutil.o" "not a header")
scan_counts(obj)
expect_counts(obj 0 6 "after an object file appeared beside the sources")
file(REMOVE "${demo}/src/strutil.o")

# The configuration changed: the rules run again everywhere.
file(WRITE "${demo}/.carcinize.yaml" "version: 1\nrules:\n  mem.pointer-arithmetic: off\n")
scan_counts(cfg)
expect_counts(cfg 6 0 "after changing the configuration")
e2e_expect_not_contains("the report" "${cfg_OUT}" "mem.pointer-arithmetic")
file(REMOVE "${demo}/.carcinize.yaml")

# A different rule set on the command line is another configuration.
scan_counts(only --rule mem.unbounded-string-copy)
expect_counts(only 6 0 "with --rule")

# --no-cache parses everything and writes nothing.
file(REMOVE_RECURSE "${WORK}/other-cache")
e2e_run(nc WORKDIR "${demo}" ARGS scan . --quiet -v --no-cache --cache-dir "${WORK}/other-cache")
e2e_expect_rc(nc 0)
e2e_expect_contains("stderr" "${nc_ERR}" "6 translation units parsed, 0 reused from the cache (no cache)")
if(EXISTS "${WORK}/other-cache")
  e2e_fail("--no-cache wrote a cache")
endif()

# Damaged entries are misses, rewritten by the parse.
file(GLOB_RECURSE entries "${cache}/*.facts")
list(LENGTH entries n)
if(n LESS 6)
  e2e_fail("expected at least 6 cache entries, found ${n}")
endif()
foreach(e IN LISTS entries)
  file(WRITE "${e}" "carcinize-tu-cache 1\n1\nnot a hash line\n{broken")
endforeach()
scan_counts(damaged)
expect_counts(damaged 6 0 "with every entry damaged")
scan_counts(repaired)
expect_counts(repaired 0 6 "after the damaged entries were rewritten")
if(NOT damaged_OUT STREQUAL repaired_OUT)
  e2e_fail("the report from rewritten entries differs from the parse's")
endif()

# An unwritable cache (a file where the folder should be): a warning, and
# the scan goes on.
file(WRITE "${WORK}/blocked" "a file, not a folder\n")
e2e_run(bl WORKDIR "${demo}" ARGS scan . --quiet --format json --cache-dir "${WORK}/blocked")
e2e_expect_rc(bl 0)
e2e_expect_contains("stderr" "${bl_ERR}" "warning: the cache cannot be written")
e2e_json(tus "${bl_OUT}" stats translation_units)
if(NOT tus EQUAL 6)
  e2e_fail("the scan with an unwritable cache reports ${tus} translation units")
endif()

# The default folder is under $XDG_CACHE_HOME, keyed by the project root.
e2e_run(d WORKDIR "${demo}" ARGS scan . --quiet -v)
e2e_expect_contains("stderr" "${d_ERR}" "(${WORK}-cache/carcinize/")

# A new header that shadows the one used (earlier on the search path: the
# includer's own folder) is noticed: frame.c and net.c include "frame.h",
# found in include/ until src/frame.h appears.
scan_counts(before)
file(WRITE "${demo}/src/frame.h" "#include \"../include/frame.h\"\nint shadowing_header_seen(void);\n")
scan_counts(shadow)
if(shadow_PARSED LESS 2)
  e2e_fail("a shadowing header re-parsed ${shadow_PARSED} translation units, expected frame.c and net.c")
endif()
e2e_expect_contains("the report" "${shadow_OUT}" "src/frame.h")

# C++ translation units are cached like C ones, and files reached through a
# symbolic link and '..' are recorded where the file system finds them:
# dropping the '..' by hand named files that do not exist (the driver reaches
# the C++ library through /lib/gcc/.../12/../../../../include/c++/12, with
# /lib a link to usr/lib), and such TUs were parsed again on every scan.
set(links "${WORK}/links")
file(MAKE_DIRECTORY "${links}/sub/deep/x")
file(WRITE "${links}/sub/deep/hdr.h" "int from_deep(void);\n")
file(CREATE_LINK "sub/deep/x" "${links}/link" SYMBOLIC)
file(WRITE "${links}/a.cpp" "#include <vector>\n#include <cstring>\n#include \"hdr.h\"\n"
  "int use(std::vector<int> &v, char *d, const char *s) {\n"
  "  std::strcpy(d, s);\n  return static_cast<int>(v.size()) + from_deep();\n}\n")
file(WRITE "${links}/compile_commands.json"
  "[{\"directory\": \"${links}\", \"file\": \"a.cpp\",\n"
  "  \"arguments\": [\"g++\", \"-std=c++17\", \"-Ilink/..\", \"-c\", \"a.cpp\", \"-o\", \"a.o\"]}]\n")
foreach(pass cold warm)
  e2e_run(lk_${pass} WORKDIR "${links}" ARGS scan . --quiet -v --format json
    --cache-dir "${WORK}/links-cache")
  e2e_expect_rc(lk_${pass} 0)
endforeach()
e2e_expect_contains("the first scan" "${lk_cold_ERR}" "1 translation units parsed, 0 reused")
e2e_expect_contains("a C++ TU through a linked folder" "${lk_warm_ERR}"
  "0 translation units parsed, 1 reused")
e2e_expect_not_contains("stderr" "${lk_cold_ERR}" "not cached")
e2e_expect_contains("the report" "${lk_warm_OUT}" "mem.unbounded-string-copy")

# -v says why a parsed TU was not stored.
file(MAKE_DIRECTORY "${WORK}/missing")
file(WRITE "${WORK}/missing/m.c" "#include \"generated_config.h\"\nint m(void) { return 0; }\n")
e2e_run(ms WORKDIR "${WORK}/missing" ARGS scan . --quiet -v --cache-dir "${WORK}/missing-cache")
e2e_expect_rc(ms 0)
e2e_expect_contains("stderr" "${ms_ERR}" "not cached: ${WORK}/missing/m.c: missing headers were skipped")
