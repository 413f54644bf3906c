# Issue 17, "safe on untrusted trees and on its own files": the tree, its
# compilation database, its .carcinize.yaml, a restored cache and the facts
# and baseline files carcinize is handed may all be written by an attacker.
# Each case is one row of that matrix (docs/reliability.md, "Threat model").
#   -DCASE=<one of the cases below>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(tree "${WORK}/tree")
file(MAKE_DIRECTORY "${tree}")
file(WRITE "${tree}/ok.c" "#include <string.h>\nvoid ok(char *d, const char *s) { strcpy(d, s); }\n")

# sh(<command> [<dir>]): a shell command (links, FIFOs, redirections).
function(sh command)
  set(dir "${tree}")
  if(ARGC GREATER 1)
    set(dir "${ARGV1}")
  endif()
  execute_process(COMMAND sh -c "${command}" WORKING_DIRECTORY "${dir}" RESULT_VARIABLE _rc
    ERROR_VARIABLE _err TIMEOUT 240)
  if(NOT _rc EQUAL 0)
    e2e_fail("sh -c '${command}' failed (${_rc}): ${_err}")
  endif()
endfunction()

# expect_unchanged(<file> <contents>): a file outside the tree kept its bytes.
function(expect_unchanged path contents)
  file(READ "${path}" now)
  if(NOT now STREQUAL contents)
    e2e_fail("${path} was overwritten; it now holds:\n${now}")
  endif()
endfunction()

# A file the attacker wants overwritten or quoted, outside the tree.
set(victim "${WORK}/victim.txt")
set(victim_text "precious\nTOPSECRET-LINE-2\n")
file(WRITE "${victim}" "${victim_text}")

# deep(<out> <levels>): a JSON array nested <levels> deep.
function(deep out levels)
  string(REPEAT "[" ${levels} open)
  string(REPEAT "]" ${levels} close)
  set(${out} "${open}${close}" PARENT_SCOPE)
endfunction()

# worker_pids(<out> [<seconds>]): processes running carcinize (the binary
# under test) whose folder is the tree, the scan's workers; waits up to
# <seconds> for them to go (a killed worker is reaped by PID 1 a moment after
# its parent died: not a timing assertion, the bound is far beyond need).
function(worker_pids out)
  set(wait 0)
  if(ARGC GREATER 1)
    set(wait ${ARGV1})
  endif()
  set(script [=[
i=0
while :; do
  left=""
  for p in /proc/[0-9]*; do
    if [ "$(readlink $p/exe 2>/dev/null)" = "$1" ] && [ "$(readlink $p/cwd 2>/dev/null)" = "$2" ]; then
      left="$left ${p#/proc/}"
    fi
  done
  if [ -z "$left" ] || [ $i -ge $(($3 * 5)) ]; then break; fi
  sleep 0.2; i=$((i + 1))
done
echo $left
]=])
  execute_process(COMMAND sh -c "${script}" sh "${CARCINIZE}" "${tree}" "${wait}"
    OUTPUT_VARIABLE pids OUTPUT_STRIP_TRAILING_WHITESPACE)
  separate_arguments(pids UNIX_COMMAND "${pids}")
  set(${out} "${pids}" PARENT_SCOPE)
endfunction()

if(CASE STREQUAL "cache_link_entry")
  # 1. A cache entry and the stored exposure replaced by links to a file
  # outside: a changed header makes the rescan store both again.
  file(WRITE "${tree}/a.h" "int helper(void);\n")
  file(WRITE "${tree}/a.c" "#include \"a.h\"\n#include <string.h>\nvoid a(char *d, const char *s) { strcpy(d, s); }\n")
  set(cache "${WORK}/cache")
  e2e_run(first WORKDIR "${tree}" ARGS scan . --quiet --cache-dir "${cache}")
  e2e_expect_rc(first 0)
  file(GLOB_RECURSE entries "${cache}/*.facts")
  list(LENGTH entries n)
  if(n LESS 2 OR NOT EXISTS "${cache}/analysis/exposure")
    e2e_fail("the first scan stored ${n} entries and no exposure: ${entries}")
  endif()
  foreach(e ${entries} "${cache}/analysis/exposure")
    file(REMOVE "${e}")
    file(CREATE_LINK "${victim}" "${e}" SYMBOLIC)
  endforeach()
  file(WRITE "${tree}/a.h" "int helper(void);\nint more(void);\n")
  e2e_run(second WORKDIR "${tree}" ARGS scan . --quiet --format json --cache-dir "${cache}")
  e2e_expect_rc(second 0)
  expect_unchanged("${victim}" "${victim_text}")
  e2e_expect_contains("the rescan" "${second_OUT}" "'strcpy' copies 's' into 'd'")
  # The links were replaced by entries of carcinize's own (ok.c's link was
  # not carcinize's entry either: a miss, parsed and stored again).
  foreach(e ${entries} "${cache}/analysis/exposure")
    if(IS_SYMLINK "${e}")
      e2e_fail("${e} is still a link")
    endif()
  endforeach()

