# The git history read by default (rank/History.h, check/GitHistory.h): a
# repository built here, scanned by the real binary.
#   CASE=order      a module whose commits fixed an overflow ranks above its
#                   twin; the reason, the JSON and the note say so
#   CASE=off        --no-history: the twins tie, no history in the report
#   CASE=no_repo    an exported tree: the note says why there is no history
#   CASE=shallow    a shallow clone: likewise
#   CASE=hostile    the repository's config names programs for the pager,
#                   the external diff, textconv and fsmonitor: none runs
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

find_program(GIT git)
if(NOT GIT)
  e2e_skip("git is not installed")
endif()

set(repo "${WORK}/repo")
file(MAKE_DIRECTORY "${repo}")

# git_at(<date> <args>...): git in the repository, dated, without the user's
# identity or signing.
function(git_at date)
  set(ENV{GIT_AUTHOR_DATE} "${date}")
  set(ENV{GIT_COMMITTER_DATE} "${date}")
  execute_process(COMMAND "${GIT}" -c user.name=carcinize-test -c user.email=test@example.invalid
                          -c commit.gpgsign=false ${ARGN}
    WORKING_DIRECTORY "${repo}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    e2e_fail("git ${ARGN} failed (${_rc}):\n${_out}\n${_err}")
  endif()
endfunction()

# Two modules of the same code: only their history differs.
function(write_twin name tweak)
  file(WRITE "${repo}/${name}.c"
    "#include <string.h>\n#include <unistd.h>\n"
    "int parse_${name}(int fd, char *out) {\n"
    "  char buf[64];\n"
    "  ssize_t n = read(fd, buf, sizeof buf - 1);\n"
    "  if (n <= 0)\n    return -1;\n"
    "  buf[n] = 0;\n"
    "  strcpy(out, buf);${tweak}\n"
    "  return (int)n;\n}\n")
endfunction()

git_at("2024-01-10T12:00:00Z" init -q)
write_twin(a "")
write_twin(b "")
git_at("2024-01-10T12:00:00Z" add -A)
git_at("2024-01-10T12:00:00Z" commit -q -m "Initial import")
write_twin(b " /* tidy */")
git_at("2024-02-10T12:00:00Z" commit -q -a -m "parse: tidy")
write_twin(b " /* checked */")
git_at("2024-03-05T12:00:00Z" commit -q -a -m "Fix heap overflow in parse_b (CVE-2024-0001)")

# module_index(<out> <json> <module>): the index of <module> in modules.
function(module_index out json name)
  e2e_json_length(n "${json}" modules)
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    e2e_json(m "${json}" modules ${i} module)
    if(m STREQUAL name)
      set(${out} ${i} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  e2e_fail("no module '${name}' in:\n${json}")
endfunction()

if(CASE STREQUAL "order")
  e2e_run(j WORKDIR "${repo}" ARGS scan . --rank-by value --format json -q --no-cache)
  e2e_expect_rc(j 0)
  e2e_json(first "${j_OUT}" modules 0 module)
  if(NOT first STREQUAL "b.c")
    e2e_fail("b.c, changed three times and fixed once, should rank first by value:\n${j_OUT}")
  endif()
  e2e_json(commits "${j_OUT}" modules 0 history commits)
  e2e_json(fixes "${j_OUT}" modules 0 history fix_commits)
  e2e_json(latest "${j_OUT}" modules 0 history latest_fix)
  e2e_json(subject "${j_OUT}" modules 0 history latest_fix_subject)
  if(NOT commits EQUAL 3 OR NOT fixes EQUAL 1 OR NOT latest STREQUAL "2024-03"
     OR NOT subject STREQUAL "Fix heap overflow in parse_b (CVE-2024-0001)")
    e2e_fail("b.c's history: ${commits} commits, ${fixes} fixes, latest ${latest} '${subject}'")
  endif()
  e2e_json(v "${j_OUT}" modules 0 value)
  e2e_json(v0 "${j_OUT}" modules 0 value_without_history)
  module_index(ai "${j_OUT}" a.c)
  e2e_json(av "${j_OUT}" modules ${ai} value)
  e2e_json(av0 "${j_OUT}" modules ${ai} value_without_history)
  e2e_json(ac "${j_OUT}" modules ${ai} history commits)
  if(NOT v GREATER v0 OR NOT v0 EQUAL av0 OR NOT ac EQUAL 1 OR NOT av GREATER_EQUAL av0)
    e2e_fail("values: b.c ${v} (without history ${v0}), a.c ${av} (without ${av0}, ${ac} commits)")
  endif()
  e2e_run(t WORKDIR "${repo}" ARGS scan . --rank-by value -q --no-cache --width 0)
  e2e_expect_contains("the reason" "${t_OUT}"
    "changed in 3 commits in the last 24 months (latest 2024-03); 1 commit in the last 60 months says it fixed a memory-safety bug (latest 2024-03: 'Fix heap overflow in parse_b (CVE-2024-0001)', matched 'cve-')")
  e2e_expect_contains("the note" "${t_OUT}"
    "note: history: 3 commits of the 60 months before HEAD (2024-03) touch the scanned files")
  # A folder of the tree: its paths are relative to it, and the history too.
  file(MAKE_DIRECTORY "${repo}/sub")
  file(COPY "${repo}/a.c" DESTINATION "${repo}/sub")
  git_at("2024-03-06T12:00:00Z" add sub/a.c)
  git_at("2024-03-06T12:00:00Z" commit -q -m "sub: fix a crash")
  e2e_run(s WORKDIR "${repo}" ARGS scan sub --format json -q --no-cache)
  e2e_json(sf "${s_OUT}" modules 0 history fix_commits)
  e2e_json(sm "${s_OUT}" modules 0 module)
  if(NOT sm STREQUAL "a.c" OR NOT sf EQUAL 1)
    e2e_fail("scanning sub/: module '${sm}' with ${sf} fixes:\n${s_OUT}")
  endif()

elseif(CASE STREQUAL "off")
  e2e_run(j WORKDIR "${repo}" ARGS scan . --rank-by value --format json -q --no-cache --no-history)
  e2e_expect_rc(j 0)
  e2e_expect_not_contains("the report" "${j_OUT}" "\"history\"")
  e2e_expect_not_contains("the report" "${j_OUT}" "history:")
  e2e_json(first "${j_OUT}" modules 0 module)
  e2e_json(v0 "${j_OUT}" modules 0 value)
  e2e_json(v1 "${j_OUT}" modules 1 value)
  if(NOT first STREQUAL "a.c" OR NOT v0 EQUAL v1)
    e2e_fail("without history the twins tie (a.c first by name):\n${j_OUT}")
  endif()
  # --history is accepted: it is the default.
  e2e_run(h WORKDIR "${repo}" ARGS scan . --history --format json -q --no-cache)
  e2e_expect_rc(h 0)
  e2e_expect_contains("the report" "${h_OUT}" "\"history\"")

elseif(CASE STREQUAL "no_repo")
  file(MAKE_DIRECTORY "${WORK}/export")
  file(COPY "${repo}/a.c" "${repo}/b.c" DESTINATION "${WORK}/export")
  e2e_run(j WORKDIR "${WORK}/export" ARGS scan . --rank-by value --format json -q --no-cache)
  e2e_expect_rc(j 0)
  e2e_expect_not_contains("the report" "${j_OUT}" "\"history\"")
  e2e_expect_contains("the note" "${j_OUT}"
    "history: not used (not inside a git work tree): the ranking is of the code alone")

elseif(CASE STREQUAL "shallow")
  execute_process(COMMAND "${GIT}" clone -q --depth 1 "file://${repo}" "${WORK}/shallow"
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    e2e_fail("git clone --depth 1: ${err}")
  endif()
  e2e_run(j WORKDIR "${WORK}/shallow" ARGS scan . --format json -q --no-cache)
  e2e_expect_rc(j 0)
  e2e_expect_not_contains("the report" "${j_OUT}" "\"history\"")
  e2e_expect_contains("the note" "${j_OUT}" "history: not used (a shallow clone")

elseif(CASE STREQUAL "hostile")
  set(marker "${WORK}/ran")
  file(WRITE "${WORK}/evil.sh" "#!/bin/sh\necho \"$0 $*\" >> '${marker}'\nexit 0\n")
  file(CHMOD "${WORK}/evil.sh" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  file(WRITE "${repo}/.gitattributes" "*.c diff=evil\n")
  foreach(kv "core.pager" "diff.external" "diff.evil.textconv" "core.fsmonitor"
             "gpg.program" "core.sshCommand")
    git_at("2024-03-06T12:00:00Z" config "${kv}" "${WORK}/evil.sh")
  endforeach()
  git_at("2024-03-06T12:00:00Z" config log.showSignature true)
  # HEAD re-written with a signature header: a log that shows signatures
  # runs gpg.program on it.
  execute_process(COMMAND "${GIT}" -C "${repo}" cat-file commit HEAD OUTPUT_VARIABLE c)
  string(FIND "${c}" "\n\n" at)
  string(SUBSTRING "${c}" 0 ${at} head)
  string(SUBSTRING "${c}" ${at} -1 rest)
  file(WRITE "${WORK}/signed.txt" "${head}\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----${rest}")
  execute_process(COMMAND "${GIT}" -C "${repo}" hash-object -t commit -w "${WORK}/signed.txt"
    OUTPUT_VARIABLE signed OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    e2e_fail("git hash-object of the signed commit failed")
  endif()
  git_at("2024-03-06T12:00:00Z" update-ref HEAD "${signed}")
  # Plain git runs the signature program for a log like carcinize's.
  execute_process(COMMAND "${GIT}" -C "${repo}" log --name-only --format=%s -- .
    INPUT_FILE /dev/null OUTPUT_QUIET ERROR_QUIET TIMEOUT 60)
  if(NOT EXISTS "${marker}")
    e2e_fail("the hostile gpg.program did not run with plain 'git log': the test proves nothing")
  endif()
  file(REMOVE "${marker}")
  # The settings are live: plain git runs the program.
  execute_process(COMMAND "${GIT}" -C "${repo}" log -1 -p --ext-diff
    INPUT_FILE /dev/null OUTPUT_QUIET ERROR_QUIET TIMEOUT 60)
  if(NOT EXISTS "${marker}")
    e2e_fail("the hostile config did not run with plain 'git log -p': the test proves nothing")
  endif()
  file(REMOVE "${marker}")
  e2e_run(j WORKDIR "${repo}" ARGS scan . --format json -q --no-cache)
  e2e_expect_rc(j 0)
  e2e_expect_contains("the report" "${j_OUT}" "\"fix_commits\": 1")
  if(EXISTS "${marker}")
    file(READ "${marker}" ran)
    e2e_fail("carcinize let git run a program of the repository's config:\n${ran}")
  endif()

else()
  e2e_fail("unknown CASE '${CASE}'")
endif()
