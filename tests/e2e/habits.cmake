# The habits of C/C++ teams, end to end through the real binary: clang-tidy's
# suppression forms, rule selection by glob and negation, the severity
# filter, every documented configuration example, an 80-column report, the
# progress line's estimate, the help texts, the plan brief and the summary.
#
#   -DCASE=<name>   one of the cases below
#   -DSOURCE_DIR=<the repository>  (config_examples: README.md is read)
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

# lint(<prefix> <folder> <arg>...): `check --color never --fail-on none`.
macro(lint prefix dir)
  e2e_run(${prefix} WORKDIR "${dir}" ARGS check . --quiet --no-cache --color never
          --fail-on none ${ARGN})
endmacro()

# finding_lines(<out> <text> <file> <rule>): the lines of <file> where the
# check text reports <rule>, in order.
function(finding_lines out text file rule)
  string(REPLACE "." "\\." rx_file "${file}")
  string(REPLACE "." "\\." rx_rule "${rule}")
  string(REGEX MATCHALL "(^|\n)${rx_file}:[0-9]+:[0-9]+: [a-z]+: [^\n]*\\[${rx_rule}\\]"
         hits "${text}")
  set(lines "")
  foreach(h IN LISTS hits)
    string(REGEX REPLACE "^\n?${rx_file}:([0-9]+):.*$" "\\1" l "${h}")
    list(APPEND lines "${l}")
  endforeach()
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

# expect_lines(<what> <got> <want>...)
function(expect_lines what got)
  set(want "${ARGN}")
  if(NOT "${got}" STREQUAL "${want}")
    e2e_fail("${what}: lines '${got}', expected '${want}'")
  endif()
endfunction()

