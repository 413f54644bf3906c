# Regression tests for bugs the end-to-end tests found, now fixed: each case
# failed before its fix. The "Bug:" comments say what went wrong.
#
#   -DCASE=<one of the cases below>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

if(CASE STREQUAL "db_relative_include_cwd")
  # Bug: with a database whose -I paths are relative ("-Iinclude"), the
  # headers found through them are named relative to the process's current
  # folder instead of the command's "directory": scanning cdb_c from its
  # parent folder drops include/*.h from the files (and any function defined
  # there), and its includes are reported as spellings ("\"ringlog.h\"").
  e2e_scan_json(inside WORKDIR "${FIXTURES}/projects/cdb_c" ARGS scan .)
  e2e_scan_json(outside WORKDIR "${FIXTURES}/projects" ARGS scan cdb_c)
  if(NOT inside STREQUAL outside)
    file(WRITE "${WORK}/inside.json" "${inside}")
    file(WRITE "${WORK}/outside.json" "${outside}")
    e2e_diff(d "${WORK}/inside.json" "${WORK}/outside.json")
    e2e_fail("the report depends on the current folder:\n${d}")
  endif()

elseif(CASE STREQUAL "absolute_path_in_notes")
  # Bug: a compilation database found above the scanned folder that names
  # none of its files is reported with its absolute path in "notes". Inside
  # the build tree the search finds the build's own compile_commands.json.
  file(WRITE "${WORK}/proj/src/a.c" "int a(void) { return 0; }\n")
  e2e_scan_json(json WORKDIR "${WORK}" ARGS scan proj)
  e2e_expect_no_absolute_paths("the report" "${json}" JSON)

elseif(CASE STREQUAL "absolute_path_in_warnings")
  # Bug: the warnings about skipped database entries name the database by
  # its absolute path when it was found by the search (not given with -p),
  # and the missing source by its absolute path.
  file(WRITE "${WORK}/proj/src/a.c" "int a(void) { return 0; }\n")
  file(WRITE "${WORK}/proj/compile_commands.json" [=[[
  {"directory": ".", "file": "src/a.c", "arguments": ["cc", "-c", "src/a.c"]},
  {"directory": ".", "file": "src/gone.c", "arguments": ["cc", "-c", "src/gone.c"]}
]
]=])
  e2e_scan_json(json WORKDIR "${WORK}" ARGS scan proj)
  e2e_json_length(n "${json}" warnings)
  if(NOT n EQUAL 1)
    e2e_fail("expected 1 warning for the stale entry, got ${n}")
  endif()
  e2e_expect_no_absolute_paths("the report" "${json}" JSON)

elseif(CASE STREQUAL "missing_include_listed_once")
  # Bug: a missing header included twice in one TU (directly and through
  # another header) is listed twice, and the text report counts "2 missing
  # headers".
  e2e_scan_json(json WORKDIR "${FIXTURES}/projects/missing_header" ARGS scan .)
  e2e_json_tu(tu "${json}" src/main.c)
  e2e_json_length(n "${tu}" missing_includes)
  if(NOT n EQUAL 1)
    e2e_fail("src/main.c lists ${n} missing includes, expected 1: ${tu}")
  endif()

elseif(CASE STREQUAL "unknown_command_named")
  # Weakness: `carcinize frobnicate` says "A subcommand is required" (the
  # option parser checks that first) instead of naming the unknown command.
  e2e_run(r ARGS frobnicate)
  e2e_expect_usage_error(r "^carcinize: error: [^\n]*frobnicate")

else()
  e2e_fail("unknown CASE '${CASE}'")
endif()
