# Every CI set-up of docs/ci.md (GitHub workflows with this repository's
# action.yml, GitLab CI, the shell recipes), run as written against a git
# repository the test makes, by ci_recipes.py (its docstring says what is
# stood in for and what must hold). Skipped without Python's yaml module or
# git.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

find_program(PYTHON3 NAMES python3)
find_program(GIT git)
if(NOT PYTHON3 OR NOT GIT)
  e2e_skip("python3 or git is missing")
endif()
execute_process(COMMAND "${PYTHON3}" -c "import yaml" RESULT_VARIABLE no_yaml
                OUTPUT_QUIET ERROR_QUIET)
if(NOT no_yaml EQUAL 0)
  e2e_skip("Python's yaml module is missing (apt-get install python3-yaml)")
endif()
execute_process(
  COMMAND "${PYTHON3}" "${E2E_DIR}/ci_recipes.py" --carcinize "${CARCINIZE}"
          --source "${SOURCE_DIR}" --work "${WORK}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 280)
if(NOT rc EQUAL 0)
  e2e_fail("ci_recipes.py exited with '${rc}':\n${out}\n${err}")
endif()
message(STATUS "${out}")