# rules_in(<out> <json report>): the sorted, distinct rule ids of its findings.
function(rules_in out json)
  e2e_json_length(n "${json}" findings)
  set(rules "")
  if(n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      e2e_json(r "${json}" findings ${i} rule)
      list(APPEND rules "${r}")
    endforeach()
  endif()
  list(REMOVE_DUPLICATES rules)
  list(SORT rules)
  set(${out} "${rules}" PARENT_SCOPE)
endfunction()

if(CASE STREQUAL "suppressions")
  # Each form on its own copy of the call; the comments say what must happen.
  file(WRITE "${WORK}/s/a.c" [[#include <string.h>
void f(char *d, const char *s) {
  strcpy(d, s); // NOLINT(carcinize-mem.unbounded-string-copy)
  // NOLINTNEXTLINE(bugprone-*, carcinize-mem.*)
  strcpy(d, s);
  // NOLINTBEGIN(carcinize-mem)
  strcpy(d, s);
  strcpy(d, s);
  // NOLINTEND(carcinize-mem)
  strcpy(d, s); // NOLINT
  strcpy(d, s); // NOLINT(*)
  strcpy(d, s); // cppcheck-suppress bufferAccessOutOfBounds
  strcpy(d, s); // nosemgrep: c.lang.security.strcpy
  // carcinize-ignore(mem.unbounded-strng-copy): misspelt
  strcpy(d, s);
  strcpy(d, s); // NOLINT(carcinize-mem.unbounded-strng-copy)
  // carcinize-ignore(mem.unbounded-*): a glob, with a reason
  strcpy(d, s);
  /* carcinize-ignore-begin(mem.*): audited */
  strcpy(d, s);
  /* carcinize-ignore-end */
}
]])
  lint(run "${WORK}/s")
  e2e_expect_rc(run 0)
  finding_lines(copies "${run_OUT}" a.c mem.unbounded-string-copy)
  # Honoured: 3, 5, 7, 8 (NOLINT forms), 18 and 20 (carcinize-ignore). Not:
  # bare NOLINT and NOLINT(*) (clang-tidy's), cppcheck-suppress and nosemgrep
  # (other tools' ids), and the two misspelt ids.
  expect_lines("unsuppressed copies" "${copies}" 10 11 12 13 15 16)
  finding_lines(invalid "${run_OUT}" a.c meta.invalid-suppression)
  expect_lines("misspelt ids" "${invalid}" 14 16)
  e2e_expect_contains("the check report" "${run_OUT}"
                      "'mem.unbounded-strng-copy' matches no rule id")
  # The JSON scan counts the suppressed with their reasons.
  e2e_scan_json(json WORKDIR "${WORK}/s" ARGS scan . --no-cache)
  e2e_expect_contains("the JSON report" "${json}" "a glob, with a reason")

elseif(CASE STREQUAL "selection")
  set(demo "${FIXTURES}/demo")
  e2e_scan_json(all WORKDIR "${demo}" ARGS scan . --no-cache)
  rules_in(all_rules "${all}")
  # A glob.
  e2e_scan_json(mem WORKDIR "${demo}" ARGS scan . --no-cache --rule "mem.*")
  rules_in(got "${mem}")
  foreach(r IN LISTS got)
    if(NOT r MATCHES "^mem\\.")
      e2e_fail("--rule 'mem.*' reported '${r}'")
    endif()
  endforeach()
  if(got STREQUAL "")
    e2e_fail("--rule 'mem.*' reported nothing")
  endif()
  # Negation as clang-tidy -checks: everything the configuration enables but.
  e2e_scan_json(neg WORKDIR "${demo}" ARGS scan . --no-cache "--rule=-mem.*,-trust.*")
  rules_in(got "${neg}")
  set(want "${all_rules}")
  list(FILTER want EXCLUDE REGEX "^(mem|trust)\\.")
  if(NOT got STREQUAL want)
    e2e_fail("--rule=-mem.*,-trust.*: rules '${got}', expected '${want}'")
  endif()
  # -* then a category, as clang-tidy users write it.
  e2e_scan_json(only WORKDIR "${demo}" ARGS scan . --no-cache "--rule=-*,heap.*")
  rules_in(got "${only}")
  set(want "${all_rules}")
  list(FILTER want INCLUDE REGEX "^heap\\.")
  if(NOT got STREQUAL want)
    e2e_fail("--rule=-*,heap.*: rules '${got}', expected '${want}'")
  endif()
  # Semgrep's --exclude-rule, repeated, a category by its bare name.
  e2e_scan_json(ex WORKDIR "${demo}" ARGS scan . --no-cache --exclude-rule "type.*"
                --exclude-rule trust)
  rules_in(got "${ex}")
  set(want "${all_rules}")
  list(FILTER want EXCLUDE REGEX "^(type|trust)\\.")
  if(NOT got STREQUAL want)
    e2e_fail("--exclude-rule: rules '${got}', expected '${want}'")
  endif()
  # Paths after a --rule stay paths.
  e2e_scan_json(after WORKDIR "${FIXTURES}" ARGS scan --no-cache --rule heap.manual-free demo)
  rules_in(got "${after}")
  if(NOT got STREQUAL "heap.manual-free")
    e2e_fail("--rule heap.manual-free demo: rules '${got}'")
  endif()
  # Errors: a pattern naming no rule, a selection leaving none.
  e2e_run(bad WORKDIR "${demo}" ARGS scan . --quiet --rule "mme.*")
  e2e_expect_usage_error(bad "--rule: 'mme\\.\\*' matches no rule id")
  e2e_run(none WORKDIR "${demo}" ARGS scan . --quiet "--rule=-*")
  e2e_expect_usage_error(none "leaves no rule to run")
  # --min-severity: check shows and fails on high and above only; the scan
  # says how many it left out.
  lint(min "${demo}" --min-severity high)
  e2e_expect_rc(min 0)
  string(REGEX MATCHALL "\n[^ \n]+:[0-9]+:[0-9]+: (low|medium|high|critical): " sevs "\n${min_OUT}")
  foreach(s IN LISTS sevs)
    if(s MATCHES "(low|medium): ")
      e2e_fail("--min-severity high reported a lower finding:\n${min_OUT}")
    endif()
  endforeach()
  list(LENGTH sevs nsev)
  if(nsev EQUAL 0)
    e2e_fail("--min-severity high reported nothing:\n${min_OUT}")
  endif()
  e2e_run(scanmin WORKDIR "${demo}" ARGS scan . --quiet --no-cache --min-severity high)
  e2e_expect_rc(scanmin 0)
  e2e_expect_match("scan --min-severity high" "${scanmin_OUT}"
                   "note: [0-9]+ findings below 'high' not shown \\(--min-severity\\)")
  e2e_expect_match("scan --min-severity high" "${scanmin_OUT}"
                   "Findings: [0-9]+ \\(0 critical, [0-9]+ high, 0 medium, 0 low\\)")

elseif(CASE STREQUAL "config_examples")
  # Every example of `carcinize init`, each commented line uncommented in
  # turn, and every YAML example of README.md, loaded by `config dump`.
  file(MAKE_DIRECTORY "${WORK}/init")
  e2e_run(init WORKDIR "${WORK}/init" ARGS init .)
  e2e_expect_rc(init 0)
  file(STRINGS "${WORK}/init/.carcinize.yaml" lines)
  set(text "")
  foreach(l IN LISTS lines)
    string(APPEND text "${l}\n")
  endforeach()
  e2e_run(dump WORKDIR "${WORK}/init" ARGS config dump .)
  e2e_expect_rc(dump 0)
  # The commented examples: a line "# key: value" or "# - item" (prose is
  # not YAML), with the lines under it indented further after the '#' (an
  # example's nested keys, a flow mapping's continuation) as one group.
  list(LENGTH lines n)
  math(EXPR last "${n} - 1")
  set(groups "")
  set(current "")
  foreach(i RANGE ${last})
    list(GET lines ${i} l)
    if(l MATCHES "^ *# ( *)(- |[A-Za-z0-9_.*\"-]+:( |$))")
      string(LENGTH "${CMAKE_MATCH_1}" inner)
      if(inner GREATER 0 AND NOT current STREQUAL "")
        string(APPEND current ",${i}")
        continue()
      endif()
      if(NOT current STREQUAL "")
        list(APPEND groups "${current}")
      endif()
      set(current "${i}")
    elseif(NOT current STREQUAL "")
      list(APPEND groups "${current}")
      set(current "")
    endif()
  endforeach()
  if(NOT current STREQUAL "")
    list(APPEND groups "${current}")
  endif()
  list(LENGTH groups ngroups)
  if(ngroups LESS 6)
    e2e_fail("only ${ngroups} commented examples found in the starter configuration:\n${text}")
  endif()
  # Each example uncommented alone, then all of them together.
  set(every "")
  foreach(g IN LISTS groups ITEMS ALL)
    if(g STREQUAL "ALL")
      string(REPLACE ";" "," members "${groups}")
    else()
      set(members "${g}")
    endif()
    string(REPLACE "," ";" members "${members}")
    set(edited "")
    set(shown "")
    foreach(j RANGE ${last})
      list(GET lines ${j} lj)
      if(j IN_LIST members)
        string(REGEX REPLACE "^( *)# " "\\1" lj "${lj}")
        string(APPEND shown "${lj}\n")
      endif()
      string(APPEND edited "${lj}\n")
    endforeach()
    file(WRITE "${WORK}/init/.carcinize.yaml" "${edited}")
    e2e_run(one WORKDIR "${WORK}/init" ARGS config dump .)
    if(NOT one_RC EQUAL 0 OR NOT one_ERR STREQUAL "")
      e2e_fail("the starter configuration with this uncommented does not load cleanly "
               "(rc ${one_RC}):\n${shown}\n${one_ERR}")
    endif()
  endforeach()

  # The README's configuration examples: each ```yaml block that starts
  # with "version: 1" is a .carcinize.yaml.
  file(READ "${SOURCE_DIR}/README.md" readme)
  string(REGEX MATCHALL "```yaml\nversion: 1\n[^`]*```" blocks "${readme}")
  list(LENGTH blocks nblocks)
  if(nblocks EQUAL 0)
    e2e_fail("README.md has no ```yaml block starting with 'version: 1'")
  endif()
  set(k 0)
  foreach(b IN LISTS blocks)
    string(REGEX REPLACE "^```yaml\n" "" b "${b}")
    string(REGEX REPLACE "```$" "" b "${b}")
    file(MAKE_DIRECTORY "${WORK}/readme${k}")
    file(WRITE "${WORK}/readme${k}/.carcinize.yaml" "${b}")
    e2e_run(r WORKDIR "${WORK}/readme${k}" ARGS config dump .)
    if(NOT r_RC EQUAL 0 OR NOT r_ERR STREQUAL "")
      e2e_fail("README.md's example does not load cleanly (rc ${r_RC}):\n${b}\n${r_ERR}")
    endif()
    math(EXPR k "${k} + 1")
  endforeach()
  # The README's shorthand, and style.* (the issue's case), load; a typo of
  # 'off' says what is allowed; a glob matching nothing warns.
  file(MAKE_DIRECTORY "${WORK}/short")
  file(WRITE "${WORK}/short/.carcinize.yaml"
       "version: 1\nrules:\n  mem.pointer-arithmetic: off\n  heap.*: high\n  type.c-style-cast: on\n")
  e2e_run(short WORKDIR "${WORK}/short" ARGS config dump .)
  e2e_expect_rc(short 0)
  file(WRITE "${WORK}/short/.carcinize.yaml" "version: 1\nrules:\n  style.*: off\n")
  e2e_run(style WORKDIR "${WORK}/short" ARGS config dump .)
  e2e_expect_rc(style 0)
  e2e_expect_match("config dump with style.*" "${style_ERR}"
                   "^carcinize: warning: [^\n]*\\.carcinize\\.yaml:3:3: 'style\\.\\*' matches no rule")
  file(WRITE "${WORK}/short/.carcinize.yaml" "version: 1\nrules:\n  mem.pointer-arithmetic: of\n")
  e2e_run(of WORKDIR "${WORK}/short" ARGS scan . --quiet)
  e2e_expect_usage_error(of "\\.carcinize\\.yaml:3:27: 'mem\\.pointer-arithmetic': 'of' is not a rule setting: write off, on, a severity \\(low, medium, high, critical\\)")
  file(WRITE "${WORK}/short/.carcinize.yaml" "version: 1\nrules:\n  mem.unbounded-strng-copy: off\n")
  e2e_run(typo WORKDIR "${WORK}/short" ARGS scan . --quiet)
  e2e_expect_usage_error(typo "unknown rule id 'mem\\.unbounded-strng-copy'")

elseif(CASE STREQUAL "width")
  # --width 80, and a terminal of 80 columns (a pty from script(1), COLUMNS
  # as the shell sets it): no line wider; without either, into a pipe, long
  # lines are kept whole (for grep).
  set(demo "${FIXTURES}/demo")
  e2e_run(wide WORKDIR "${demo}" ARGS scan . --quiet --no-cache)
  e2e_run(w80 WORKDIR "${demo}" ARGS scan . --quiet --no-cache --width 80)
  e2e_expect_rc(w80 0)
  function(widest out text)
    string(REPLACE ";" "," text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    set(max 0)
    foreach(l IN LISTS lines)
      string(LENGTH "${l}" len)
      if(len GREATER max)
        set(max ${len})
      endif()
    endforeach()
    set(${out} ${max} PARENT_SCOPE)
  endfunction()
  widest(max_wide "${wide_OUT}")
  widest(max_80 "${w80_OUT}")
  if(max_wide LESS_EQUAL 80)
    e2e_fail("the demo report is ${max_wide} columns wide unwrapped: the test proves nothing")
  endif()
  if(max_80 GREATER 80)
    e2e_fail("--width 80: a line is ${max_80} columns wide:\n${w80_OUT}")
  endif()
  # Nothing lost: the words are the same, in the same order.
  string(REGEX REPLACE "[ \n]+" " " words_wide "${wide_OUT}")
  string(REGEX REPLACE "[ \n]+" " " words_80 "${w80_OUT}")
  if(NOT words_wide STREQUAL words_80)
    e2e_fail("--width 80 changed the words of the report:\n${w80_OUT}")
  endif()
  find_program(SCRIPT script)
  if(NOT SCRIPT)
    e2e_skip("no script(1) to give carcinize a terminal")
  endif()
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env COLUMNS=80 TERM=dumb
      "${SCRIPT}" -qec "'${CARCINIZE}' scan . --quiet --no-cache" /dev/null
    WORKING_DIRECTORY "${demo}" RESULT_VARIABLE rc OUTPUT_VARIABLE tty ERROR_VARIABLE err
    TIMEOUT 120)
  if(NOT rc EQUAL 0)
    e2e_fail("scan on a pty exited with ${rc}:\n${tty}${err}")
  endif()
  string(REPLACE "\r" "" tty "${tty}")
  widest(max_tty "${tty}")
  if(max_tty GREATER 80 OR max_tty LESS 60)
    e2e_fail("on an 80-column terminal the widest line is ${max_tty} columns:\n${tty}")
  endif()

elseif(CASE STREQUAL "progress")
  # On a terminal the progress line says how long is left once one
  # translation unit was parsed (three here, parsed one at a time).
  find_program(SCRIPT script)
  if(NOT SCRIPT)
    e2e_skip("no script(1) to give carcinize a terminal")
  endif()
  foreach(n 1 2 3)
    file(WRITE "${WORK}/p/f${n}.c" "int f${n}(int x) { return x * ${n}; }\n")
  endforeach()
  execute_process(
    COMMAND "${SCRIPT}" -qec "'${CARCINIZE}' scan . --no-cache -j 1 -o /dev/null" /dev/null
    WORKING_DIRECTORY "${WORK}/p" RESULT_VARIABLE rc OUTPUT_VARIABLE tty ERROR_VARIABLE err
    TIMEOUT 120)
  if(NOT rc EQUAL 0)
    e2e_fail("scan on a pty exited with ${rc}:\n${tty}${err}")
  endif()
  e2e_expect_match("the progress line" "${tty}"
                   "\\[1/3\\] [0-9.]+s, (a few seconds|about [0-9]+ (s|min|h)) left")

elseif(CASE STREQUAL "help")
  # scan promises no exit code 1 (check has --fail-on); plan has no shards.
  e2e_run(scan ARGS scan --help)
  e2e_expect_rc(scan 0)
  e2e_expect_not_contains("scan --help" "${scan_OUT}" "1 findings")
  e2e_expect_not_contains("scan --help" "${scan_OUT}" "1 (check)")
  e2e_expect_contains("scan --help" "${scan_OUT}" "Exit codes: 0 the report was written, 2")
  e2e_run(check ARGS check --help)
  e2e_expect_contains("check --help" "${check_OUT}" "1 findings at or above --fail-on")
  e2e_run(plan ARGS plan --help)
  e2e_expect_rc(plan 0)
  foreach(opt --shard --save-facts)
    e2e_expect_not_contains("plan --help" "${plan_OUT}" "${opt}")
    e2e_expect_contains("scan --help" "${scan_OUT}" "${opt}")
  endforeach()
  foreach(opt "--rule" "--exclude-rule" "--min-severity" "--width")
    e2e_expect_contains("scan --help" "${scan_OUT}" "${opt}")
  endforeach()

elseif(CASE STREQUAL "plan")
  # A module called from product code and from tests; a pointer typedef, a
  # struct behind a pointer, a struct by value, an enum and an integer
  # typedef in its interface: every Rust type the brief names is defined.
  file(WRITE "${WORK}/p/src/lib.h" [[
typedef struct stream_s stream;
typedef stream *streamp;
typedef unsigned long ulen;
struct pair { int a, b; };
enum mode { MODE_A, MODE_B };
int lib_feed(streamp s, const unsigned char *buf, ulen len);
int lib_pair(struct pair p, enum mode m, stream *raw);
]])
  file(WRITE "${WORK}/p/src/lib.c" [[
#include "lib.h"
#include <string.h>
struct stream_s { char buf[16]; };
int lib_feed(streamp s, const unsigned char *buf, ulen len) {
  memcpy(s->buf, buf, len);
  strcpy(s->buf, (const char *)buf);
  return s->buf[len];
}
int lib_pair(struct pair p, enum mode m, stream *raw) { return p.a + p.b + m + raw->buf[0]; }
]])
  file(WRITE "${WORK}/p/tests/test_lib.c"
       "#include \"../src/lib.h\"\nint t1(void) { return lib_pair((struct pair){1, 2}, MODE_A, 0); }\n")
  file(WRITE "${WORK}/p/src/zmain.c"
       "#include \"lib.h\"\nint app(streamp s) { return lib_feed(s, 0, 0); }\n")
  file(WRITE "${WORK}/p/src/amain.c"
       "#include \"lib.h\"\nint boot(streamp s, struct pair p) { return lib_pair(p, MODE_B, s); }\n")
  e2e_run(plan WORKDIR "${WORK}/p" ARGS plan src/lib.c . --quiet --no-cache)
  e2e_expect_rc(plan 0)
  set(brief "${plan_OUT}")
  # Callers: product first, by file and line; tests apart.
  string(FIND "${brief}" "`boot` (src/amain.c" at_boot)
  string(FIND "${brief}" "`app` (src/zmain.c" at_app)
  string(FIND "${brief}" "In tests, examples, fuzzers and benchmarks (1)" at_tests)
  string(FIND "${brief}" "`t1` (tests/test_lib.c" at_t1)
  if(at_boot EQUAL -1 OR at_app EQUAL -1 OR at_t1 EQUAL -1 OR at_tests EQUAL -1 OR
     NOT at_boot LESS at_app OR NOT at_app LESS at_tests OR NOT at_tests LESS at_t1)
    e2e_fail("callers are not product first (by file), then tests:\n${brief}")
  endif()
  # Findings: the most severe first.
  string(REGEX MATCHALL "\n\\| (low|medium|high|critical) \\| src/lib\\.c:" rows "${brief}")
  set(prev 9)
  foreach(r IN LISTS rows)
    string(REGEX REPLACE "^\n\\| ([a-z]+) .*" "\\1" sev "${r}")
    list(FIND "low;medium;high;critical" "${sev}" rank_sev)
    if(rank_sev GREATER prev)
      e2e_fail("findings are not by severity:\n${brief}")
    endif()
    set(prev ${rank_sev})
  endforeach()
  list(LENGTH rows nrows)
  if(nrows LESS 2)
    e2e_fail("the brief lists ${nrows} findings of src/lib.c:\n${brief}")
  endif()
  # Every Rust type used in a signature is defined in the brief.
  string(REGEX MATCHALL "pub unsafe extern \"C\" fn [^\n]*" sigs "${brief}")
  set(used "")
  foreach(s IN LISTS sigs)
    string(REGEX MATCHALL "[:>] (\\*(const|mut) )*[A-Z][A-Za-z0-9_]*" types "${s}")
    foreach(t IN LISTS types)
      string(REGEX REPLACE "^[:>] (\\*(const|mut) )*" "" t "${t}")
      list(APPEND used "${t}")
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES used)
  if(NOT "Streamp" IN_LIST used OR NOT "Pair" IN_LIST used)
    e2e_fail("the signatures do not name the types the test expects ('${used}'):\n${brief}")
  endif()
  foreach(t IN LISTS used)
    if(NOT brief MATCHES "\npub (struct|type) ${t}[ ;=]")
      e2e_fail("the brief uses the Rust type '${t}' without defining it:\n${brief}")
    endif()
  endforeach()
  e2e_expect_contains("the brief" "${brief}" "pub type Streamp = *mut c_void;")
  e2e_expect_contains("the brief" "${brief}" "pub type Mode = c_int;")
  e2e_expect_match("the brief" "${brief}" "#\\[repr\\(C\\)\\]\npub struct Stream \\{")
  e2e_expect_match("the brief" "${brief}" "use std::os::raw::\\{[^}]*c_void")
  # Checked by rustc when there is one: the types and signatures compile.
  find_program(RUSTC rustc)
  if(RUSTC)
    set(rs "#![allow(dead_code, unused_imports, unused_variables, non_camel_case_types)]\n")
    set(rest "${brief}")
    while(TRUE)
      string(FIND "${rest}" "```rust\n" b)
      if(b EQUAL -1)
        break()
      endif()
      math(EXPR b "${b} + 8")
      string(SUBSTRING "${rest}" ${b} -1 rest)
      string(FIND "${rest}" "\n```\n" e)
      string(SUBSTRING "${rest}" 0 ${e} block)
      string(APPEND rs "${block}\n")
      string(SUBSTRING "${rest}" ${e} -1 rest)
    endwhile()
    file(WRITE "${WORK}/brief.rs" "${rs}")
    execute_process(COMMAND "${RUSTC}" --crate-type lib --edition 2021 -o "${WORK}/brief.rlib"
                            "${WORK}/brief.rs"
      RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      e2e_fail("the brief's Rust does not compile:\n${err}\n${rs}")
    endif()
  endif()

elseif(CASE STREQUAL "summary")
  # A tree with C and some Rust: every section, the share of Rust counted
  # from the .rs files (a link and Cargo's target/ left out).
  file(COPY "${FIXTURES}/demo/" DESTINATION "${WORK}/t")
  file(WRITE "${WORK}/t/rust/src/lib.rs"
       "// a comment line\n\npub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n")
  file(WRITE "${WORK}/t/rust/target/debug/build/gen.rs" "pub fn generated() {}\n")
  file(CREATE_LINK "${WORK}/t/rust/src/lib.rs" "${WORK}/t/rust/src/again.rs" SYMBOLIC)
  e2e_run(sum WORKDIR "${WORK}/t" ARGS summary . --quiet --no-cache)
  e2e_expect_rc(sum 0)
  set(page "${sum_OUT}")
  foreach(heading "# What to rewrite in Rust first" "## What was scanned"
                  "## The three modules to start with" "## Estimated effort"
                  "## Already memory-safe" "## What to measure in the pilot")
    e2e_expect_contains("the summary" "${page}" "${heading}")
  endforeach()
  e2e_expect_match("the summary" "${page}" "Seen: 100% of the translation units were parsed")
  # Three modules, in the ranking's order, each with its evidence.
  e2e_scan_json(json WORKDIR "${WORK}/t" ARGS scan . --no-cache)
  foreach(i 0 1 2)
    e2e_json(name "${json}" modules ${i} module)
    math(EXPR n "${i} + 1")
    string(REPLACE "." "\\." rx "${name}")
    e2e_expect_match("the summary" "${page}"
                     "\n${n}\\. \\*\\*${rx}\\*\\*: [0-9]+ code lines, [^\n]+\\.\n")
  endforeach()
  e2e_expect_not_contains("the summary" "${page}" "\n4. **")
  # 3 Rust lines (the comment and the blank line are not code) beside the C.
  e2e_expect_match("the summary" "${page}"
                   "of the code is Rust: 3 lines in 1 file, beside [0-9]+ lines of C and C\\+\\+")
  foreach(word latency throughput "error rates" CPU memory A/B)
    e2e_expect_contains("the pilot section" "${page}" "${word}")
  endforeach()
  e2e_expect_match("the effort section" "${page}" "\n- [^\n]+: about [0-9.]+ person-days \\(effort [0-9.]+ [^\n]+, from [0-9]+ code lines[^\n]+person-days \\(rounded up to half days\\): [0-9]+ code lines at 100 a day")

else()
  e2e_fail("unknown CASE '${CASE}'")
endif()