elseif(CASE STREQUAL "cache_link_folder")
  # 1. A cache folder replaced by a link to another folder: nothing is
  # written there, the scan goes on without storing (with a warning).
  file(WRITE "${tree}/a.h" "int helper(void);\n")
  file(WRITE "${tree}/ok.c" "#include \"a.h\"\n#include <string.h>\nvoid ok(char *d, const char *s) { strcpy(d, s); }\n")
  set(cache "${WORK}/cache")
  e2e_run(first WORKDIR "${tree}" ARGS scan . --quiet --cache-dir "${cache}")
  e2e_expect_rc(first 0)
  file(GLOB_RECURSE entries "${cache}/*.facts")
  list(GET entries 0 entry)
  get_filename_component(sub "${entry}" DIRECTORY)
  set(elsewhere "${WORK}/elsewhere")
  file(MAKE_DIRECTORY "${elsewhere}")
  file(REMOVE_RECURSE "${sub}")
  file(CREATE_LINK "${elsewhere}" "${sub}" SYMBOLIC)
  # A changed header: same key, so the same (linked) folder is written.
  file(WRITE "${tree}/a.h" "int helper(void);\nint more(void);\n")
  e2e_run(second WORKDIR "${tree}" ARGS scan . --quiet --cache-dir "${cache}")
  e2e_expect_rc(second 0)
  file(GLOB written "${elsewhere}/*")
  if(written)
    e2e_fail("the scan wrote through the linked cache folder: ${written}")
  endif()
  e2e_expect_contains("the warning" "${second_ERR}" "is a symbolic link")
  # The whole cache folder a link: the same.
  file(RENAME "${cache}" "${WORK}/cache-real")
  file(CREATE_LINK "${elsewhere}" "${cache}" SYMBOLIC)
  file(WRITE "${tree}/a.h" "int helper(void);\n")
  e2e_run(third WORKDIR "${tree}" ARGS scan . --quiet --cache-dir "${cache}")
  e2e_expect_rc(third 0)
  e2e_expect_contains("the warning" "${third_ERR}" "is a symbolic link")
  file(GLOB written "${elsewhere}/*")
  if(written)
    e2e_fail("the scan wrote into the linked cache: ${written}")
  endif()

elseif(CASE STREQUAL "deep_json")
  # 2. JSON nested 50,000 levels: exit 2 naming the file and the position,
  # for each JSON input.
  deep(doc 50000)
  file(WRITE "${tree}/compile_commands.json" "${doc}")
  e2e_run(db WORKDIR "${tree}" ARGS scan . --quiet)
  e2e_expect_usage_error(db "compile_commands\\.json:1:257: JSON nested deeper than 256 levels")
  file(REMOVE "${tree}/compile_commands.json")
  file(WRITE "${WORK}/deep.json" "${doc}")
  e2e_run(base WORKDIR "${tree}" ARGS check . --quiet --baseline "${WORK}/deep.json")
  e2e_expect_usage_error(base "deep\\.json:1:257: JSON nested deeper than 256 levels")
  e2e_run(facts WORKDIR "${tree}" ARGS scan . --quiet --facts "${WORK}/deep.json")
  e2e_expect_usage_error(facts "deep\\.json:1:257: JSON nested deeper than 256 levels")
  # A record deep inside a facts file that is otherwise valid.
  e2e_run(save WORKDIR "${tree}" ARGS scan . --quiet --no-cache --save-facts "${WORK}/f.jsonl")
  e2e_expect_rc(save 0)
  file(APPEND "${WORK}/f.jsonl" "{\"finding\":${doc}}\n")
  file(STRINGS "${WORK}/f.jsonl" lines)
  list(LENGTH lines n)
  e2e_run(merge WORKDIR "${tree}" ARGS merge "${WORK}/f.jsonl" -o "${WORK}/merged.jsonl")
  e2e_expect_usage_error(merge "f\\.jsonl:${n}:267: JSON nested deeper than 256 levels")
  if(EXISTS "${WORK}/merged.jsonl")
    e2e_fail("merge wrote its output")
  endif()

