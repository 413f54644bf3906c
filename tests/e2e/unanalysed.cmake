# `check` fails closed: a file it was asked about and did not analyse is an
# error in every format and exit code 3, unless allowed; a file the
# compilation database does not list is analysed with interpolated flags.
#   -DCASE=<name>   one of the cases below
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

# A private copy of fixtures/projects/unanalysed (some cases edit it).
file(COPY "${FIXTURES}/projects/unanalysed/" DESTINATION "${WORK}/p")
set(p "${WORK}/p")

macro(check_run prefix)
  e2e_run(${prefix} WORKDIR "${p}" ARGS check --quiet --no-cache ${ARGN})
endmacro()


if(CASE STREQUAL "interpolated")
  # new.c is not in the database: it borrows a.c's flags (-Iinclude
  # -DBUF_LEN=64, without which it cannot parse), says so, and its finding
  # is reported: exit 1 for the high finding, not 3.
  check_run(c -p . src/new.c)
  e2e_expect_rc(c 1)
  e2e_expect_contains("the report" "${c_OUT}" "src/new.c:6:3: high: 'strcpy'")
  e2e_expect_contains("the report" "${c_OUT}"
    "warning: src/new.c: not in the compilation database; analysed with flags interpolated from its entry for src/a.c")
  e2e_expect_not_contains("the report" "${c_OUT}" "error:")
  # And the TU parsed clean (no problems): the interpolated -D and -I were used.
  check_run(j -p . src/new.c --format json)
  e2e_expect_rc(j 1)
  e2e_json_length(n "${j_OUT}" problems)
  if(NOT n EQUAL 0)
    e2e_fail("src/new.c did not parse clean with the interpolated flags:\n${j_OUT}")
  endif()

