# Inputs that are unusual but valid: the scan succeeds (exit 0).
#
#   -DCASE=<one of the cases below>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(demo "${FIXTURES}/demo")

# e2e_expect_tu_count(<json> <n>)
function(e2e_expect_tu_count json n)
  e2e_json(count "${json}" stats translation_units)
  e2e_json_length(listed "${json}" translation_units)
  if(NOT count EQUAL n OR NOT listed EQUAL n)
    e2e_fail("expected ${n} translation units, stats say ${count}, ${listed} listed")
  endif()
endfunction()

if(CASE STREQUAL "empty_folder")
  file(MAKE_DIRECTORY "${WORK}/empty")
  e2e_scan_json(json WORKDIR "${WORK}" ARGS scan empty)
  e2e_expect_tu_count("${json}" 0)
  e2e_json(notes "${json}" notes)
  e2e_expect_contains("notes" "${notes}" "no C or C++ translation units found")
  e2e_run(text ARGS scan empty --quiet)
  e2e_expect_rc(text 0)
  e2e_expect_match("text report" "${text_OUT}" "^carcinize [^\n]*: scanned 0 translation units in empty ")

elseif(CASE STREQUAL "no_sources")
  file(WRITE "${WORK}/docs/README.md" "# Nothing to compile here\n")
  file(WRITE "${WORK}/docs/Makefile" "all:\n\t@echo nothing\n")
  file(WRITE "${WORK}/docs/notes.txt" "int main(void) { return 0; }\n")
  file(WRITE "${WORK}/docs/include/only_a_header.h" "int declared_only(void);\n")
  e2e_scan_json(json WORKDIR "${WORK}" ARGS scan docs)
  e2e_expect_tu_count("${json}" 0)
  e2e_json_length(nfns "${json}" functions)
  if(NOT nfns EQUAL 0)
    e2e_fail("no source was parsed, yet ${nfns} functions are reported")
  endif()

elseif(CASE STREQUAL "jobs_zero" OR CASE STREQUAL "jobs_huge")
  if(CASE STREQUAL "jobs_zero")
    set(jobs 0)
  else()
    set(jobs 100000)
  endif()
  e2e_run(ref OUTPUT_FILE "${WORK}/j1.json" ARGS scan "${demo}" --format json --quiet -j 1)
  e2e_expect_rc(ref 0)
  e2e_run(scan OUTPUT_FILE "${WORK}/j${jobs}.json" ARGS scan "${demo}" --format json --quiet -j ${jobs})
  e2e_expect_rc(scan 0)
  if(NOT scan_ERR STREQUAL "")
    e2e_fail("-j ${jobs} wrote on stderr:\n${scan_ERR}")
  endif()
  e2e_expect_files_equal("-j ${jobs} vs -j 1" "${WORK}/j1.json" "${WORK}/j${jobs}.json")

elseif(CASE STREQUAL "unicode_path")
  # A fixture copied under a folder whose name has spaces and non-ASCII
  # characters gives the same facts as the fixture in place (the goldens).
  set(odd "dir with spaces/ünïcødé ✓ 名前")
  file(COPY "${FIXTURES}/projects/shared_header" DESTINATION "${WORK}/${odd}")
  e2e_scan_json(json WORKDIR "${WORK}" ARGS scan "${odd}/shared_header")
  file(READ "${E2E_DIR}/golden/shared_header.json" golden)
  foreach(member stats translation_units files functions)
    e2e_json(got "${json}" ${member})
    e2e_json(want "${golden}" ${member})
    if(NOT got STREQUAL want)
      e2e_fail("'${member}' differs from golden/shared_header.json:\n${got}\n--- expected:\n${want}")
    endif()
  endforeach()
  # The text report names the scanned path as given.
  e2e_run(text WORKDIR "${WORK}" ARGS scan "${odd}/shared_header" --quiet)
  e2e_expect_rc(text 0)
  e2e_expect_contains("text report" "${text_OUT}"
                      "scanned 3 translation units in ${odd}/shared_header (3 clean")

  # Files whose own names have spaces and non-ASCII characters.
  file(WRITE "${WORK}/names/src/módulo de señal.c"
       "#include \"cabecera común.h\"\nint señal(int x) { return doble(x) + 1; }\n")
  file(WRITE "${WORK}/names/include/cabecera común.h"
       "static inline int doble(int x) { return 2 * x; }\n")
  e2e_scan_json(json WORKDIR "${WORK}/names" ARGS scan .)
  e2e_expect_tu_status("${json}" "src/módulo de señal.c" clean)
  e2e_json_functions(fns "${json}")
  e2e_expect_in_list("functions" fns "src/módulo de señal.c:señal")
  e2e_expect_in_list("functions" fns "include/cabecera común.h:doble")

