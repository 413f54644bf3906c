# The real pre-commit framework runs the hook of .pre-commit-hooks.yaml in a
# temporary git repository: a commit adding strcpy is rejected with the
# finding shown, and the fixed commit passes.
#   -DHOOKS=<the repository's .pre-commit-hooks.yaml>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

find_program(PRE_COMMIT pre-commit)
find_program(GIT git)
if(NOT PRE_COMMIT OR NOT GIT)
  e2e_skip("pre-commit or git is not installed (tools/bootstrap.sh --optional)")
endif()

# The hook runs `carcinize` from the PATH (language: system).
get_filename_component(bindir "${CARCINIZE}" DIRECTORY)
set(ENV{PATH} "${bindir}:$ENV{PATH}")
# pre-commit's cache, git's configuration: private to the test.
set(ENV{PRE_COMMIT_HOME} "${WORK}/pre-commit-home")
set(ENV{GIT_CONFIG_GLOBAL} "${WORK}/gitconfig")
set(ENV{GIT_CONFIG_NOSYSTEM} "1")
file(WRITE "${WORK}/gitconfig"
  "[user]\n\tname = carcinize-test\n\temail = test@example.invalid\n"
  "[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n")

function(run_in dir prefix)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${dir}" RESULT_VARIABLE _rc
    OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 240)
  set(${prefix}_RC "${_rc}" PARENT_SCOPE)
  set(${prefix}_OUT "${_out}${_err}" PARENT_SCOPE)
endfunction()
function(must dir)
  run_in("${dir}" _r ${ARGN})
  if(NOT _r_RC EQUAL 0)
    e2e_fail("`${ARGN}` in ${dir} failed (${_r_RC}):\n${_r_OUT}")
  endif()
endfunction()

# The hook repository: this repository's hook definition, committed.
set(hooks "${WORK}/hooks")
file(MAKE_DIRECTORY "${hooks}")
configure_file("${HOOKS}" "${hooks}/.pre-commit-hooks.yaml" COPYONLY)
must("${hooks}" git init -q)
must("${hooks}" git add .pre-commit-hooks.yaml)
must("${hooks}" git commit -q -m hooks)
run_in("${hooks}" rev git rev-parse HEAD)
string(STRIP "${rev_OUT}" rev)

# The project that uses it.
set(proj "${WORK}/project")
file(MAKE_DIRECTORY "${proj}")
must("${proj}" git init -q)
file(WRITE "${proj}/.pre-commit-config.yaml"
  "repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: carcinize\n")
file(WRITE "${proj}/README" "a project\n")
must("${proj}" git add -A)
must("${proj}" git commit -q -m start)
must("${proj}" "${PRE_COMMIT}" install)

# 1. Adding strcpy is rejected, with the finding shown.
file(WRITE "${proj}/greet.c"
  "#include <string.h>\n"
  "void greet(char *out, const char *name) {\n"
  "  strcpy(out, name);\n"
  "}\n")
must("${proj}" git add greet.c)
run_in("${proj}" bad git commit -m "add greet")
if(bad_RC EQUAL 0)
  e2e_fail("the commit adding strcpy was accepted:\n${bad_OUT}")
endif()
e2e_expect_contains("pre-commit's output" "${bad_OUT}" "Failed")
e2e_expect_contains("pre-commit's output" "${bad_OUT}"
  "greet.c:3:3: high: 'strcpy' copies 'name' into 'out' with no bound on the length [mem.unbounded-string-copy]")
run_in("${proj}" log git log --oneline)
e2e_expect_not_contains("git log" "${log_OUT}" "add greet")

# 2. The fixed file passes, and the commit is made.
file(WRITE "${proj}/greet.c"
  "#include <stdio.h>\n"
  "void greet(char *out, unsigned long size, const char *name) {\n"
  "  snprintf(out, size, \"%s\", name);\n"
  "}\n")
must("${proj}" git add greet.c)
run_in("${proj}" good git commit -m "add greet")
if(NOT good_RC EQUAL 0)
  e2e_fail("the fixed commit was rejected:\n${good_OUT}")
endif()
e2e_expect_contains("pre-commit's output" "${good_OUT}" "Passed")
run_in("${proj}" log git log --oneline)
e2e_expect_contains("git log" "${log_OUT}" "add greet")