elseif(CASE STREQUAL "diff")
  # A pull request adds new.c (untracked, not in the database): check --diff
  # analyses it with interpolated flags and reports its finding.
  find_program(GIT git)
  if(NOT GIT)
    e2e_skip("git is not installed")
  endif()
  file(RENAME "${p}/src/new.c" "${WORK}/new.c")
  file(REMOVE "${p}/src/broken.c")
  foreach(args "init;-q" "add;-A" "commit;-q;-m;base")
    execute_process(COMMAND "${GIT}" -c user.name=t -c user.email=t@example.invalid
                            -c commit.gpgsign=false ${args}
      WORKING_DIRECTORY "${p}" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      e2e_fail("git ${args} failed")
    endif()
  endforeach()
  file(RENAME "${WORK}/new.c" "${p}/src/new.c")
  check_run(c -p . --diff HEAD .)
  e2e_expect_rc(c 1)
  e2e_expect_contains("the report" "${c_OUT}" "src/new.c:6:3: high: 'strcpy'")
  e2e_expect_contains("the report" "${c_OUT}" "flags interpolated from its entry for src/a.c")

elseif(CASE STREQUAL "interpolated_broken")
  # A pull request adds a file that does not compile: not in the database,
  # it borrows a.c's flags, and the error in the file itself under them
  # fails the gate (exit 3), as it would with its own entry.
  file(READ "${p}/src/broken.c" text)
  file(WRITE "${p}/src/added.c" "${text}")
  check_run(t -p . src/added.c --fail-on none)
  e2e_expect_rc(t 3)
  e2e_expect_contains("the report" "${t_OUT}"
    "error: src/added.c: does not compile with flags interpolated from the compilation database (")
  e2e_expect_contains("the report" "${t_OUT}" "first in the file: src/added.c:5:")
  # Its neighbour new.c, which compiles under the same flags, passes.
  check_run(n -p . src/new.c --fail-on none)
  e2e_expect_rc(n 0)

elseif(CASE STREQUAL "no_flags")
  # An empty database: nothing to interpolate from, so new.c is not
  # analysed. Exit 3 in every format, whatever --fail-on says.
  file(WRITE "${p}/empty.json" "[]\n")
  check_run(t -p empty.json src/new.c --fail-on none)
  e2e_expect_rc(t 3)
  e2e_expect_contains("the report" "${t_OUT}"
    "error: src/new.c: not analysed: the compilation database empty.json does not list it and no flags could be interpolated for it\n")
  e2e_expect_contains("the report" "${t_OUT}"
    "error: 1 file asked about was not analysed: its findings are missing (exit code 3; --allow-unanalysed to accept)\n")
  # --allow-unanalysed: a warning, and the exit code of the findings (none).
  check_run(a -p empty.json src/new.c --allow-unanalysed)
  e2e_expect_rc(a 0)
  e2e_expect_contains("the report" "${a_OUT}" "warning: src/new.c: not analysed:")
  e2e_expect_not_contains("the report" "${a_OUT}" "error:")
  # The same from the configuration.
  file(WRITE "${p}/.carcinize.yaml" "check:\n  allow_unanalysed: true\n")
  check_run(k -p empty.json src/new.c)
  e2e_expect_rc(k 0)
  e2e_expect_contains("the report" "${k_OUT}" "warning: src/new.c: not analysed:")

elseif(CASE STREQUAL "broken" OR CASE STREQUAL "crash" OR CASE STREQUAL "timeout")
  # A file that does not compile with its database flags, a parse that
  # crashes, a parse that never ends: exit 3 and the file named, in every
  # format.
  set(args -p . --fail-on none)
  if(CASE STREQUAL "broken")
    set(file src/broken.c)
    set(why "does not compile with the flags of the compilation database")
  elseif(CASE STREQUAL "crash")
    set(file src/a.c)
    set(why "not analysed: the parser crashed")
    set(ENV{CARCINIZE_INJECT_CRASH} "a.c")
  else()
    set(file src/a.c)
    set(why "not analysed: the parser timed out after 2 s (--tu-timeout)")
    set(ENV{CARCINIZE_INJECT_HANG} "a.c")
    list(APPEND args --tu-timeout 2)
  endif()
  check_run(t ${args} ${file})
  e2e_expect_rc(t 3)
  e2e_expect_contains("the text report" "${t_OUT}" "error: ${file}: ${why}")

  check_run(j ${args} ${file} --format json)
  e2e_expect_rc(j 3)
  e2e_json(n "${j_OUT}" summary unanalysed)
  if(NOT n EQUAL 1)
    e2e_fail("JSON summary.unanalysed is '${n}', expected 1:\n${j_OUT}")
  endif()
  e2e_json(f "${j_OUT}" unanalysed 0 file)
  e2e_json(r "${j_OUT}" unanalysed 0 reason)
  if(NOT f STREQUAL file)
    e2e_fail("JSON unanalysed[0].file is '${f}'")
  endif()
  e2e_expect_contains("JSON unanalysed[0].reason" "${r}" "${why}")

  check_run(s ${args} ${file} --format sarif)
  e2e_expect_rc(s 3)
  e2e_json(ok "${s_OUT}" runs 0 invocations 0 executionSuccessful)
  if(NOT ok STREQUAL "OFF" AND NOT ok STREQUAL "false")
    e2e_fail("SARIF executionSuccessful is '${ok}', expected false")
  endif()
  e2e_json(note "${s_OUT}" runs 0 invocations 0 toolExecutionNotifications 0)
  e2e_json(level "${note}" level)
  e2e_json(id "${note}" descriptor id)
  e2e_json(uri "${note}" locations 0 physicalLocation artifactLocation uri)
  if(NOT level STREQUAL "error" OR NOT id STREQUAL "file-not-analysed" OR NOT uri STREQUAL file)
    e2e_fail("SARIF's first notification is not the error for ${file}: ${note}")
  endif()

  check_run(g ${args} ${file} --format github)
  e2e_expect_rc(g 3)
  e2e_expect_match("GitHub annotations" "${g_OUT}"
    "(^|\n)::error file=${file},title=carcinize%3A file not analysed::${file}: ")

  check_run(q ${args} ${file} --format codequality)
  e2e_expect_rc(q 3)
  e2e_json(cn "${q_OUT}" 0 check_name)
  e2e_json(cp "${q_OUT}" 0 location path)
  e2e_json(cs "${q_OUT}" 0 severity)
  if(NOT cn STREQUAL "carcinize.not-analysed" OR NOT cp STREQUAL file OR NOT cs STREQUAL "blocker")
    e2e_fail("Code Quality's first issue is not the file not analysed: ${q_OUT}")
  endif()

  check_run(m ${args} ${file} --format markdown)
  e2e_expect_rc(m 3)
  e2e_expect_contains("the Markdown summary" "${m_OUT}" "### Error: 1 file not analysed")
  unset(ENV{CARCINIZE_INJECT_CRASH})
  unset(ENV{CARCINIZE_INJECT_HANG})

else()
  e2e_fail("unknown CASE '${CASE}'")
endif()