elseif(CASE STREQUAL "facts_outside_root")
  # 3. A facts file and a baseline naming files outside the root: the
  # report never quotes them.
  e2e_run(save WORKDIR "${tree}" ARGS scan . --quiet --no-cache --save-facts "${WORK}/f.jsonl")
  e2e_expect_rc(save 0)
  file(READ "${WORK}/f.jsonl" facts)
  foreach(name "../victim.txt" "${victim}" "sub/../../victim.txt")
    string(REPLACE "\"file\":\"ok.c\",\"line\":2" "\"file\":\"${name}\",\"line\":2" evil "${facts}")
    if(evil STREQUAL facts)
      e2e_fail("the facts file has no finding at ok.c:2:\n${facts}")
    endif()
    file(WRITE "${WORK}/evil.jsonl" "${evil}")
    foreach(format text json sarif github markdown)
      e2e_run(c WORKDIR "${tree}" ARGS check . --quiet --fail-on none --format ${format}
        --facts "${WORK}/evil.jsonl")
      e2e_expect_rc(c 0)
      e2e_expect_not_contains("check --format ${format} with '${name}'" "${c_OUT}" "TOPSECRET")
    endforeach()
    e2e_run(h WORKDIR "${tree}" ARGS scan . --quiet --format html --facts "${WORK}/evil.jsonl")
    e2e_expect_not_contains("the HTML report with '${name}'" "${h_OUT}" "TOPSECRET")
  endforeach()