elseif(CASE STREQUAL "symlink_loop")
  # A link to an ancestor folder, a link to itself and a two-link cycle inside
  # the scanned tree: discovery must terminate and find the one real source.
  file(WRITE "${WORK}/proj/src/main.c" "int main(void) { return 0; }\n")
  file(CREATE_LINK ".." "${WORK}/proj/src/up" SYMBOLIC)
  file(CREATE_LINK "." "${WORK}/proj/here" SYMBOLIC)
  file(CREATE_LINK "self" "${WORK}/proj/self" SYMBOLIC)
  file(CREATE_LINK "cycle_b" "${WORK}/proj/cycle_a" SYMBOLIC)
  file(CREATE_LINK "cycle_a" "${WORK}/proj/cycle_b" SYMBOLIC)
  file(CREATE_LINK "cycle_a.c" "${WORK}/proj/src/cycle.c" SYMBOLIC)
  e2e_scan_json(json WORKDIR "${WORK}" ARGS scan proj)
  e2e_expect_tu_count("${json}" 1)
  e2e_expect_tu_status("${json}" src/main.c clean)

elseif(CASE STREQUAL "stale_database_entries")
  # Entries for deleted files and repeated entries are skipped with a
  # warning each; the rest of the database is used.
  file(WRITE "${WORK}/proj/src/a.c" "#ifndef FROM_DB\n#error no flags\n#endif\nint a(void) { return 0; }\n")
  file(WRITE "${WORK}/proj/compile_commands.json" [=[[
  {"directory": ".", "file": "src/a.c", "arguments": ["cc", "-DFROM_DB", "-c", "src/a.c"]},
  {"directory": ".", "file": "src/a.c", "arguments": ["cc", "-c", "src/a.c"]},
  {"directory": ".", "file": "src/deleted.c", "arguments": ["cc", "-c", "src/deleted.c"]}
]
]=])
  e2e_scan_json(json WORKDIR "${WORK}" ARGS scan proj -p proj)
  e2e_expect_tu_count("${json}" 1)
  e2e_expect_tu_status("${json}" src/a.c clean)
  e2e_json(warnings "${json}" warnings)
  e2e_json_length(n "${json}" warnings)
  if(NOT n EQUAL 2)
    e2e_fail("expected 2 warnings (repeated entry, missing file), got: ${warnings}")
  endif()
  e2e_json(first "${json}" warnings 0)
  e2e_expect_match("warning" "${first}" "compile_commands\\.json:3: entry 2: repeated entry")
  e2e_json(second "${json}" warnings 1)
  e2e_expect_match("warning" "${second}" "compile_commands\\.json:4: entry 3: .*deleted\\.c")

elseif(CASE STREQUAL "unity_build")
  # Without a database, a file that #includes two or more other sources of
  # the scan (Lua's onelua.c) is a unity build: skipped with a note, its
  # sources analysed on their own, the findings unchanged. A file including
  # one source (an implementation fragment), or a source outside the scan,
  # is parsed as usual.
  file(WRITE "${WORK}/u/a.c" "#include <string.h>\nvoid fa(char *d, const char *s) { strcpy(d, s); }\n")
  file(WRITE "${WORK}/u/b.c" "#include <string.h>\nvoid fb(char *d, const char *s) { strcat(d, s); }\n")
  file(WRITE "${WORK}/u/c.c" "int fc(int x) { return x + 1; }\n")
  file(WRITE "${WORK}/u/all.c" "/* one file */\n#define ONE 1\n#include \"a.c\"\n#include \"b.c\"\n"
    "#if 0\n#include \"missing.c\"\n#endif\n")
  file(WRITE "${WORK}/u/one.c" "#include \"c.c\"\nint g(void) { return fc(1); }\n")
  e2e_scan_json(json WORKDIR "${WORK}" ARGS scan u)
  e2e_expect_tu_count("${json}" 4)
  e2e_json(notes "${json}" notes)
  e2e_expect_contains("notes" "${notes}"
    "skipped 1 unity build that #include other sources of the scan, which are analysed on their own: all.c (2)")
  e2e_json(tus "${json}" translation_units)
  e2e_expect_not_contains("translation units" "${tus}" "all.c")
  e2e_expect_contains("translation units" "${tus}" "one.c")
  e2e_json(findings "${json}" findings)
  e2e_expect_contains("findings" "${findings}" "mem.unbounded-string-copy")
  e2e_expect_contains("findings" "${findings}" "\"file\" : \"a.c\"")
  e2e_expect_contains("findings" "${findings}" "\"file\" : \"b.c\"")
  # Named alone, the unity file is what the user asked for: it is parsed.
  e2e_scan_json(alone WORKDIR "${WORK}/u" ARGS scan all.c)
  e2e_expect_tu_count("${alone}" 1)

else()
  e2e_fail("unknown CASE '${CASE}'")
endif()