elseif(CASE MATCHES "^flags_")
  # 4. Database flags that would make the parse write or load files. The
  # scan runs without a cache, with its own HOME; nothing may appear
  # anywhere in the work folder but what the test wrote.
  file(WRITE "${tree}/m.c" "#include <stddef.h>\n#include <stdarg.h>\nsize_t m(void) { return sizeof(va_list); }\n")
  set(home "${WORK}/home")
  file(MAKE_DIRECTORY "${home}" "${WORK}/out")
  set(ENV{HOME} "${home}")
  set(ENV{XDG_CACHE_HOME} "${home}/.cache")
  set(o "${WORK}/out")
  if(CASE STREQUAL "flags_modules")
    set(flags "\"-fmodules\", \"-fcxx-modules\", \"-fimplicit-module-maps\"")
    set(flags2 "\"-fmodules\", \"-fmodules-cache-path=${o}/mcache\"")
  elseif(CASE STREQUAL "flags_save_temps")
    set(flags "\"-save-temps\"")
    set(flags2 "\"-save-temps=obj\", \"-o\", \"${o}/m.o\"")
  elseif(CASE STREQUAL "flags_time_trace")
    set(flags "\"-ftime-trace\"")
    set(flags2 "\"-ftime-trace=${o}/trace.json\"")
  elseif(CASE STREQUAL "flags_serialized_diagnostics")
    set(flags "\"--serialize-diagnostics\", \"${o}/m.dia\"")
    set(flags2 "\"-MJ\", \"${o}/cdb.json\"")
  elseif(CASE STREQUAL "flags_reproducers")
    set(flags "\"-fcrash-diagnostics-dir=${o}/crash\", \"-gen-reproducer=always\"")
    set(flags2 "\"-gen-cdb-fragment-path\", \"${o}/frag\", \"-fproc-stat-report=${o}/stat\"")
  elseif(CASE STREQUAL "flags_loads")
    # Loads: a precompiled header, a file-system overlay that would hide
    # m.c's includes, a driver configuration file that adds -fmodules.
    file(WRITE "${o}/overlay.yaml" "{ 'version': 0, 'roots': [] }\n")
    file(WRITE "${o}/evil.cfg" "-fmodules -fmodules-cache-path=${o}/viacfg\n")
    set(flags "\"-ivfsoverlay\", \"${o}/overlay.yaml\", \"--config=${o}/evil.cfg\"")
    set(flags2 "\"-include-pch\", \"${o}/none.pch\", \"-mllvm\", \"-stats\"")
  else()
    e2e_fail("unknown CASE '${CASE}'")
  endif()
  file(WRITE "${tree}/compile_commands.json" "[
  {\"directory\": \"${tree}\", \"file\": \"m.c\", \"arguments\": [\"clang\", ${flags}, \"-c\", \"m.c\"]},
  {\"directory\": \"${tree}\", \"file\": \"ok.c\", \"arguments\": [\"clang\", ${flags2}, \"-c\", \"ok.c\"]}
]
")
  file(GLOB_RECURSE before LIST_DIRECTORIES true "${WORK}/*")
  e2e_run(s WORKDIR "${tree}" ARGS scan . --quiet --no-cache --format json)
  e2e_expect_rc(s 0)
  e2e_expect_tu_status("${s_OUT}" "m.c" clean)
  e2e_expect_tu_status("${s_OUT}" "ok.c" clean)
  e2e_expect_contains("the report" "${s_OUT}" "'strcpy' copies 's' into 'd'")
  file(GLOB_RECURSE after LIST_DIRECTORIES true "${WORK}/*")
  list(REMOVE_ITEM after ${before})
  if(after)
    e2e_fail("the scan wrote: ${after}")
  endif()

elseif(CASE STREQUAL "workers_die_with_parent")
  # 5. kill -9 of the parent, then SIGHUP: no worker survives either.
  set(ENV{CARCINIZE_INJECT_HANG} "ok.c")
  set(script [=[
"$1" scan . --quiet --no-cache -j 1 >/dev/null 2>&1 &
pid=$!
i=0
# Until the worker (a child of the scan) is parsing.
while [ -z "$(cat /proc/$pid/task/*/children 2>/dev/null)" ] && [ $i -lt 600 ]; do
  sleep 0.1; i=$((i + 1))
done
kill -KILL $pid
wait $pid
echo $?
]=])
  execute_process(COMMAND sh -c "${script}" sh "${CARCINIZE}" WORKING_DIRECTORY "${tree}"
    OUTPUT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE TIMEOUT 240)
  if(NOT rc EQUAL 137)
    e2e_fail("the scan was not killed (exit ${rc})")
  endif()
  worker_pids(left 30)
  if(left)
    execute_process(COMMAND kill -9 ${left})
    e2e_fail("workers outlived their killed parent: ${left}")
  endif()

elseif(CASE STREQUAL "sighup")
  # 5. SIGHUP (a closed terminal) stops the scan like SIGTERM: exit 129,
  # the message, no report, no worker left.
  set(ENV{CARCINIZE_INJECT_HANG} "ok.c")
  set(script [=[
"$1" scan . --quiet --no-cache -j 1 -o "$2" >/dev/null 2>"$2.err" &
pid=$!
i=0
while [ -z "$(cat /proc/$pid/task/*/children 2>/dev/null)" ] && [ $i -lt 600 ]; do
  sleep 0.1; i=$((i + 1))
done
kill -HUP $pid
wait $pid
echo $?
]=])
  execute_process(COMMAND sh -c "${script}" sh "${CARCINIZE}" "${WORK}/report.txt"
    WORKING_DIRECTORY "${tree}" OUTPUT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE TIMEOUT 240)
  file(READ "${WORK}/report.txt.err" err)
  if(NOT rc EQUAL 129)
    e2e_fail("SIGHUP: exit ${rc}, expected 129\n${err}")
  endif()
  worker_pids(left 30)
  if(left)
    execute_process(COMMAND kill -9 ${left})
  endif()
  e2e_expect_contains("stderr" "${err}" "interrupted by SIGHUP; no report was written")
  if(EXISTS "${WORK}/report.txt")
    e2e_fail("SIGHUP left a report")
  endif()
  if(left)
    execute_process(COMMAND kill -9 ${left})
    e2e_fail("workers outlived the SIGHUP: ${left}")
  endif()

elseif(CASE STREQUAL "glob_cost")
  # 6. Globs whose matching has no bound are refused where they are written.
  string(REPEAT "*" 20000 stars)
  file(WRITE "${tree}/.carcinize.yaml" "version: 1\nexclude:\n  - \"${stars}\"\n")
  e2e_run(a WORKDIR "${tree}" ARGS scan . --quiet)
  e2e_expect_usage_error(a "\\.carcinize\\.yaml:3:[0-9]+: 'exclude': the glob is 20000 characters long")
  string(REPEAT "**/" 20 slashes)
  file(WRITE "${tree}/.carcinize.yaml" "version: 1\nmodules:\n  - name: m\n    paths: [\"${slashes}x\"]\n")
  e2e_run(b WORKDIR "${tree}" ARGS scan . --quiet)
  e2e_expect_usage_error(b "\\.carcinize\\.yaml:4:[0-9]+: 'paths': the glob has 40 '\\*'; at most 32")
  file(REMOVE "${tree}/.carcinize.yaml")
  e2e_run(c WORKDIR "${tree}" ARGS scan . --quiet --exclude "${slashes}x")
  e2e_expect_usage_error(c "--exclude '\\*\\*/.*: the glob has 40 '\\*'")
  # Within the limits, the worst glob on a deep path still matches quickly.
  string(REPEAT "**/" 10 ten)
  string(REPEAT "d/" 100 deep)
  file(MAKE_DIRECTORY "${tree}/${deep}")
  file(WRITE "${tree}/${deep}/x.c" "int x;\n")
  e2e_run(d WORKDIR "${tree}" ARGS scan . --quiet --format json --exclude "${ten}y")
  e2e_expect_rc(d 0)
  e2e_expect_tu_status("${d_OUT}" "${deep}x.c" clean)

elseif(CASE STREQUAL "stdout_errors")
  # 7. A report that cannot be written to standard output is exit 2.
  foreach(redirect ">&-" "> /dev/full")
    foreach(cmd "scan . --no-cache" "scan . --no-cache --format json" "check . --no-cache --fail-on none" "config dump")
      execute_process(COMMAND sh -c "\"$1\" ${cmd} --quiet ${redirect}" sh "${CARCINIZE}"
        WORKING_DIRECTORY "${tree}" RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 240)
      if(cmd STREQUAL "config dump")
        execute_process(COMMAND sh -c "\"$1\" config dump ${redirect}" sh "${CARCINIZE}"
          WORKING_DIRECTORY "${tree}" RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 240)
      endif()
      if(NOT rc EQUAL 2 OR NOT err MATCHES "^carcinize: error: cannot write the report")
        e2e_fail("carcinize ${cmd} ${redirect}: exit ${rc}, expected 2 and an error:\n${err}")
      endif()
    endforeach()
  endforeach()

elseif(CASE STREQUAL "link_outside_root")
  # 8. A link in the tree to a source outside it is not parsed; the report
  # says why.
  file(WRITE "${WORK}/outside/evil.c" "#include <string.h>\nvoid evil(char *d, const char *s) { strcpy(d, s); }\n")
  file(CREATE_LINK "${WORK}/outside/evil.c" "${tree}/linked.c" SYMBOLIC)
  # A link to a file inside the tree is still followed.
  file(MAKE_DIRECTORY "${tree}/sub")
  file(WRITE "${tree}/sub/real.c" "int real(void) { return 1; }\n")
  file(CREATE_LINK "${tree}/sub/real.c" "${tree}/alias.c" SYMBOLIC)
  e2e_run(s WORKDIR "${tree}" ARGS scan . --quiet --no-cache --format json)
  e2e_expect_rc(s 0)
  e2e_json_tu_files(files "${s_OUT}")
  if("linked.c" IN_LIST files)
    e2e_fail("the link to a file outside the root was parsed: ${files}")
  endif()
  e2e_expect_in_list("the translation units" files "alias.c")
  e2e_expect_not_contains("the report" "${s_OUT}" "evil")
  e2e_expect_contains("the warnings" "${s_OUT}" "linked.c: a symbolic link to a file outside the scanned root; not scanned")

elseif(CASE STREQUAL "non_regular_inputs")
  # 9. Named inputs that are devices, pipes or folders, or too big.
  foreach(opt --config --profile --facts --baseline)
    if(opt STREQUAL "--baseline")
      set(cmd check)
    else()
      set(cmd scan)
    endif()
    e2e_run(r WORKDIR "${tree}" ARGS ${cmd} . --quiet --no-cache ${opt} /dev/zero)
    e2e_expect_usage_error(r "^carcinize: error: /dev/zero: the [a-z ]+ must be a regular file, not a character device")
  endforeach()
  e2e_run(m WORKDIR "${tree}" ARGS merge /dev/zero -o "${WORK}/m.jsonl")
  e2e_expect_usage_error(m "/dev/zero: the facts file must be a regular file")
  sh("mkfifo '${WORK}/fifo'")
  e2e_run(f WORKDIR "${tree}" ARGS scan . --quiet --no-cache --config "${WORK}/fifo")
  e2e_expect_usage_error(f "fifo: the configuration file must be a regular file, not a pipe")
  file(WRITE "${tree}/compile_commands.json" "")
  sh("truncate -s 17M '${WORK}/big.yaml'")
  e2e_run(b WORKDIR "${tree}" ARGS scan . --quiet --no-cache --config "${WORK}/big.yaml")
  e2e_expect_usage_error(b "big\\.yaml: the configuration file is 17825792 bytes; at most 16777216 are read")

elseif(CASE STREQUAL "long_line")
  # 10. A finding on a 10 MB one-line file: the snippet and its caret are
  # clipped around the column.
  file(WRITE "${WORK}/long.sh" [=[
printf '#include <string.h>\n'
printf 'static const char pad[] = "'
head -c 10000000 /dev/zero | tr '\000' a
printf '"; void f(char *d, const char *s) { strcpy(d, s); }\n'
]=])
  sh("sh '${WORK}/long.sh' > long.c")
  e2e_run(c WORKDIR "${tree}" OUTPUT_FILE "${WORK}/check.txt" ARGS check long.c --quiet --no-cache --fail-on none)
  e2e_expect_rc(c 0)
  file(SIZE "${WORK}/check.txt" size)
  if(size GREATER 4000)
    e2e_fail("check's report of long.c is ${size} bytes")
  endif()
  file(READ "${WORK}/check.txt" text)
  e2e_expect_match("the snippet" "${text}" " 2 \\| \\.\\.\\.a+\"; void f\\(char \\*d, const char \\*s\\) { strcpy\\(d, s\\); }\n")
  # The caret sits under 'strcpy'.
  string(REGEX MATCH " 2 \\| ([^\n]*)\n   \\| ( *)\\^" m "${text}")
  string(FIND "${CMAKE_MATCH_1}" "strcpy" at)
  string(LENGTH "${CMAKE_MATCH_2}" caret)
  if(at EQUAL -1 OR NOT at EQUAL caret)
    e2e_fail("the caret is at ${caret}, 'strcpy' at ${at}:\n${text}")
  endif()

elseif(CASE STREQUAL "scan_text_escapes")
  # 10. File names holding escape sequences are shown escaped by scan's text
  # report too (check's already was).
  string(ASCII 27 esc)
  file(WRITE "${tree}/${esc}]0;pwned${esc}[2J.c" "#include <string.h>\nvoid g(char *d, const char *s) { strcat(d, s); }\nint complex(int x) { if (x) { if (x > 1) return 2; } return 0; }\n")
  e2e_run(s WORKDIR "${tree}" ARGS scan . --quiet --no-cache)
  e2e_expect_rc(s 0)
  e2e_expect_not_contains("scan's text report" "${s_OUT}" "${esc}")
  e2e_expect_contains("scan's text report" "${s_OUT}" "\\x1b[2J.c")

elseif(CASE STREQUAL "config_link_outside_root")
  # The .carcinize.yaml found in the tree is a link to a file outside it: it
  # is not read (an error quoting its first key would leak it into CI logs).
  file(WRITE "${WORK}/secret.yaml" "TOPSECRET: 1\n")
  file(CREATE_LINK "${WORK}/secret.yaml" "${tree}/.carcinize.yaml" SYMBOLIC)
  e2e_run(s WORKDIR "${tree}" ARGS scan . --quiet --no-cache)
  e2e_expect_not_contains("stderr" "${s_ERR}" "TOPSECRET")
  e2e_expect_not_contains("stdout" "${s_OUT}" "TOPSECRET")
  e2e_expect_usage_error(s "\\.carcinize\\.yaml: a symbolic link to a file outside the scanned root")

else()
  e2e_fail("hostile_files.cmake: unknown CASE '${CASE}'")
endif()
